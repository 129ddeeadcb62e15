"""Run-of-show pages: editor, cue edits, reorder, print sheet and downloads, day booklet."""

import io

import lxml.html
import pytest
from pdfminer.high_level import extract_text
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
    assert page.xpath("string(//td[@class='foot-cell'])").startswith("S2 · sheet revision 0 · as of ")
    assert page.xpath("//thead//th[@class='blank']/text()") == ["Actual start"]
    assert "Moderator: H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA" in head
    assert "Expected end 10:21 EDT" in head  # 51 planned minutes from 09:30
    assert "Secretariat:" not in head  # no contact set


def test_print_sheet_names_the_secretariat_contact(client, s2):
    s2.segment.contact_name, s2.segment.contact_email = "Amina Mohammed", "is-secretariat@un.org"
    db.session.commit()
    page = lxml.html.fromstring(client.get(editor_url(s2) + "/sheet").data)
    head = " ".join(page.xpath("string(//th[@class='head-cell'])").split())
    assert "Secretariat: Amina Mohammed, is-secretariat@un.org" in head


def test_print_sheet_revision_rises_with_every_cue_edit_and_as_of_is_in_hq(client, s2):
    url = editor_url(s2)
    client.get(url)
    for n in range(5):
        assert client.post(url + "/cues", data={
            "csrf_token": token(client, url), "who": f"Video {n}", "what": "Statement",
            "minutes": "1", "hard_start": "", "connection": ""}).status_code == 302
    foot = lxml.html.fromstring(client.get(url + "/sheet").data).xpath("string(//td[@class='foot-cell'])")
    assert foot.startswith("S2 · sheet revision 5 · as of ")
    assert foot.split(" · ")[2].endswith(" EST")  # HQ time on the day it was printed (December)
    assert " UTC" not in foot


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


def _cue_form(page, cue_id) -> dict:
    form = page.xpath(f"//li[@id='cue-{cue_id}']//form[contains(@action, '/cues/{cue_id}')]")[0]
    return dict(form.form_values())


def test_cue_stale_edits_from_second_organizer_refused_409_naming_who_input_kept(app, s2):
    # Each organizer in an app context of their own (Flask-Login keeps the user in g).
    first, other = app.test_client(), app.test_client()
    create_user("second@un.org", "organizer", PASSWORD)
    for client, email in ((first, "organizer@un.org"), (other, "second@un.org")):
        with app.app_context():
            client.post("/login", data={"csrf_token": token(client, "/login"), "email": email,
                                        "password": PASSWORD})
    with app.app_context():
        mine = lxml.html.fromstring(first.get(editor_url(s2)).data)
    with app.app_context():
        theirs = lxml.html.fromstring(other.get(editor_url(s2)).data)
    one, two = [c.id for c in cues(s2)][:2]
    stamp = theirs.get_element_by_id("cues").get("data-stamp")
    assert mine.get_element_by_id("cues").get("data-stamp") == stamp

    mine_form = _cue_form(mine, one) | {"minutes": "9"}
    with app.app_context():
        assert first.post(f"{editor_url(s2)}/cues/{one}", data=mine_form).status_code == 302
    their_form = _cue_form(theirs, two) | {"notes": "Reads the statement of the Group of 77"}
    with app.app_context():
        refused = other.post(f"{editor_url(s2)}/cues/{two}", data=their_form)
        moved = other.post(f"{editor_url(s2)}/order",
                           json={"cues": [two, one] + [c.id for c in cues(s2)][2:], "stamp": stamp},
                           headers={"X-CSRFToken": their_form["csrf_token"]})

    assert refused.status_code == 409
    page = lxml.html.fromstring(refused.data)
    assert page.get_element_by_id("conflict").text_content().startswith(
        f"The run of show of S2 changed while you were editing: organizer@un.org changed "
        f"run of show: saved {cues(s2)[0].who}")
    # (WTForms starts a textarea with a newline, which browsers drop.)
    assert page.xpath(f"//li[@id='cue-{two}']//textarea[@name='notes']/text()") == [
        "\nReads the statement of the Group of 77"]
    assert len(page.xpath(f"//li[@id='cue-{two}']//details[@open]")) == 1
    assert (moved.status_code, moved.get_json()["error"][:54]) == (
        409, "The run of show of S2 changed while you were editing: ")
    after = cues(s2)
    assert [(c.id, c.minutes, c.notes) for c in after[:2]] == [
        (one, 9, after[0].notes), (two, after[1].minutes, None)]


def test_day_booklet_cover_lists_sessions_and_tech_checks_in_hq_and_utc(client, s2):
    url = "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06/run-of-show"
    page = lxml.html.fromstring(client.get(url).data)
    rows = [[" ".join(td.text_content().split()) for td in tr.xpath("td")]
            for tr in page.xpath("//section[@id='day-at-a-glance']//tbody/tr")]
    codes = [r[2] for r in rows]
    assert codes[:4] == ["TC1A", "TC1B", "S1", "S2"]  # in time order: both checks at 08:30
    assert all(code in codes for code in ("S1", "S2", "S3", "S4", "S5"))
    s2_row = rows[codes.index("S2")]
    assert s2_row[:2] == ["09:30–11:00", "13:30–15:00"]
    assert s2_row[4] == ("Moderator: H.E. Under-Secretary-General for Economic and Social Affairs, "
                         "UN DESA")
    assert rows[codes.index("TC1B")][3].startswith("Tech check: ")

    pdf = client.get(url + ".pdf").data
    first, second = (" ".join(extract_text(io.BytesIO(pdf), page_numbers=[n]).split()) for n in (0, 1))
    assert "The day at a glance · Monday 6 July 2020 · EDT (America/New_York) and UTC" in first
    # S1's sheet opens page 2 (pdfminer may put the header's time line before its title).
    assert second.index("S1 · Opening of the 2020 Integration Segment") < 60
