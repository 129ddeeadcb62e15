"""The live run recorded on the server: presses replayed, the report, the speaker-screen link."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import LiveMark, Session
from meeting.runofshow.cues import session_sheet
from meeting.runofshow.live import (
    LiveError,
    clock,
    live_state,
    planned_vs_actual,
    record_mark,
    revoke_screen_links,
    screen_token,
    session_for_screen,
)
from tests.conftest import DEFAULT_PROGRAMME

T0 = round(datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc).timestamp() * 1000)
MIN = 60000


@pytest.fixture
def s2(app):
    import_file(DEFAULT_PROGRAMME)
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def press(session, *presses):
    count = len(session_sheet(session).rows)
    state = None
    for action, at in presses:
        state = record_mark(session, action, at, "moderator@un.org", count)
    return state


def test_live_replay_next_back_and_reset_give_the_scripts_state(s2):
    state = press(s2, ("start", T0), ("next", T0 + 6 * MIN), ("next", T0 + 13 * MIN),
                  ("back", T0 + 13 * MIN + 5000))
    assert state.as_json() == {"index": 1, "startedAt": T0 + 6 * MIN, "done": [6 * MIN],
                               "runStartedAt": T0, "mark": state.last_mark}
    assert live_state(s2, 7).as_json() == state.as_json()
    after = press(s2, ("reset", T0 + 14 * MIN))
    assert (after.index, after.done, after.run_started_at) == (None, [], None)
    assert db.session.scalar(select(func.count()).select_from(LiveMark)) == 5


@pytest.mark.parametrize(("action", "at", "message"), [
    ("jump", T0, "action must be one of start, next, back, reset, not 'jump'"),
    ("next", "soon", "at must be the press time in milliseconds since 1970 (an integer)"),
    ("next", T0 - 1000, "this press is earlier than the one before it: is the clock right?"),
    ("next", T0 + 25 * 3600 * 1000, "this press is more than a day after the one before it: reset first"),
])
def test_live_mark_bad_press_refused_and_nothing_recorded(s2, action, at, message):
    press(s2, ("start", T0))
    with pytest.raises(LiveError) as error:
        press(s2, (action, at))
    assert str(error.value) == message
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(LiveMark)) == 1


def test_live_report_planned_vs_actual_per_cue_and_total(s2):
    press(s2, ("start", T0), ("next", T0 + 6 * MIN), ("next", T0 + 12 * MIN + 30000))
    sheet = session_sheet(s2)
    report = planned_vs_actual(sheet.rows, live_state(s2, len(sheet.rows)), T0 + 13 * MIN)
    first, second, third, fourth = report.rows[:4]
    assert (first.planned_minutes, first.actual_ms, first.difference_ms, first.running) == (
        5, 6 * MIN, MIN, False)
    assert (second.planned_minutes, second.actual_ms, second.difference_ms) == (8, 6 * MIN + 30000,
                                                                                -2 * MIN + 30000)
    assert second.actual_start == datetime(2020, 7, 6, 13, 36, tzinfo=timezone.utc)
    assert (third.actual_ms, third.running, third.actual_start) == (
        30000, True, datetime(2020, 7, 6, 13, 42, 30, tzinfo=timezone.utc))
    assert (fourth.actual_ms, fourth.actual_start) == (None, None)
    assert (report.actual_ms, report.difference_ms, report.finished) == (13 * MIN, -30000, False)
    assert [clock(d, signed=True) for d in (MIN, -90000, 0, None)] == ["+1:00", "−1:30", "±0:00", "—"]


def test_live_screen_link_opens_its_session_until_revoked(s2, app):
    token = screen_token(s2)
    assert screen_token(s2) == token  # the same link until revoked
    assert session_for_screen(token) is s2
    assert session_for_screen(token[:-2] + "xx") is None
    new = revoke_screen_links(s2)
    assert new != token
    assert (session_for_screen(token), session_for_screen(new)) == (None, s2)
