"""What was e-mailed to whom: one row per invite, update or cancellation sent."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db

from .directory import Person
from .programme import Session
from .types import UTCDateTime, utcnow

INVITATION_METHODS = ("REQUEST", "CANCEL")


class Invitation(db.Model):
    """A calendar message sent to one person for one session.

    Kept even after the person leaves the session: it is how we know a cancellation is
    owed, and which SEQUENCE the next message must exceed.
    """

    __tablename__ = "invitation"
    __table_args__ = (Index("ix_invitation_session_person", "session_id", "person_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    message_id: Mapped[str] = mapped_column(String(300))
    sent_by: Mapped[str | None] = mapped_column(String(320))
    # What a REQUEST told the person (times, connection, role, order), so the next update
    # can say what changed for them; None on cancellations and on rows older than migration 0010.
    details: Mapped[dict | None] = mapped_column(JSON)

    session: Mapped[Session] = relationship()
    person: Mapped[Person] = relationship()
