"""A reply dropped into the inbox, one dispatcher interval, and the organizer sees it applied."""

from meeting.reminders.scheduler import run_once
from tests.browser.test_accessibility import AXE, serious_violations
from tests.invitations.reply_setup import drop, fixture, invite_jane


def test_reply_in_maildir_after_one_interval_shows_confirmed(live_server, log_in, app):
    invite_jane()
    page = log_in()
    page.context.add_init_script(path=str(AXE))
    page.goto(f"{live_server}/organizer/segments/replies-2020/")
    counts = page.locator("ul.counts")
    assert "0 confirmed, 1 not yet confirmed, 0 declined" in " ".join(counts.inner_text().split())
    drop(fixture("outlook_accepted.eml"))
    run_once(app, 30, "browser-test")
    page.reload()
    assert "1 confirmed, 0 not yet confirmed, 0 declined" in " ".join(counts.inner_text().split())
    assert page.get_by_text("Everyone has answered.").is_visible()
    page.get_by_role("link", name="Calendar replies").click()
    page.wait_for_url(f"{live_server}/organizer/replies")
    row = page.locator("table.replies tbody tr")
    assert row.count() == 1
    assert row.locator("td").nth(2).inner_text() == "HLP1 High-level panel"
    assert row.locator(".outcome-applied").inner_text() == "applied"
    assert row.locator("td").nth(6).inner_text() == "accepted: confirmed in HLP1 as panelist"
    assert serious_violations(page) == []
