"""The programme as a timetable grid: a column per day, sessions placed by HQ time.

Pure: takes public sessions and a zone, returns rows and lanes for CSS grid placement.
Parallel sessions on one day get lanes side by side (greedy interval colouring).
"""

from dataclasses import dataclass
from datetime import date, datetime

from meeting.lib.timezones import to_zone

from .public import PublicSession, group_by_day

SLOT_MINUTES = 15


@dataclass
class GridCell:
    """A session placed in its day's column: first slot row, rows spanned and lane."""

    session: PublicSession
    hq_start: datetime
    hq_end: datetime
    row: int
    span: int
    lane: int


@dataclass
class GridDay:
    """One day's column and how many lanes its parallel sessions need."""

    day: date
    cells: list[GridCell]
    lanes: int


@dataclass
class Grid:
    """The whole timetable: first hour shown, number of slot rows, the days."""

    first_hour: int
    rows: int
    days: list[GridDay]

    def hour_marks(self) -> list[tuple[int, int]]:
        """(row, hour) for each full hour label down the side."""
        per_hour = 60 // SLOT_MINUTES
        return [(1 + i * per_hour, self.first_hour + i) for i in range(self.rows // per_hour)]


def build_grid(sessions: list[PublicSession], zone: str) -> Grid:
    """Place sessions on a grid of 15-minute rows from the earliest to the latest HQ hour."""
    if not sessions:
        return Grid(0, 0, [])
    first_hour = min(to_zone(s.start, zone).hour for s in sessions)
    days = []
    for day, day_sessions in group_by_day(sessions, zone):
        lane_ends: list[datetime] = []
        cells = []
        for session in day_sessions:
            start, end = to_zone(session.start, zone), to_zone(session.end, zone)
            lane = next((i for i, busy in enumerate(lane_ends) if busy <= session.start), None)
            if lane is None:
                lane_ends.append(session.end)
                lane = len(lane_ends) - 1
            else:
                lane_ends[lane] = session.end
            # Wall clock for where it starts, the real duration for how far it reaches: on the
            # night a DST change repeats or skips an hour, the two differ.
            offset = (start.hour - first_hour) * 60 + start.minute
            span = max(1, _slots(session.duration_minutes))
            cells.append(GridCell(session, start, end, 1 + offset // SLOT_MINUTES, span, lane + 1))
        days.append(GridDay(day, cells, max(1, len(lane_ends))))
    last_row = max(cell.row - 1 + cell.span for day in days for cell in day.cells)
    per_hour = 60 // SLOT_MINUTES
    return Grid(first_hour, -(-last_row // per_hour) * per_hour, days)


def _slots(minutes: int) -> int:
    """How many 15-minute rows `minutes` cover, a started row counting whole."""
    return -(-minutes // SLOT_MINUTES)
