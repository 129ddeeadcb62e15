"""The moderator's live view in a real browser, with the page's clock under test control."""

from datetime import datetime, timezone

from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from meeting.runofshow.cues import session_sheet
from tests.conftest import DEFAULT_PROGRAMME


def test_live_view_advances_cues_and_shows_over_under(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    page.clock.install(time=datetime(2020, 7, 6, 13, 29, tzinfo=timezone.utc))
    log_in("moderator@un.org", "viewer")
    page.goto(f"{live_server}/organizer/sessions/{s2.id}/live")
    page.clock.pause_at(datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc))  # time moves only when told
    text = lambda selector: page.locator(selector).inner_text()  # noqa: E731
    assert text("#now-who") == "Press Start when the session begins"
    assert text("#next-who").startswith("H.E. Under-Secretary-General")

    page.get_by_role("button", name="Start").click()
    assert text("#position") == "(cue 1 of 7)"
    assert text("#countdown") == "5:00"
    page.clock.run_for("03:30")  # 1:30 left: amber
    assert text("#countdown") == "1:30"
    assert page.locator("#countdown").get_attribute("class") == "countdown amber"
    page.clock.run_for("01:00")  # 0:30 left: red
    assert page.locator("#countdown").get_attribute("class") == "countdown red"
    page.clock.run_for("01:30")  # one minute over
    assert text("#countdown") == "-1:00"
    assert text("#over-under") == "1:00 over"

    page.keyboard.press("Space")  # the FAO panelist starts
    assert text("#now-who") == "H.E. Director-General, FAO"
    assert text("#next-who") == "Dr. Director-General, WHO"
    assert text("#countdown") == "8:00"
    assert text("#over-under") == "1:00 over"

    page.clock.run_for("06:00")  # FAO finishes two minutes early
    page.get_by_role("button", name="Next").click()
    assert text("#over-under") == "1:00 under"

    page.clock.run_for("00:30")
    page.reload()  # the clock and the running order survive a reload
    assert text("#now-who") == "Dr. Director-General, WHO"
    assert text("#countdown") == "7:30"
    assert text("#over-under") == "1:00 under"


def test_live_view_back_undoes_next_and_reset_asks_then_clears_the_screen(live_server, page, app,
                                                                           log_in):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    page.clock.install(time=datetime(2020, 7, 6, 13, 29, tzinfo=timezone.utc))
    log_in("moderator@un.org", "viewer")
    page.goto(f"{live_server}/organizer/sessions/{s2.id}/live")
    page.clock.pause_at(datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc))
    text = lambda selector: page.locator(selector).inner_text()  # noqa: E731

    page.get_by_role("button", name="Start").click()
    page.clock.run_for("02:00")
    page.get_by_role("button", name="Next").click()  # pressed too early
    assert text("#now-who") == "H.E. Director-General, FAO"
    page.clock.run_for("00:10")
    page.get_by_role("button", name="Back").click()  # undone: the moderator's cue goes on
    assert (text("#now-who"), text("#countdown")) == (
        "H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA", "2:50")

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Reset").click()
    assert asked == ["Reset the timer? Every cue's timing of this run is lost."]
    assert text("#countdown") == "2:50"  # dismissed: nothing lost

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset").click()
    assert (text("#now-who"), text("#countdown"), text("#position"), text("#over-under")) == (
        "Press Start when the session begins", "--:--", "", "on time")
    assert text("#next-who").startswith("H.E. Under-Secretary-General")


def test_live_speaker_screen_follows_the_moderator_within_two_seconds(live_server, page, app, log_in):
    from playwright.sync_api import expect

    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    log_in("moderator@un.org", "viewer")
    page.goto(f"{live_server}/organizer/sessions/{s2.id}/live")
    link = page.get_by_label("Speaker screen link").input_value()
    assert link.startswith("http://127.0.0.1:5000/screen/")  # on PUBLIC_URL, to be sent
    screen = page.context.new_page()
    screen.goto(live_server + link.removeprefix("http://127.0.0.1:5000"))
    expect(screen.locator("#now-who")).to_have_text("Press Start when the session begins")
    assert screen.get_by_role("button").count() == 0  # read-only

    page.get_by_role("button", name="Start").click()
    expect(page.locator("#live-status")).to_have_text("Recorded.")
    expect(screen.locator("#now-who")).to_have_text(
        "H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA", timeout=2000)
    page.get_by_role("button", name="Next").click()
    expect(screen.locator("#now-who")).to_have_text("H.E. Director-General, FAO", timeout=2000)
    expect(screen.locator("#position")).to_have_text("(cue 2 of 7)")
    page.get_by_role("button", name="Back").click()
    expect(screen.locator("#position")).to_have_text("(cue 1 of 7)", timeout=2000)
    box = screen.locator("#countdown").bounding_box()
    assert box["height"] >= 0.25 * 900  # readable from across the room


def test_live_two_sessions_run_at_once_each_with_its_own_timer(live_server, page, app, log_in):
    from playwright.sync_api import expect

    import_file(DEFAULT_PROGRAMME)
    s2, s3 = (db.session.scalar(select(Session).where(Session.code == code)) for code in ("S2", "S3"))
    log_in("moderator@un.org", "viewer")
    other = page.context.new_page()
    page.goto(f"{live_server}/organizer/sessions/{s2.id}/live")
    other.goto(f"{live_server}/organizer/sessions/{s3.id}/live")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#live-status")).to_have_text("Recorded.")
    other.get_by_role("button", name="Start").click()
    expect(other.locator("#live-status")).to_have_text("Recorded.")
    page.reload()
    other.reload()
    expect(page.locator("#position")).to_have_text("(cue 2 of 7)")
    expect(other.locator("#position")).to_have_text(f"(cue 1 of {len(session_sheet(s3).rows)})")
