"""The documents and key_messages sections of a programme file: read, checked, files loaded.

Only the shape of each entry is checked here; what needs the database (organizations,
tags, sessions, source documents) is checked on import by the documents and key-message
modules' own rules (site_import), so the format and the organizer's forms refuse alike.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from meeting.lib.uploads import UploadError, check_upload, max_upload_bytes
from meeting.models import DOCUMENT_KINDS, PUBLIC_STATUSES
from meeting.site.documents import check_link

from .fields import CODE_RE, KEY_RE, TAG_RE, Fields, Problem, check_unique
from .translation_exchange import read_translations
from .yamlio import LinedDict

# Document slugs made from titles run to 100 characters and more (documents.slugify).
DOCUMENT_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
DOCUMENT_FIELDS = ("key", "kind", "title", "organization", "status", "link", "file", "tags", "sessions",
                   "summary", "body", "symbol")
KEY_MESSAGE_FIELDS = ("organization", "text", "tags", "source", "status", "translations")


@dataclass
class DocumentSpec:
    key: str
    kind: str
    title: str
    status: str
    organization: str | None = None
    summary: str | None = None
    body: str | None = None
    tags: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    link: str | None = None
    symbol: str | None = None
    file: str | None = None  # as written: a path relative to the programme file's folder
    file_name: str | None = None  # its last part, offered back on download
    file_data: bytes | None = None
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """Line of a field, else of the entry."""
        return self.key_lines.get(key, self.line)


@dataclass
class KeyMessageSpec:
    number: int  # 1-based place in the key_messages list, to name it in problems
    organization: str
    text: str
    status: str
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    translations: dict | None = None  # None: the file says nothing (translation_exchange)
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """Line of a field, else of the entry."""
        return self.key_lines.get(key, self.line)


def read_site(document, problems: list[Problem], folder: Path | None):
    """(documents, key messages or None when the section is absent), appending problems."""
    if not isinstance(document, LinedDict):
        return [], None
    top = Fields(document, "", problems, tuple(document))  # unknown top keys: schema.validate
    documents = [_document(m, problems, folder) for m in top.items("documents")]
    check_unique(documents, "key", "document", problems)
    if "key_messages" not in document:
        return [d for d in documents if d], None
    messages = [_key_message(m, n, problems) for n, m in enumerate(top.items("key_messages"), start=1)]
    return [d for d in documents if d], [m for m in messages if m]


def _document(m, problems, folder):
    where = f"document {m.get('key', '?')}"
    f = Fields(m, where, problems, DOCUMENT_FIELDS)
    spec = DocumentSpec(
        key=f.text("key", required=True, max_len=120, pattern=DOCUMENT_KEY_RE, what="a key (a-z, 0-9, -)"),
        kind=f.choice("kind", DOCUMENT_KINDS),
        # Length and whitespace of titles and links are the documents module's to judge.
        title=f.text("title", required=True, max_len=2000),
        status=f.choice("status", PUBLIC_STATUSES, default="draft"),
        organization=f.text("organization", max_len=80, pattern=KEY_RE, what="an organization key"),
        summary=f.text("summary", max_len=20000),
        body=f.text("body", max_len=200000),
        tags=f.text_list("tags", TAG_RE, "a tag code like sdg-3"),
        sessions=f.text_list("sessions", CODE_RE, "a session code like S2"),
        symbol=f.symbol("symbol"),
        line=m.line,
        key_lines=dict(m.key_lines),
    )
    link = f.text("link", max_len=2000)
    try:
        spec.link = check_link(link)
    except ValueError as exc:
        f.fail("link", str(exc))
    spec.file = f.text("file", max_len=500)
    if spec.file is not None:
        _read_file(spec, f, folder)
    if f.ok and not (spec.link or spec.file):
        f.fail(None, "file or link: give a link or a file (or both)")
    return spec if f.ok else None


def _read_file(spec: DocumentSpec, f: Fields, folder: Path | None) -> None:
    """Read the document's file from beside the programme file and check it like an upload."""
    try:
        spec.file_name, spec.file_data = read_beside(spec.file, folder)
    except ValueError as exc:
        f.fail("file", str(exc))


def read_beside(written: str, folder: Path | None, kinds: tuple[str, ...] | None = None,
                name: str | None = None) -> tuple[str, bytes]:
    """(name offered on download, bytes) of a file a programme file names, read from beside it
    and checked like an upload (as `name` when given); ValueError says what is wrong."""
    if folder is None:
        raise ValueError(f"file: {written} cannot be read: this programme was not imported from a "
                         "folder; import the programme file from disk, with its files beside it")
    relative = PurePosixPath(written)
    path = folder / relative
    inside = folder.resolve()
    if (relative.is_absolute() or "\\" in written or ".." in relative.parts
            or not path.resolve().is_relative_to(inside)):
        raise ValueError(f"file: {written} is not inside the programme file's folder; "
                         "give a path like files/report.pdf")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_upload_bytes() + 1)  # never read a huge file whole
    except OSError as exc:
        raise ValueError(f"file: cannot read {written}: {exc.strerror}") from None
    try:
        shown, _ = check_upload(data, name or relative.name, kinds)
    except UploadError as exc:
        raise ValueError(str(exc)) from None
    return shown, data


def _key_message(m, number, problems):
    where = f"key message {number}"
    f = Fields(m, where, problems, KEY_MESSAGE_FIELDS)
    spec = KeyMessageSpec(
        number=number,
        organization=f.text("organization", required=True, max_len=80, pattern=KEY_RE,
                            what="an organization key"),
        # The key-message rules judge the length (key_messages.TEXT_MAX).
        text=f.text("text", required=True, max_len=20000),
        status=f.choice("status", PUBLIC_STATUSES, default="draft"),
        tags=f.text_list("tags", TAG_RE, "a tag code like entry-point-1"),
        source=f.text("source", max_len=120, pattern=DOCUMENT_KEY_RE, what="a document key"),
        line=m.line,
        key_lines=dict(m.key_lines),
    )
    spec.translations = read_translations(f, session=False)
    return spec if f.ok else None
