"""Import a programme file's documents and key messages, inside the programme's transaction.

Documents are updated by key (their slug) and kept when the file no longer lists them,
as sessions are. Key messages have no key: a file with a key_messages section replaces
the segment's messages with its list (matched in order within each body, so importing
the same file again changes nothing); a file without the section leaves them alone.
Every entry is checked by the same rules as the organizer's forms (documents,
key_messages); files are stored only once everything has passed.
"""

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.uploads import UploadError, remove_upload, store_upload
from meeting.models import Document, KeyMessage, Organization, Segment, utcnow

# The forms' own checks, shared so that a file and a form refuse the same input alike.
from meeting.site.documents import DocumentFields, check_document_fields
from meeting.site.key_messages import KeyMessageError, KeyMessageInput, check_key_message

from .fields import Problem
from .report import ImportReport, count_record, sync_values
from .schema import ProgrammeSpec
from .site_schema import DocumentSpec, KeyMessageSpec
from .translation_exchange import apply_key_message_translations

# The field a domain message names ("related sessions: …") → the key it came from in the file.
DOCUMENT_KEYS = {"kind": "kind", "title": "title", "organization": "organization", "tags": "tags",
                 "related sessions": "sessions", "link": "link", "symbol": "symbol"}
KEY_MESSAGE_KEYS = {"body": "organization", "text": "text", "tags": "tags", "source document": "source"}


@dataclass
class StoredFiles:
    """Files written under instance/uploads/ by one import, and those it replaces."""

    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)

    def discard_new(self) -> None:
        """The import failed: remove what it stored."""
        for name in self.new:
            remove_upload(name)

    def discard_replaced(self) -> None:
        """The import is committed: remove the files no document uses any more."""
        for name in self.replaced:
            remove_upload(name)


def apply_site(spec: ProgrammeSpec, segment: Segment, orgs: dict[str, Organization],
               report: ImportReport, problems: list[Problem], files: StoredFiles) -> None:
    """Check and apply the documents and key messages; problems are appended, files tracked."""
    db.session.flush()  # the checks look rows up by id: new organizations, sessions, segment
    documents = {d.slug: d for d in db.session.scalars(
        select(Document).where(Document.segment_id == segment.id)
        .options(selectinload(Document.tags), selectinload(Document.sessions)))}
    checked = [(d, values) for d in spec.documents
               if (values := _check_document(segment, d, orgs, problems)) is not None]
    if problems:
        return
    pending = [(document, d) for d, values in checked
               if (document := _apply_document(segment, documents, d, values, report, files))]
    in_file = {d.key for d in spec.documents}
    report.kept_documents = sorted(slug for slug in documents if slug not in in_file)
    if spec.key_messages is None:
        report.key_messages_in_file = False
    else:
        db.session.flush()
        _apply_key_messages(segment, spec.key_messages, orgs, documents, report, problems)
    if problems:
        return
    for document, d in pending:
        try:
            stored = store_upload(io.BytesIO(d.file_data), d.file_name)
        except UploadError as exc:  # checked when read; only a changed limit or a full disk lands here
            problems.append(Problem(d.line_of("file"), f"document {d.key}", str(exc)))
            continue
        files.new.append(stored.name)
        document.file_name, document.file_original = stored.name, stored.original
        document.file_type, document.file_size = stored.content_type, stored.size
        document.file_sha256 = stored.sha256


def _line(spec: DocumentSpec | KeyMessageSpec, keys: dict[str, str], message: str) -> int:
    return spec.line_of(keys.get(message.split(":", 1)[0], ""))


def _check_document(segment, d: DocumentSpec, orgs, problems):
    where = f"document {d.key}"
    organization = orgs.get(d.organization) if d.organization else None
    if d.organization and organization is None:
        problems.append(Problem(d.line_of("organization"), where,
                                f"organization {d.organization!r} does not exist"))
        return None
    fields = DocumentFields(kind=d.kind, title=d.title, link_url=d.link or "", symbol=d.symbol or "",
                            tags=d.tags,
                            sessions=d.sessions,
                            organization_id=organization.id if organization else None)
    try:
        return check_document_fields(segment, fields)
    except ValueError as exc:
        problems.append(Problem(_line(d, DOCUMENT_KEYS, str(exc)), where, str(exc)))
        return None


def _apply_document(segment, documents, d: DocumentSpec, values, report, files) -> Document | None:
    """Create or update one document; returns it when its file is still to be stored."""
    title, organization, tags, sessions, link, symbol = values
    document = documents.get(d.key)
    created = document is None
    if created:
        document = documents[d.key] = Document(segment=segment, slug=d.key)
        db.session.add(document)
    changed = sync_values(document, {
        "kind": d.kind, "title": title, "organization": organization, "link_url": link, "symbol": symbol,
        "summary": (d.summary or "").strip() or None, "body": (d.body or "").strip() or None,
    })
    if [t.id for t in document.tags] != [t.id for t in tags]:
        document.tags, changed = tags, True
    if {s.id for s in document.sessions} != {s.id for s in sessions}:
        document.sessions, changed = sorted(sessions, key=lambda s: (s.start, s.code)), True
    if document.status != d.status:
        document.status, changed = d.status, True
        document.published_at = utcnow() if d.status == "published" else None
    store = False
    if d.file_data is None:
        if document.file_name:
            files.replaced.append(document.file_name)
            changed |= sync_values(document, dict.fromkeys(
                ("file_name", "file_original", "file_type", "file_size", "file_sha256")))
    elif document.file_sha256 == hashlib.sha256(d.file_data).hexdigest() and document.file_name:
        changed |= sync_values(document, {"file_original": d.file_name})
    else:
        if document.file_name:
            files.replaced.append(document.file_name)
        store = changed = True
    count_record(report, "documents", created, changed)
    return document if store else None


def _apply_key_messages(segment, specs: list[KeyMessageSpec], orgs, documents, report, problems):
    checked = []
    for k in specs:
        where = f"key message {k.number}"
        organization = orgs.get(k.organization)
        if organization is None:
            problems.append(Problem(k.line_of("organization"), where,
                                    f"organization {k.organization!r} does not exist"))
            continue
        source = documents.get(k.source) if k.source else None
        if k.source and source is None:
            problems.append(Problem(k.line_of("source"), where, f"source document {k.source!r} "
                                    "is neither in the file nor a document of this segment"))
            continue
        data = KeyMessageInput(organization.id, k.text, tuple(k.tags), source.id if source else None)
        try:
            checked.append((k, check_key_message(segment, data)))
        except KeyMessageError as exc:
            problems.append(Problem(_line(k, KEY_MESSAGE_KEYS, str(exc)), where, str(exc)))
    if problems:
        return
    current: dict[int, list[KeyMessage]] = {}
    for message in db.session.scalars(
            select(KeyMessage).where(KeyMessage.segment_id == segment.id)
            .options(selectinload(KeyMessage.tags), selectinload(KeyMessage.translations))
            .order_by(KeyMessage.position, KeyMessage.id)):
        current.setdefault(message.organization_id, []).append(message)
    positions: Counter = Counter()
    for k, (organization, text, tags, document) in checked:
        positions[organization.id] += 1
        pool = current.get(organization.id)
        message = pool.pop(0) if pool else None
        created = message is None
        if created:
            message = KeyMessage(segment=segment, organization=organization)
            db.session.add(message)
        changed = sync_values(message, {"text": text, "document": document, "status": k.status,
                                        "position": positions[organization.id]})
        if [t.id for t in message.tags] != [t.id for t in tags]:
            message.tags, changed = tags, True
        changed |= apply_key_message_translations(message, k.translations)
        count_record(report, "key messages", created, changed)
    for leftover in current.values():
        for message in leftover:
            db.session.delete(message)
            report.removed["key messages"] += 1
