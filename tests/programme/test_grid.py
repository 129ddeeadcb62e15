"""The timetable grid: rows from HQ wall-clock start and real duration, lanes for parallel sessions."""

from datetime import date, datetime, timezone
from itertools import count

from meeting.programme.grid import Grid, build_grid
from meeting.programme.public import PublicSession

NEW_YORK = "America/New_York"
_ids = count(1)


def session(code: str, start: datetime, minutes: int) -> PublicSession:
    return PublicSession(id=next(_ids), code=code, title=f"Session {code}",
                         kind="thematic", status="confirmed", description=None, start=start,
                         duration_minutes=minutes, platform=None, interpretation=[],
                         webcast_url=None, revision=0, updated_at=start)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def placed(grid: Grid) -> list[tuple[date, str, int, int, int]]:
    return [(day.day, c.session.code, c.row, c.span, c.lane) for day in grid.days for c in day.cells]


def test_build_grid_overlapping_sessions_get_lanes_and_later_one_reuses_lane_1():
    # 09:00–10:00, 09:30–10:30 and 10:00–10:45 in New York (EDT, UTC−4).
    grid = build_grid([session("A", utc(2020, 7, 6, 13, 0), 60),
                       session("B", utc(2020, 7, 6, 13, 30), 60),
                       session("C", utc(2020, 7, 6, 14, 0), 45)], NEW_YORK)
    assert placed(grid) == [(date(2020, 7, 6), "A", 1, 4, 1),
                            (date(2020, 7, 6), "B", 3, 4, 2),
                            (date(2020, 7, 6), "C", 5, 3, 1)]
    assert [day.lanes for day in grid.days] == [2]
    assert (grid.first_hour, grid.rows) == (9, 8)
    assert grid.hour_marks() == [(1, 9), (5, 10)]


def test_build_grid_session_past_hq_midnight_extends_the_rows():
    # 22:30–00:30 in New York: starts on 6 July, two hours long, so the grid reaches 01:00.
    grid = build_grid([session("A", utc(2020, 7, 6, 13, 0), 60),
                       session("LATE", utc(2020, 7, 7, 2, 30), 120)], NEW_YORK)
    assert placed(grid) == [(date(2020, 7, 6), "A", 1, 4, 1),
                            (date(2020, 7, 6), "LATE", 55, 8, 1)]
    assert [day.lanes for day in grid.days] == [1]
    assert (grid.first_hour, grid.rows) == (9, 64)
    assert grid.hour_marks()[-1] == (61, 24)


def test_build_grid_dst_night_span_is_real_duration():
    # 1 Nov 2020: 00:30 EDT (04:30 UTC) to 02:30 EST (07:30 UTC) is three hours although the
    # wall clock says two, because 01:00–02:00 happens twice.
    grid = build_grid([session("NIGHT", utc(2020, 11, 1, 4, 30), 180)], NEW_YORK)
    [cell] = grid.days[0].cells
    assert (cell.row, cell.span, cell.lane) == (3, 12, 1)
    assert (cell.hq_start.isoformat(), cell.hq_end.isoformat()) == (
        "2020-11-01T00:30:00-04:00", "2020-11-01T02:30:00-05:00")
    assert (grid.first_hour, grid.rows) == (0, 16)


def test_build_grid_no_sessions_is_empty():
    grid = build_grid([], NEW_YORK)
    assert (grid.first_hour, grid.rows, grid.days) == (0, 0, [])
    assert grid.hour_marks() == []
