"""Run-of-show pages: editor, cue edits, reorder, print sheet and downloads, day booklet."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Cue, Session
from meeting.people.accounts import create_user
from tests.conftest import DEFAULT_PROGRAMME

PASSWORD = "correct horse battery"


@pytest.fixture
def s2(app, client):
    import_file(DEFAULT_PROGRAMME)
    create_user("organizer@un.org", "organizer", PASSWORD)
    client.post("/login", data={"csrf_token": token(client, "/login"),
                                "email": "organizer@un.org", "password": PASSWORD})
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def token(client, url):
    return lxml.html.fromstring(client.get(url).data).xpath("//input[@name='csrf_token']/@value")[0]


def editor_url(session):
    return f"/organizer/sessions/{session.id}/run-of-show"


def cues(session):
    db.session.expire_all()
    return list(db.session.scalars(select(Cue).where(Cue.session_id == session.id)
                                   .order_by(Cue.position)))


def test_editor_generates_and_shows_cues_with_times(client, s2):
    page = lxml.html.fromstring(client.get(editor_url(s2)).data)
    times = [" ".join(t.text_content().split()) for t in page.xpath("//span[@class='cue-time']")]
    assert times[0] == "09:30 EDT 13:30 UTC · +0′"
    assert len(cues(s2)) == 7
    assert " ".join(page.get_element_by_id("over-under").text_content().split()) == "under by 39 min"


def test_add_cue_with_hard_start_in_dst_gap_refused(client, s2):
    url = editor_url(s2)
    client.get(url)
    response = client.post(url + "/cues", data={
        "csrf_token": token(client, url), "who": "Video", "what": "Statement", "minutes": "3",
        "hard_start": "2020-03-08 02:30", "connection": ""})
    assert response.status_code == 400
    assert len(cues(s2)) == 7


def test_add_cue_then_reorder_by_json(client, s2):
    url = editor_url(s2)
    client.get(url)
    response = client.post(url + "/cues", data={
        "csrf_token": token(client, url), "who": "Video", "what": "Statement of the ILO",
        "minutes": "3", "hard_start": "", "connection": "pre-recorded",
        "fallback": "the moderator reads it"})
    assert response.status_code == 302
    ids = [c.id for c in cues(s2)]
    new_order = [ids[-1], *ids[:-1]]
    response = client.post(url + "/order", json={"cues": new_order},
                           headers={"X-CSRFToken": token(client, url)})
    assert response.status_code == 200
    assert [c.id for c in cues(s2)] == new_order
    assert cues(s2)[0].fallback == "the moderator reads it"


def test_reorder_without_csrf_or_incomplete_refused(client, s2):
    url = editor_url(s2)
    client.get(url)
    ids = [c.id for c in cues(s2)]
    assert client.post(url + "/order", json={"cues": ids[::-1]}).status_code == 400
    incomplete = client.post(url + "/order", json={"cues": ids[1:]},
                             headers={"X-CSRFToken": token(client, url)})
    assert incomplete.status_code == 409
    assert [c.id for c in cues(s2)] == ids


@pytest.mark.parametrize(("fmt", "mimetype", "magic"), [
    ("pdf", "application/pdf", b"%PDF"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("csv", "text/csv; charset=utf-8", "\ufeffSession,#".encode()),
])
def test_sheet_downloads(client, s2, fmt, mimetype, magic):
    response = client.get(editor_url(s2) + f"/sheet.{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == mimetype
    assert response.headers["Content-Disposition"] == f'attachment; filename="run-of-show-S2.{fmt}"'
    assert response.data.startswith(magic)


def test_print_page_has_header_footer_and_blank_columns(client, s2):
    page = lxml.html.fromstring(client.get(editor_url(s2) + "/sheet").data)
    head = " ".join(page.xpath("string(//th[@class='head-cell'])").split())
    assert "09:30–11:00 EDT (America/New_York)" in head and "13:30–15:00 UTC" in head
    assert "Passcode: IS2020" in head
    assert page.xpath("string(//td[@class='foot-cell'])").startswith("S2 · revision 0 · printed ")
    assert page.xpath("//thead//th[@class='blank']/text()") == ["Actual start", "Over / under"]


def test_day_booklet_one_section_per_session(client, s2):
    page = lxml.html.fromstring(client.get(
        "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06/run-of-show").data)
    assert [s.get("id") for s in page.xpath("//section[@class='sheet']")] == [
        "sheet-S1", "sheet-S2", "sheet-S3", "sheet-S4", "sheet-S5"]
    assert client.get("/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-09/"
                      "run-of-show").status_code == 404


def test_run_of_show_needs_login(app):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    response = app.test_client().get(editor_url(s2) + "/sheet.pdf")
    assert response.status_code == 302
