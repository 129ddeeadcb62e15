"""In a real browser: the organizer adds a French title to a session in the editor, and the
public programme and session page in French show it; before, the English original, marked."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Session
from tests.conftest import load_published

PROGRAMME = "/segments/ecosoc-2020-integration-segment/"


def test_organizer_adds_french_title_and_public_french_page_shows_it(live_server, page, app, log_in):
    load_published()
    s4 = db.session.scalar(select(Session).where(Session.code == "S4"))
    english = s4.title
    log_in()
    page.goto(f"{live_server}{PROGRAMME}sessions/S4/?lang=fr")
    assert page.locator("main h1 .original").get_attribute("lang") == "en"
    assert page.locator("main h1 .original-label").inner_text() == "(original : anglais)"
    page.goto(f"{live_server}/organizer/sessions/{s4.id}/edit?lang=en")
    new = page.locator("#translation-new")
    new.get_by_label("Language").select_option("fr")
    new.get_by_label("Title").fill("Dialogue interactif sur le relèvement")
    new.get_by_label("Description").fill("Un échange avec les États Membres.")
    new.get_by_role("button", name="Add the translation").click()
    page.wait_for_url(f"**/organizer/sessions/{s4.id}/edit#translations")
    assert page.locator("#translation-fr input[name='title']").input_value() == (
        "Dialogue interactif sur le relèvement")
    page.goto(f"{live_server}{PROGRAMME}sessions/S4/?lang=fr")
    assert page.locator("main h1").inner_text().startswith("Dialogue interactif sur le relèvement")
    assert page.locator("main h1 .original").count() == 0
    assert page.locator(".description").inner_text() == "Un échange avec les États Membres."
    page.goto(f"{live_server}{PROGRAMME}?lang=fr")
    assert page.locator("#session-S4 h3 a").inner_text() == "Dialogue interactif sur le relèvement"
    page.goto(f"{live_server}{PROGRAMME}?lang=en")
    assert page.locator("#session-S4 h3 a").inner_text() == english
