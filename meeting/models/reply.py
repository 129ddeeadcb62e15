"""Calendar replies read back from the inbox: one row per message, applied or not."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db

from .directory import Person
from .programme import Session
from .types import UTCDateTime, utcnow

# applied: the answer changed (or confirmed) the participation; rejected: recorded and shown
# only, with `reason`; counter: a proposed new time, shown with it, never applied.
REPLY_OUTCOMES = ("applied", "rejected", "counter")


class CalendarReply(db.Model):
    """One message read from the inbox (iTIP REPLY or COUNTER, or what claimed to be one).

    `message_id` is unique: it is how a message read twice (a crash between recording it and
    moving it out of `new/`, or two dispatchers) is recognised and left alone.
    """

    __tablename__ = "calendar_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    message_id: Mapped[str] = mapped_column(String(300), unique=True)
    from_address: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(300))
    uid: Mapped[str | None] = mapped_column(String(300))
    attendee: Mapped[str | None] = mapped_column(String(320))
    partstat: Mapped[str | None] = mapped_column(String(20))
    sequence: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session.id", ondelete="SET NULL"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    proposed_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    proposed_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    raw_size: Mapped[int] = mapped_column(Integer)

    session: Mapped[Session | None] = relationship()
    person: Mapped[Person | None] = relationship()
