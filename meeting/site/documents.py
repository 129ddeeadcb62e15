"""The documents library: case studies, presentations and inputs from subsidiary bodies.

A document is a file (meeting.lib.uploads), a link, or both, with a Markdown summary and
body. Drafts are for organizers; only published documents reach the public pages.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import N_
from meeting.lib.symbols import SymbolError, valid_symbol
from meeting.lib.uploads import StoredFile, remove_upload, store_upload
from meeting.models import (
    DOCUMENT_KIND_LABELS,
    DOCUMENT_KINDS,
    PUBLIC_STATUSES,
    Document,
    Organization,
    Segment,
    Session,
    Tag,
    document_session,
    document_tag,
    utcnow,
)
from meeting.models.programme import TAG_VOCABULARY_LABELS
from meeting.programme.queries import PRIVATE_KINDS

KIND_HEADINGS = {"case-study": N_("Case studies"), "presentation": N_("Presentations"),
                 "input": N_("Inputs from subsidiary bodies")}
# The kinds' labels (meeting.models.site.DOCUMENT_KIND_LABELS), which the document page shows
# translated: marked here for the catalogue.
_KIND_LABELS = (N_("Case study"), N_("Presentation"), N_("Input from a subsidiary body"))


@dataclass
class DocumentFields:
    """What an organizer fills in for a document; tags and sessions by code."""

    kind: str
    title: str
    summary: str = ""
    body: str = ""
    organization_id: int | None = None
    link_url: str = ""
    symbol: str = ""
    tags: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    remove_file: bool = False


def document_fields(document: Document) -> DocumentFields:
    """A document's current values, to fill the form."""
    return DocumentFields(
        kind=document.kind, title=document.title, summary=document.summary or "",
        body=document.body or "", organization_id=document.organization_id,
        link_url=document.link_url or "", symbol=document.symbol or "",
        tags=[t.code for t in document.tags],
        sessions=[s.code for s in document.sessions])


def _loaded():
    return select(Document).options(selectinload(Document.organization), selectinload(Document.tags),
                                    selectinload(Document.sessions))


def slugify(title: str) -> str:
    """'Côte d'Ivoire: 2020 review' → 'cote-d-ivoire-2020-review'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:100].strip("-") or "document"


def _free_slug(segment: Segment, title: str, document: Document | None) -> str:
    base = slugify(title)
    query = select(Document.slug).where(Document.segment_id == segment.id, Document.slug.like(f"{base}%"))
    if document is not None and document.id is not None:
        query = query.where(Document.id != document.id)
    taken = set(db.session.scalars(query))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_link(url: str) -> str | None:
    """An http(s) address, or None when empty; anything else is refused."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise ValueError(_("link: %(url)s is not an http:// or https:// address", url=repr(url)))
    if len(url) > 1000:
        raise ValueError(_("link: at most 1,000 characters"))
    return url


def check_document_fields(segment: Segment, fields: DocumentFields):
    """The checked title, organization, tags, sessions, link and symbol; ValueError names the field."""
    if fields.kind not in DOCUMENT_KINDS:
        raise ValueError(_("kind: choose one of %(kinds)s",
                           kinds=", ".join(_(label) for label in DOCUMENT_KIND_LABELS.values())))
    title = " ".join((fields.title or "").split())
    if not title:
        raise ValueError(_("title: give the document a title"))
    if len(title) > 300:
        raise ValueError(_("title: at most 300 characters (this one has %(count)s)", count=len(title)))
    organization = None
    if fields.organization_id is not None:
        organization = db.session.get(Organization, fields.organization_id)
        if organization is None:
            raise ValueError(_("organization: choose one from the directory"))
    tags = list(db.session.scalars(select(Tag).where(Tag.code.in_(fields.tags)).order_by(Tag.id)))
    unknown = sorted(set(fields.tags) - {t.code for t in tags})
    if unknown:
        raise ValueError(_("tags: unknown tag %(tags)s", tags=", ".join(unknown)))
    sessions = list(db.session.scalars(select(Session).where(
        Session.segment_id == segment.id, Session.kind.not_in(PRIVATE_KINDS),
        Session.code.in_(fields.sessions))))
    unknown = sorted(set(fields.sessions) - {s.code for s in sessions})
    if unknown:
        raise ValueError(_("related sessions: no session %(codes)s in %(segment)s",
                           codes=", ".join(unknown), segment=segment.title))
    try:
        symbol = valid_symbol(fields.symbol)
    except SymbolError as exc:
        raise ValueError(_("symbol: %(error)s", error=exc)) from None
    return title, organization, tags, sessions, check_link(fields.link_url), symbol


def save_document(segment: Segment, document: Document | None, fields: DocumentFields,
                  upload: tuple[BinaryIO, str] | None = None) -> Document:
    """Create (document None) or update a document; bad input raises ValueError and changes nothing."""
    title, organization, tags, sessions, link, symbol = check_document_fields(segment, fields)
    keeps_file = document is not None and document.file_name and not fields.remove_file
    if not (upload or keeps_file or link):
        raise ValueError(_("file or link: upload a file or give a link (or both)"))
    stored: StoredFile | None = store_upload(*upload) if upload else None
    old_file = document.file_name if document is not None and (stored or fields.remove_file) else None
    # The address follows the title while the document is a draft, then never changes.
    if document is None or (document.status == "draft" and title != document.title):
        slug = _free_slug(segment, title, document)
    else:
        slug = document.slug
    if document is None:
        document = Document(segment_id=segment.id, status="draft")
        db.session.add(document)
    document.slug, document.kind, document.title, document.link_url = slug, fields.kind, title, link
    document.updated_at, document.symbol = utcnow(), symbol
    document.summary = (fields.summary or "").strip() or None
    document.body = (fields.body or "").strip() or None
    document.organization = organization
    document.tags, document.sessions = tags, sessions
    if stored or fields.remove_file:
        _set_file(document, stored)
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        remove_upload(stored.name if stored else None)
        raise ValueError(_("title: another document with this title was saved at the same moment; "
                           "save again")) from exc
    except Exception:
        db.session.rollback()
        remove_upload(stored.name if stored else None)
        raise
    remove_upload(old_file)
    return document


def _set_file(document: Document, stored: StoredFile | None) -> None:
    document.file_name = stored.name if stored else None
    document.file_original = stored.original if stored else None
    document.file_type = stored.content_type if stored else None
    document.file_size = stored.size if stored else None
    document.file_sha256 = stored.sha256 if stored else None


def set_document_status(document: Document, status: str) -> Document:
    """Publish ('published') or withdraw ('draft') a document."""
    if status not in PUBLIC_STATUSES:
        raise ValueError(_("status: choose one of %(statuses)s", statuses=", ".join(PUBLIC_STATUSES)))
    if status != document.status:
        document.status = status
        document.published_at = utcnow() if status == "published" else None
        db.session.commit()
    return document


def delete_document(document: Document) -> None:
    """Delete a document and its stored file."""
    name = document.file_name
    db.session.delete(document)
    db.session.commit()
    remove_upload(name)


def find_document(segment: Segment, *, slug: str | None = None, document_id: int | None = None,
                  public: bool = True) -> Document | None:
    """One document of the segment by slug or id; with public=True only if published."""
    query = _loaded().where(Document.segment_id == segment.id)
    if slug is not None:
        query = query.where(Document.slug == slug)
    if document_id is not None:
        query = query.where(Document.id == document_id)
    if public:
        query = query.where(Document.status == "published")
    return db.session.scalar(query)


def public_sessions_of(document: Document) -> list[Session]:
    """The document's related sessions the public may see, in time order (a session that
    became a tech check after it was linked stays linked, but is left out)."""
    return [s for s in document.sessions if s.kind not in PRIVATE_KINDS]


def list_documents(segment: Segment) -> list[Document]:
    """Every document of the segment, drafts included, most recently changed first."""
    return list(db.session.scalars(_loaded().where(Document.segment_id == segment.id)
                                   .order_by(Document.updated_at.desc(), Document.id.desc())))


def public_documents(segment: Segment, kind: str | None = None, organization: str | None = None,
                     tag: str | None = None) -> list[Document]:
    """Published documents by kind, then title; optionally of one kind, body (key) or tag (code)."""
    query = _loaded().where(Document.segment_id == segment.id, Document.status == "published")
    if kind:
        query = query.where(Document.kind == kind)
    if organization:
        query = query.join(Organization, Organization.id == Document.organization_id) \
            .where(Organization.key == organization)
    if tag:
        query = query.where(Document.id.in_(
            select(document_tag.c.document_id).join(Tag, Tag.id == document_tag.c.tag_id)
            .where(Tag.code == tag)))
    documents = db.session.scalars(query.order_by(Document.title, Document.id))
    return sorted(documents, key=lambda d: DOCUMENT_KINDS.index(d.kind))


def session_documents(segment: Segment, session_id: int) -> list[Document]:
    """The published documents related to one session of the segment."""
    return list(db.session.scalars(
        _loaded().join(document_session, document_session.c.document_id == Document.id)
        .where(Document.segment_id == segment.id, Document.status == "published",
               document_session.c.session_id == session_id).order_by(Document.title)))


def organization_documents(segment: Segment, organization_id: int) -> list[Document]:
    """The published documents of one body in the segment."""
    return list(db.session.scalars(
        _loaded().where(Document.segment_id == segment.id, Document.status == "published",
                        Document.organization_id == organization_id).order_by(Document.title)))


@dataclass
class Library:
    """The public library page: the documents shown, and what they can be filtered by."""

    documents: list[Document]
    filters: dict[str, str]
    organizations: list[Organization]
    tags: dict[str, list[Tag]]

    def by_kind(self) -> list[tuple[str, list[Document]]]:
        """(kind label, documents) in the order of DOCUMENT_KINDS, empty kinds left out."""
        return [(KIND_HEADINGS[k], docs) for k in DOCUMENT_KINDS
                if (docs := [d for d in self.documents if d.kind == k])]


def _by_vocabulary(tags) -> dict[str, list[Tag]]:
    found: dict[str, list[Tag]] = {v: [] for v in TAG_VOCABULARY_LABELS}
    for t in sorted(tags, key=lambda t: t.number):
        found.setdefault(t.vocabulary, []).append(t)
    return {v: ts for v, ts in found.items() if ts}


def document_library(segment: Segment, kind: str = "", organization: str = "", tag: str = "") -> Library:
    """The published documents, filtered; an unknown kind, body or tag raises ValueError."""
    everything = public_documents(segment)
    organizations = sorted({d.organization.id: d.organization for d in everything if d.organization}
                           .values(), key=lambda o: o.name)
    tags = _by_vocabulary({t.id: t for d in everything for t in d.tags}.values())
    if kind and kind not in DOCUMENT_KINDS:
        raise ValueError(_("kind: no kind %(kind)s; choose one of %(kinds)s", kind=repr(kind),
                           kinds=", ".join(DOCUMENT_KINDS)))
    if organization and organization not in {o.key for o in organizations}:
        raise ValueError(_("body: no documents from %(body)s in this library", body=repr(organization)))
    if tag and tag not in {t.code for ts in tags.values() for t in ts}:
        raise ValueError(_("tag: no documents tagged %(tag)s in this library", tag=repr(tag)))
    filters = {k: v for k, v in (("kind", kind), ("body", organization), ("tag", tag)) if v}
    documents = public_documents(segment, kind, organization, tag) if filters else everything
    return Library(documents, filters, organizations, tags)


def form_choices(segment: Segment) -> dict:
    """What the document form offers: organizations, tags by vocabulary, the public sessions."""
    tags = _by_vocabulary(db.session.scalars(select(Tag)))
    sessions = list(db.session.scalars(select(Session).where(
        Session.segment_id == segment.id, Session.kind.not_in(PRIVATE_KINDS)).order_by(Session.start)))
    organizations = list(db.session.scalars(select(Organization).order_by(Organization.name)))
    return {"organizations": organizations, "tags": tags, "sessions": sessions,
            "kinds": DOCUMENT_KIND_LABELS, "vocabularies": TAG_VOCABULARY_LABELS}
