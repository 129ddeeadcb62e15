"""Written statements in programme files: their files beside the YAML, exact round trips, bad
input refused with its line, and the segment's statements_due_hours."""

import io
import shutil
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.floor.lists import inscribe, open_list, save_list
from meeting.floor.statements import save_statement, set_delivered
from meeting.lib.uploads import upload_folder
from meeting.models import Organization, Segment, Session, SpeakerEntry, Statement
from tests.conftest import DEFAULT_PROGRAMME, _empty_tables
from tests.lib.test_uploads import EXE, docx_bytes, pdf_bytes, stored_files

T = datetime(2020, 7, 1, 14, 2, 13, tzinfo=timezone.utc)
PDF = pdf_bytes("Statement of Brazil")

BRAZIL = """\
        - delegation: brazil
          speaker: H.E. Minister of Foreign Affairs
          level: minister
          statement: national
          inscribed_at: '2020-07-01T14:02:13Z'
          status: inscribed
          written_statement:
            file: files/statements/S5-brazil.pdf
            name: Statement of Brazil.pdf
            video: https://webtv.un.org/brazil
            received_at: '2020-07-05T10:00:00Z'
            delivered_at: '2020-07-06T20:10:00Z'
"""
INDIA = """\
          written_statement:
            file: files/statements/S5-india.docx
            name: india.docx
            received_at: '2020-07-05T11:30:00Z'
"""


def segment() -> Segment:
    return db.session.scalar(select(Segment))


def _with_statements() -> Segment:
    import_file(DEFAULT_PROGRAMME)
    s5 = db.session.scalar(select(Session).where(Session.code == "S5"))
    org = {o.key: o for o in db.session.scalars(select(Organization))}
    speakers = open_list(s5)
    brazil = inscribe(speakers, org["brazil"], speaker_name="H.E. Minister of Foreign Affairs",
                      level="minister", statement_type="national", now=T)
    india = inscribe(speakers, org["india"], speaker_name="H.E. Vice-Minister", level="vice-minister",
                     statement_type="national", now=T.replace(minute=8))
    inscribe(speakers, org["norway"], speaker_name="H.E. Ambassador", level="head-of-delegation",
             statement_type="national", now=T.replace(minute=9))
    save_list(speakers)
    save_statement(brazil, (io.BytesIO(PDF), "Statement of Brazil.pdf"), "https://webtv.un.org/brazil",
                   "inscription link", now=datetime(2020, 7, 5, 10, 0, tzinfo=timezone.utc))
    save_statement(india, (io.BytesIO(docx_bytes()), "india.docx"), "", "officer@un.org",
                   now=datetime(2020, 7, 5, 11, 30, tzinfo=timezone.utc))
    set_delivered(brazil, True, "officer@un.org", now=datetime(2020, 7, 6, 20, 10, tzinfo=timezone.utc))
    s5.segment.statements_due_hours = 36
    db.session.commit()
    return s5.segment


def _replace_file(path, data: bytes, text: str) -> str:
    path.write_bytes(data)
    return text


def _export_to(runner, folder) -> "Path":  # noqa: F821
    path = folder / "programme.yaml"
    folder.mkdir(parents=True)
    result = runner.invoke(args=["meeting", "export", segment().slug, str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_statements_exported_under_their_entries_with_the_deadline(app):
    text = export_segment(_with_statements())
    assert BRAZIL in text
    assert "          status: inscribed\n" + INDIA in text
    assert "  unconfirmed_days: 7\n  statements_due_hours: 36\n" in text
    assert text.count("written_statement:") == 2  # Norway has sent none


def test_statements_deadline_absent_from_the_file_while_the_default(app):
    import_file(DEFAULT_PROGRAMME)
    assert "statements_due_hours" not in export_segment(segment())


def test_statements_round_trip_byte_identical_with_their_files(app, runner, tmp_path):
    _with_statements()
    first = _export_to(runner, tmp_path / "first")
    result = runner.invoke(args=["meeting", "export", segment().slug, str(tmp_path / "again.yaml")])
    assert result.output.endswith(f"Wrote 2 statement file(s) to {tmp_path / 'files' / 'statements'}\n")
    assert (first.parent / "files/statements/S5-brazil.pdf").read_bytes() == PDF
    assert (first.parent / "files/statements/S5-india.docx").read_bytes() == docx_bytes()
    db.session.remove()
    _empty_tables()
    shutil.rmtree(upload_folder())  # only the exported folder is left
    import_file(first)
    brazil = db.session.scalar(select(Statement).where(Statement.file_original == "Statement of Brazil.pdf"))
    assert (brazil.received_from, brazil.entry.statement_published, segment().statements_due_hours) == (
        "programme file", True, 36)
    second = _export_to(runner, tmp_path / "second")
    assert second.read_bytes() == first.read_bytes()
    assert (second.parent / "files/statements/S5-brazil.pdf").read_bytes() == PDF
    assert len(stored_files()) == 2
    import_file(second)  # the same files again: nothing stored twice
    assert len(stored_files()) == 2


def test_statements_to_standard_output_named_not_included(app, runner):
    _with_statements()
    result = runner.invoke(args=["meeting", "export", segment().slug])
    assert ("            file: files/statements/S5-brazil.pdf  # not included: this export went to "
            "standard output\n") in result.stdout
    assert result.stderr == ("Warning: 2 statement file(s) not included in standard output; export to "
                             "a FILE to write them beside it.\n")


def test_statements_a_file_without_the_statement_removes_it_and_its_file(app, runner, tmp_path):
    _with_statements()
    path = _export_to(runner, tmp_path / "out")
    path.write_text(path.read_text(encoding="utf-8").replace(INDIA, ""), encoding="utf-8")
    kept = db.session.scalar(select(Statement.file_name).where(Statement.file_original == "india.docx"))
    import_file(path)
    assert db.session.scalar(select(func.count(Statement.id))) == 1
    assert kept not in stored_files() and len(stored_files()) == 1


@pytest.mark.parametrize(("change", "problem"), [
    (lambda t, folder: t.replace("video: https://webtv.un.org/brazil", "video: ftp://webtv.un.org/brazil"),
     "speakers_list entry brazil: written_statement: video: 'ftp://webtv.un.org/brazil' is not an "
     "http:// or https:// address"),
    (lambda t, folder: t.replace("S5-brazil.pdf", "S5-missing.pdf"),
     "written_statement: file: cannot read files/statements/S5-missing.pdf: No such file or directory"),
    (lambda t, folder: _replace_file(folder / "files/statements/S5-brazil.pdf", EXE, t),
     "written_statement: file: Statement of Brazil.pdf is named .pdf but its content is not a PDF file "
     "(it looks like EXE)"),
    (lambda t, folder: t.replace("name: india.docx", "name: india.xlsx"),
     "written_statement: file: india.xlsx is a .xlsx file; upload a PDF or DOCX file"),
    (lambda t, folder: t.replace("file: files/statements/S5-brazil.pdf", "file: ../../etc/passwd"),
     "written_statement: file: ../../etc/passwd is not inside the programme file's folder"),
    (lambda t, folder: t.replace("  statements_due_hours: 36", "  statements_due_hours: 400"),
     "segment: statements_due_hours 400 is not a whole number from 0 to 336"),
    (lambda t, folder: t.replace("            received_at: '2020-07-05T11:30:00Z'\n", ""),
     "speakers_list entry india: written_statement: received_at is missing"),
])
def test_statements_bad_file_names_the_field_and_changes_nothing(app, runner, tmp_path, change, problem):
    _with_statements()
    path = _export_to(runner, tmp_path / "out")
    path.write_text(change(path.read_text(encoding="utf-8"), path.parent), encoding="utf-8")
    before = sorted((s.file_name, s.video_url) for s in db.session.scalars(select(Statement)))
    with pytest.raises(ProgrammeError) as caught:
        import_file(path)
    assert any(problem in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]
    db.session.rollback()
    assert sorted((s.file_name, s.video_url) for s in db.session.scalars(select(Statement))) == before
    assert len(stored_files()) == 2


def test_statements_in_a_file_not_read_from_a_folder_are_refused(app):
    text = export_segment(_with_statements())
    with pytest.raises(ProgrammeError) as caught:
        import_programme(text.encode(), "uploaded.yaml")
    assert any("file: files/statements/S5-brazil.pdf cannot be read: this programme was not imported "
               "from a folder" in str(p) for p in caught.value.problems)
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 3
