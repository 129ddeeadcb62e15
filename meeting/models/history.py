"""Who changed what, when: one line per change to a segment's programme."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from meeting.extensions import db

from .types import UTCDateTime, utcnow


class ChangeLog(db.Model):
    """One change: when, by whom (an account, an import, a speaker on their page), what."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session.id", ondelete="SET NULL"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(320))
    summary: Mapped[str] = mapped_column(Text)
