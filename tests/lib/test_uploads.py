"""Uploads: real PDF/DOCX/PPTX/XLSX files accepted by content; everything else refused, nothing kept."""

import hashlib
import io
import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import openpyxl
import pytest
from weasyprint import HTML

from meeting.lib.uploads import (
    FILE_TYPES,
    UploadError,
    clean_filename,
    detect_type,
    remove_upload,
    store_upload,
    upload_folder,
    upload_path,
)

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
PPTX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
              'package/2006/content-types"><Default Extension="rels" ContentType="application/'
              'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/ppt/presentation.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation'
              '.main+xml"/></Types>')


@cache
def pdf_bytes(heading: str = "Case study") -> bytes:
    """A real PDF, made by WeasyPrint (another heading makes other bytes)."""
    return HTML(string=f"<h1>{heading}</h1><p>Cash transfers in the Sahel.</p>").write_pdf()


@cache
def docx_bytes() -> bytes:
    """A real DOCX, made by python-docx."""
    document = docx.Document()
    document.add_paragraph("Input from the Statistical Commission")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def xlsx_bytes() -> bytes:
    """A real XLSX, made by openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["SDG", "Indicator"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@cache
def pptx_bytes() -> bytes:
    """A minimal Office Open XML presentation: content types, package relationship, presentation part."""
    return zip_bytes({
        "[Content_Types].xml": PPTX_TYPES,
        "_rels/.rels": ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                        'Target="ppt/presentation.xml"/></Relationships>'),
        "ppt/presentation.xml": ('<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.'
                                 'openxmlformats.org/presentationml/2006/main"/>'),
    })


REAL = {"pdf": pdf_bytes, "docx": docx_bytes, "pptx": pptx_bytes, "xlsx": xlsx_bytes}


def stored_files() -> list[str]:
    """The names under instance/uploads/, hidden partial files included."""
    folder = upload_folder()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("ext", list(REAL))
def test_detect_type_real_files(ext):
    assert detect_type(REAL[ext]()) == ext


def test_detect_type_executables_and_other_zips():
    assert detect_type(EXE) == "exe"
    assert detect_type(ELF) == "elf"
    assert detect_type(zip_bytes({"readme.txt": "hello"})) == "zip"
    assert detect_type(zip_bytes({"[Content_Types].xml": PPTX_TYPES})) == "zip"
    two_kinds = {"[Content_Types].xml": "", "word/document.xml": "", "xl/x.xml": ""}
    assert detect_type(zip_bytes(two_kinds)) == "zip"
    assert detect_type(b"plain text, not a document") is None


def test_detect_type_macro_enabled_office_file():
    data = zip_bytes({"[Content_Types].xml": "", "word/document.xml": "", "word/vbaProject.bin": "x"})
    assert detect_type(data) == "docm"


@pytest.mark.parametrize("ext", list(REAL))
def test_store_upload_real_file_kept_under_generated_name(app, ext):
    data = REAL[ext]()
    stored = store_upload(io.BytesIO(data), f"Case study.{ext}")
    assert re.fullmatch(rf"[0-9a-f]{{32}}\.{ext}", stored.name)
    assert stored.original == f"Case study.{ext}"
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert upload_path(stored.name) == Path(app.instance_path) / "uploads" / stored.name
    assert upload_path(stored.name).read_bytes() == data
    assert stored_files() == [stored.name]


def test_store_upload_content_types(app):
    types = {ext: store_upload(io.BytesIO(make()), f"a.{ext}").content_type for ext, make in REAL.items()}
    assert types == {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_store_upload_extension_case_and_unicode_name_kept(app):
    stored = store_upload(io.BytesIO(pdf_bytes()), "Étude de cas – Côte d'Ivoire.PDF")
    assert stored.original == "Étude de cas – Côte d'Ivoire.PDF"
    assert stored.name.endswith(".pdf")


def refused(app, data: bytes, filename: str) -> str:
    with pytest.raises(UploadError) as caught:
        store_upload(io.BytesIO(data), filename)
    assert stored_files() == []
    return str(caught.value)


def test_store_upload_disguised_executable_refused(app):
    assert refused(app, EXE, "report.pdf") == (
        "file: report.pdf is named .pdf but its content is not a PDF file (it looks like EXE); "
        "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it")
    assert refused(app, ELF, "slides.pptx") == (
        "file: slides.pptx is named .pptx but its content is not a PPTX file (it looks like ELF); "
        "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it")


def test_store_upload_extension_content_mismatch_refused(app):
    assert refused(app, docx_bytes(), "report.pdf") == (
        "file: report.pdf is named .pdf but its content is not a PDF file (it looks like DOCX); "
        "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it")
    assert refused(app, xlsx_bytes(), "data.docx").startswith(
        "file: data.docx is named .docx but its content is not a DOCX file (it looks like XLSX)")
    assert refused(app, b"just text", "notes.pdf").startswith(
        "file: notes.pdf is named .pdf but its content is not a PDF file; upload")


def test_store_upload_oversized_refused(app):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    assert len(pdf_bytes()) > 1000
    assert refused(app, pdf_bytes(), "big.pdf") == "file: big.pdf is larger than the limit of 1,000 bytes"
    app.config["MAX_UPLOAD_BYTES"] = 25 * 1024 * 1024
    assert refused(app, b"%PDF" + b"0" * (25 * 1024 * 1024), "huge.pdf") == (
        "file: huge.pdf is larger than the limit of 25 MB")


def test_store_upload_empty_refused(app):
    assert refused(app, b"", "empty.pdf") == "file: empty.pdf is empty"


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\x.pdf", "/etc/passwd.pdf",
                                  "C:\\Users\\me\\x.pdf", "C:x.pdf", "..x.pdf", "sub/report.pdf"])
def test_store_upload_path_in_name_refused(app, name):
    assert refused(app, pdf_bytes(), name) == (
        f"file: {name!r} names a folder path; upload it under a plain name such as report.pdf")


@pytest.mark.parametrize(("name", "message"), [
    ("setup.exe", "file: setup.exe is a .exe file; upload a PDF, DOCX, PPTX or XLSX file"),
    ("report.doc", "file: report.doc is a .doc file; upload a PDF, DOCX, PPTX or XLSX file"),
    ("report", "file: report has no extension; upload a PDF, DOCX, PPTX or XLSX file"),
    (".pdf", "file: .pdf has no extension; upload a PDF, DOCX, PPTX or XLSX file"),
    ("", "file: choose a file to upload"),
    ("a\x00b.pdf", "file: the file name contains control characters; rename the file"),
])
def test_store_upload_bad_name_refused(app, name, message):
    assert refused(app, pdf_bytes(), name) == message


def test_store_upload_format_characters_removed_from_kept_name(app):
    # Zero-width space, soft hyphen, byte-order mark: invisible, so not kept for the download.
    stored = store_upload(io.BytesIO(pdf_bytes()), "\u200bCase\u00ad study\ufeff.pdf")
    assert stored.original == "Case study.pdf"


def test_store_upload_right_to_left_override_cannot_disguise_extension(app):
    # Shown as "invoiceexe.pdf"; with U+202E gone it is what it is: an .exe.
    assert refused(app, EXE, "invoice\u202efdp.exe") == (
        "file: invoicefdp.exe is a .exe file; upload a PDF, DOCX, PPTX or XLSX file")
    assert clean_filename("report\u202e.pdf") == ("report.pdf", "pdf")
    assert refused(app, pdf_bytes(), "\u202e\u200b") == "file: choose a file to upload"


def test_store_upload_double_quote_in_name_replaced(app):
    stored = store_upload(io.BytesIO(pdf_bytes()), 'Panel "Recovering better".pdf')
    assert stored.original == "Panel 'Recovering better'.pdf"
    assert clean_filename('"quoted".docx') == ("'quoted'.docx", "docx")


def test_clean_filename_long_name_keeps_extension():
    name, ext = clean_filename("x" * 300 + ".docx")
    assert (len(name), name[-5:], ext) == (255, ".docx", "docx")


def test_remove_upload_deletes_file_and_ignores_missing(app):
    stored = store_upload(io.BytesIO(pdf_bytes()), "a.pdf")
    remove_upload(stored.name)
    assert stored_files() == []
    remove_upload(stored.name)
    remove_upload(None)


def test_upload_path_only_generated_names():
    with pytest.raises(ValueError, match="not a stored file name"):
        upload_path("../meeting.sqlite")


def _docx_bomb(unpacked: int) -> bytes:
    """A DOCX whose document part is `unpacked` bytes of zeros (a few KB once compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as real, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in real.infolist():
            bomb.writestr(info, real.read(info))
        bomb.writestr("word/padding.xml", b"\0" * unpacked)
    return out.getvalue()


def test_store_upload_zip_bomb_inside_docx_refused(app):
    app.config["MAX_UNPACKED_BYTES"] = 4 * 1024 * 1024
    bomb = _docx_bomb(5 * 1024 * 1024)
    assert len(bomb) < len(docx_bytes()) + 10_000  # 5 MB of padding, a few KB packed
    assert refused(app, bomb, "input.docx") == (
        "file: input.docx unpacks to more than 4 MB (a zip bomb, or a file that is mostly "
        "padding); it was not kept")
    # The same file under the limit is an ordinary DOCX.
    app.config["MAX_UNPACKED_BYTES"] = 8 * 1024 * 1024
    assert store_upload(io.BytesIO(bomb), "input.docx").content_type == FILE_TYPES["docx"]


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "chart.svg",
     "file: chart.svg is a .svg file; upload a PDF, DOCX, PPTX or XLSX file"),
    (b"<html><script>alert(1)</script></html>", "page.html",
     "file: page.html is a .html file; upload a PDF, DOCX, PPTX or XLSX file"),
    (b"<html><script>alert(1)</script></html>", "report.pdf",
     "file: report.pdf is named .pdf but its content is not a PDF file; upload a PDF, DOCX, "
     "PPTX or XLSX file whose extension matches it"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "slides.pptx",
     "file: slides.pptx is named .pptx but its content is not a PPTX file; upload a PDF, DOCX, "
     "PPTX or XLSX file whose extension matches it"),
])
def test_store_upload_script_carrying_svg_or_html_refused(app, data, filename, message):
    assert refused(app, data, filename) == message
