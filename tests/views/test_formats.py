"""The programme files for other tools: programme.csv, frab schedule.xml and schedule.json."""

import csv
import io

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.formats.frab import person_id, session_guid
from meeting.models import Session
from tests.conftest import load_published
from tests.formats.open_data_checks import assert_frab_valid, private_values

SLUG = "ecosoc-2020-integration-segment"
BASE = f"/segments/{SLUG}"
# The default programme in New York time: code → (date, start, duration).
HQ_TIMES = {
    "S1": ("2020-07-06", "09:00", "00:30"), "S2": ("2020-07-06", "09:30", "01:30"),
    "S3": ("2020-07-06", "11:15", "01:30"), "S4": ("2020-07-06", "14:00", "01:30"),
    "S5": ("2020-07-06", "15:45", "01:30"), "S6": ("2020-07-07", "09:00", "00:30"),
    "S7": ("2020-07-07", "09:30", "01:30"), "S8": ("2020-07-07", "11:15", "01:30"),
    "S9": ("2020-07-07", "14:00", "01:30"), "S10": ("2020-07-07", "15:45", "01:00"),
    "S11": ("2020-07-07", "16:45", "00:45"),
}
S2_PEOPLE = ["H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA",
             "H.E. Director-General, FAO", "Dr. Director-General, WHO",
             "H.E. Executive Director, UNICEF",
             "H.E. Minister of Agriculture and Farmers Welfare, India"]


@pytest.fixture
def programme(app):
    return load_published()


def expected_people(code: str) -> set[tuple[int, str]]:
    """(frab person id, name as printed) of everyone in the session who has not declined."""
    session = db.session.scalar(select(Session).where(Session.code == code))
    return {(person_id(p.person.key), p.person.with_organization)
            for p in session.participations if p.status != "declined"}


def cancel(code: str) -> None:
    session = db.session.scalar(select(Session).where(Session.code == code))
    session.status = "cancelled"
    db.session.commit()


def xml_events(client) -> dict[str, object]:
    root = assert_frab_valid(client.get(f"{BASE}/schedule.xml").data)
    guids = {session_guid(SLUG, code): code for code in HQ_TIMES}
    return {guids[e.get("guid")]: e for e in root.iter("event")}


def json_events(client) -> dict[str, dict]:
    document = client.get(f"{BASE}/schedule.json").get_json()
    guids = {session_guid(SLUG, code): code for code in HQ_TIMES}
    return {guids[e["guid"]]: e for day in document["schedule"]["conference"]["days"]
            for events in day["rooms"].values() for e in events}


def test_programme_csv_is_an_excel_ready_attachment(client, programme):
    response = client.get(f"{BASE}/programme.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{SLUG}-programme.csv"')
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert {r["code"]: (r["date"], r["start"]) for r in rows} == {
        code: (day, start) for code, (day, start, _) in HQ_TIMES.items()}
    s2 = rows[1]
    assert (s2["end"], s2["start_utc"], s2["duration_minutes"], s2["status"]) == (
        "11:00", "2020-07-06T13:30:00Z", "90", "confirmed")
    assert s2["speakers"] == (
        "Moderator: H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA; "
        "Panelist: H.E. Director-General, FAO; Panelist: Dr. Director-General, WHO; "
        "Panelist: H.E. Executive Director, UNICEF; "
        "Lead discussant: H.E. Minister of Agriculture and Farmers Welfare, India")


def test_schedule_xml_validates_with_every_session_time_and_speaker(client, programme):
    response = client.get(f"{BASE}/schedule.xml")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/xml"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    root = assert_frab_valid(response.data)
    assert [(d.get("index"), d.get("date")) for d in root.findall("day")] == [
        ("1", "2020-07-06"), ("2", "2020-07-07")]
    events = xml_events(client)
    assert sorted(events) == sorted(HQ_TIMES)
    for code, (day, start, duration) in HQ_TIMES.items():
        event = events[code]
        assert (event.findtext("date")[:10], event.findtext("start"),
                event.findtext("duration")) == (day, start, duration)
        assert event.findtext("date") == f"{day}T{start}:00-04:00"
        assert event.getparent().getparent().get("date") == day
        assert {(int(p.get("id")), p.text) for p in event.find("persons")} == expected_people(code)
    assert [p.text for p in events["S2"].find("persons")] == S2_PEOPLE


def test_schedule_json_has_every_session_time_and_speaker(client, programme):
    response = client.get(f"{BASE}/schedule.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    conference = response.get_json()["schedule"]["conference"]
    assert (conference["daysCount"], conference["time_zone_name"]) == (2, "America/New_York")
    events = json_events(client)
    assert sorted(events) == sorted(HQ_TIMES)
    for code, (day, start, duration) in HQ_TIMES.items():
        event = events[code]
        assert (event["date"], event["start"], event["duration"]) == (
            f"{day}T{start}:00-04:00", start, duration)
        assert {(p["id"], p["public_name"]) for p in event["persons"]} == expected_people(code)
        assert event["url"] == f"http://localhost{BASE}/sessions/{code}/"
    assert [p["public_name"] for p in events["S2"]["persons"]] == S2_PEOPLE


def test_cancelled_session_left_out_of_frab_kept_in_csv(client, programme):
    cancel("S3")
    assert "S3" not in xml_events(client)
    assert "S3" not in json_events(client)
    assert len(xml_events(client)) == len(json_events(client)) == 10
    rows = list(csv.DictReader(io.StringIO(client.get(f"{BASE}/programme.csv").data
                                           .decode("utf-8-sig"), newline="")))
    assert [(r["code"], r["status"]) for r in rows if r["code"] == "S3"] == [("S3", "cancelled")]


def test_declined_speaker_left_out_of_frab(client, programme):
    names = [p.text for p in xml_events(client)["S2"].find("persons")]
    assert "H.E. President, IFAD" not in names
    assert "President, IFAD" not in client.get(f"{BASE}/schedule.json").data.decode()


@pytest.mark.parametrize("name", ["programme.csv", "schedule.xml", "schedule.json"])
def test_unpublished_segment_answers_404(client, make_segment, make_session, name):
    segment = make_segment(slug="hidden", published=False)
    make_session(segment=segment)
    assert client.get(f"/segments/hidden/{name}").status_code == 404
    assert client.get(f"/segments/no-such-segment/{name}").status_code == 404


@pytest.mark.parametrize("name", ["programme.csv", "schedule.xml", "schedule.json"])
def test_formats_answer_304_when_unchanged(client, programme, name):
    first = client.get(f"{BASE}/{name}")
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(f"{BASE}/{name}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    by_date = client.get(f"{BASE}/{name}", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304


def test_programme_change_gives_new_version_and_etag(client, programme):
    first = client.get(f"{BASE}/schedule.xml")
    session = db.session.scalar(select(Session).where(Session.code == "S2"))
    session.duration_minutes = 75
    db.session.commit()
    second = client.get(f"{BASE}/schedule.xml", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    root = assert_frab_valid(second.data)
    assert root.findtext("version") == programme.changed_at.isoformat()
    assert root.findtext("version") != assert_frab_valid(first.data).findtext("version")
    assert xml_events(client)["S2"].findtext("duration") == "01:15"


def test_schedules_preflight_allows_any_origin(client, programme):
    response = client.options(f"{BASE}/schedule.json", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_no_format_shows_private_values(client, programme):
    secrets = private_values()
    assert {"IS2020", "TC2020", "https://example.org/join/ecosoc-is-2020-s1", "938 5521 0001",
            "+1 646 555 0100", "vp.ecosoc@example.org"} <= secrets
    for name in ("programme.csv", "schedule.xml", "schedule.json"):
        text = client.get(f"{BASE}/{name}").data.decode("utf-8-sig")
        for secret in secrets:
            assert secret not in text, (name, secret)
        assert "Technical check" not in text
