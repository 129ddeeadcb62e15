"""The live run of a session: presses recorded on the server, replayed for every screen.

The moderator's page, a speaker's screen and the planned-vs-actual report all read the same
replay of the same marks, so they cannot disagree. Times are the moderator's clock (what
their countdown showed), in milliseconds since the epoch, as the browser counts.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.floor.lists import save_list, set_status, speakers_list
from meeting.models import LIVE_ACTIONS, LiveMark, LiveScreen, Session, utcnow

SALT = "meeting.runofshow.speaker-screen"
# A press more than a day away from the one before is a wrong clock, not a long session.
MAX_GAP_MS = 24 * 3600 * 1000


class LiveError(ValueError):
    """A press that cannot be recorded (unknown action, clock running backwards)."""


@dataclass
class LiveState:
    """Where a run stands: the running cue, when it started, what each finished cue took."""

    index: int | None = None  # None: not started (or reset)
    started_at: int | None = None  # ms, the running cue's start
    done: list[int] = field(default_factory=list)  # ms each finished cue really took
    run_started_at: int | None = None  # ms, the first cue's start
    last_mark: int = 0  # id of the last mark replayed (screens compare it to know they are current)

    def as_json(self) -> dict:
        """What the pages receive."""
        return {"index": self.index, "startedAt": self.started_at, "done": list(self.done),
                "runStartedAt": self.run_started_at, "mark": self.last_mark}


def _ms(instant: datetime) -> int:
    return round(instant.timestamp() * 1000)


def _instant(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def replay(marks: list[LiveMark], cue_count: int) -> LiveState:
    """Apply the presses in order, exactly as the live view's own script does."""
    state = LiveState()
    for mark in marks:
        at = _ms(mark.at)
        state.last_mark = mark.id
        if mark.action == "reset":
            state = LiveState(last_mark=mark.id)
        elif state.index is None:
            if mark.action in ("start", "next"):
                state.index, state.started_at, state.run_started_at = 0, at, at
        elif mark.action == "next" and state.index < cue_count:
            state.done.append(at - state.started_at)
            state.index, state.started_at = state.index + 1, at
        elif mark.action == "back" and state.index > 0:
            state.index -= 1
            state.started_at -= state.done.pop()
    return state


def session_marks(session: Session) -> list[LiveMark]:
    """Every press of the session's live view, oldest first."""
    return list(db.session.scalars(select(LiveMark).where(LiveMark.session_id == session.id)
                                   .order_by(LiveMark.id)))


def live_state(session: Session, cue_count: int) -> LiveState:
    """The replayed state of the session's run."""
    return replay(session_marks(session), cue_count)


def last_mark_id(session_id: int) -> int:
    """The newest mark's id (0 when none): a cheap test of "has anything been pressed"."""
    return db.session.scalar(select(func.coalesce(func.max(LiveMark.id), 0))
                             .where(LiveMark.session_id == session_id))


def record_mark(session: Session, action: str, at_ms: object, by: str | None,
                cue_count: int) -> LiveState:
    """Record one press (committed) and return the state after it."""
    if action not in LIVE_ACTIONS:
        raise LiveError(f"action must be one of {', '.join(LIVE_ACTIONS)}, not {action!r}")
    if not isinstance(at_ms, int) or isinstance(at_ms, bool) or at_ms <= 0:
        raise LiveError("at must be the press time in milliseconds since 1970 (an integer)")
    marks = session_marks(session)
    if marks:
        previous = _ms(marks[-1].at)
        if at_ms < previous:
            raise LiveError("this press is earlier than the one before it: is the clock right?")
        if at_ms - previous > MAX_GAP_MS and action != "reset":
            raise LiveError("this press is more than a day after the one before it: reset first")
    mark = LiveMark(session_id=session.id, action=action, at=_instant(at_ms), received_at=utcnow(),
                    by=by)
    db.session.add(mark)
    db.session.commit()
    return replay([*marks, mark], cue_count)


def follow_the_floor(session: Session, cue_keys: list[str], state: LiveState, action: str,
                     by: str | None) -> None:
    """Statements the moderator has moved past are marked as spoken on the list of speakers;
    Back gives the statement now current its status before. Reset changes no status."""
    if action not in ("next", "back") or state.index is None:
        return
    speakers = speakers_list(session)
    if speakers is None:
        return
    entries = {f"statement:{e.id}": e for e in speakers.entries}
    changed = False
    for key in cue_keys[:state.index]:
        entry = entries.get(key)
        if entry is not None and entry.status in ("inscribed", "confirmed"):
            set_status(entry, "spoke", by or "live view")
            changed = True
    current = entries.get(cue_keys[state.index]) if state.index < len(cue_keys) else None
    if action == "back" and current is not None and current.status == "spoke":
        set_status(current, "confirmed", by or "live view")
        changed = True
    if changed:
        save_list(speakers)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _screen(session: Session, renew: bool = False) -> LiveScreen:
    row = db.session.get(LiveScreen, session.id)
    if row is None:
        row = LiveScreen(session_id=session.id, key=secrets.token_urlsafe(16))
        db.session.add(row)
    elif renew:
        row.key = secrets.token_urlsafe(16)
    db.session.commit()
    return row


def screen_token(session: Session) -> str:
    """The token in the session's speaker-screen link (made on first use)."""
    return _serializer().dumps({"s": session.id, "k": _screen(session).key})


def revoke_screen_links(session: Session) -> str:
    """A new key: every speaker-screen link sent so far stops working; returns the new token."""
    return _serializer().dumps({"s": session.id, "k": _screen(session, renew=True).key})


def session_for_screen(token: str) -> Session | None:
    """The session a speaker-screen token opens, or None if forged, malformed or revoked."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    row = db.session.get(LiveScreen, data["s"])
    if row is None or not secrets.compare_digest(row.key, str(data.get("k", ""))):
        return None
    return db.session.get(Session, data["s"])


@dataclass
class ActualRow:
    """One cue, as planned and as it ran (None where it has not run yet)."""

    number: int
    who: str
    what: str
    planned_minutes: int
    planned_start: datetime
    actual_start: datetime | None
    actual_ms: int | None
    running: bool = False

    @property
    def difference_ms(self) -> int | None:
        """Positive: the cue ran longer than planned; None while it runs within its time."""
        if self.actual_ms is None:
            return None
        difference = self.actual_ms - self.planned_minutes * 60000
        return None if self.running and difference < 0 else difference


@dataclass
class ActualReport:
    """Planned against actual for a session's run, cue by cue and in total."""

    rows: list[ActualRow]
    planned_ms: int
    actual_ms: int  # the finished cues, plus the running one up to `now`
    finished: bool

    @property
    def difference_ms(self) -> int:
        """Over (+) or under (−) so far, as the live view counts it: the finished cues'
        differences, plus the running cue's only once it passes its planned time."""
        return sum(r.difference_ms for r in self.rows if r.difference_ms is not None)


def planned_vs_actual(rows: list, state: LiveState, now_ms: int) -> ActualReport:
    """`rows` are the sheet's rows (number, cue, start_utc): each with what really happened."""
    out, start = [], state.run_started_at
    for i, row in enumerate(rows):
        actual_ms, running = None, False
        if state.index is not None and i < len(state.done):
            actual_ms = state.done[i]
        elif state.index == i:
            actual_ms, running = max(0, now_ms - state.started_at), True
        out.append(ActualRow(row.number, row.cue.who, row.what, row.cue.minutes, row.start_utc,
                             _instant(start) if actual_ms is not None else None, actual_ms, running))
        if actual_ms is not None:
            start += actual_ms
    return ActualReport(out, sum(r.cue.minutes for r in rows) * 60000,
                        sum(r.actual_ms for r in out if r.actual_ms is not None),
                        state.index is not None and state.index >= len(rows))


def clock(ms: int | None, signed: bool = False) -> str:
    """'7:05', or '+1:30' / '−0:45' for a difference; '—' for nothing."""
    if ms is None:
        return "—"
    sign = ("+" if ms > 0 else "−" if ms < 0 else "±") if signed else ("-" if ms < 0 else "")
    seconds = abs(ms) // 1000
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"
