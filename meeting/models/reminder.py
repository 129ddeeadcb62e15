"""Reminder policies and their deliveries: the tables are the truth, the scheduler only the clock."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db

from .directory import Person
from .programme import Segment, Session
from .types import UTCDateTime, utcnow

REMINDER_ANCHORS = ("session", "tech-check")
DELIVERY_STATUSES = ("pending", "sending", "sent", "failed", "skipped", "cancelled",
                     "needs-attention")


class ReminderPolicy(db.Model):
    """'7 days before the session, to all speakers': when, to whom, and what."""

    __tablename__ = "reminder_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    minutes_before: Mapped[int] = mapped_column(Integer)
    anchor: Mapped[str] = mapped_column(String(20), default="session")
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject_template: Mapped[str] = mapped_column(String(300))
    body_template: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    segment: Mapped[Segment] = relationship()


class ReminderDelivery(db.Model):
    """One reminder for one person for one session under one policy, with its own status."""

    __tablename__ = "reminder_delivery"
    __table_args__ = (
        UniqueConstraint("policy_id", "session_id", "person_id"),
        Index("ix_reminder_delivery_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("reminder_policy.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Not before this instant (backoff after a temporary failure).
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when an organizer cancelled it: the programme sync never brings it back.
    cancelled_by: Mapped[str | None] = mapped_column(String(320))
    message_id: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    policy: Mapped[ReminderPolicy] = relationship()
    session: Mapped[Session] = relationship()
    person: Mapped[Person] = relationship()


class Heartbeat(db.Model):
    """When a background process last said it was alive (the reminder dispatcher)."""

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    interval_seconds: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str | None] = mapped_column(String(100))
