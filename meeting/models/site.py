"""The public website's own content: documents, key messages and publications."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db

from .directory import Organization
from .programme import Segment, Session, Tag
from .types import UTCDateTime, link_table, utcnow

DOCUMENT_KINDS = ("case-study", "presentation", "input")
DOCUMENT_KIND_LABELS = {
    "case-study": "Case study",
    "presentation": "Presentation",
    "input": "Input from a subsidiary body",
}
PUBLIC_STATUSES = ("draft", "published")

document_tag = link_table("document_tag", "document", "tag")

document_session = link_table("document_session", "document", "session")

key_message_tag = link_table("key_message_tag", "key_message", "tag")


class Document(db.Model):
    """A case study, a presentation or an input from a subsidiary body: a file or a link."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("segment_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    # Markdown, rendered and sanitized on the way out (meeting.lib.markdown).
    summary: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    # The UN system entity or subsidiary body the document comes from.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True)
    link_url: Mapped[str | None] = mapped_column(String(1000))
    symbol: Mapped[str | None] = mapped_column(String(60))  # UN document symbol, e.g. E/2020/55
    # An uploaded file lives under instance/uploads/ with a generated name; the name the
    # organizer gave it is kept only to offer it back on download.
    file_name: Mapped[str | None] = mapped_column(String(80))
    file_original: Mapped[str | None] = mapped_column(String(255))
    file_type: Mapped[str | None] = mapped_column(String(120))
    file_size: Mapped[int | None] = mapped_column(Integer)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    segment: Mapped[Segment] = relationship()
    organization: Mapped[Organization | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=document_tag, order_by=Tag.id)
    sessions: Mapped[list[Session]] = relationship(secondary=document_session,
                                                   order_by=Session.start)
    key_messages: Mapped[list["KeyMessage"]] = relationship(back_populates="document")

    @property
    def is_public(self) -> bool:
        """Published documents are shown to the public; drafts are not."""
        return self.status == "published"


class KeyMessage(db.Model):
    """A short statement from a body, tagged, compiled into the segment's key messages."""

    __tablename__ = "key_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    # The body (subsidiary body or UN system entity) whose message it is.
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    text: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    segment: Mapped[Segment] = relationship()
    organization: Mapped[Organization] = relationship()
    document: Mapped[Document | None] = relationship(back_populates="key_messages")
    tags: Mapped[list[Tag]] = relationship(secondary=key_message_tag, order_by=Tag.id)

    @property
    def is_public(self) -> bool:
        """Published key messages appear in the compilation; drafts do not."""
        return self.status == "published"


class Publication(db.Model):
    """One act of publishing (or unpublishing) a segment, with what the public saw then."""

    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("segment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # "published" or "unpublished"
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(320))
    # The public programme at that moment (meeting.site.publishing.programme_snapshot); the
    # changelog is the difference between consecutive snapshots. None for "unpublished".
    snapshot: Mapped[dict | None] = mapped_column(JSON)

    segment: Mapped[Segment] = relationship()
