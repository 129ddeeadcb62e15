"""Keeping a segment's reminder deliveries in line with its programme and policies.

sync_deliveries() is the one function that creates, moves and cancels deliveries; it runs
whenever a programme is saved (it listens for meeting.programme.signals.programme_saved).
It is idempotent: running it twice changes nothing the second time. Rows already sent,
failed, skipped or needing attention are history and never touched.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.formats.ical import invite_uid
from meeting.models import (
    Participation,
    Person,
    ReminderDelivery,
    ReminderPolicy,
    Segment,
    Session,
    utcnow,
)
from meeting.programme.signals import programme_saved


def _anchor(policy: ReminderPolicy, session: Session) -> datetime | None:
    if policy.anchor == "session":
        return session.start
    checks = session.tech_checks
    return min(c.start for c in checks) if checks else None


def reminder_message_id(policy: ReminderPolicy, session: Session, person: Person) -> str:
    """Deterministic Message-ID: a retry of the same reminder is recognisably the same mail."""
    uid = invite_uid(session, person).split("@")[0]
    return f"reminder.{policy.id}.{uid}"


@dataclass
class SyncReport:
    """What sync_deliveries() changed."""

    created: int = 0
    moved: int = 0
    cancelled: int = 0
    revived: int = 0
    skipped: int = 0

    @property
    def changed(self) -> int:
        """Rows touched in all."""
        return self.created + self.moved + self.cancelled + self.revived + self.skipped


def sync_deliveries(segment: Segment, now: datetime | None = None) -> SyncReport:
    """Bring the segment's pending deliveries in line with its programme and policies; commits.

    Sessions that have already started get no new reminders, and their pending ones are
    skipped: a reminder after the start is worse than none.
    """
    now = now or utcnow()
    report = SyncReport()
    policies = list(db.session.scalars(select(ReminderPolicy).where(
        ReminderPolicy.segment_id == segment.id)))
    sessions = list(db.session.scalars(select(Session).where(Session.segment_id == segment.id)
                    .options(selectinload(Session.participations).selectinload(Participation.person),
                             selectinload(Session.children))))
    existing = {(d.policy_id, d.session_id, d.person_id): d for d in db.session.scalars(
        select(ReminderDelivery).join(Session).where(Session.segment_id == segment.id))}
    wanted: dict[tuple[int, int, int], tuple[datetime, ReminderPolicy, Session, Person]] = {}
    for policy in policies:
        if not policy.active:
            continue
        for session in sessions:
            if session.kind == "tech-check" or session.status == "cancelled":
                continue
            if session.start <= now:
                continue
            anchor = _anchor(policy, session)
            if anchor is None:
                continue
            for p in session.participations:
                if p.role in policy.roles and p.status != "declined" and p.person.email:
                    due = anchor - timedelta(minutes=policy.minutes_before)
                    wanted[(policy.id, session.id, p.person_id)] = (due, policy, session, p.person)
    for key, (due, policy, session, person) in wanted.items():
        row = existing.get(key)
        if row is None:
            db.session.add(ReminderDelivery(
                policy_id=policy.id, session_id=session.id, person_id=person.id, due_at=due,
                status="pending", message_id=reminder_message_id(policy, session, person)))
            report.created += 1
        elif row.status == "cancelled" and row.cancelled_by is None:
            row.status, row.due_at, row.not_before, row.attempts = "pending", due, None, 0
            report.revived += 1
        elif row.status == "pending" and row.due_at != due:
            row.due_at, row.not_before = due, None
            report.moved += 1
    started = {s.id for s in sessions if s.start <= now}
    for key, row in existing.items():
        if key in wanted or row.status != "pending":
            continue
        if key[1] in started:
            row.status = "skipped"
            row.last_error = "the session had already started: a late reminder is not sent"
            report.skipped += 1
        else:
            row.status = "cancelled"
            report.cancelled += 1
    db.session.commit()
    return report


@programme_saved.connect
def _sync_after_save(segment: Segment, **_) -> None:
    sync_deliveries(segment)
