"""Importing programme files: the default programme, updates, and bad input that changes nothing."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.models import Organization, Participation, Person, Segment, Session
from tests.conftest import DEFAULT_PROGRAMME

SMALL = """\
format: meeting-programme/1
segment:
  slug: test-segment
  title: Test segment
  timezone: America/New_York
  start_date: 2020-07-09
  end_date: 2020-07-09
organizations:
  - key: escap
    name: Economic and Social Commission for Asia and the Pacific
    acronym: ESCAP
    kind: regional-commission
people:
  - key: es-escap
    name: Executive Secretary, ESCAP
    organization: escap
    timezone: Asia/Bangkok
    languages: [en]
  - key: chair-statcom
    name: Chair, Statistical Commission
    timezone: Europe/Zurich
sessions:
  - code: S1
    title: Opening
    kind: opening
    start: 2020-07-09 09:00
    end: 09:30
    status: confirmed
    participants:
      - person: chair-statcom
        role: chair
        minutes: 10
        status: confirmed
  - code: S3
    title: Regional perspectives
    kind: high-level-panel
    start: 2020-07-09 10:00
    end: 11:30
    tags: [action-area-a, sdg-2]
    channel:
      join_url: https://example.org/join/s3
      passcode: "4711"
    participants:
      - person: chair-statcom
        role: moderator
      - person: es-escap
        role: panelist
        minutes: 7
"""


def counts() -> dict[str, int]:
    """Rows per table: the database state the bad-input tests compare."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Organization, Person, Segment, Session, Participation)
    }


def write(tmp_path, text: str, name: str = "programme.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_default_programme_creates_everything(app):
    report = import_file(DEFAULT_PROGRAMME)
    assert report.segment == "ecosoc-2020-integration-segment"
    assert counts() == {"organization": 30, "person": 33, "segment": 1, "session": 15,
                        "participation": 66}
    segment = db.session.scalar(select(Segment))
    assert segment.theme == ("Accelerated action and transformative pathways: realizing the "
                             "decade of action and delivery for sustainable development")
    assert segment.timezone == "America/New_York"


def test_import_small_programme_converts_hq_time_to_utc(app):
    import_programme(SMALL.encode(), "small.yaml")
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    assert s3.start == datetime(2020, 7, 9, 14, 0, tzinfo=timezone.utc)
    assert s3.duration_minutes == 90
    assert [t.code for t in s3.tags] == ["action-area-a", "sdg-2"]
    assert [(p.person.key, p.role, p.position, p.minutes, p.status) for p in s3.participations] == [
        ("chair-statcom", "moderator", 1, None, "invited"),
        ("es-escap", "panelist", 2, 7, "invited"),
    ]
    assert (s3.join_url, s3.passcode, s3.status, s3.revision) == (
        "https://example.org/join/s3", "4711", "draft", 0)


def test_import_same_file_twice_changes_nothing(app):
    import_programme(SMALL.encode(), "small.yaml")
    before = counts()
    report = import_programme(SMALL.encode(), "small.yaml")
    assert counts() == before
    assert report.created == {}
    assert report.updated == {}
    assert report.unchanged["sessions"] == 2


def test_import_moved_session_updates_in_place_and_raises_revision(app):
    import_programme(SMALL.encode(), "small.yaml")
    moved = SMALL.replace("start: 2020-07-09 10:00\n    end: 11:30",
                          "start: 2020-07-09 11:00\n    end: 12:30")
    report = import_programme(moved.encode(), "small.yaml")
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    assert report.updated["sessions"] == 1
    assert s3.start == datetime(2020, 7, 9, 15, 0, tzinfo=timezone.utc)
    assert s3.revision == 1
    assert counts()["session"] == 2


def test_import_participant_dropped_from_file_is_removed(app):
    import_programme(SMALL.encode(), "small.yaml")
    fewer = SMALL.replace("""      - person: es-escap
        role: panelist
        minutes: 7
""", "")
    report = import_programme(fewer.encode(), "small.yaml")
    assert report.removed["participations"] == 1
    assert counts()["participation"] == 2


def test_import_session_missing_from_file_is_kept_and_reported(app):
    import_programme(SMALL.encode(), "small.yaml")
    only_s1 = SMALL[: SMALL.index("  - code: S3")]
    report = import_programme(only_s1.encode(), "small.yaml")
    assert report.kept_sessions == ["S3"]
    assert counts()["session"] == 2


def test_export_then_import_then_export_is_byte_identical(app, tmp_path):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    first = export_segment(segment)
    import_programme(first.encode(), "first.yaml")
    db.session.expire_all()
    second = export_segment(db.session.scalar(select(Segment)))
    assert second == first
    assert counts()["session"] == 15


def test_export_into_fresh_database_round_trips(app):
    import_file(DEFAULT_PROGRAMME)
    first = export_segment(db.session.scalar(select(Segment)))
    # Empty the programme and build it again from the export alone.
    for model in (Participation, Session, Segment, Person, Organization):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    assert export_segment(db.session.scalar(select(Segment))) == first


BAD_INPUTS = {
    "malformed_yaml": (
        lambda t: t.replace("    title: Opening\n", "    title: [Opening\n"),
        # LibYAML words it "did not find expected ',' or ']'", PyYAML "expected ',' or ']'".
        "programme.yaml: line 25: not valid YAML: ",
    ),
    "unknown_key": (
        lambda t: t.replace("    kind: opening\n", "    kind: opening\n    strat: 2020-07-09 09:00\n"),
        "programme.yaml: line 26: session S1: unknown key 'strat' (did you mean 'start'?)",
    ),
    "end_before_start": (
        lambda t: t.replace("end: 11:30", "end: 09:45"),
        "programme.yaml: line 38: session S3: end 09:45 is not after start 2020-07-09 10:00",
    ),
    "not_a_time": (
        lambda t: t.replace("start: 2020-07-09 10:00", "start: 2020-07-09 25:00"),
        "programme.yaml: line 37: session S3: start 2020-07-09 25:00 is not a time "
        "(expected YYYY-MM-DD HH:MM)",
    ),
    "geneva": (
        lambda t: t.replace("timezone: Europe/Zurich", "timezone: Europe/Geneva"),
        "programme.yaml: line 21: person chair-statcom: timezone: unknown time zone "
        "'Europe/Geneva': did you mean 'Europe/Zurich'? (Geneva is in Europe/Zurich)",
    ),
    "unknown_person": (
        lambda t: t.replace("      - person: es-escap\n", "      - person: es-escwa\n"),
        "programme.yaml: line 46: session S3: participant: person 'es-escwa' does not exist",
    ),
    "duplicate_code": (
        lambda t: t.replace("  - code: S3", "  - code: S1"),
        "programme.yaml: line 34: session S1: duplicate code: already used on line 23",
    ),
    "dst_gap": (
        lambda t: t.replace("start_date: 2020-07-09\n  end_date: 2020-07-09",
                            "start_date: 2020-03-08\n  end_date: 2020-03-08")
                   .replace("start: 2020-07-09 09:00\n    end: 09:30",
                            "start: 2020-03-08 02:30\n    end: 03:30"),
        "programme.yaml: line 26: session S1: start 2020-03-08 02:30 does not exist in "
        "America/New_York: the clocks skip it when daylight saving time starts",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_import_bad_input_refused_and_database_unchanged(app, runner, tmp_path, case):
    import_programme(SMALL.encode(), "small.yaml")
    before_counts = counts()
    before_export = export_segment(db.session.scalar(select(Segment)))
    mutate, message = BAD_INPUTS[case]
    bad = mutate(SMALL)
    assert bad != SMALL
    # Change something valid too, so a partial import would show.
    bad = bad.replace("title: Regional perspectives", "title: Changed title")
    result = runner.invoke(args=["meeting", "import", str(write(tmp_path, bad))])
    assert result.exit_code == 1
    assert message in result.output
    assert "nothing imported" in result.output
    if case == "malformed_yaml":
        assert "expected ',' or ']'" in result.output
    db.session.expire_all()
    assert counts() == before_counts
    assert export_segment(db.session.scalar(select(Segment))) == before_export


def test_import_file_of_ten_megabytes_refused_unread(app, runner, tmp_path):
    import_programme(SMALL.encode(), "small.yaml")
    before = counts()
    path = tmp_path / "huge.yaml"
    path.write_bytes(SMALL.replace("Opening", "Changed").encode() + b"#" * (10 * 1024 * 1024))
    result = runner.invoke(args=["meeting", "import", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing imported.\nhuge.yaml: the file is 10.0 MiB; the limit is 8.0 MiB\n"
    )
    db.session.expire_all()
    assert counts() == before
    assert db.session.scalar(select(Session.title).where(Session.code == "S1")) == "Opening"


def test_import_missing_file_names_it(app, runner, tmp_path):
    result = runner.invoke(args=["meeting", "import", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: cannot read the file: No such file or directory" in result.output


def test_import_every_problem_is_listed(app):
    bad = SMALL.replace("kind: opening", "kind: openning").replace("minutes: 7", "minutes: seven")
    with pytest.raises(ProgrammeError) as info:
        import_programme(bad.encode(), "two.yaml")
    assert [str(p) for p in info.value.problems] == [
        "line 25: session S1: kind 'openning' is not one of: opening, high-level-panel, "
        "thematic, interactive-dialogue, general-discussion, presentation, closing, break, tech-check",
        "line 48: session S3: participant es-escap: minutes seven is not a whole number "
        "from 0 to 600",
    ]


def test_import_not_utf8_refused(app):
    with pytest.raises(ProgrammeError) as info:
        import_programme(b"format: \xff\xfe", "latin.yaml")
    assert str(info.value) == "latin.yaml: not UTF-8 text (byte 8)"


def test_import_yaml_sexagesimal_and_norway_stay_text(app):
    # In YAML 1.1, 10:30 is the number 630 and NO is false; the programme reader keeps text.
    text = SMALL.replace("end: 11:30", "end: 10:30").replace("key: escap", "key: no").replace(
        "organization: escap", "organization: no")
    import_programme(text.encode(), "small.yaml")
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    assert s3.duration_minutes == 30
    assert db.session.scalar(select(Organization.key)) == "no"


def test_export_contact_and_cancellation_reason_round_trip(app):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    segment.contact_name, segment.contact_email = "Amina Mohammed", "is-secretariat@un.org"
    segment.contact_phone = "+1 212 963 1234"
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    s3.status, s3.cancellation_reason = "cancelled", "Merged into S4."
    db.session.commit()
    first = export_segment(segment)
    assert ("  unconfirmed_days: 7\n  contact:\n    name: Amina Mohammed\n"
            "    email: is-secretariat@un.org\n    phone: +1 212 963 1234\n") in first
    assert "    status: cancelled\n    cancellation_reason: Merged into S4.\n" in first
    for model in (Participation, Session, Segment):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    segment = db.session.scalar(select(Segment))
    assert segment.contact_text == "Amina Mohammed, is-secretariat@un.org, +1 212 963 1234"
    assert export_segment(segment) == first


def test_import_contact_bad_email_refused(app):
    text = SMALL.replace("  end_date: 2020-07-09\n",
                         "  end_date: 2020-07-09\n  contact:\n    email: secretariat@\n")
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "programme.yaml")
    assert str(info.value) == ("programme.yaml: line 9: segment: contact: email 'secretariat@' "
                               "is not an e-mail address")
    assert counts()["segment"] == 0


def test_export_symbols_and_compilation_round_trip(app):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    segment.compilation_symbol, segment.compilation_date = "E/HLPF/2020/CRP.1", date(2020, 7, 3)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    s2.symbol = "E/HLPF/2020/L.1"
    db.session.commit()
    first = export_segment(segment)
    assert "  compilation:\n    symbol: E/HLPF/2020/CRP.1\n    date: '2020-07-03'\n" in first
    assert "    symbol: E/HLPF/2020/L.1\n" in first
    for model in (Participation, Session, Segment):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    segment = db.session.scalar(select(Segment))
    assert (segment.compilation_symbol, segment.compilation_date) == ("E/HLPF/2020/CRP.1", date(2020, 7, 3))
    assert export_segment(segment) == first


def test_import_bad_symbol_refused_naming_the_part(app):
    text = SMALL.replace("  end_date: 2020-07-09\n",
                         "  end_date: 2020-07-09\n  compilation:\n    symbol: E/HLPF/2020/fifty\n")
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "programme.yaml")
    assert str(info.value) == ("programme.yaml: line 9: segment: compilation: symbol: "
                               "'E/HLPF/2020/fifty': UN symbols are written in capitals (e.g. E/2020/55)")
    assert counts()["segment"] == 0
