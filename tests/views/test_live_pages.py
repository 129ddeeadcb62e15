"""The live view's server side: presses from the page, the report, the speaker screen and its events."""

import json
from io import BytesIO

import lxml.html
import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from meeting.runofshow.live import revoke_screen_links, screen_token
from tests.conftest import DEFAULT_PROGRAMME
from tests.runofshow.test_live import MIN, T0
from tests.views.pages import login


@pytest.fixture
def s2(app):
    import_file(DEFAULT_PROGRAMME)
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def live_page(client, s2):
    page = lxml.html.fromstring(client.get(f"/organizer/sessions/{s2.id}/live").data)
    return page.get_element_by_id("live")


def post_press(client, root, action, at, csrf=True):
    headers = {"X-CSRFToken": root.get("data-csrf")} if csrf else {}
    return client.post(root.get("data-mark-url"), json={"action": action, "at": at}, headers=headers)


def test_live_marks_a_viewer_moderator_presses_and_gets_the_state(client, s2):
    login(client, "viewer")
    root = live_page(client, s2)
    assert post_press(client, root, "start", T0).get_json()["index"] == 0
    state = post_press(client, root, "next", T0 + 6 * MIN).get_json()
    assert {k: state[k] for k in ("index", "startedAt", "done", "runStartedAt")} == {
        "index": 1, "startedAt": T0 + 6 * MIN, "done": [6 * MIN], "runStartedAt": T0}
    reloaded = json.loads(lxml.html.fromstring(client.get(f"/organizer/sessions/{s2.id}/live").data)
                          .get_element_by_id("state-data").text)
    assert reloaded == state
    refused = post_press(client, root, "next", T0)
    assert (refused.status_code, refused.get_json()) == (
        400, {"error": "this press is earlier than the one before it: is the clock right?"})


def test_live_marks_without_csrf_token_refused(client, s2):
    login(client, "viewer")
    root = live_page(client, s2)
    assert post_press(client, root, "start", T0, csrf=False).status_code == 400


def test_live_report_csv_is_typed(client, s2):
    login(client, "organizer")
    root = live_page(client, s2)
    for action, at in (("start", T0), ("next", T0 + 6 * MIN), ("next", T0 + 12 * MIN + 30000)):
        post_press(client, root, action, at)
    response = client.get(f"/organizer/sessions/{s2.id}/live/report?format=csv")
    lines = response.data.decode().split("\r\n")
    assert lines[0] == ("Cue,Who,What,Planned start,Planned seconds,Actual start,Actual seconds,"
                        "Difference seconds,Running")
    assert lines[1].endswith(",2020-07-06T13:30:00+00:00,300,2020-07-06T13:30:00+00:00,360,60,")
    assert lines[2].endswith(",2020-07-06T13:35:00+00:00,480,2020-07-06T13:36:00+00:00,390,-90,")
    running = lines[3].split(",")
    assert (running[-6], running[-4]) == ("2020-07-06T13:43:00+00:00", "2020-07-06T13:42:30+00:00")
    assert lines[3].endswith(",yes")
    pdf = client.get(f"/organizer/sessions/{s2.id}/live/report?format=pdf")
    assert pdf.data[:5] == b"%PDF-"
    text = extract_text(BytesIO(pdf.data))
    assert "Planned vs actual: S2" in text
    assert "+1:00" in text and "−1:30" in text


def test_live_screen_revoke_is_for_organizers_and_old_link_stops(client, app, s2):
    with app.app_context():
        login(client, "viewer")
        root = live_page(client, s2)
        csrf = root.xpath("//input[@name='csrf_token']/@value")[0]
        assert client.post(f"/organizer/sessions/{s2.id}/live/screen-link",
                           data={"csrf_token": csrf}).status_code == 403
    token = screen_token(s2)
    opened = client.get(f"/screen/{token}/")
    assert opened.status_code == 200
    assert (opened.headers["Referrer-Policy"], opened.headers["Cache-Control"]) == (
        "no-referrer", "private, no-store")
    revoke_screen_links(s2)
    gone = client.get(f"/screen/{token}/")
    assert gone.status_code == 404
    assert b"This speaker-screen link is not valid" in gone.data


def test_live_screen_events_stream_the_state(client, s2):
    login(client, "organizer")
    root = live_page(client, s2)
    post_press(client, root, "start", T0)
    response = client.get(f"/screen/{screen_token(s2)}/events")
    assert response.mimetype == "text/event-stream"
    chunks = iter(response.response)
    assert next(chunks) == b"retry: 1000\n\n"
    data = next(chunks)
    assert data.startswith(b"data: ")
    assert json.loads(data[6:])["index"] == 0
    response.close()
