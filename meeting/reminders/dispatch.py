"""The reminder dispatcher: claim due rows, send them, mark them. Never twice, never lost.

A row is claimed (pending → sending) before anything is sent, by a statement that only one
dispatcher can win: `FOR UPDATE SKIP LOCKED` on PostgreSQL, a conditional UPDATE with a
row-count check on SQLite. A row still in `sending` long after its claim was left by a
crash: it is flagged `needs-attention` for an organizer, never silently sent again.
"""

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import aliased, selectinload

from meeting.extensions import db
from meeting.formats.ical import Links, build_person_calendar, serialize
from meeting.lib.emails import address_headers, message_id, public_url
from meeting.lib.mail import MailError, send_message
from meeting.models import Heartbeat, Participation, ReminderDelivery, Session, utcnow

from .wording import reminder_context, reminder_text, render_reminder

log = logging.getLogger(__name__)
HEARTBEAT = "reminder-dispatcher"
BATCH = 25
# Longer than a batch can take (25 sends × the SMTP timeout), so a live claim is never
# mistaken for a crashed one.
STALE_AFTER = timedelta(minutes=15)
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60)]
MAX_ATTEMPTS = len(BACKOFF) + 1


@dataclass
class DispatchReport:
    """What one dispatch run did, by outcome."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    flagged: list[int] = field(default_factory=list)


def worker_name() -> str:
    """host:pid, stored with each claim so an organizer can tell dispatchers apart."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _due(now: datetime):
    return and_(ReminderDelivery.status == "pending", ReminderDelivery.due_at <= now,
                or_(ReminderDelivery.not_before.is_(None), ReminderDelivery.not_before <= now))


def claim_due(now: datetime, worker: str, limit: int = BATCH, only: int | None = None) -> list[int]:
    """Move up to `limit` due rows from pending to sending for this worker; returns their ids."""
    condition = _due(now) if only is None else and_(
        ReminderDelivery.id == only, ReminderDelivery.status == "pending")
    claim = {"status": "sending", "claimed_at": now, "claimed_by": worker,
             "attempts": ReminderDelivery.attempts + 1}
    if db.engine.dialect.name == "postgresql":
        ids = list(db.session.scalars(
            select(ReminderDelivery.id).where(condition).order_by(ReminderDelivery.due_at)
            .limit(limit).with_for_update(skip_locked=True)))
        if ids:
            db.session.execute(update(ReminderDelivery).where(ReminderDelivery.id.in_(ids))
                               .values(**claim).execution_options(synchronize_session=False))
        db.session.commit()
        return ids
    candidates = list(db.session.scalars(select(ReminderDelivery.id).where(condition)
                                         .order_by(ReminderDelivery.due_at).limit(limit)))
    db.session.commit()
    won = []
    for row_id in candidates:
        result = db.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id == row_id, ReminderDelivery.status == "pending")
            .values(**claim).execution_options(synchronize_session=False))
        db.session.commit()
        if result.rowcount == 1:  # another dispatcher may have claimed it in between
            won.append(row_id)
    return won


def flag_stale(now: datetime) -> list[int]:
    """Rows left in `sending` by a crashed dispatcher become needs-attention (not resent)."""
    ids = list(db.session.scalars(select(ReminderDelivery.id).where(
        ReminderDelivery.status == "sending", ReminderDelivery.claimed_at < now - STALE_AFTER)))
    if ids:
        db.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(ids), ReminderDelivery.status == "sending")
            .values(status="needs-attention",
                    last_error="left in 'sending' by a dispatcher that stopped: it may or may "
                               "not have been sent; check with the person before sending again")
            .execution_options(synchronize_session=False))
    db.session.commit()
    return ids


def skip_superseded(now: datetime) -> list[int]:
    """Skip a due reminder when a later one for the same person and session is due too.

    After downtime, "in one week" and "tomorrow" can both be due; only the later is true.
    """
    later = aliased(ReminderDelivery)
    newer_due = (select(later.id).where(
        later.session_id == ReminderDelivery.session_id,
        later.person_id == ReminderDelivery.person_id,
        later.status.in_(("pending", "sending", "sent")),
        later.due_at > ReminderDelivery.due_at, later.due_at <= now).exists())
    ids = list(db.session.scalars(select(ReminderDelivery.id).where(_due(now), newer_due)))
    if ids:
        db.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(ids), ReminderDelivery.status == "pending")
            .values(status="skipped", last_error="superseded by a later reminder that was due too")
            .execution_options(synchronize_session=False))
    db.session.commit()
    return ids


def beat(now: datetime, interval_seconds: int, worker: str) -> None:
    """Record that the dispatcher is alive (organizer pages warn when this grows old)."""
    row = db.session.get(Heartbeat, HEARTBEAT)
    if row is None:
        db.session.add(Heartbeat(name=HEARTBEAT, beat_at=now, interval_seconds=interval_seconds,
                                 worker=worker))
    else:
        row.beat_at, row.interval_seconds, row.worker = now, interval_seconds, worker
    db.session.commit()


def dispatcher_stale(now: datetime) -> bool:
    """True when no dispatcher has beaten within two of its intervals (or ever)."""
    row = db.session.get(Heartbeat, HEARTBEAT)
    return row is None or now - row.beat_at > timedelta(seconds=2 * row.interval_seconds)


def dispatch_due(now: datetime | None = None, worker: str | None = None,
                 max_batches: int | None = None) -> DispatchReport:
    """Send every reminder due at `now`, batch by batch; safe beside other dispatchers."""
    now = now or utcnow()
    worker = worker or worker_name()
    report = DispatchReport(flagged=flag_stale(now), skipped=skip_superseded(now))
    batches = 0
    while max_batches is None or batches < max_batches:
        ids = claim_due(now, worker)
        if not ids:
            break
        batches += 1
        for row_id in ids:
            deliver_claimed(row_id, now, report)
    return report


def send_now(delivery_id: int, now: datetime | None = None) -> DispatchReport:
    """Send one pending reminder at once (an organizer's action), through the same claim."""
    now = now or utcnow()
    report = DispatchReport()
    for row_id in claim_due(now, worker_name(), only=delivery_id):
        deliver_claimed(row_id, now, report)
    return report


def deliver_claimed(row_id: int, now: datetime, report: DispatchReport) -> None:
    """Send one claimed row and record the outcome; the row must be in `sending`."""
    row = db.session.scalar(select(ReminderDelivery).where(ReminderDelivery.id == row_id).options(
        selectinload(ReminderDelivery.session).selectinload(Session.children),
        selectinload(ReminderDelivery.session).selectinload(Session.participations),
        selectinload(ReminderDelivery.policy), selectinload(ReminderDelivery.person)))
    session, person = row.session, row.person
    participation = next((p for p in session.participations if p.person_id == person.id
                          and p.role in row.policy.roles), None)
    reason = _skip_reason(row, session, participation, now)
    if reason:
        row.status, row.last_error = "skipped", reason
        db.session.commit()
        report.skipped.append(row_id)
        return
    try:
        send_message(_compose(row, session, person, participation))
    except MailError as exc:
        row.last_error = exc.message
        if exc.temporary and row.attempts < MAX_ATTEMPTS:
            row.status, row.not_before = "pending", now + BACKOFF[row.attempts - 1]
            report.retrying.append(row_id)
        else:
            row.status = "failed"
            report.failed.append(row_id)
        db.session.commit()
        return
    row.status, row.sent_at, row.last_error = "sent", now, None
    db.session.commit()
    report.sent.append(row_id)


def _skip_reason(row, session: Session, participation: Participation | None,
                 now: datetime) -> str | None:
    if session.start <= now:
        return "the session had already started: a late reminder is not sent"
    if session.status == "cancelled":
        return "the session was cancelled"
    if participation is None or participation.status == "declined":
        return "the person no longer takes part in this role"
    if not row.person.email:
        return "the person has no e-mail address"
    return None


def _compose(row: ReminderDelivery, session: Session, person, participation) -> EmailMessage:
    context = reminder_context(session, person, participation)
    subject, body = render_reminder(row.policy, context)
    links = Links(programme=public_url("public.segment", slug=session.segment.slug),
                  portal=context["portal"])
    ics = serialize(build_person_calendar(person, [participation], links))
    msg = EmailMessage()
    msg["Subject"] = subject
    address_headers(msg, (person.name, person.email), session.segment.contact)
    msg["Message-ID"] = message_id(row.message_id)
    msg.set_content(reminder_text(body, context))
    msg.add_attachment(ics, maintype="text", subtype="calendar", filename="session.ics",
                       params={"method": "PUBLISH"})
    return msg
