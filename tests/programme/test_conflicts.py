"""The conflict engine on the default programme and on small made-up cases."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Participation, Segment, Session
from meeting.programme.conflicts import ERROR, NOTICE, WARNING, find_conflicts
from meeting.programme.editing import update_session
from meeting.programme.queries import load_sessions
from tests.conftest import DEFAULT_PROGRAMME

UTC = timezone.utc
NOW = datetime(2020, 7, 1, 12, 0, tzinfo=UTC)  # five days before the segment


@pytest.fixture
def segment(app):
    import_file(DEFAULT_PROGRAMME)
    return db.session.scalar(select(Segment))


def findings(segment, now=NOW):
    return find_conflicts(segment, load_sessions(segment), now)


def session(code):
    return db.session.scalar(select(Session).where(Session.code == code))


def test_default_programme_findings(segment):
    kinds = {(f.kind, f.session_code) for f in findings(segment)}
    assert ("declined", "S2") in kinds  # the President of IFAD
    assert ("night", "S4") in kinds  # 01:00 in Bangkok
    assert not any(k == "double-booked" for k, _ in kinds)
    night = next(f for f in findings(segment) if f.kind == "night" and f.session_code == "S4"
                 and f.person_key == "es-escap")
    assert (night.severity, night.message) == (
        NOTICE, "01:00 in Bangkok for Executive Secretary, ESCAP (S4)")


def test_double_booking_found_and_gone_when_fixed(segment):
    s2, s3 = session("S2"), session("S3")
    original = s3.start
    update_session(s3, start=s2.start + timedelta(minutes=30))
    db.session.commit()
    # The UN DESA moderator chairs S2; make them moderate S3 as well.
    desa = next(p.person for p in s2.participations if p.role == "moderator")
    s3.participations.append(Participation(person=desa, role="panelist", position=9, status="confirmed"))
    db.session.commit()
    double = [f for f in findings(segment) if f.kind == "double-booked"]
    assert [(f.severity, f.session_code, f.person_key) for f in double] == [
        (ERROR, "S3", desa.key)]
    assert double[0].message.startswith(f"{desa.name} is in S2 and S3 at the same time")
    update_session(s3, start=original)
    db.session.commit()
    assert [f for f in findings(segment) if f.kind == "double-booked"] == []


def test_tech_check_counts_for_double_booking(segment):
    tc = session("TC1A")  # 08:00-08:30, the opening speakers' tech check
    s1 = session("S1")
    update_session(tc, start=s1.start)  # moved onto the opening itself
    db.session.commit()
    double = {(f.session_code, f.person_key) for f in findings(segment) if f.kind == "double-booked"}
    people_in_both = {p.person.key for p in tc.participations} & {p.person.key for p in s1.participations}
    assert people_in_both
    assert {k for _, k in double} >= people_in_both


def test_same_channel_overlap(segment):
    s3, s4 = session("S3"), session("S4")
    update_session(s4, start=s3.start + timedelta(minutes=15), join_url=s3.join_url)
    db.session.commit()
    channel = [f for f in findings(segment) if f.kind == "channel-overlap"]
    assert [(f.session_code, f.severity) for f in channel] == [("S4", ERROR)]


def test_speaking_minutes_over_duration_and_no_chair_no_speakers(segment):
    s5 = session("S5")
    update_session(s5, duration_minutes=20)
    for p in list(s5.participations):
        if p.role in ("chair", "moderator"):
            s5.participations.remove(p)
    db.session.commit()
    kinds = {f.kind for f in findings(segment) if f.session_code == "S5"}
    assert {"over-time", "no-chair"} <= kinds
    s3 = session("S3")
    for p in list(s3.participations):
        if p.role not in ("chair", "moderator"):
            s3.participations.remove(p)
    db.session.commit()
    assert "no-speakers" in {f.kind for f in findings(segment) if f.session_code == "S3"}


def test_unconfirmed_within_n_days(segment):
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited"))
    code = invited.session.code
    far = find_conflicts(segment, load_sessions(segment), invited.session.start - timedelta(days=30))
    near = find_conflicts(segment, load_sessions(segment), invited.session.start - timedelta(days=3))
    assert not any(f.kind == "unconfirmed" and f.session_code == code for f in far)
    hit = [f for f in near if f.kind == "unconfirmed" and f.session_code == code
           and f.person_key == invited.person.key]
    assert hit[0].severity == WARNING
    assert hit[0].message.endswith(f"has not confirmed {code}, 3 days before it")


def test_session_outside_segment_dates(segment):
    s7 = session("S7")
    update_session(s7, start=s7.start + timedelta(days=2))
    db.session.commit()
    outside = [f for f in findings(segment) if f.kind == "outside-dates"]
    assert [(f.session_code, f.message) for f in outside] == [
        ("S7", "S7 is outside the segment's dates (2020-07-06 to 2020-07-07)")]


def test_errors_come_first(segment):
    s7 = session("S7")
    update_session(s7, start=s7.start + timedelta(days=2))
    db.session.commit()
    severities = [f.severity for f in findings(segment)]
    assert severities == sorted(severities, key=[ERROR, WARNING, NOTICE].index)


def test_unconfirmed_horizon_is_per_segment(segment):
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited"))
    three_days_before = invited.session.start - timedelta(days=3)
    segment.unconfirmed_days = 2
    db.session.commit()
    assert not any(f.kind == "unconfirmed" for f in findings(segment, three_days_before))
    segment.unconfirmed_days = 7
    db.session.commit()
    assert any(f.kind == "unconfirmed" for f in findings(segment, three_days_before))
