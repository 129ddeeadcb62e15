"""The read API (/api/v1) and its OpenAPI description."""

from datetime import date, datetime, timezone

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Session
from meeting.site.publishing import unpublish_segment
from tests.conftest import load_published
from tests.formats.open_data_checks import assert_matches_schema, private_values

SLUG = "ecosoc-2020-integration-segment"
API = "/api/v1"
PUBLIC_CODES = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11"]


@pytest.fixture
def programme(app):
    return load_published()


@pytest.fixture
def openapi(client):
    return client.get(f"{API}/openapi.json").get_json()


def test_openapi_document_is_valid_openapi_31(client, openapi):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    validate(openapi)
    assert openapi["openapi"] == "3.1.0"
    assert openapi["servers"] == [{"url": "http://localhost/api/v1"}]
    assert sorted(openapi["paths"]) == ["/segments", "/segments/{slug}",
                                        "/segments/{slug}/sessions/{code}"]
    assert {"Segment", "Session", "Speaker", "Tag", "Error"} <= set(openapi["components"]["schemas"])


def test_openapi_answers_304_to_its_etag(client):
    etag = client.get(f"{API}/openapi.json").headers["ETag"]
    assert client.get(f"{API}/openapi.json", headers={"If-None-Match": etag}).status_code == 304


def test_segments_lists_published_only(client, programme, make_segment, openapi):
    make_segment(slug="draft-segment", published=False)
    response = client.get(f"{API}/segments")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.get_json()
    assert_matches_schema(body, "SegmentList", openapi)
    assert [s["slug"] for s in body["segments"]] == [SLUG]
    segment = body["segments"][0]
    assert segment["links"] == {
        "feed": f"http://localhost/segments/{SLUG}/feed.ics",
        "ics": f"http://localhost/segments/{SLUG}/programme.ics",
        "xcal": f"http://localhost/segments/{SLUG}/programme.xcs",
        "programme_csv": f"http://localhost/segments/{SLUG}/programme.csv",
        "schedule_xml": f"http://localhost/segments/{SLUG}/schedule.xml",
        "schedule_json": f"http://localhost/segments/{SLUG}/schedule.json",
        "api": f"http://localhost/api/v1/segments/{SLUG}",
        "key_messages_pdf": f"http://localhost/segments/{SLUG}/key-messages.pdf",
        "key_messages_docx": f"http://localhost/segments/{SLUG}/key-messages.docx",
    }
    assert (segment["timezone"], segment["start_date"], segment["end_date"]) == (
        "America/New_York", "2020-07-06", "2020-07-07")


def test_segments_list_drops_unpublished_segment_and_changes_etag(client, programme):
    # An HTTP date has whole seconds: start from an old stamp so the change shows in it.
    programme.changed_at = datetime(2020, 6, 1, tzinfo=timezone.utc)
    db.session.commit()
    first = client.get(f"{API}/segments")
    assert first.headers["Last-Modified"] == "Mon, 01 Jun 2020 00:00:00 GMT"
    unpublish_segment(programme, by="tests")
    second = client.get(f"{API}/segments", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.get_json() == {"segments": []}
    assert client.get(f"{API}/segments",
                      headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 200


def test_segment_programme_validates_and_lists_public_sessions(client, programme, openapi):
    response = client.get(f"{API}/segments/{SLUG}")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    body = response.get_json()
    assert_matches_schema(body, "Programme", openapi)
    assert [s["code"] for s in body["sessions"]] == PUBLIC_CODES
    s2 = body["sessions"][1]
    assert (s2["start_utc"], s2["end_utc"], s2["start_local"], s2["duration_minutes"]) == (
        "2020-07-06T13:30:00Z", "2020-07-06T15:00:00Z", "2020-07-06T09:30:00-04:00", 90)
    assert s2["url"] == f"http://localhost/segments/{SLUG}/sessions/S2/"
    assert s2["ics_url"] == f"http://localhost/segments/{SLUG}/sessions/S2.ics"
    # The President of IFAD declined: left out.
    assert [(p["key"], p["role"], p["status"]) for p in s2["speakers"]] == [
        ("usg-desa", "moderator", "confirmed"), ("dg-fao", "panelist", "confirmed"),
        ("dg-who", "panelist", "confirmed"), ("ed-unicef", "panelist", "confirmed"),
        ("min-india", "lead-discussant", "confirmed")]
    assert body["sessions"][5]["status"] == "provisional"


def test_every_session_answer_validates(client, programme, openapi):
    for code in PUBLIC_CODES:
        response = client.get(f"{API}/segments/{SLUG}/sessions/{code}")
        assert response.status_code == 200
        assert_matches_schema(response.get_json(), "Session", openapi)
        assert response.get_json()["code"] == code


def test_session_lists_unconfirmed_speaker_as_to_be_confirmed(client, programme):
    s4 = client.get(f"{API}/segments/{SLUG}/sessions/S4").get_json()
    assert [(p["key"], p["status"]) for p in s4["speakers"] if p["role"] == "lead-discussant"] == [
        ("min-australia", "to be confirmed"), ("min-fiji", "confirmed")]


def test_cancelled_session_stays_with_status_cancelled(client, programme):
    session = db.session.scalar(select(Session).where(Session.code == "S3"))
    session.status = "cancelled"
    db.session.commit()
    body = client.get(f"{API}/segments/{SLUG}").get_json()
    assert [s["code"] for s in body["sessions"]] == PUBLIC_CODES
    s3 = client.get(f"{API}/segments/{SLUG}/sessions/S3").get_json()
    assert (s3["status"], s3["ics_url"]) == ("cancelled", None)


@pytest.mark.parametrize("url, message", [
    (f"{API}/segments/{SLUG}/sessions/S99", f"No session 'S99' in segment '{SLUG}'."),
    (f"{API}/segments/{SLUG}/sessions/TC1A", f"No session 'TC1A' in segment '{SLUG}'."),
    (f"{API}/segments/nowhere", "No published segment 'nowhere'."),
    (f"{API}/segments/nowhere/sessions/S1", "No published segment 'nowhere'."),
    (f"{API}/nothing-here", "Nothing at /api/v1/nothing-here; see /api/v1/openapi.json."),
    ("/api/v2/segments", "Nothing at /api/v2/segments; see /api/v1/openapi.json."),
])
def test_unknown_answers_json_404(client, programme, openapi, url, message):
    response = client.get(url)
    assert response.status_code == 404
    assert response.content_type == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.get_json() == {"error": {"status": 404, "message": message}}
    assert_matches_schema(response.get_json(), "Error", openapi)


def test_unpublished_segment_answers_json_404(client, make_segment, make_session):
    segment = make_segment(slug="hidden", published=False, start_date=date(2020, 7, 6))
    make_session(segment=segment, code="H1")
    for url in (f"{API}/segments/hidden", f"{API}/segments/hidden/sessions/H1"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.get_json() == {"error": {"status": 404,
                                                 "message": "No published segment 'hidden'."}}


def test_write_methods_answer_json_405(client, programme):
    response = client.post(f"{API}/segments")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert response.get_json() == {"error": {"status": 405, "message": "The API is read-only: use GET."}}


def test_preflight_allows_any_origin_to_read(client, programme):
    response = client.options(f"{API}/segments/{SLUG}", headers={
        "Origin": "https://tool.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response.headers["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", [f"{API}/segments", f"{API}/segments/{SLUG}",
                                 f"{API}/segments/{SLUG}/sessions/S2"])
def test_answers_304_when_unchanged(client, programme, url):
    first = client.get(url)
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304


def test_change_to_programme_changes_etag(client, programme):
    url = f"{API}/segments/{SLUG}/sessions/S2"
    first = client.get(url)
    session = db.session.scalar(select(Session).where(Session.code == "S2"))
    session.title = "Renamed panel"
    db.session.commit()
    second = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.get_json()["title"] == "Renamed panel"


def test_api_never_shows_private_values(client, programme):
    secrets = private_values()
    assert {"IS2020", "TC2020", "dg.fao@example.org", "+1 646 555 0100"} <= secrets
    urls = [f"{API}/segments", f"{API}/segments/{SLUG}", f"{API}/openapi.json",
            *(f"{API}/segments/{SLUG}/sessions/{code}" for code in PUBLIC_CODES)]
    for url in urls:
        text = client.get(url).data.decode()
        for secret in secrets:
            assert secret not in text, (url, secret)
        assert "Technical check" not in text


@pytest.mark.parametrize("url", ["/api/", f"{API}/"])
def test_api_root_points_to_segments_and_description(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.get_json() == {"segments": "http://localhost/api/v1/segments",
                                   "openapi": "http://localhost/api/v1/openapi.json"}
