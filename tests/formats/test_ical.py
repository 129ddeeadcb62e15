"""Calendar files, checked with icalendar and with vobject (an independent parser)."""

from datetime import datetime, timedelta, timezone

import icalendar
import pytest
import vobject

from meeting.extensions import db
from meeting.formats.ical import (
    Links,
    build_cancel,
    build_invite,
    build_person_calendar,
    invite_uid,
    serialize,
    session_uid,
)
from meeting.programme.editing import update_session
from tests.conftest import load_published

UTC = timezone.utc
FEED = "/segments/ecosoc-2020-integration-segment/feed.ics"
LINKS = Links(programme="http://127.0.0.1/segments/x/", portal="http://127.0.0.1/p/TOKEN/")
STAMP = datetime(2020, 7, 1, 12, 0, tzinfo=UTC)


def parse_both(body: bytes):
    """(icalendar Calendar, vobject component) for the same bytes."""
    return icalendar.Calendar.from_ical(body), vobject.readOne(body.decode("utf-8"))


def events_by_uid(cal) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def assert_wire_format(body: bytes):
    """CRLF everywhere, no line over 75 octets, no UTF-8 character split by folding."""
    assert b"\n" not in body.replace(b"\r\n", b"")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a character


def test_segment_feed_publish_with_exact_utc_times(client, app):
    load_published()
    response = client.get(FEED)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="ecosoc-2020-integration-segment.ics"')
    assert_wire_format(response.data)
    cal, vcal = parse_both(response.data)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "2020 ECOSOC Integration Segment"
    assert str(cal["NAME"]) == "2020 ECOSOC Integration Segment"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.data
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in response.data
    events = events_by_uid(cal)
    assert len(events) == 11  # tech checks are not public
    from meeting.models import Session

    s2 = db.session.scalar(db.select(Session).where(Session.code == "S2"))
    event = events[session_uid(s2)]
    assert event.decoded("DTSTART") == datetime(2020, 7, 6, 13, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2020, 7, 6, 15, 0, tzinfo=UTC)
    assert int(event["SEQUENCE"]) == 0
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    v_events = {e.uid.value: e for e in vcal.vevent_list}
    v2 = v_events[session_uid(s2)]
    assert v2.dtstart.value == datetime(2020, 7, 6, 13, 30, tzinfo=UTC)
    assert v2.dtend.value == datetime(2020, 7, 6, 15, 0, tzinfo=UTC)
    assert v2.sequence.value == "0"
    assert v2.summary.value == s2.title
    assert "Lead discussant: H.E. Minister of Agriculture and Farmers Welfare, India" in (
        v2.description.value)


def test_segment_feed_moved_session_same_uid_higher_sequence(client, app):
    load_published()
    from meeting.models import Session

    s3 = db.session.scalar(db.select(Session).where(Session.code == "S3"))
    first = client.get(FEED)
    update_session(s3, start=s3.start + timedelta(minutes=30))
    db.session.commit()
    second = client.get(FEED, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    event = events_by_uid(icalendar.Calendar.from_ical(second.data))[session_uid(s3)]
    assert event.decoded("DTSTART") == datetime(2020, 7, 6, 15, 45, tzinfo=UTC)
    assert int(event["SEQUENCE"]) == 1


def test_segment_feed_unchanged_answers_304(client, app):
    load_published()
    first = client.get(FEED)
    again = client.get(FEED, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


def test_segment_feed_cancelled_session_disappears(client, app):
    load_published()
    from meeting.models import Session

    s4 = db.session.scalar(db.select(Session).where(Session.code == "S4"))
    update_session(s4, status="cancelled")
    db.session.commit()
    events = events_by_uid(icalendar.Calendar.from_ical(client.get(FEED).data))
    assert session_uid(s4) not in events
    assert len(events) == 10


def test_segment_download_is_an_attachment(client, app):
    load_published()
    response = client.get("/segments/ecosoc-2020-integration-segment/programme.ics")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="ecosoc-2020-integration-segment.ics"')


@pytest.fixture
def hard_names(make_person, make_session, make_participation):
    from meeting.models import Organization

    org = Organization(key="civ", name="Côte d'Ivoire", kind="member-state")
    person = make_person(
        key="lead-civ",
        name='Ministre du Plan; "Développement", Côte d\'Ivoire 中国 العربية',
        organization=org,
        email="ministre@example.org",
        timezone="Africa/Abidjan",
    )
    session = make_session(
        code="S9",
        title="Débat: systèmes alimentaires, nutrition; 中国 and العربية\nsecond line",
        passcode="12;34,56",
        join_url="https://example.org/join/s9",
    )
    return make_participation(session=session, person=person, role="lead-discussant",
                              position=2, minutes=5, status="confirmed")


def test_person_calendar_hard_text_round_trips_in_both_parsers(hard_names):
    participation = hard_names
    body = serialize(build_person_calendar(participation.person, [participation], LINKS))
    assert_wire_format(body)
    cal, vcal = parse_both(body)
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == participation.session.title
    assert vcal.vevent.summary.value == participation.session.title
    assert "Passcode: 12;34,56" in vcal.vevent.description.value
    assert vcal.vevent.uid.value == invite_uid(participation.session, participation.person)
    assert str(cal["X-WR-CALNAME"]) == f"My sessions: {participation.person.name}"
    assert vcal.vevent.valarm.trigger.value == timedelta(minutes=-15)
    assert vcal.vevent.valarm.action.value == "DISPLAY"


def test_invite_request_one_attendee_with_rsvp(hard_names):
    participation = hard_names
    body = serialize(build_invite(participation, LINKS, "secretariat@example.org",
                                  "ECOSOC Secretariat, Integration Segment", sequence=3,
                                  stamp=STAMP))
    assert_wire_format(body)
    cal, vcal = parse_both(body)
    assert str(cal["METHOD"]) == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 3
    assert event.decoded("DTSTAMP") == STAMP
    attendees = vcal.vevent.contents["attendee"]
    assert len(attendees) == 1
    attendee = attendees[0]
    assert attendee.value == "mailto:ministre@example.org"
    assert attendee.params["CN"] == ["Ministre du Plan; 'Développement', Côte d'Ivoire 中国 العربية"]
    assert attendee.params["ROLE"] == ["REQ-PARTICIPANT"]
    assert attendee.params["PARTSTAT"] == ["ACCEPTED"]
    assert attendee.params["RSVP"] == ["TRUE"]
    assert vcal.vevent.organizer.value == "mailto:secretariat@example.org"
    assert vcal.vevent.organizer.params["CN"] == ["ECOSOC Secretariat, Integration Segment"]
    assert vcal.vevent.location.value == "https://example.org/join/s9"
    assert vcal.vevent.url.value == "https://example.org/join/s9"
    # Alone in the session: first, whatever number its position holds.
    assert "Your role: Lead discussant, speaking 1st for 5 minutes" in vcal.vevent.description.value


def test_invite_cancel_same_uid_higher_sequence_no_alarm(hard_names):
    participation = hard_names
    body = serialize(build_cancel(participation.session, participation.person,
                                  "secretariat@example.org", "Secretariat", sequence=4,
                                  stamp=STAMP))
    cal, vcal = parse_both(body)
    assert str(cal["METHOD"]) == "CANCEL"
    assert vcal.vevent.uid.value == invite_uid(participation.session, participation.person)
    assert vcal.vevent.sequence.value == "4"
    assert vcal.vevent.status.value == "CANCELLED"
    assert "valarm" not in vcal.vevent.contents
    assert list(cal.walk("VALARM")) == []


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # The Sunday of the US spring change: 10:00 in New York is already EDT.
        (datetime(2021, 3, 14, 14, 0, tzinfo=UTC), "Your time: Sunday 14 March 2021, 15:00–16:00 CET"),
        # Out of step: the US is on summer time, Europe not yet (until 28 March 2021).
        (datetime(2021, 3, 20, 13, 0, tzinfo=UTC), "Your time: Saturday 20 March 2021, 14:00–15:00 CET"),
        # Out of step again: Europe back on winter time since 25 October 2020, the US not.
        (datetime(2020, 10, 28, 13, 0, tzinfo=UTC), "Your time: Wednesday 28 October 2020, 14:00–15:00 CET"),
    ],
)
def test_invite_geneva_speaker_local_time_across_dst_mismatch(
        make_person, make_session, make_participation, start, expected):
    person = make_person(timezone="Europe/Zurich", email="chair@example.org")
    participation = make_participation(person=person, session=make_session(start=start))
    body = serialize(build_invite(participation, LINKS, "s@example.org", "S", 0, STAMP))
    description = vobject.readOne(body.decode()).vevent.description.value
    assert f"{expected} (Europe/Zurich)" in description
    assert "Headquarters time: " in description


def test_segment_feed_bytes_equal_icalendar_serialization_with_and_without_cache(app):
    from meeting.formats.feeds import segment_feed_bytes
    from meeting.formats.ical import build_segment_feed
    from meeting.lib.caches import LruCache
    from meeting.programme.queries import find_segment, load_sessions

    load_published()
    segment = find_segment("ecosoc-2020-integration-segment")
    sessions = load_sessions(segment)
    expected = serialize(build_segment_feed(segment, sessions, LINKS))
    cache = LruCache(100)
    assert segment_feed_bytes(segment, LINKS, cache) == expected  # cold
    assert segment_feed_bytes(segment, LINKS, cache) == expected  # all cached
    s1 = next(s for s in sessions if s.code == "S1")
    s1.participations[0].person.name = "Vice-President of the Council"
    db.session.commit()
    sessions = load_sessions(segment)
    changed = serialize(build_segment_feed(segment, sessions, LINKS))
    assert changed != expected
    assert segment_feed_bytes(segment, LINKS, cache) == changed
    # The feed reads public rows (no ORM): declined people and descriptions read the same.
    s1.participations[0].status = "declined"
    s1.description = "  Two\n\nparagraphs,  spaced; with \\ and ^  "
    db.session.commit()
    sessions = load_sessions(segment)
    declined = serialize(build_segment_feed(segment, sessions, LINKS))
    assert declined != changed
    assert segment_feed_bytes(segment, LINKS, LruCache(100)) == declined
