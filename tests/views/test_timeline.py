"""Timeline endpoints: events in HQ wall-clock time, move with version check, create."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from meeting.people.accounts import create_user
from tests.conftest import DEFAULT_PROGRAMME

PASSWORD = "correct horse battery"
DAY = "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06"


def csrf(client):
    return lxml.html.fromstring(client.get(DAY).data).xpath("//div[@id='timeline']/@data-csrf")[0]


@pytest.fixture
def organizer(app, client):
    import_file(DEFAULT_PROGRAMME)
    create_user("organizer@un.org", "organizer", PASSWORD)
    page = lxml.html.fromstring(client.get("/login").data)
    client.post("/login", data={"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
                                "email": "organizer@un.org", "password": PASSWORD})


def session(code):
    db.session.expire_all()
    return db.session.scalar(select(Session).where(Session.code == code))


def test_events_are_hq_wall_clock(client, organizer):
    events = client.get(DAY + "/events.json").get_json()
    s2 = next(e for e in events if e["title"].startswith("S2 "))
    assert (s2["start"], s2["end"]) == ("2020-07-06T09:30:00", "2020-07-06T11:00:00")
    assert [e["extendedProps"]["code"] for e in events] == ["TC1A", "TC1B", "S1", "S2", "S3", "S4", "S5"]


def test_move_stale_version_refused(client, organizer):
    s3 = session("S3")
    response = client.post(f"/organizer/sessions/{s3.id}/move", headers={"X-CSRFToken": csrf(client)},
                           json={"start": "2020-07-06 12:00", "duration": 90, "version": s3.version - 1})
    assert response.status_code == 409
    assert session("S3").start == s3.start


def test_move_into_dst_gap_refused(client, organizer):
    s3 = session("S3")
    response = client.post(f"/organizer/sessions/{s3.id}/move", headers={"X-CSRFToken": csrf(client)},
                           json={"start": "2020-03-08 02:30", "duration": 90, "version": s3.version})
    assert response.status_code == 400
    assert response.get_json()["error"] == (
        "2020-03-08 02:30 does not exist in America/New_York: the clocks skip it when daylight "
        "saving time starts")


def test_move_without_csrf_refused(client, organizer):
    s3 = session("S3")
    response = client.post(f"/organizer/sessions/{s3.id}/move",
                           json={"start": "2020-07-06 12:00", "duration": 90, "version": s3.version})
    assert response.status_code == 400
    assert session("S3").start == s3.start


def test_create_from_drag_and_duplicate_code_refused(client, organizer):
    url = "/organizer/segments/ecosoc-2020-integration-segment/sessions"
    token = csrf(client)
    ok = client.post(url, headers={"X-CSRFToken": token},
                     json={"code": "S12", "title": "Side event", "start": "2020-07-06 13:00", "duration": 45})
    assert ok.status_code == 201
    created = session("S12")
    assert (created.status, created.duration_minutes, created.start.hour) == ("draft", 45, 17)
    again = client.post(url, headers={"X-CSRFToken": token},
                        json={"code": "S12", "title": "Twice", "start": "2020-07-06 14:00", "duration": 30})
    assert again.status_code == 400
    assert again.get_json()["error"] == "code: S12 is already used in this segment"


def test_viewer_cannot_move(client, app):
    import_file(DEFAULT_PROGRAMME)
    create_user("viewer@un.org", "viewer", PASSWORD)
    page = lxml.html.fromstring(client.get("/login").data)
    client.post("/login", data={"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
                                "email": "viewer@un.org", "password": PASSWORD})
    s3 = session("S3")
    response = client.post(f"/organizer/sessions/{s3.id}/move", headers={"X-CSRFToken": csrf(client)},
                           json={"start": "2020-07-06 12:00", "duration": 90, "version": s3.version})
    assert response.status_code == 403


def test_create_with_form_and_dst_gap_refused(client, organizer):
    url = DAY + "/sessions"
    token = lxml.html.fromstring(client.get(DAY).data).xpath(
        "//details[@class='new-session']//input[@name='csrf_token']/@value")[0]
    ok = client.post(url, data={"csrf_token": token, "code": "S13", "title": "Briefing",
                                "time": "17:30", "duration": "30", "kind": "presentation"})
    assert ok.status_code == 302
    s13 = session("S13")
    assert (s13.kind, s13.start.hour, s13.start.minute, s13.status) == ("presentation", 21, 30, "draft")
    bad = client.post(url, data={"csrf_token": token, "code": "S14", "title": "Too long",
                                 "time": "17:30", "duration": "0"})
    assert bad.status_code == 400
    assert session("S14") is None
