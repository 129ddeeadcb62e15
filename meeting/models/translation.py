"""The organizer's own content in other languages: session titles and descriptions, key messages.

A segment is written in one language (Segment.original_language); each row here is the
text of one session or key message in one other UN language. Pages show the translation
in their language when there is one, else the original marked as such
(meeting.programme.translations.localized); files, feeds and the API keep the original.
"""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from meeting.extensions import db

from .programme import Session
from .site import KeyMessage


class SessionTranslation(db.Model):
    """A session's title (and description) in one language other than the segment's original."""

    __tablename__ = "session_translation"
    __table_args__ = (UniqueConstraint("session_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    session: Mapped[Session] = relationship(backref=backref(
        "translations", cascade="all, delete-orphan", passive_deletes=True,
        order_by="SessionTranslation.language"))


class KeyMessageTranslation(db.Model):
    """A key message's text in one language other than the segment's original."""

    __tablename__ = "key_message_translation"
    __table_args__ = (UniqueConstraint("key_message_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_message_id: Mapped[int] = mapped_column(ForeignKey("key_message.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)

    key_message: Mapped[KeyMessage] = relationship(backref=backref(
        "translations", cascade="all, delete-orphan", passive_deletes=True,
        order_by="KeyMessageTranslation.language"))
