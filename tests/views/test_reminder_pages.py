"""Reminder pages: policies with preview, actions on deliveries, the dispatcher banner."""

from datetime import timedelta

import lxml.html
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import ReminderDelivery, ReminderPolicy, utcnow
from meeting.reminders.dispatch import beat
from meeting.reminders.sync import sync_deliveries
from tests.reminders.test_reminders import START, programme  # noqa: F401  (fixture)
from tests.views.pages import csrf, login

PAGE = "/organizer/segments/is-2030/reminders/"


def page(client, url=PAGE):
    return lxml.html.fromstring(client.get(url).data)


def text(element_or_none) -> str:
    return " ".join(element_or_none.text_content().split()) if element_or_none is not None else ""


def test_banner_when_dispatcher_not_running(client, programme):  # noqa: F811
    login(client)
    assert "The reminder dispatcher is not running" in client.get(PAGE).data.decode()
    beat(utcnow(), 30, "test")
    assert "The reminder dispatcher is not running" not in client.get(PAGE).data.decode()


def test_reminders_page_lists_scheduled_with_local_arrival(client, programme):  # noqa: F811
    login(client)
    doc = page(client)
    assert text(doc.xpath("//section[@id='pending']/h2")[0]) == "Scheduled next (9)"
    first = doc.xpath("//section[@id='pending']//tbody/tr")[0]
    cells = [text(td) for td in first.xpath("td")]
    # One week before 09:00 New York time; the first row is whoever sorts first at that time.
    assert cells[0] == "Wed 13 Mar 2030, 09:00 EDT"
    assert cells[1].endswith(("Europe/Zurich", "Europe/Rome", "Asia/Bangkok"))


def test_policy_unknown_placeholder_refused_nothing_saved(client, programme):  # noqa: F811
    login(client)
    url = PAGE + "policies/new"
    before = db.session.scalar(select(db.func.count(ReminderPolicy.id)))
    response = client.post(url, data={
        "csrf_token": csrf(client, url), "name": "Two hours", "amount": "2", "unit": "hours",
        "anchor": "session", "roles": ["chair"], "subject": "Soon: {sesion}", "body": "Hi {name}",
        "active": "y", "do": "save"})
    assert response.status_code == 400
    assert "subject: unknown placeholder {sesion}" in response.data.decode()
    assert db.session.scalar(select(db.func.count(ReminderPolicy.id))) == before


def test_policy_preview_renders_for_real_participant_without_saving(client, programme):  # noqa: F811
    login(client)
    url = PAGE + "policies/new"
    response = client.post(url, data={
        "csrf_token": csrf(client, url), "name": "Two hours", "amount": "2", "unit": "hours",
        "anchor": "session", "roles": ["chair"], "subject": "Soon: {session} ({local_time})",
        "body": "Dear {name}, you chair {session} at {local_start}.", "active": "y",
        "do": "preview"})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.data)
    assert text(doc.xpath("//section[@class='preview']/h2")[0]) == (
        "Preview for Chair, Statistical Commission")
    assert text(doc.xpath("//section[@class='preview']//strong")[0]) == (
        "Soon: Food systems (Wed 20 Mar 2030, 14:00 CET)")
    assert text(doc.xpath("//section[@class='preview']/pre")[0]) == (
        "Dear Chair, Statistical Commission, you chair Food systems at "
        "Wednesday 20 March 2030, 14:00 CET (Europe/Zurich).")
    assert db.session.scalar(select(db.func.count(ReminderPolicy.id))) == 3


def test_policy_saved_schedules_deliveries(client, programme):  # noqa: F811
    login(client)
    url = PAGE + "policies/new"
    response = client.post(url, data={
        "csrf_token": csrf(client, url), "name": "Two hours, chairs", "amount": "2",
        "unit": "hours", "anchor": "session", "roles": ["chair"],
        "subject": "Soon: {session}", "body": "Dear {name}", "active": "y", "do": "save"})
    assert response.status_code == 302
    policy = db.session.scalar(select(ReminderPolicy).where(
        ReminderPolicy.name == "Two hours, chairs"))
    rows = db.session.scalars(select(ReminderDelivery).where(
        ReminderDelivery.policy_id == policy.id)).all()
    assert [(r.person.key, r.due_at) for r in rows] == [("chair", START - timedelta(hours=2))]


def test_cancel_one_stays_cancelled_after_sync(client, programme):  # noqa: F811
    login(client)
    row = db.session.scalar(select(ReminderDelivery).order_by(ReminderDelivery.id))
    response = client.post(f"{PAGE}deliveries/{row.id}/cancel", data={"csrf_token": csrf(client, PAGE)})
    assert response.status_code == 302
    sync_deliveries(programme)
    db.session.expire_all()
    row = db.session.get(ReminderDelivery, row.id)
    assert (row.status, row.cancelled_by) == ("cancelled", "organizer@un.org")


def test_send_now_from_page(client, programme, smtp_server):  # noqa: F811
    login(client)
    row = db.session.scalar(select(ReminderDelivery).order_by(ReminderDelivery.id))
    client.post(f"{PAGE}deliveries/{row.id}/send", data={"csrf_token": csrf(client, PAGE)})
    db.session.expire_all()
    assert db.session.get(ReminderDelivery, row.id).status == "sent"
    assert len(smtp_server.messages) == 1


def test_viewer_cannot_act(client, programme):  # noqa: F811
    login(client, "viewer")
    row = db.session.scalar(select(ReminderDelivery).order_by(ReminderDelivery.id))
    response = client.post(f"{PAGE}deliveries/{row.id}/cancel", data={"csrf_token": csrf(client, PAGE)})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(ReminderDelivery, row.id).status == "pending"
