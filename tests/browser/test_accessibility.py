"""axe-core (vendored) finds no serious or critical accessibility problem on the main pages."""

from pathlib import Path

from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Person, Session
from meeting.people.portal import portal_token
from tests.conftest import load_published

# Vendored beside the tests, not under static/: the app never serves it.
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"


def serious_violations(page) -> list[str]:
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_main_pages_have_no_serious_accessibility_violations(live_server, page, app, log_in):
    load_published()
    s2 = db.session.scalar(select(Session.id).where(Session.code == "S2"))
    # An init script, not a <script> tag: the app's CSP rightly refuses injected scripts.
    page.context.add_init_script(path=str(AXE))
    log_in()
    found = {}
    for path in ("/organizer/segments/ecosoc-2020-integration-segment/",
                 "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06",
                 f"/organizer/sessions/{s2}/edit",
                 "/organizer/segments/ecosoc-2020-integration-segment/publication/",
                 "/organizer/new-segment",
                 "/organizer/segments/ecosoc-2020-integration-segment/settings",
                 "/organizer/segments/ecosoc-2020-integration-segment/duplicate",
                 "/segments/ecosoc-2020-integration-segment/",
                 "/segments/ecosoc-2020-integration-segment/?view=grid",
                 "/segments/ecosoc-2020-integration-segment/sessions/S2/",
                 "/segments/ecosoc-2020-integration-segment/people/dg-fao/",
                 "/segments/ecosoc-2020-integration-segment/organizations/fao/",
                 "/segments/ecosoc-2020-integration-segment/documents/",
                 "/segments/ecosoc-2020-integration-segment/key-messages/",
                 "/segments/ecosoc-2020-integration-segment/changes/",
                 "/segments/ecosoc-2020-integration-segment/open-data/"):
        response = page.goto(live_server + path)
        assert response.status == 200, path
        if "/days/" in path:
            page.wait_for_selector(".fc-event")
        found[path] = serious_violations(page)
    assert found == {path: [] for path in found}


def test_pages_in_other_languages_have_no_serious_accessibility_violations(live_server, page, app):
    load_published()
    person = db.session.scalar(select(Person).where(Person.key == "es-escap"))
    person.preferred_language = "es"
    db.session.commit()
    page.context.add_init_script(path=str(AXE))
    base = "/segments/ecosoc-2020-integration-segment"
    found = {}
    for path, language, direction in ((f"{base}/?lang=ar", "ar", "rtl"),
                                      (f"{base}/?view=grid&lang=ar", "ar", "rtl"),
                                      (f"{base}/?lang=zh", "zh", "ltr"),
                                      (f"{base}/sessions/S2/?lang=fr", "fr", "ltr"),
                                      (f"/p/{portal_token(person)}/", "es", "ltr")):
        if path.startswith("/p/"):
            page.context.clear_cookies()  # the speaker's own browser: their preferred language
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
            language, direction]
        found[path] = serious_violations(page)
    assert found == {path: [] for path in found}


def test_organizer_dashboard_in_french_has_no_serious_accessibility_violations(live_server, page, app,
                                                                              log_in):
    load_published()
    page.context.add_init_script(path=str(AXE))
    log_in()
    page.goto(live_server + "/organizer/segments/ecosoc-2020-integration-segment/")
    page.get_by_role("button", name="Français").click()
    page.goto(live_server + "/organizer/segments/ecosoc-2020-integration-segment/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert serious_violations(page) == []
