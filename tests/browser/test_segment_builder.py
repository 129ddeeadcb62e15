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


def test_walkthrough_invite_reply_move_update_says_what_changed(live_server, page, app, log_in):
    """Issue 12's walkthrough: a segment made in the browser, a person added, published,
    invited; an ACCEPTED reply dropped in the inbox is applied within one dispatcher
    interval; the session moves and the update e-mail says old → new."""
    from meeting.lib.mail import outbox_message, outbox_messages
    from meeting.models import Invitation
    from meeting.reminders.scheduler import run_once
    from tests.invitations.reply_setup import drop, reply_ics, reply_message

    app.config["MAIL_URL"] = "maildir:outbox"
    log_in()
    page.goto(f"{live_server}/organizer/new-segment")
    form = page.locator("form.form")
    for name, value in {"title": "2021 Integration Segment", "slug": "is-2021",
                        "timezone": "America/New_York", "start_date": "2021-07-06",
                        "end_date": "2021-07-07", "contact_name": "Amina Mohammed",
                        "contact_email": "is-secretariat@un.org"}.items():
        form.locator(f"[name={name}]").fill(value)
    page.get_by_role("button", name="Create segment").click()
    page.wait_for_url(f"{live_server}/organizer/segments/is-2021/")
    page.goto(f"{live_server}/organizer/segments/is-2021/days/2021-07-06")
    page.locator("summary", has_text="New session with a form").click()
    new = page.locator("details.new-session form")
    for name, value in {"code": "S1", "time": "09:30", "duration": "90", "title": "Opening"}.items():
        new.locator(f"[name={name}]").fill(value)
    new.get_by_role("button", name="Create").click()
    expect(page.locator(".flash-info")).to_have_text("S1 created as a draft.")
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    page.goto(f"{live_server}/organizer/sessions/{s1.id}/edit")
    page.locator("summary", has_text="Not in the directory? Create the person here").click()
    person = page.locator("details.new-person form")
    for name, value in {"name": "Amina J. Mohammed", "honorific": "H.E. Ms.", "email": "amina@example.org",
                        "timezone": "Africa/Nairobi", "minutes": "7"}.items():
        person.locator(f"[name={name}]").fill(value)
    person.get_by_role("button", name="Create and add").click()
    page.goto(f"{live_server}/organizer/segments/is-2021/publication/")
    page.get_by_role("button", name="Publish").click()
    page.goto(f"{live_server}/organizer/segments/is-2021/invitations")
    page.get_by_role("button", name="Send invites to everyone not yet invited").click()
    expect(page.locator(".flash-info")).to_contain_text("1 sent")

    invitation = db.session.scalar(select(Invitation))
    drop(reply_message(reply_ics(uid=invitation.uid, sequence=invitation.sequence,
                                 attendee="amina@example.org"), sender="amina@example.org"))
    run_once(app, 30, "walkthrough")  # one dispatcher interval
    page.goto(f"{live_server}/organizer/segments/is-2021/")
    expect(page.locator("ul.counts")).to_contain_text("1 confirmed, 0 not yet confirmed, 0 declined")

    page.goto(f"{live_server}/organizer/sessions/{s1.id}/edit")
    page.locator("form.session-form [name=start]").fill("2021-07-06 11:00")
    page.locator("form.session-form").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash-info")).to_contain_text("Saved S1")
    page.goto(f"{live_server}/organizer/segments/is-2021/invitations")
    page.get_by_role("button", name="Send updates (1 outdated)").click()
    expect(page.locator(".flash-info")).to_contain_text("1 sent")
    update = outbox_message(outbox_messages()[0].key)
    assert update["Subject"] == "[Updated] S1 · Tue 6 Jul 18:00 EAT · HQ Tue 6 Jul 11:00 EDT · Opening"
    assert update["Reply-To"] == "Amina Mohammed <is-secretariat@un.org>"
    text = update.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear H.E. Ms. Amina J. Mohammed,\n")
    assert ("  Your time: Tue 06 Jul 16:30–18:00 EAT\n"
            "           → Tue 06 Jul 18:00–19:30 EAT\n"
            "  Headquarters time: Tue 06 Jul 09:30–11:00 EDT\n"
            "                   → Tue 06 Jul 11:00–12:30 EDT\n") in text
