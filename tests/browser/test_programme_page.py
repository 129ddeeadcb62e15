"""The public programme in a real browser."""

from meeting.programme_files import import_file
from tests.conftest import DEFAULT_PROGRAMME


def test_programme_page_shows_days_sessions_and_zones(live_server, page, app):
    import_file(DEFAULT_PROGRAMME)
    page.goto(live_server + "/")
    page.get_by_role("link", name="2020 ECOSOC Integration Segment").click()
    page.wait_for_url("**/segments/ecosoc-2020-integration-segment/")
    assert page.locator("section.day h2").all_inner_texts() == [
        "Monday 6 July 2020 (America/New_York)",
        "Tuesday 7 July 2020 (America/New_York)",
    ]
    s1 = page.locator("#session-S1")
    assert s1.locator(".hq").inner_text() == "09:00–09:30 EDT"
    assert s1.locator(".utc").inner_text() == "13:00–13:30 UTC"
    # The stylesheet is served and applied: time column beside the details.
    assert s1.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator("article.session").count() == 11


def test_programme_page_narrow_screen_stacks_times_above_details(live_server, page, app):
    import_file(DEFAULT_PROGRAMME)
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
