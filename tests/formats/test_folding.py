"""fold_line and serialize give icalendar's own bytes (its folding is the reference)."""

from hypothesis import example, given
from hypothesis import strategies as st
from icalendar.parser.string import _foldline as icalendar_fold

from meeting.formats.folding import fold_line, serialize
from meeting.formats.ical import Links, build_invite, build_person_calendar, build_segment_feed
from meeting.programme.queries import find_segment, load_sessions
from tests.conftest import load_published
from tests.fuzzing import FUZZ

# Escapes and multi-byte characters land on every cut when lines are made of these.
CHARACTERS = st.sampled_from(["a", " ", "\\", "^", ",", ";", ":", '"', "é", "€", "😀", "ع", "中"])
LINKS = Links(programme="https://meeting.example.org/segments/x/", portal="https://meeting.example.org/p/t/")


@FUZZ
@given(st.lists(CHARACTERS, max_size=400).map("".join))
@example("DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 200)  # an escape right at the first cut
@example("x" * 74)
@example("x" * 75)
@example("é" * 37 + "x")
def test_fold_line_equals_icalendar_folding(line):
    assert fold_line(line) == icalendar_fold(line)


def test_fold_line_ascii_cut_before_escape_exact():
    line = "x" * 73 + "\\n" + "y" * 10
    assert fold_line(line) == "x" * 73 + "\r\n \\n" + "y" * 10


def test_serialize_equals_icalendar_for_every_default_programme_file(app):
    segment = load_published()
    segment = find_segment(segment.slug)
    sessions = load_sessions(segment)
    files = [build_segment_feed(segment, sessions, LINKS)]
    for session in sessions:
        for participation in session.participations:
            files.append(build_person_calendar(participation.person, [participation], LINKS))
            files.append(build_invite(participation, LINKS, "secretariat@example.org", "Secretariat",
                                      session.revision, session.updated_at))
    assert len(files) == 1 + 2 * sum(len(s.participations) for s in sessions)
    for cal in files:
        assert serialize(cal) == cal.to_ical()
