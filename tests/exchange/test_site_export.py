"""Exporting documents and key messages: deterministic YAML, files beside it, exact round trips."""

import shutil

from sqlalchemy import select

from meeting.exchange import export_segment, import_file
from meeting.extensions import db
from meeting.lib.uploads import upload_folder
from meeting.models import Document, Session
from meeting.site.documents import public_documents
from meeting.site.key_messages import compilation
from tests.conftest import DEFAULT_PROGRAMME, _empty_tables
from tests.exchange.site_fixtures import pdf_bytes, segment, stored_files, write_programme

EXPORTED_SITE = """\
documents:
  - key: fao-case-study
    kind: case-study
    title: Food systems in a pandemic
    organization: fao
    status: published
    link: https://example.org/fao
    file: files/fao-case-study.pdf
    tags: [entry-point-3, sdg-2]
    sessions: [S1]
    summary: A **case** study.
    body: |-
      ## Findings

      Markets stayed open.
  - key: statcom-input
    kind: input
    title: Data for the recovery
    organization: statcom
    status: draft
    link: https://example.org/statcom
key_messages:
  - organization: fao
    text: Keep food supply chains open.
    tags: [entry-point-3]
    source: fao-case-study
    status: published
  - organization: statcom
    text: Data must be disaggregated.
    tags: [action-area-i, entry-point-1]
    source: statcom-input
    status: published
  - organization: statcom
    text: |-
      Fund statistical systems.

      Even in a crisis.
    status: draft
"""


def test_export_writes_documents_and_key_messages_sections(app, tmp_path):
    import_file(write_programme(tmp_path))
    text = export_segment(segment())
    assert text[text.index("documents:\n"):] == EXPORTED_SITE


def test_export_import_into_fresh_database_export_is_byte_identical_with_files(app, runner, tmp_path):
    import_file(write_programme(tmp_path / "source"))
    first = tmp_path / "first" / "programme.yaml"
    first.parent.mkdir()
    result = runner.invoke(args=["meeting", "export", "test-segment", str(first)])
    assert result.exit_code == 0
    assert result.output == (f"Exported segment 'test-segment' (2 sessions) to {first}\n"
                             f"Wrote 1 document file(s) to {first.parent / 'files'}\n")
    assert (first.parent / "files" / "fao-case-study.pdf").read_bytes() == pdf_bytes()
    # A fresh database and an empty uploads folder: only the exported folder is left.
    db.session.remove()
    _empty_tables()
    shutil.rmtree(upload_folder())
    report = import_file(first)
    assert (report.created["documents"], report.created["key messages"]) == (2, 3)
    second = tmp_path / "second" / "programme.yaml"
    second.parent.mkdir()
    assert runner.invoke(args=["meeting", "export", "test-segment", str(second)]).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    assert (second.parent / "files" / "fao-case-study.pdf").read_bytes() == pdf_bytes()
    assert len(stored_files()) == 1


def test_export_to_stdout_names_file_as_not_included_and_warns(app, runner, tmp_path):
    import_file(write_programme(tmp_path))
    result = runner.invoke(args=["meeting", "export", "test-segment"])
    assert result.exit_code == 0
    assert "    file: files/fao-case-study.pdf  # not included: this export went to standard output\n" \
        in result.stdout
    assert result.stdout.replace("  # not included: this export went to standard output", "") == \
        export_segment(segment())
    assert result.stderr == (
        "Warning: 1 document file(s) not included in standard output (files/fao-case-study.pdf); "
        "export to a FILE to write them beside it.\n")


def test_export_with_stored_file_missing_refused_and_nothing_written(app, runner, tmp_path):
    import_file(write_programme(tmp_path / "source"))
    shutil.rmtree(upload_folder())
    target = tmp_path / "out" / "programme.yaml"
    target.parent.mkdir()
    result = runner.invoke(args=["meeting", "export", "test-segment", str(target)])
    assert result.exit_code == 1
    assert result.output == ("Error: nothing exported: the stored file of files/fao-case-study.pdf "
                             "is missing from the uploads folder\n")
    assert list(target.parent.iterdir()) == []


def test_default_programme_publishes_documents_and_key_messages(app):
    import_file(DEFAULT_PROGRAMME)
    assert [(d.kind, d.slug, d.organization.key) for d in public_documents(segment())] == [
        ("case-study", "fao-local-food-supply-chains", "fao"),
        ("presentation", "desa-gsdr-entry-points", "desa"),
        ("input", "escap-resilient-cities-input", "escap"),
        ("input", "statcom-input-data-for-recovery", "statcom"),
    ]
    assert [(theme.code, [body.acronym or body.name for body in theme.bodies])
            for theme in compilation(segment())] == [
        ("entry-point-1", ["Statistical Commission", "UNICEF"]),
        ("entry-point-2", ["CSTD", "CDP"]),
        ("entry-point-3", ["FAO"]),
        ("entry-point-4", ["IGS"]),
        ("entry-point-5", ["ESCAP"]),
        ("entry-point-6", ["UNEP"]),
        ("cross-cutting", ["Statistical Commission"]),
    ]
    assert db.session.scalar(select(Document).where(Document.status == "draft")) is None


def test_export_leaves_out_related_session_that_became_a_tech_check(app, tmp_path):
    import_file(write_programme(tmp_path))
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    s1.kind = "tech-check"
    db.session.commit()
    text = export_segment(segment())
    assert "    sessions: [S1]\n" not in text
    again = write_programme(tmp_path, text, files={"files/fao-case-study.pdf": pdf_bytes()})
    assert import_file(again).updated["documents"] == 1
    assert db.session.scalar(select(Document).where(Document.slug == "fao-case-study")).sessions == []
