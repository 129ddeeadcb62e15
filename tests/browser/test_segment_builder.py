"""A segment built in Chromium: created from the organizer home, a session added, seen on the dashboard."""

from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Segment, Session


def test_segment_created_in_browser_session_added_shown_on_dashboard(live_server, page, app, log_in):
    log_in()
    page.goto(f"{live_server}/organizer/")
    page.get_by_role("link", name="New segment").click()
    form = page.locator("form.form")
    for name, value in {"title": "2021 Integration Segment", "slug": "is-2021",
                        "timezone": "America/New_York", "start_date": "2021-07-06",
                        "end_date": "2021-07-07", "contact_name": "Amina Mohammed",
                        "contact_email": "secretariat@"}.items():
        form.locator(f"[name={name}]").fill(value)
    page.get_by_role("button", name="Create segment").click()
    # A malformed address: refused, named, and what was typed is still there.
    expect(page.locator(".field-error")).to_have_text(["'secretariat@' is not an e-mail address"])
    assert db.session.scalar(select(Segment)) is None
    form.locator("[name=contact_email]").fill("is-secretariat@un.org")
    page.get_by_role("button", name="Create segment").click()
    page.wait_for_url(f"{live_server}/organizer/segments/is-2021/")
    expect(page.locator("#sessions")).to_have_count(0)

    page.get_by_role("link", name="Tue 6 Jul").click()
    page.wait_for_url(f"{live_server}/organizer/segments/is-2021/days/2021-07-06")
    page.locator("summary", has_text="New session with a form").click()
    new = page.locator("details.new-session form")
    new.locator("[name=code]").fill("S1")
    new.locator("[name=time]").fill("09:30")
    new.locator("[name=duration]").fill("90")
    new.locator("[name=title]").fill("Opening")
    new.get_by_role("button", name="Create").click()
    expect(page.locator(".flash-info")).to_have_text("S1 created as a draft.")

    page.goto(f"{live_server}/organizer/segments/is-2021/")
    rows = page.locator("#sessions tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_text("S1Tue 6 Jul 09:30 EDTOpeningdraft")
    db.session.expire_all()
    assert db.session.scalar(select(Session.start)) == datetime(2021, 7, 6, 13, 30, tzinfo=timezone.utc)
