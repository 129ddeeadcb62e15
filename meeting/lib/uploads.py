"""Uploaded document files: checked by content, stored under instance/uploads/ with generated names.

A file is accepted only when its extension is one of ours and its content is that type
(filetype recognises it, and for Office files the zip holds [Content_Types].xml and the
part of that kind). The organizer's file name is kept only to offer it back on download;
the stored name is random, so nothing the organizer typed reaches the file system.
"""

import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import filetype
from babel.lists import format_list
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import get_translations
from flask_babel import gettext as _

from .locales import DEFAULT_LANGUAGE, current_language

FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The folder that holds the main part of each Office Open XML kind.
OOXML_PARTS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def accepted(kinds: tuple[str, ...] | None = None, language: str | None = None) -> str:
    """'PDF, DOCX, PPTX or XLSX': the kinds given (every kind by default), for messages, in
    the current language ('PDF, DOCX, PPTX ou XLSX'; CLDR's lists, except English's comma)."""
    names = [k.upper() for k in (kinds or tuple(FILE_TYPES))]
    language = language or current_language()
    if language != DEFAULT_LANGUAGE:
        return format_list(names, style="or", locale=language)
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]


STORED_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|docx|pptx|xlsx)")


class UploadError(ValueError):
    """An upload refused; the message names the file and says why ('file: …'), `reason` is
    the same without the field's name (for a page that names the field itself)."""

    def __init__(self, reason: str):
        super().__init__(_("file: %(reason)s", reason=reason))
        self.reason = reason


@dataclass(frozen=True)
class StoredFile:
    """A file kept under instance/uploads/."""

    name: str
    original: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    """The largest file accepted (MAX_UPLOAD_BYTES)."""
    return int(current_app.config["MAX_UPLOAD_BYTES"])


def max_unpacked_bytes() -> int:
    """The most an Office file may unpack to (MAX_UNPACKED_BYTES): more is a zip bomb."""
    return int(current_app.config.get("MAX_UNPACKED_BYTES", 256 * 1024 * 1024))


def unpacked_size(data: bytes) -> int:
    """What a zip (an Office Open XML file) says its parts unpack to, in bytes; 0 if not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return 0


def describe_limit(limit: int) -> str:
    """26214400 → '25 MB' ('25 Mo' in French); small limits in bytes."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        if limit >= 1024 * 1024:
            return f"{limit / (1024 * 1024):g} MB"
        return f"{limit:,} bytes"
    if limit >= 1024 * 1024:
        return _("%(size)s MB", size=format_decimal(limit / (1024 * 1024), "#,##0.##", locale=language))
    # ngettext's own %(num)s would be the bare number: the catalogue's plural, the locale's digits.
    plural = get_translations().ungettext("%(num)s byte", "%(num)s bytes", limit)
    return plural % {"num": format_decimal(limit, locale=language)}


def upload_folder() -> Path:
    """instance/uploads/."""
    return Path(current_app.instance_path) / "uploads"


def upload_path(name: str) -> Path:
    """Where a stored file lives; only generated names are accepted."""
    if not STORED_NAME.fullmatch(name or ""):
        raise ValueError(f"not a stored file name: {name!r}")
    return upload_folder() / name


def clean_filename(filename: str | None, kinds: tuple[str, ...] | None = None) -> tuple[str, str]:
    """The organizer's file name, tidied, and its extension (one of `kinds`, by default any of
    FILE_TYPES); names with a folder are refused."""
    # Format characters are invisible, and some lie: with U+202E (right-to-left override)
    # "report\u202efdp.exe" reads as "reportexe.pdf". Dropped before the extension is read.
    name = "".join(ch for ch in (filename or "") if unicodedata.category(ch) != "Cf")
    # A double quote ends the name in a download's Content-Disposition header.
    name = unicodedata.normalize("NFC", name.strip()).replace('"', "'")
    if not name:
        raise UploadError(_("choose a file to upload"))
    # Werkzeug reads a backslash in a multipart file name as an escape: "..x.pdf" and
    # "C:x.pdf" are what it leaves of ..\x.pdf and C:\x.pdf, so they are refused too.
    if any(ch in name for ch in "/\\") or name.startswith("..") or re.match(r"[A-Za-z]:", name):
        raise UploadError(_("%(name)s names a folder path; upload it under a plain name such as "
                            "report.pdf", name=repr(name)))
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise UploadError(_("the file name contains control characters; rename the file"))
    stem, dot, ext = name.rpartition(".")
    ext = ext.lower()
    if not dot or not stem:
        raise UploadError(_("%(name)s has no extension; upload a %(kinds)s file", name=name,
                            kinds=accepted(kinds)))
    if ext not in (kinds or FILE_TYPES):
        raise UploadError(_("%(name)s is a .%(ext)s file; upload a %(kinds)s file", name=name, ext=ext,
                            kinds=accepted(kinds)))
    if len(name) > 255:
        name = stem[:254 - len(ext)] + "." + ext
    return name, ext


def detect_type(data: bytes) -> str | None:
    """'pdf', 'docx', 'pptx' or 'xlsx' from the content; else what it looks like ('exe', 'zip'), or None."""
    kind = filetype.guess(data[:8192])
    if kind is None:
        return None
    if kind.extension in ("zip", *OOXML_PARTS):
        return _ooxml_type(data)
    return kind.extension


def _ooxml_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return "zip"
    found = [ext for ext, folder in OOXML_PARTS.items() if any(n.startswith(folder) for n in names)]
    if "[Content_Types].xml" not in names or len(found) != 1:
        return "zip"
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return found[0][:-1] + "m"  # docm, pptm, xlsm: macros
    return found[0]


def check_upload(data: bytes, filename: str | None,
                 kinds: tuple[str, ...] | None = None) -> tuple[str, str]:
    """Refuse (UploadError) a file that is empty, too large, not of `kinds` or not what its
    extension says."""
    name, ext = clean_filename(filename, kinds)
    limit = max_upload_bytes()
    if len(data) > limit:
        raise UploadError(_("%(name)s is larger than the limit of %(limit)s", name=name,
                            limit=describe_limit(limit)))
    if not data:
        raise UploadError(_("%(name)s is empty", name=name))
    found = detect_type(data)
    # Stored and served as is, but whoever opens it (a visitor, python-docx) unpacks it all.
    if found in OOXML_PARTS and unpacked_size(data) > max_unpacked_bytes():
        raise UploadError(_("%(name)s unpacks to more than %(limit)s (a zip bomb, or a file that is "
                            "mostly padding); it was not kept", name=name,
                            limit=describe_limit(max_unpacked_bytes())))
    if found != ext:
        if found:
            raise UploadError(_("%(name)s is named .%(ext)s but its content is not a %(type)s file (it "
                                "looks like %(found)s); upload a %(kinds)s file whose extension matches it",
                                name=name, ext=ext, type=ext.upper(), found=found.upper(),
                                kinds=accepted(kinds)))
        raise UploadError(_("%(name)s is named .%(ext)s but its content is not a %(type)s file; upload "
                            "a %(kinds)s file whose extension matches it", name=name, ext=ext,
                            type=ext.upper(), kinds=accepted(kinds)))
    return name, ext


def store_upload(stream: BinaryIO, filename: str | None, kinds: tuple[str, ...] | None = None) -> StoredFile:
    """Check an uploaded file and keep it under a generated name; nothing is kept if refused."""
    data = stream.read(max_upload_bytes() + 1)
    original, ext = check_upload(data, filename, kinds)
    folder = upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{ext}"
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    os.replace(partial, folder / name)
    return StoredFile(name=name, original=original, content_type=FILE_TYPES[ext], size=len(data),
                      sha256=hashlib.sha256(data).hexdigest())


def remove_upload(name: str | None) -> None:
    """Delete a stored file; a file already gone is not an error."""
    if name:
        upload_path(name).unlink(missing_ok=True)
