"""Fuzzed people CSV files: checked without raising; a refused file names the line and writes nothing."""

import csv
import io

from hypothesis import example, given
from hypothesis import strategies as st

from meeting.people.csv_import import COLUMNS, apply, preview
from tests.fuzzing import FUZZ, database_dump

CELLS = (st.text(max_size=30) | st.sampled_from(
    ["Africa/Nairobi", "Europe/Zurich", "Europe/Geneva", "America/New_York", "desa", "chair",
     "a@un.org", "A@UN.ORG", "=HYPERLINK(\"x\")", "\u202eevil", "H.E.", "en fr", ""]))
HEADERS = st.lists(st.sampled_from([*COLUMNS, "Name", " timezone ", "extra"]), min_size=1,
                   max_size=9)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@st.composite
def people_files(draw) -> bytes:
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=5))
    return _csv(header, rows)


def _check(raw: bytes) -> None:
    before = database_dump()
    result = preview(raw)  # never raises, whatever the bytes
    if result.ok:
        assert apply(raw) == len(result.rows)
        return
    for row in result.rows:
        assert row.line >= 2
        assert all(message.strip() for message in row.errors)
    assert all(message.strip() for message in result.problems)
    try:
        apply(raw)
    except ValueError as error:
        assert str(error) == "the file has problems; nothing was imported"
    else:
        raise AssertionError("a file with problems was imported")
    assert database_dump() == before


@FUZZ
@given(raw=people_files())
@example(raw=_csv(["key", "name", "timezone"], [["chair", "A", "Africa/Nairobi"],
                                                ["chair", "B", "Africa/Nairobi"]]))
@example(raw=_csv(["name", "timezone", "email"], [["A", "Africa/Nairobi", "a@un.org"],
                                                  ["B", "Africa/Nairobi", "A@UN.ORG"]]))
def test_fuzz_people_csv_checked_and_refused_by_line(app, raw):
    _check(raw)


@FUZZ
@given(raw=st.binary(max_size=400))
@example(raw=b"\x00\x00name,timezone\r\n")
@example(raw="name,timezone\n\"unclosed,Africa/Nairobi\n".encode())
def test_fuzz_people_csv_arbitrary_bytes_never_raise(app, raw):
    _check(raw)
