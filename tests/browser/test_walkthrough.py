"""A new organizer builds a session in the browser, end to end (Debian's Chromium)."""

from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from tests.conftest import DEFAULT_PROGRAMME

DAY = "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06"
UTC = timezone.utc


def y_of(page, hhmm: str) -> float:
    box = page.locator(f'td.fc-timegrid-slot-lane[data-time="{hhmm}:00"]').bounding_box()
    return box["y"] + 1


def drag_by(page, locator, dy: float, grab: float = 3):
    """Drag `locator` vertically by dy pixels, holding it `grab` pixels below its top.

    FullCalendar snaps the times under the pointer, so holding near the top edge keeps the
    start and end of the drag on the same side of a snap line.
    """
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(grab, box["height"] / 2)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + (5 if dy > 0 else -5), steps=3)
    page.mouse.move(x, y + dy, steps=15)
    page.mouse.up()


def saved(page, text: str):
    try:
        expect(page.locator("#timeline-status")).to_contain_text(text, timeout=10_000)
    except Exception:
        print("STATUS WAS:", page.locator("#timeline-status").inner_text())
        raise


def next_status(page, previous: str) -> str:
    """Wait for the status line to report a new save, and return it."""
    status = page.locator("#timeline-status")
    expect(status).not_to_have_text(previous, timeout=10_000)
    expect(status).to_contain_text("saved", timeout=10_000)
    return page.locator("#timeline-status").inner_text()


def session(code: str) -> Session:
    db.session.expire_all()
    return db.session.scalar(select(Session).where(Session.code == code))


def test_new_organizer_builds_a_session(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole day's axis in view
    log_in()
    page.goto(live_server + DAY)
    page.wait_for_selector(".fc-event")

    # 1. Create a session by dragging over free time (13:00-13:30); two prompts follow.
    answers = iter(["S20", "Side event on food systems"])
    page.on("dialog", lambda dialog: dialog.accept(next(answers)))
    lane = page.locator('td.fc-timegrid-slot-lane[data-time="13:00:00"]').bounding_box()
    x = lane["x"] + lane["width"] / 2
    page.mouse.move(x, y_of(page, "13:00") + 2)
    page.mouse.down()
    page.mouse.move(x, y_of(page, "13:15") + 2, steps=5)
    page.mouse.move(x, y_of(page, "13:30") - 2, steps=5)
    page.mouse.up()
    saved(page, "S20 created")
    page.wait_for_selector(".fc-event:has-text('S20')")
    assert (session("S20").start, session("S20").duration_minutes) == (
        datetime(2020, 7, 6, 17, 0, tzinfo=UTC), 30)

    # 2. Drag it into the evening, then drag its lower edge to make it longer. (Pixels snap
    #    to 5-minute steps, so the test reads the time the page reports and checks that the
    #    database holds exactly that.)
    event = page.locator(".fc-event", has_text="S20")
    status = page.locator("#timeline-status").inner_text()
    drag_by(page, event, y_of(page, "17:30") - y_of(page, "13:00"))
    moved_to = status = next_status(page, status)  # "S20 saved: 17:30, 30 min."
    hour, minute = map(int, moved_to.split(": ")[1].split(",")[0].split(":"))
    assert (hour, minute) >= (17, 0)
    s20 = session("S20")
    assert s20.start.astimezone(UTC).hour * 60 + s20.start.minute == (hour + 4) * 60 + minute
    event.hover()
    drag_by(page, event.locator(".fc-event-resizer-end"), y_of(page, "19:00") - y_of(page, "18:30"))
    status = next_status(page, status)
    longer = int(status.split(", ")[1].split()[0])
    assert longer > 30
    assert session("S20").duration_minutes == longer

    # 3. Open it; add a head of agency and a Member-State lead discussant; reorder them.
    page.locator(".fc-event", has_text="S20").click()
    page.wait_for_url("**/edit")
    for key, role in (("dg-fao", "panelist"), ("min-india", "lead-discussant")):
        page.locator("input[name=new_person]").fill(key)
        page.locator("select[name=new_role]").select_option(role)
        page.get_by_role("button", name="Save people").click()
        page.wait_for_url("**/edit#people")
    rows = page.locator("#participants tr")
    assert rows.count() == 2
    drag_by(page, rows.nth(1).locator(".handle"), -40)
    page.get_by_role("button", name="Save people").click()
    page.wait_for_url("**/edit#people")
    keys = [p.person.key for p in sorted(session("S20").participations, key=lambda p: p.position)]
    assert keys == ["min-india", "dg-fao"]

    # 4. Move it onto the S2 panel, where both already speak: the double booking shows...
    page.goto(live_server + DAY)
    page.wait_for_selector(".fc-event:has-text('S20')")
    event = page.locator(".fc-event", has_text="S20")
    status = page.locator("#timeline-status").inner_text()
    drag_by(page, event, y_of(page, "10:00") - y_of(page, f"{hour}:{minute // 15 * 15:02d}"))
    status = next_status(page, status)
    assert status.startswith("S20 saved: 10:")
    page.wait_for_selector('#conflicts-panel li[data-kind="double-booked"]')
    doubles = page.locator('#conflicts-panel li[data-kind="double-booked"]').all_inner_texts()
    assert len(doubles) == 2
    assert any("Director-General, FAO is in S2 and S20" in d for d in doubles)

    # 5. ...and goes away when it is moved back.
    drag_by(page, page.locator(".fc-event", has_text="S20"), y_of(page, "18:00") - y_of(page, "10:00"))
    next_status(page, status)
    assert session("S20").start > datetime(2020, 7, 6, 21, 0, tzinfo=UTC)  # after 17:00 in New York
    expect(page.locator('#conflicts-panel li[data-kind="double-booked"]')).to_have_count(0)
