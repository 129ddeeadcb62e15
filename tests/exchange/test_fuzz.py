"""Fuzzed programme files: every bad file is refused with a problem that names where, and changes nothing."""

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from meeting.exchange import ProgrammeError, import_programme
from tests.conftest import DEFAULT_PROGRAMME, load_published
from tests.fuzzing import FUZZ, database_dump

BASE = yaml.safe_load(DEFAULT_PROGRAMME.read_text())
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(max_size=50) | st.sampled_from(["", " ", "\u202e", "\x00", "\ufeff", "9" * 400,
                                                       "2020-03-08 02:30", "Europe/Geneva"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _paths(node, path=()):
    """Every place in a document a value can be replaced."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _paths(value, (*path, n))


PATHS = list(_paths(BASE))[1:]


def _replaced(path, value):
    document = yaml.safe_load(DEFAULT_PROGRAMME.read_text())
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return yaml.safe_dump(document, allow_unicode=True).encode()


def _assert_refused_clearly(raw: bytes, before) -> None:
    try:
        import_programme(raw, "fuzz.yaml")
    except ProgrammeError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message.strip()
            # Each problem names a line, a field, or is about the file as a whole.
            assert problem.line or problem.where or "file" in problem.message or "YAML" in problem.message
        assert database_dump() == before
    # An accepted mutation is a valid programme: importing it may change the database.


@FUZZ
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_fuzz_programme_value_replaced_anywhere_refused_clearly_or_imported(app, path, value):
    before = database_dump()
    _assert_refused_clearly(_replaced(path, value), before)


@FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@example(raw=b"\xff\xfe not utf-8")
@example(raw=b"format: meeting-programme/1\nsegment: [unclosed")
@example(raw=b"- just\n- a list\n")
def test_fuzz_programme_arbitrary_bytes_refused_clearly(app, raw):
    before = database_dump()
    try:
        import_programme(raw, "fuzz.yaml")
    except ProgrammeError as error:
        assert error.problems and all(p.message.strip() for p in error.problems)
    else:
        raise AssertionError("arbitrary bytes were accepted as a programme")
    assert database_dump() == before


def _bomb(depth: int = 9, width: int = 9) -> bytes:
    """The 'billion laughs' in YAML: each level lists the previous one `width` times."""
    lines = ["format: meeting-programme/1", "l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, depth):
        lines.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]")
    lines.append(f"segment: *l{depth - 1}")
    lines.append(f"sessions: *l{depth - 1}")
    return "\n".join(lines).encode()


def test_fuzz_programme_alias_bomb_refused_naming_the_line(app):
    load_published()
    before = database_dump()
    try:
        import_programme(_bomb(), "bomb.yaml")
    except ProgrammeError as error:
        # (An alias is the anchored node itself: its line is the anchor's.)
        assert [str(p) for p in error.problems] == [
            "line 2: this value is used again elsewhere through an alias (*name); aliases are "
            "not allowed in a programme file: write the value out"]
    else:
        raise AssertionError("the alias bomb was accepted")
    assert database_dump() == before


@pytest.mark.parametrize(("depth", "problem"), [
    (500, "the file nests lists or mappings hundreds of levels deep; a programme file needs a few "
          "levels"),
    # Past LibYAML's own limit its parser says so first.
    (5000, "line 2: not valid YAML: exceeded maximum nesting depth"),
])
def test_fuzz_programme_deep_nesting_refused_clearly(app, depth, problem):
    before = database_dump()
    raw = b"format: meeting-programme/1\nsegment: " + b"[" * depth + b"]" * depth + b"\n"
    try:
        import_programme(raw, "deep.yaml")
    except ProgrammeError as error:
        assert [str(p) for p in error.problems] == [problem]
    else:
        raise AssertionError(f"{depth} levels of nesting were accepted")
    assert database_dump() == before


def test_fuzz_programme_huge_title_refused_naming_the_field(app):
    before = database_dump()
    document = yaml.safe_load(DEFAULT_PROGRAMME.read_text())
    document["segment"]["title"] = "T" * 2_000_000
    try:
        import_programme(yaml.safe_dump(document).encode(), "huge.yaml")
    except ProgrammeError as error:
        assert any(p.where == "segment" and "title" in p.message for p in error.problems)
    else:
        raise AssertionError("a 2 MB title was accepted")
    assert database_dump() == before
