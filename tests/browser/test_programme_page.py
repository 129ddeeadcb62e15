"""The public programme in a real browser."""

from datetime import datetime, timezone

import pytest

from tests.conftest import load_published

PROGRAMME = "/segments/ecosoc-2020-integration-segment/"


@pytest.fixture
def bangkok_page(browser):
    """A visitor whose computer is set to Bangkok (UTC+7, no daylight saving)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Asia/Bangkok")
    page = context.new_page()
    yield page
    context.close()


def test_programme_page_shows_days_sessions_and_zones(live_server, page, app):
    load_published()
    page.goto(live_server + "/")
    page.get_by_role("link", name="2020 ECOSOC Integration Segment").click()
    page.wait_for_url("**/segments/ecosoc-2020-integration-segment/")
    assert page.locator("section.day h2").all_inner_texts() == [
        "Monday 6 July 2020 (America/New_York)",
        "Tuesday 7 July 2020 (America/New_York)",
    ]
    s1 = page.locator("#session-S1")
    assert s1.locator(".hq-when").inner_text() == "09:00–09:30 EDT"
    # The stylesheet is served and applied: time column beside the details.
    assert s1.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator("article.session").count() == 11


def test_programme_page_narrow_screen_stacks_times_above_details(live_server, page, app):
    load_published()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server + "/segments/ecosoc-2020-integration-segment/")
    when = page.locator("#session-S2 .when").bounding_box()
    what = page.locator("#session-S2 .what").bounding_box()
    assert what["y"] >= when["y"] + when["height"]


def test_login_page_logs_in_with_printed_password(live_server, page, app):
    from meeting.cli import first_run

    password = first_run()[-1].rsplit("password: ", 1)[1]
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("organizer@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    assert page.locator(".flash").inner_text() == "Logged in as organizer@example.org."
    assert page.locator(".who").inner_text() == "organizer@example.org (admin)"


def test_zone_switcher_detects_switches_and_survives_reload(live_server, bangkok_page, app):
    load_published()
    page = bangkok_page
    page.goto(live_server + PROGRAMME)
    s1 = page.locator("#session-S1")
    assert s1.locator(".hq-when").inner_text() == "09:00–09:30 EDT"
    # Detected from the computer: Bangkok is 11 hours ahead of New York in July.
    assert page.locator("#visitor-zone").input_value() == "Asia/Bangkok"
    assert s1.locator(".visitor-when").inner_text() == "20:00–20:30 GMT+7"
    # S5 ends after midnight in Bangkok: the visitor's line names the day.
    assert page.locator("#session-S5 .visitor-when").inner_text() == "Tue 7 Jul, 02:45–04:15 GMT+7"

    page.locator("#visitor-zone").select_option("Europe/Zurich")
    assert s1.locator(".visitor-when").inner_text() == "15:00–15:30 GMT+2"
    page.reload()
    assert page.locator("#visitor-zone").input_value() == "Europe/Zurich"
    assert page.locator("#session-S1 .visitor-when").inner_text() == "15:00–15:30 GMT+2"
    assert page.locator("#session-S1 .hq-when").inner_text() == "09:00–09:30 EDT"

    # The choice follows the visitor to a session page and the grid.
    page.goto(live_server + PROGRAMME + "sessions/S2/")
    assert page.locator(".when-line .visitor-when").inner_text() == "15:30–17:00 GMT+2"
    page.goto(live_server + PROGRAMME + "?view=grid")
    assert page.locator("#session-S2 .visitor-when").inner_text() == "15:30–17:00 GMT+2"

    # Pages without times do not offer the switcher.
    page.goto(live_server + PROGRAMME + "documents/")
    assert page.locator(".zone-switcher").is_hidden()
    page.goto(live_server + PROGRAMME + "?view=grid")
    page.get_by_role("button", name="use my computer’s zone").click()
    assert page.locator("#session-S2 .visitor-when").inner_text() == "20:30–22:00 GMT+7"
    page.reload()
    assert page.locator("#visitor-zone").input_value() == "Asia/Bangkok"


def test_now_next_strip_follows_the_clock(live_server, bangkok_page, app):
    load_published()
    page = bangkok_page
    page.clock.install(time=datetime(2020, 7, 6, 11, 0, tzinfo=timezone.utc))
    page.goto(live_server + PROGRAMME)
    assert page.locator("#now-next").is_hidden()  # two hours before the first session
    page.clock.pause_at(datetime(2020, 7, 6, 13, 10, tzinfo=timezone.utc))
    page.clock.run_for(30_000)
    assert page.locator("#now-next [data-now]").inner_text() == (
        "Opening of the 2020 Integration Segment (20:00–20:30 GMT+7)")
    assert page.locator("#now-next [data-next]").inner_text().startswith(
        "COVID-19 preparedness, response and recovery through the GSDR entry points (I)")
    assert page.locator("#now-next [data-next]").inner_text().endswith("(Mon 6 Jul 20:30–22:00 GMT+7)")
    page.locator("#visitor-zone").select_option("America/New_York")
    assert page.locator("#now-next [data-now]").inner_text() == (
        "Opening of the 2020 Integration Segment (09:00–09:30 EDT)")
    page.locator("#now-next [data-now] a").click()
    page.wait_for_url("**/sessions/S1/")
