"""The public programme in Arabic in a real browser: the page mirrors, the bar is there."""

import pytest

from tests.conftest import load_published

PROGRAMME = "/segments/ecosoc-2020-integration-segment/"


@pytest.fixture
def arabic_page(browser):
    """A visitor in Bangkok whose browser asks for Arabic."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar",
                                  timezone_id="Asia/Bangkok", extra_http_headers={"Accept-Language": "ar"})
    page = context.new_page()
    yield page
    context.close()


def test_programme_in_arabic_reads_right_to_left_with_the_language_bar(live_server, arabic_page, app,
                                                                      tmp_path):
    load_published()
    page = arabic_page
    page.goto(live_server + PROGRAMME)
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.locator("main h1").inner_text() == "البرنامج"
    bar = page.locator("header.site-header nav.language-bar")
    assert bar.is_visible()
    assert bar.locator("a").all_inner_texts() == ["عربي", "中文", "English", "Français", "Русский", "Español"]
    assert bar.locator("a[aria-current]").inner_text() == "عربي"
    # Mirrored: the times column stands to the right of the session's details.
    when = page.locator("#session-S2 .when").bounding_box()
    what = page.locator("#session-S2 .what").bounding_box()
    assert when["x"] > what["x"]
    # Times stay one left-to-right run; the script's own texts come translated from the page.
    assert page.locator("#session-S2 .hq-when").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("#session-S2 .hq-when").inner_text() == "09:30–11:00 EDT"
    assert page.locator("#visitor-zone option:checked").inner_text() == "Asia/Bangkok (هذا الحاسوب)"
    page.screenshot(path=tmp_path / "public-arabic.png")


def test_language_bar_switches_the_programme_to_french(live_server, page, app):
    load_published()
    page.goto(live_server + PROGRAMME)
    page.locator("nav.language-bar").get_by_role("link", name="Français").click()
    page.wait_for_url("**/?lang=fr")
    assert page.locator("main h1").inner_text() == "Programme"
    assert page.locator("section.day h2").first.inner_text() == "lundi 6 juillet 2020 (America/New_York)"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    page.goto(live_server + PROGRAMME + "sessions/S2/")
    assert page.locator("html").get_attribute("lang") == "fr"
