"""An upload's refusal in the uploader's language: the list of kinds as each language writes it."""

import io

import pytest

from meeting.lib.emails import in_language
from meeting.lib.uploads import UploadError, accepted, describe_limit, store_upload
from tests.lib.test_uploads import EXE, pdf_bytes

MB = 1024 * 1024


def refusal(data: bytes, filename: str, language: str, kinds=None) -> UploadError:
    with in_language(language), pytest.raises(UploadError) as caught:
        store_upload(io.BytesIO(data), filename, kinds)
    return caught.value


def test_accepted_lists_kinds_as_each_language_writes_them():
    assert {language: accepted(language=language) for language in ("ar", "zh", "en", "fr", "ru", "es")} == {
        "ar": "PDF أو DOCX أو PPTX أو XLSX", "zh": "PDF、DOCX、PPTX或XLSX", "en": "PDF, DOCX, PPTX or XLSX",
        "fr": "PDF, DOCX, PPTX ou XLSX", "ru": "PDF, DOCX, PPTX или XLSX", "es": "PDF, DOCX, PPTX o XLSX"}
    assert (accepted(("pdf", "docx"), "en"), accepted(("pdf", "docx"), "fr"), accepted(("pdf",), "fr")) == (
        "PDF or DOCX", "PDF ou DOCX", "PDF")


def test_accepted_follows_current_language(app):
    assert accepted() == "PDF, DOCX, PPTX or XLSX"
    with in_language("ru"):
        assert accepted() == "PDF, DOCX, PPTX или XLSX"


def test_upload_refused_in_french(app):
    refused = refusal(pdf_bytes(), "setup.exe", "fr")
    assert (str(refused), refused.reason) == (
        "fichier : setup.exe est un fichier .exe ; téléversez un fichier PDF, DOCX, PPTX ou XLSX",
        "setup.exe est un fichier .exe ; téléversez un fichier PDF, DOCX, PPTX ou XLSX")
    assert str(refusal(EXE, "report.pdf", "fr")) == (
        "fichier : report.pdf porte l'extension .pdf mais son contenu n'est pas un fichier PDF (il "
        "ressemble à un fichier EXE) ; téléversez un fichier PDF, DOCX, PPTX ou XLSX dont l'extension "
        "correspond au contenu")
    assert str(refusal(b"", "vide.pdf", "fr")) == "fichier : vide.pdf est vide"
    assert str(refusal(pdf_bytes(), "", "fr")) == "fichier : choisissez un fichier à téléverser"


def test_upload_refused_in_the_other_languages(app):
    found = {language: str(refusal(pdf_bytes(), "notes.txt", language, ("pdf", "docx")))
             for language in ("ar", "zh", "ru", "es")}
    assert found == {
        "ar": "الملف: الملف notes.txt من نوع .txt؛ يُرجى تحميل ملف PDF أو DOCX",
        "zh": "文件：notes.txt 是 .txt 文件；请上传 PDF或DOCX 文件",
        "ru": "файл: notes.txt — файл .txt; загрузите файл PDF или DOCX",
        "es": "archivo: notes.txt es un archivo .txt; suba un archivo PDF o DOCX"}


def test_upload_limit_in_french(app):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    assert str(refusal(pdf_bytes(), "gros.pdf", "fr")) == (
        "fichier : gros.pdf dépasse la taille maximale de 1\u202f000 octets")  # a narrow space
    assert describe_limit(1000) == "1,000 bytes"
    with in_language("fr"):
        assert (describe_limit(25 * MB), describe_limit(int(1.5 * MB))) == ("25 Mo", "1,5 Mo")
    assert (describe_limit(25 * MB), describe_limit(int(1.5 * MB))) == ("25 MB", "1.5 MB")

