"""Run-of-show timing, pure: planned starts, back-timing, over/under, hard-start problems.

Works on plain values, so the printed sheet, the PDF, the spreadsheet, the CSV and the live
view all format the same computed rows.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext


@dataclass(frozen=True)
class CueInput:
    """What timing needs of a cue."""

    minutes: int
    hard_start: datetime | None = None
    zone: str | None = None  # the speaker's IANA zone, for their local time


@dataclass
class TimedCue:
    """A cue with its computed times (all aware UTC instants)."""

    index: int
    start: datetime
    end: datetime
    offset: timedelta  # from the session's start
    latest_start: datetime  # the latest start that still lets the session end on time
    hard: bool
    problems: list[str] = field(default_factory=list)

    @property
    def slack(self) -> timedelta:
        """How much later than planned this cue could start without running over."""
        return self.latest_start - self.start


@dataclass
class Timing:
    """All cues timed, with the total against the slot."""

    cues: list[TimedCue]
    slot: timedelta
    planned: timedelta  # from the session's start to the end of the last cue

    @property
    def over_under(self) -> timedelta:
        """Positive: the plan runs over the slot; negative: it leaves time."""
        return self.planned - self.slot

    @property
    def problems(self) -> list[str]:
        """Every problem, in cue order, then the total."""
        found = [p for c in self.cues for p in c.problems]
        if self.over_under > timedelta(0):
            found.append(_("the plan runs %(minutes)s over the slot", minutes=_minutes(self.over_under)))
        return found


def _minutes(delta: timedelta) -> str:
    total = int(abs(delta).total_seconds() // 60)
    return ngettext("%(num)d minute", "%(num)d minutes", total)


def compute(session_start: datetime, slot_minutes: int, cues: list[CueInput]) -> Timing:
    """Time the cues: soft cues follow each other, a hard start pins its cue to the clock."""
    timed: list[TimedCue] = []
    cursor = session_start
    for index, cue in enumerate(cues):
        problems = []
        if cue.hard_start is not None:
            if cue.hard_start < cursor:
                problems.append(_("cue %(n)s must start at its hard start, but the cues before it "
                                  "run %(minutes)s into it", n=index + 1,
                                  minutes=_minutes(cursor - cue.hard_start)))
            elif cue.hard_start > cursor and index > 0:
                problems.append(_("a gap of %(minutes)s before cue %(n)s's hard start",
                                  minutes=_minutes(cue.hard_start - cursor), n=index + 1))
            start = cue.hard_start
        else:
            start = cursor
        end = start + timedelta(minutes=cue.minutes)
        timed.append(TimedCue(index, start, end, start - session_start, start,
                              cue.hard_start is not None, problems))
        cursor = end
    session_end = session_start + timedelta(minutes=slot_minutes)
    # Back-timing, from the end: each cue must leave room for the cues after it, up to the
    # next hard start (or the end of the slot).
    boundary = session_end
    for cue, spec in zip(reversed(timed), reversed(cues), strict=True):
        cue.latest_start = boundary - timedelta(minutes=spec.minutes)
        boundary = cue.start if cue.hard else cue.latest_start
    planned = (timed[-1].end - session_start) if timed else timedelta(0)
    return Timing(timed, timedelta(minutes=slot_minutes), planned)
