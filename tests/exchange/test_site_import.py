"""Importing documents and key messages from a programme file: values, re-imports, bad input."""

import hashlib

import pytest
from sqlalchemy import select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.exchange import importer as importer_module
from meeting.extensions import db
from meeting.lib.uploads import upload_path
from meeting.models import Document, KeyMessage
from tests.exchange.site_fixtures import (
    EXE,
    SITE,
    counts,
    pdf_bytes,
    segment,
    stored_files,
    write_programme,
)


def documents() -> dict[str, Document]:
    return {d.slug: d for d in db.session.scalars(select(Document))}


def messages() -> list[tuple[str, str, int, str, list[str], str | None]]:
    rows = db.session.scalars(select(KeyMessage).order_by(KeyMessage.id))
    return [(m.organization.key, m.text, m.position, m.status, [t.code for t in m.tags],
             m.document.slug if m.document else None) for m in rows]


def test_import_documents_and_key_messages_with_their_file(app, tmp_path):
    report = import_file(write_programme(tmp_path))
    docs = documents()
    case, statcom = docs["fao-case-study"], docs["statcom-input"]
    assert (case.kind, case.title, case.organization.key, case.status, case.link_url) == (
        "case-study", "Food systems in a pandemic", "fao", "published", "https://example.org/fao")
    assert (case.summary, case.body) == ("A **case** study.", "## Findings\n\nMarkets stayed open.")
    assert [t.code for t in case.tags] == ["entry-point-3", "sdg-2"]
    assert [s.code for s in case.sessions] == ["S1"]
    assert case.published_at is not None
    assert (case.file_original, case.file_type, case.file_size, case.file_sha256) == (
        "fao.pdf", "application/pdf", len(pdf_bytes()), hashlib.sha256(pdf_bytes()).hexdigest())
    assert upload_path(case.file_name).read_bytes() == pdf_bytes()
    assert stored_files() == [case.file_name]
    assert (statcom.status, statcom.file_name, statcom.published_at) == ("draft", None, None)
    assert messages() == [
        ("statcom", "Data must be disaggregated.", 1, "published", ["action-area-i", "entry-point-1"],
         "statcom-input"),
        ("fao", "Keep food supply chains open.", 1, "published", ["entry-point-3"], "fao-case-study"),
        ("statcom", "Fund statistical systems.\n\nEven in a crisis.", 2, "draft", [], None),
    ]
    assert report.summary() == (
        "  organizations: 2 created\n  people: none\n  sessions: 2 created\n  participations: none\n"
        "  documents: 2 created\n  key messages: 3 created")
    assert report.one_line() == ("organizations 2 created; sessions 2 created; documents 2 created; "
                                 "key messages 3 created")


def test_import_same_file_twice_changes_nothing(app, tmp_path):
    path = write_programme(tmp_path)
    import_file(path)
    changed_at, files = segment().changed_at, stored_files()
    ids = sorted(m.id for m in db.session.scalars(select(KeyMessage)))
    report = import_file(path)
    assert (report.created, report.updated, report.removed) == ({}, {}, {})
    assert (report.unchanged["documents"], report.unchanged["key messages"]) == (2, 3)
    db.session.expire_all()
    assert segment().changed_at == changed_at
    assert stored_files() == files
    assert sorted(m.id for m in db.session.scalars(select(KeyMessage))) == ids


def test_import_key_messages_section_replaces_the_segments_list(app, tmp_path):
    import_file(write_programme(tmp_path))
    start, end = SITE.index("  - organization: fao\n"), SITE.index("  - organization: statcom\n    text: |")
    fao_message = SITE[start:end]
    fewer = SITE.replace(fao_message, "")
    fewer = fewer.replace("Data must be disaggregated.", "Data must be disaggregated by sex and age.")
    report = import_file(write_programme(tmp_path, fewer))
    assert (report.updated["key messages"], report.unchanged["key messages"],
            report.removed["key messages"]) == (1, 1, 1)
    assert [(body, text[:20], position) for body, text, position, *_ in messages()] == [
        ("statcom", "Data must be disaggr", 1), ("statcom", "Fund statistical sys", 2)]


def test_import_without_key_messages_section_leaves_them_and_keeps_missing_documents(app, tmp_path):
    import_file(write_programme(tmp_path))
    before = messages()
    only_fao = SITE[:SITE.index("  - key: statcom-input\n")]
    report = import_file(write_programme(tmp_path, only_fao))
    assert messages() == before
    assert report.kept_documents == ["statcom-input"]
    assert report.summary().splitlines()[-2:] == [
        "  key messages: not in the file, left as they were",
        "  kept 1 document(s) that are not in the file: statcom-input"]
    assert sorted(documents()) == ["fao-case-study", "statcom-input"]


def test_import_changed_file_replaces_the_stored_one(app, tmp_path):
    import_file(write_programme(tmp_path))
    old = documents()["fao-case-study"].file_name
    report = import_file(write_programme(tmp_path, files={"files/fao.pdf": pdf_bytes("Revised")}))
    case = documents()["fao-case-study"]
    assert report.updated["documents"] == 1
    assert case.file_name != old
    assert upload_path(case.file_name).read_bytes() == pdf_bytes("Revised")
    assert stored_files() == [case.file_name]


def test_import_document_without_file_entry_drops_its_file(app, tmp_path):
    import_file(write_programme(tmp_path))
    import_file(write_programme(tmp_path, SITE.replace("    file: files/fao.pdf\n", "")))
    assert documents()["fao-case-study"].file_name is None
    assert stored_files() == []


def test_import_from_bytes_with_file_entry_names_the_line(app):
    with pytest.raises(ProgrammeError) as info:
        import_programme(SITE.encode(), "site.yaml")
    assert [str(p) for p in info.value.problems] == [
        "line 35: document fao-case-study: file: files/fao.pdf cannot be read: this programme was "
        "not imported from a folder; import the programme file from disk, with its files beside it"]
    assert counts()["document"] == 0


BAD_INPUTS = {
    "unknown_kind": (
        lambda t: t.replace("kind: case-study", "kind: report"), None,
        "line 30: document fao-case-study: kind 'report' is not one of: case-study, presentation, input"),
    "key_message_tag_vocabulary": (
        lambda t: t.replace("tags: [entry-point-3]\n", "tags: [entry-point-3, sdg-2]\n"), None,
        "line 56: key message 2: tags: sdg-2 is not an entry point or an action area"),
    "unknown_source_document": (
        lambda t: t.replace("source: statcom-input", "source: statcom-inputs"), None,
        "line 52: key message 1: source document 'statcom-inputs' is neither in the file nor a "
        "document of this segment"),
    "unknown_session_code": (
        lambda t: t.replace("sessions: [S1]", "sessions: [S1, S9]"), None,
        "line 37: document fao-case-study: related sessions: no session S9 in Test segment"),
    "tech_check_session": (
        lambda t: t.replace("sessions: [S1]", "sessions: [TC1]"), None,
        "line 37: document fao-case-study: related sessions: no session TC1 in Test segment"),
    "unknown_organization": (
        lambda t: t.replace("organization: statcom\n    link", "organization: statcomm\n    link"), None,
        "line 46: document statcom-input: organization 'statcomm' does not exist"),
    "bad_link": (
        lambda t: t.replace("link: https://example.org/statcom", "link: javascript:alert(1)"), None,
        "line 47: document statcom-input: link: 'javascript:alert(1)' is not an http:// or "
        "https:// address"),
    "no_link_nor_file": (
        lambda t: t.replace("    link: https://example.org/statcom\n", ""), None,
        "line 43: document statcom-input: file or link: give a link or a file (or both)"),
    "duplicate_key": (
        lambda t: t.replace("key: statcom-input", "key: fao-case-study"), None,
        "line 43: document fao-case-study: duplicate key: already used on line 29"),
    "disguised_executable": (
        lambda t: t, {"files/fao.pdf": EXE},
        "line 35: document fao-case-study: file: fao.pdf is named .pdf but its content is not a PDF "
        "file (it looks like EXE); upload a PDF, DOCX, PPTX or XLSX file whose extension matches it"),
    "file_missing": (
        lambda t: t.replace("files/fao.pdf", "files/missing.pdf"), None,
        "line 35: document fao-case-study: file: cannot read files/missing.pdf: No such file or "
        "directory"),
    "file_outside_folder": (
        lambda t: t.replace("files/fao.pdf", "../fao.pdf"), None,
        "line 35: document fao-case-study: file: ../fao.pdf is not inside the programme file's "
        "folder; give a path like files/report.pdf"),
    "key_message_too_long": (
        lambda t: t.replace("Keep food supply chains open.", "x" * 2001), None,
        "line 55: key message 2: text: at most 2000 characters (this one has 2001)"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_import_bad_document_or_key_message_refused_and_nothing_changed(app, runner, tmp_path, case):
    import_file(write_programme(tmp_path / "first", SITE.replace("files/fao.pdf", "files/first.pdf"),
                                files={"files/first.pdf": pdf_bytes("First")}))
    before = (counts(), export_segment(segment()), stored_files())
    mutate, files, message = BAD_INPUTS[case]
    bad = mutate(SITE)
    assert bad != SITE or files
    # Change valid things too, so a partial import would show.
    bad = bad.replace("title: Opening", "title: Changed").replace("Data for the", "Numbers for the")
    path = write_programme(tmp_path / "second", bad, files=files)
    result = runner.invoke(args=["meeting", "import", str(path)])
    assert result.exit_code == 1
    assert result.output == f"Error: nothing imported.\nprogramme.yaml: {message}\n"
    db.session.expire_all()
    assert (counts(), export_segment(segment()), stored_files()) == before


def test_import_failing_after_files_were_stored_leaves_no_file(app, tmp_path, monkeypatch):
    def fail(segment):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer_module, "save_programme", fail)
    with pytest.raises(RuntimeError):
        import_file(write_programme(tmp_path))
    assert stored_files() == []
    assert counts()["document"] == 0


def test_import_empty_key_messages_section_removes_them_all(app, tmp_path):
    import_file(write_programme(tmp_path))
    report = import_file(write_programme(tmp_path, SITE[:SITE.index("key_messages:")] + "key_messages: []\n"))
    assert report.removed["key messages"] == 3
    assert messages() == []
