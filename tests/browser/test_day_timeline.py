"""The day timeline in Chromium: drag a session, see the double booking, drag it back."""

from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from tests.conftest import DEFAULT_PROGRAMME

DAY = "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06"


def drag(page, event_text: str, minutes: int):
    """Drag an event vertically by `minutes` (measured from the axis labels)."""
    nine = page.locator('td.fc-timegrid-slot-label[data-time="09:00:00"]').bounding_box()
    ten = page.locator('td.fc-timegrid-slot-label[data-time="10:00:00"]').bounding_box()
    per_minute = (ten["y"] - nine["y"]) / 60
    box = page.locator(".fc-event", has_text=event_text).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 12)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 5, steps=3)
    page.mouse.move(x, y + minutes * per_minute, steps=12)
    page.mouse.up()


def start_of(code: str) -> datetime:
    db.session.expire_all()
    return db.session.scalar(select(Session.start).where(Session.code == code))


def test_drag_tech_check_onto_panel_shows_conflict_then_fixed(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    log_in()
    page.goto(live_server + DAY)
    page.wait_for_selector(".fc-event")
    assert page.locator('#conflicts-panel li[data-kind="double-booked"]').count() == 0

    # TC1B (08:30-09:00, the S2 panel's tech check) dragged an hour later overlaps S2.
    drag(page, "TC1B", 60)
    expect(page.locator("#timeline-status")).to_contain_text("saved")
    assert page.locator("#timeline-status").inner_text() == "TC1B saved: 09:30, 30 min."
    assert start_of("TC1B") == datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc)
    page.wait_for_selector('#conflicts-panel li[data-kind="double-booked"]')
    assert page.locator('#conflicts-panel li[data-kind="double-booked"]').count() == 5

    drag(page, "TC1B", -60)
    expect(page.locator("#timeline-status")).to_contain_text("08:30")
    assert start_of("TC1B") == datetime(2020, 7, 6, 12, 30, tzinfo=timezone.utc)
    expect(page.locator('#conflicts-panel li[data-kind="double-booked"]')).to_have_count(0)


def test_second_ruler_zone_is_remembered(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    log_in("viewer@un.org", "viewer")
    page.goto(live_server + DAY)
    page.wait_for_selector(".fc-event")
    page.select_option("#secondary-zone", "Asia/Bangkok")
    label = page.locator('td.fc-timegrid-slot-label[data-time="09:00:00"]').inner_text()
    assert label.split() == ["09:00", "20:00", "Bangkok"]
    page.reload()
    page.wait_for_selector(".fc-event")
    assert page.locator("#secondary-zone").input_value() == "Asia/Bangkok"
    label = page.locator('td.fc-timegrid-slot-label[data-time="09:00:00"]').inner_text()
    assert label.split() == ["09:00", "20:00", "Bangkok"]
