"""A reminder's calendar file, spliced per session, is icalendar's file byte for byte."""

import logging
from datetime import datetime, timedelta, timezone

import pytest

from meeting.extensions import db
from meeting.formats import ical
from meeting.formats.ical import Links
from meeting.models import Participation, Person, Session
from meeting.reminders import calendars
from meeting.reminders.calendars import CalendarFiles, person_calendar

START = datetime(2030, 3, 20, 13, 0, tzinfo=timezone.utc)
NAMES = [("chair", "Chair, Statistical Commission; Vice-Chair", "Europe/Zurich", "chair", None),
         ("zoe", "Zoë Ñúñez-Øberg 李四 محمد", "Asia/Shanghai", "panelist", "fr"),
         ("dg", "Director-General, Food and Agriculture Organization of the United Nations (FAO)",
          "America/Los_Angeles", "panelist", "es"),
         ("es", 'Executive "Secretary" \\ ESCAP', "Asia/Kolkata", "moderator", "fr"),
         ("rap", "Rapporteur", "Pacific/Chatham", "rapporteur", None)]


@pytest.fixture(autouse=True)
def fresh_state():
    calendars._shells.clear()
    calendars._state["splice"] = True
    yield
    calendars._shells.clear()
    calendars._state["splice"] = True


@pytest.fixture
def sessions(make_segment):
    """Two sessions of five people: one with every way to join, one with none; long texts."""
    segment = make_segment(slug="is-2030", title="2030 Integration Segment", timezone="America/New_York")
    people = [Person(key=key, name=name, timezone=zone, email=f"{key}@example.org",
                     preferred_language=language) for key, name, zone, _, language in NAMES]
    full = Session(segment=segment, code="S1", title="Food systems: résilience, ¿y después? " * 3,
                   kind="high-level-panel", start=START, duration_minutes=95, status="confirmed",
                   revision=3, platform="Zoom", join_url="https://example.org/join/s1?pwd=" + "x" * 80,
                   meeting_id="812 3456 7890", passcode="4711", dial_in="+41 22 917 12 34, 812345#")
    bare = Session(segment=segment, code="S2", title="Data", kind="thematic", start=START + timedelta(days=1),
                   duration_minutes=30, status="draft", revision=0)
    for session in (full, bare):
        for position, (person, (*_, role, _language)) in enumerate(zip(people, NAMES, strict=True), start=1):
            session.participations.append(Participation(
                person=person, role=role, position=position, status="confirmed",
                minutes=(position * 3 if position % 2 else None)))
    db.session.add_all([full, bare])
    db.session.commit()
    return [full, bare]


def _files(batch, sessions, portal="https://example.org/p/{}"):
    """(spliced, icalendar's) for every person of every session, in that order."""
    pairs = []
    for session in sessions:
        for participation in session.participations:
            links = Links(programme=f"https://example.org/s/{session.segment.slug}",
                          portal=portal.format(participation.person.key) if portal else None)
            pairs.append((batch(participation.person, participation, links),
                          person_calendar(participation.person, participation, links)))
    return pairs


def test_calendar_files_spliced_equal_icalendar_bytes(sessions):
    for batch in (CalendarFiles(), CalendarFiles()):  # the second batch finds the people's lines kept
        pairs = _files(batch, sessions)
        assert len(pairs) == 10
        for spliced, expected in pairs:
            assert spliced == expected
    assert calendars._state["splice"] is True
    assert len(calendars._shells) == 5
    chair, zoe, dg = (spliced for spliced, _ in pairs[:3])
    assert b"DESCRIPTION:Session starts soon\r\n" in chair
    assert "DESCRIPTION:La séance commence bientôt\r\n".encode() in zoe  # in her language
    assert "DESCRIPTION:La sesión comienza pronto\r\n".encode() in dg


def test_calendar_files_without_portal_equal_icalendar_bytes(sessions):
    for spliced, expected in _files(CalendarFiles(), sessions, portal=None):
        assert spliced == expected


def test_calendar_files_icalendar_builds_once_per_session_and_person(sessions, monkeypatch):
    built = []
    build = calendars.build_person_calendar

    def counted(person, participations, links, **kwargs):
        built.append((person.key, len(participations)))
        return build(person, participations, links, **kwargs)

    monkeypatch.setattr(calendars, "build_person_calendar", counted)
    batch = CalendarFiles()
    files = [batch(p.person, p, Links(programme="https://example.org/s")) for p in sessions[0].participations]
    # The first person's whole file in each language (en, fr, es); the others' calendar lines;
    # one check of a spliced file.
    assert built == [("chair", 1), ("zoe", 1), ("dg", 1), ("es", 0), ("es", 1), ("rap", 0)]
    assert len(set(files)) == 5
    built.clear()
    batch = CalendarFiles()
    for p in sessions[0].participations:
        batch(p.person, p, Links(programme="https://example.org/s"))
    assert built == [("chair", 1), ("zoe", 1), ("dg", 1), ("es", 1)]  # the people's lines were kept


def test_calendar_files_differing_splice_falls_back_to_icalendar(sessions, monkeypatch, caplog):
    # As if the builders put something new in the description that this module does not know.
    monkeypatch.setattr(calendars, "personal_description",
                        lambda participation, links: ical.personal_description(participation, links) + "!")
    with caplog.at_level(logging.WARNING, logger="meeting.reminders.calendars"):
        pairs = _files(CalendarFiles(), sessions)
    assert all(spliced == expected for spliced, expected in pairs)
    assert calendars._state["splice"] is False
    assert [r.getMessage() for r in caplog.records] == [
        "reminders: a spliced calendar file differed from icalendar's; "
        "icalendar makes every file from now on"]


def test_calendar_files_person_renamed_not_served_old_lines(sessions):
    links = Links(programme="https://example.org/s")
    chair, zoe = sessions[0].participations[:2]
    CalendarFiles()(chair.person, chair, links)
    CalendarFiles()(zoe.person, zoe, links)
    zoe.person.name = "Zoë Ñúñez"
    batch = CalendarFiles()
    batch(chair.person, chair, links)
    assert batch(zoe.person, zoe, links) == person_calendar(zoe.person, zoe, links)
    renamed = batch(zoe.person, zoe, links)
    assert "Zoë Ñúñez\r\n".encode() in renamed and "Øberg".encode() not in renamed
