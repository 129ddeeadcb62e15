"""The open-format builders: JSON of the API, CSV, frab schedule.xml and schedule.json."""

import csv
import io
import json
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.formats.api_json import programme_json
from meeting.formats.common import ExportLinks, plain_text
from meeting.formats.frab import (
    event_slug,
    frab_days,
    person_guid,
    person_id,
    schedule_json,
    schedule_xml,
    session_guid,
    timeslot_minutes,
)
from meeting.formats.ical import session_uid
from meeting.formats.programme_csv import CSV_HEADER, neutralize_cell, programme_csv
from meeting.models import Organization, Tag
from meeting.programme.public import load_public_sessions
from tests.formats.open_data_checks import assert_frab_valid, assert_matches_schema, private_values

LINKS = ExportLinks(
    programme="https://example.test/segments/small/",
    session=lambda code: f"https://example.test/segments/small/sessions/{code}/",
    session_ics=lambda code: f"https://example.test/segments/small/sessions/{code}.ics",
    formats={"api": "https://example.test/api/v1/segments/small",
             "programme_csv": "https://example.test/c.csv",
             "schedule_xml": "https://example.test/s.xml",
             "schedule_json": "https://example.test/s.json",
             "ics": "https://example.test/p.ics",
             "feed": "https://example.test/f.ics",
             "xcal": "https://example.test/p.xcs",
             "key_messages_pdf": "https://example.test/k.pdf",
             "key_messages_docx": "https://example.test/k.docx"},
)
JANE = 'Dr. Smith, Jane "JJ", Org, Inc.'
FORMULA_TITLE = '=HYPERLINK("https://evil.example/x")'


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def tags(*codes):
    return list(db.session.scalars(select(Tag).where(Tag.code.in_(codes))))


@pytest.fixture
def small(make_segment, make_session, make_person, make_participation):
    """New York, 13–14 March 2021 (DST starts 14 March, 02:00): A1 with a formula-looking
    title, a tech check, a cancelled B1, and C1 across the change; a name with a comma and
    a quote, a non-Latin name, someone who declined, someone without an organization."""
    segment = make_segment(slug="small", title="Small segment", theme="Theme",
                           start_date=date(2021, 3, 13), end_date=date(2021, 3, 14))
    jane = make_person(key="jane-smith", name='Smith, Jane "JJ"', honorific="Dr.",
                       position="Director", email="jane.private@example.org",
                       organization=Organization(key="org-inc", name="Org, Inc.", kind="other"))
    li = make_person(key="li-ming", name="李明", email="li.private@example.org",
                     organization=Organization(key="icao", name="Международная организация",
                                               acronym="ИКАО", kind="other"))
    gone = make_person(key="declined-person", name="Declined Person", email="gone@example.org")
    loner = make_person(key="no-org", name="No Org Person", organization=None)
    a1 = make_session(segment=segment, code="A1", title=FORMULA_TITLE, kind="thematic",
                      start=utc(2021, 3, 13, 14, 0), duration_minutes=60, platform="Zoom",
                      join_url="https://example.org/join/secret-a1", meeting_id="555 0000 1111",
                      passcode="PASS-A1", dial_in="+1 212 555 0199", interpretation=["en", "fr"],
                      interpretation_platform="KUDO", interpretation_url="https://example.org/rsi/secret-a1",
                      captioning=["en"], captioning_url="https://example.org/captions/a1",
                      symbol="E/HLPF/2021/L.1",
                      webcast_url="https://example.org/webcast/a1",
                      description="First line\nwrapped here.\n\nSecond paragraph.\n",
                      tags=tags("sdg-5", "entry-point-2"))
    make_session(segment=segment, code="TCA", title="Tech check A1", kind="tech-check", parent=a1,
                 start=utc(2021, 3, 13, 13, 30), duration_minutes=30, passcode="PASS-TC",
                 join_url="https://example.org/join/secret-tc")
    make_session(segment=segment, code="B1", title="Cancelled briefing", kind="presentation",
                 start=utc(2021, 3, 13, 16, 0), duration_minutes=30, status="cancelled")
    c1 = make_session(segment=segment, code="C1", title="Night owl dialogue",
                      kind="interactive-dialogue", status="draft",
                      start=utc(2021, 3, 14, 6, 30), duration_minutes=90)
    make_participation(session=a1, person=jane, role="moderator", position=1, status="confirmed")
    make_participation(session=a1, person=li, role="panelist", position=1, status="invited")
    make_participation(session=a1, person=gone, role="panelist", position=2, status="declined")
    make_participation(session=c1, person=jane, role="chair", position=1, status="confirmed")
    make_participation(session=c1, person=loner, role="rapporteur", position=1, status="confirmed")
    return segment


def by_code(segment):
    return {s.code: s for s in segment.sessions}


def test_programme_csv_exact_header_and_rows(small):
    body = programme_csv(small, load_public_sessions(small), LINKS)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert '"Moderator: Dr. Smith, Jane ""JJ"", Org, Inc.; ' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_HEADER) == [
        "code", "title", "kind", "status", "date", "start", "end", "timezone", "start_utc",
        "end_utc", "duration_minutes", "speakers", "tags", "interpretation", "platform",
        "webcast_url", "url", "description", "interpretation_platform", "captioning", "captioning_url"]
    assert rows[1:] == [
        ["A1", "'" + FORMULA_TITLE, "thematic", "confirmed", "2021-03-13", "09:00", "10:00",
         "America/New_York", "2021-03-13T14:00:00Z", "2021-03-13T15:00:00Z", "60",
         f"Moderator: {JANE}; Panelist: 李明, ИКАО (to be confirmed)",
         "Sustainable and just economies; SDG 5: Gender equality", "en, fr", "Zoom",
         "https://example.org/webcast/a1", "https://example.test/segments/small/sessions/A1/",
         "First line wrapped here.\n\nSecond paragraph.", "KUDO", "en", "https://example.org/captions/a1"],
        ["B1", "Cancelled briefing", "presentation", "cancelled", "2021-03-13", "11:00", "11:30",
         "America/New_York", "2021-03-13T16:00:00Z", "2021-03-13T16:30:00Z", "30", "", "", "",
         "", "", "https://example.test/segments/small/sessions/B1/", "", "", "", ""],
        # 01:30 EST + 90 minutes = 04:00 EDT: the clocks went forward at 02:00.
        ["C1", "Night owl dialogue", "interactive-dialogue", "provisional", "2021-03-14", "01:30",
         "04:00", "America/New_York", "2021-03-14T06:30:00Z", "2021-03-14T08:00:00Z", "90",
         f"Chair: {JANE}; Rapporteur: No Org Person", "", "", "", "",
         "https://example.test/segments/small/sessions/C1/", "", "", "", ""],
    ]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1 212 555", "'+1 212 555"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Plain = text", "Plain = text"), (None, ""), (60, "60"),
])
def test_neutralize_cell_prefixes_formula_starts(value, expected):
    assert neutralize_cell(value) == expected


def test_plain_text_undoes_line_wraps_keeps_paragraphs():
    assert plain_text("  a\n b \n\n\n c\n") == "a b\n\nc"
    assert plain_text(None) == ""


def test_programme_json_session_exact(small):
    document = programme_json(small, load_public_sessions(small), LINKS)
    a1 = document["sessions"][0]
    assert a1 == {
        "code": "A1", "title": FORMULA_TITLE, "kind": "thematic", "status": "confirmed",
        "description": "First line wrapped here.\n\nSecond paragraph.",
        "start_utc": "2021-03-13T14:00:00Z", "end_utc": "2021-03-13T15:00:00Z",
        "start_local": "2021-03-13T09:00:00-05:00", "end_local": "2021-03-13T10:00:00-05:00",
        "duration_minutes": 60, "platform": "Zoom", "interpretation": ["en", "fr"],
        "interpretation_platform": "KUDO", "captioning": ["en"],
        "captioning_url": "https://example.org/captions/a1",
        "webcast_url": "https://example.org/webcast/a1",
        "symbol": "E/HLPF/2021/L.1",
        "updated_at": by_code(small)["A1"].updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tags": [
            {"code": "entry-point-2", "vocabulary": "entry-point", "number": 2,
             "label": "Sustainable and just economies"},
            {"code": "sdg-5", "vocabulary": "sdg", "number": 5, "label": "SDG 5: Gender equality"},
        ],
        "speakers": [
            {"key": "jane-smith", "name": 'Smith, Jane "JJ"', "display_name": 'Dr. Smith, Jane "JJ"',
             "honorific": "Dr.", "position": "Director", "role": "moderator",
             "role_label": "Moderator", "order": 1, "status": "confirmed",
             "organization": {"key": "org-inc", "name": "Org, Inc.", "acronym": None}},
            {"key": "li-ming", "name": "李明", "display_name": "李明", "honorific": None,
             "position": None, "role": "panelist", "role_label": "Panelist", "order": 2,
             "status": "to be confirmed",
             "organization": {"key": "icao", "name": "Международная организация",
                              "acronym": "ИКАО"}},
        ],
        "url": "https://example.test/segments/small/sessions/A1/",
        "ics_url": "https://example.test/segments/small/sessions/A1.ics",
    }
    assert_matches_schema(document, "Programme")


def test_programme_json_segment_and_order(small):
    document = programme_json(small, load_public_sessions(small), LINKS)
    assert document["segment"] == {
        "slug": "small", "title": "Small segment", "theme": "Theme", "timezone": "America/New_York",
        "start_date": "2021-03-13", "end_date": "2021-03-14",
        "changed_at": small.changed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "url": "https://example.test/segments/small/", "links": LINKS.formats,
    }
    # Tech check left out; cancelled kept, with no calendar file.
    assert [(s["code"], s["status"], s["ics_url"]) for s in document["sessions"]] == [
        ("A1", "confirmed", "https://example.test/segments/small/sessions/A1.ics"),
        ("B1", "cancelled", None),
        ("C1", "provisional", "https://example.test/segments/small/sessions/C1.ics"),
    ]
    c1 = document["sessions"][2]
    assert (c1["start_local"], c1["end_local"]) == ("2021-03-14T01:30:00-05:00",
                                                    "2021-03-14T04:00:00-04:00")
    assert [(p["key"], p["organization"]) for p in c1["speakers"]] == [
        ("jane-smith", {"key": "org-inc", "name": "Org, Inc.", "acronym": None}), ("no-org", None)]


def test_outputs_leave_out_declined_tech_checks_and_private_values(small):
    sessions = load_public_sessions(small)
    outputs = [json.dumps(programme_json(small, sessions, LINKS), ensure_ascii=False),
               programme_csv(small, sessions, LINKS).decode("utf-8-sig"),
               schedule_xml(small, sessions).decode(),
               json.dumps(schedule_json(small, sessions, LINKS), ensure_ascii=False)]
    secrets = private_values()
    assert {"PASS-A1", "PASS-TC", "jane.private@example.org", "+1 212 555 0199", "Declined Person",
            "Tech check A1", "https://example.org/rsi/secret-a1"} <= secrets
    for output in outputs:
        for word in ("declined-person", "TCA", *secrets):
            assert word not in output


def test_schedule_xml_validates_and_has_exact_events(small):
    root = assert_frab_valid(schedule_xml(small, load_public_sessions(small)))
    sessions = by_code(small)
    assert root.findtext("version") == small.changed_at.isoformat()
    assert [(c.tag, c.text) for c in root.find("conference")] == [
        ("title", "Small segment"), ("acronym", "small"), ("start", "2021-03-13"),
        ("end", "2021-03-14"), ("days", "2"), ("timeslot_duration", "00:30")]
    days = root.findall("day")
    assert [dict(d.attrib) for d in days] == [
        {"index": "1", "date": "2021-03-13", "start": "2021-03-13T09:00:00-05:00",
         "end": "2021-03-13T10:00:00-05:00"},
        {"index": "2", "date": "2021-03-14", "start": "2021-03-14T01:30:00-05:00",
         "end": "2021-03-14T04:00:00-04:00"},
    ]
    # The cancelled B1 is not in frab: schedule apps would show it as happening.
    assert [[r.get("name") for r in d.findall("room")] for d in days] == [["Zoom"], ["Online"]]
    a1, c1 = (days[0].find("room/event"), days[1].find("room/event"))
    assert dict(a1.attrib) == {"id": str(sessions["A1"].id), "guid": session_guid("small", "A1")}
    assert {child.tag: child.text for child in a1 if len(child) == 0} == {
        "date": "2021-03-13T09:00:00-05:00", "start": "09:00", "duration": "01:00", "room": "Zoom",
        "slug": f"small-{sessions['A1'].id}-a1", "title": FORMULA_TITLE, "subtitle": None,
        "track": "Sustainable and just economies", "type": "thematic", "language": "en",
        "abstract": "First line wrapped here.\n\nSecond paragraph.",
        "description": f"Moderator: {JANE}\nPanelist: 李明, ИКАО",
    }
    assert [(p.get("id"), p.text) for p in a1.find("persons")] == [
        (str(person_id("jane-smith")), JANE), (str(person_id("li-ming")), "李明, ИКАО")]
    assert [(link.get("href"), link.text) for link in a1.find("links")] == [
        ("https://example.org/webcast/a1", "Webcast"),
        ("https://undocs.org/E/HLPF/2021/L.1", "E/HLPF/2021/L.1")]
    assert (c1.findtext("date"), c1.findtext("start"), c1.findtext("duration"),
            c1.findtext("track"), c1.findtext("abstract")) == (
        "2021-03-14T01:30:00-05:00", "01:30", "01:30", "Interactive dialogue", "")
    assert [p.text for p in c1.find("persons")] == [JANE, "No Org Person"]
    assert list(c1.find("links")) == []


def test_schedule_json_has_same_events_as_xml(small):
    sessions = by_code(small)
    document = schedule_json(small, load_public_sessions(small), LINKS)
    assert document["$schema"] == "https://c3voc.de/schedule/schema.json"
    schedule = document["schedule"]
    assert schedule["version"] == small.changed_at.isoformat()
    conference = schedule["conference"]
    assert {k: v for k, v in conference.items() if k not in ("rooms", "days")} == {
        "acronym": "small", "title": "Small segment", "start": "2021-03-13", "end": "2021-03-14",
        "daysCount": 2, "timeslot_duration": "00:30", "time_zone_name": "America/New_York",
        "url": "https://example.test/segments/small/"}
    assert [r["name"] for r in conference["rooms"]] == ["Zoom", "Online"]
    assert [(d["index"], d["date"], d["day_start"], d["day_end"], list(d["rooms"]))
            for d in conference["days"]] == [
        (1, "2021-03-13", "2021-03-13T09:00:00-05:00", "2021-03-13T10:00:00-05:00", ["Zoom"]),
        (2, "2021-03-14", "2021-03-14T01:30:00-05:00", "2021-03-14T04:00:00-04:00", ["Online"]),
    ]
    a1 = conference["days"][0]["rooms"]["Zoom"][0]
    assert a1 == {
        "guid": session_guid("small", "A1"), "id": sessions["A1"].id,
        "date": "2021-03-13T09:00:00-05:00", "start": "09:00", "duration": "01:00", "room": "Zoom",
        "slug": f"small-{sessions['A1'].id}-a1", "title": FORMULA_TITLE, "subtitle": "",
        "track": "Sustainable and just economies", "type": "thematic", "language": "en",
        "abstract": "First line wrapped here.\n\nSecond paragraph.",
        "description": f"Moderator: {JANE}\nPanelist: 李明, ИКАО",
        "url": "https://example.test/segments/small/sessions/A1/",
        "persons": [
            {"id": person_id("jane-smith"), "guid": person_guid("jane-smith"), "public_name": JANE},
            {"id": person_id("li-ming"), "guid": person_guid("li-ming"), "public_name": "李明, ИКАО"}],
        "links": [{"url": "https://example.org/webcast/a1", "title": "Webcast"},
                  {"url": "https://undocs.org/E/HLPF/2021/L.1", "title": "E/HLPF/2021/L.1"}],
    }
    c1 = conference["days"][1]["rooms"]["Online"][0]
    assert (c1["date"], c1["start"], c1["duration"]) == ("2021-03-14T01:30:00-05:00", "01:30", "01:30")


def test_schedule_json_identifiers_fit_c3voc_patterns(make_segment, make_session):
    segment = make_segment(slug="ecosoc-2020-integration-segment")
    make_session(segment=segment, code="S-2.b")
    document = schedule_json(segment, load_public_sessions(segment), LINKS)
    conference = document["schedule"]["conference"]
    # Patterns of c3voc's schema.json for conference acronyms and event slugs.
    assert conference["acronym"] == "ecosoc_2020_integration_segment"
    assert re.fullmatch(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?", conference["acronym"])
    event = conference["days"][0]["rooms"]["Online"][0]
    assert event["slug"] == f"ecosoc_2020_integration_segment-{event['id']}-s_2_b"
    assert re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", event["slug"])


def test_session_guid_is_the_calendar_uid(small):
    for session in small.sessions:
        assert session_uid(session) == f"{session_guid('small', session.code)}@meeting"


def test_person_id_is_stable_positive_31_bit():
    assert person_id("jane-smith") == person_id("jane-smith")
    assert person_id("jane-smith") != person_id("li-ming")
    ids = [person_id(f"person-{n}") for n in range(2000)]
    assert all(1 <= i <= 2**31 - 1 for i in ids)
    assert len(set(ids)) == 2000


def test_segment_outside_new_york_uses_its_own_zone(make_segment, make_session):
    """Tokyo: 23:30 UTC on 5 July is 08:30 on 6 July there; 5 July has no session."""
    segment = make_segment(slug="tokyo", timezone="Asia/Tokyo", start_date=date(2021, 7, 5),
                           end_date=date(2021, 7, 6))
    session = make_session(segment=segment, code="T1", start=utc(2021, 7, 5, 23, 30),
                           duration_minutes=45)
    sessions = load_public_sessions(segment)
    t1 = programme_json(segment, sessions, LINKS)["sessions"][0]
    assert (t1["start_utc"], t1["start_local"], t1["end_local"]) == (
        "2021-07-05T23:30:00Z", "2021-07-06T08:30:00+09:00", "2021-07-06T09:15:00+09:00")
    row = list(csv.reader(io.StringIO(programme_csv(segment, sessions, LINKS).decode("utf-8-sig"))))[1]
    assert row[4:10] == ["2021-07-06", "08:30", "09:15", "Asia/Tokyo", "2021-07-05T23:30:00Z",
                         "2021-07-06T00:15:00Z"]
    root = assert_frab_valid(schedule_xml(segment, sessions))
    assert [dict(d.attrib) for d in root.findall("day")] == [
        {"index": "1", "date": "2021-07-05", "start": "2021-07-05T00:00:00+09:00",
         "end": "2021-07-06T00:00:00+09:00"},
        {"index": "2", "date": "2021-07-06", "start": "2021-07-06T08:30:00+09:00",
         "end": "2021-07-06T09:15:00+09:00"},
    ]
    event = root.find("day[@index='2']/room/event")
    assert (event.get("id"), event.findtext("date"), event.findtext("start"),
            event.findtext("duration")) == (str(session.id), "2021-07-06T08:30:00+09:00", "08:30",
                                            "00:45")
    days = schedule_json(segment, sessions, LINKS)["schedule"]["conference"]["days"]
    assert [(d["date"], d["rooms"]) for d in days][0] == ("2021-07-05", {})
    assert days[1]["rooms"]["Online"][0]["start"] == "08:30"


def test_frab_days_and_timeslot_for_default_sizes(small):
    sessions = load_public_sessions(small)
    assert [(d.index, d.date, list(d.rooms)) for d in frab_days(small, sessions)] == [
        (1, date(2021, 3, 13), ["Zoom"]), (2, date(2021, 3, 14), ["Online"])]
    # Starts 09:00 and 01:30 local, lengths 60, 30 and 90: a 30-minute grid fits them all.
    assert timeslot_minutes(small, sessions) == 30
    assert event_slug(small, sessions[0]) == f"small-{sessions[0].id}-a1"
