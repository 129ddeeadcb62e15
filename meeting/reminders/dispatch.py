"""The reminder dispatcher: claim due rows, send them, mark them. Never twice, never lost.

A row is claimed (pending → sending) before anything is sent, by a statement that only one
dispatcher can win: `FOR UPDATE SKIP LOCKED` on PostgreSQL, a conditional UPDATE whose
RETURNING rows are the ones won on SQLite. Rows go in batches: claim a batch and commit,
render all its messages, send them over one mail connection, then write every outcome in one
commit. A row still in `sending` long after its claim was left by a crash (possibly after
its message went out, before the outcomes were written): it is flagged `needs-attention`
for an organizer, never silently sent again.
"""

import itertools
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select, update

from meeting.extensions import db
from meeting.lib.mail import MailError, MailSession
from meeting.models import Heartbeat, ReminderDelivery, utcnow

from .batch import load_batch

log = logging.getLogger(__name__)
HEARTBEAT = "reminder-dispatcher"
BATCH = 100
# A batch stops sending once it has taken SEND_BUDGET and hands its unsent rows back to
# `pending` (nothing of theirs went out, so that is safe). So a batch lasts at most
# SEND_BUDGET + one message's worst case (reconnect and one retry: about a dozen SMTP
# round trips, each up to MAIL_TIMEOUT, 20 s by default: 4 minutes) + rendering and two
# commits (well under a second for 100 rows) = under 10 minutes. STALE_AFTER must stay
# longer than that, or a live batch would be flagged as crashed. At the usual pace (a few
# milliseconds a message) a batch of 100 takes well under a second.
SEND_BUDGET = timedelta(minutes=5)
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
    return claim_batch(now, worker, limit, only)[0]


def claim_batch(now: datetime, worker: str, limit: int = BATCH,
                only: int | None = None) -> tuple[list[int], list[int]]:
    """Claim the next due rows, in one transaction: (ids now sending for this worker, ids skipped).

    Of the rows picked, those superseded by a later reminder due too are skipped instead of
    claimed; `only` (an organizer's "send now") claims that one row as it is.
    """
    condition = _due(now) if only is None else and_(
        ReminderDelivery.id == only, ReminderDelivery.status == "pending")
    claim = {"status": "sending", "claimed_at": now, "claimed_by": worker,
             "attempts": ReminderDelivery.attempts + 1}
    postgres = db.engine.dialect.name == "postgresql"
    pick = (select(ReminderDelivery.id, ReminderDelivery.session_id, ReminderDelivery.person_id,
                   ReminderDelivery.due_at).where(condition).order_by(ReminderDelivery.due_at).limit(limit))
    if postgres:  # the rows picked stay locked until the commit; other dispatchers pick others
        pick = pick.with_for_update(skip_locked=True)
    picked = db.session.execute(pick).all()
    skipped = _superseded(picked, now) if only is None and picked else []
    if skipped:
        db.session.execute(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(skipped), ReminderDelivery.status == "pending")
            .values(status="skipped", last_error="superseded by a later reminder that was due too")
            .execution_options(synchronize_session=False))
    ids = [row.id for row in picked if row.id not in set(skipped)]
    if ids and postgres:
        db.session.execute(update(ReminderDelivery).where(ReminderDelivery.id.in_(ids))
                           .values(**claim).execution_options(synchronize_session=False))
    elif ids:
        # SQLite runs one writer at a time, so this one statement is the claim: the rows it
        # returns are the ones still pending when it ran, and no other dispatcher got them.
        ids = sorted(db.session.scalars(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(ids), ReminderDelivery.status == "pending")
            .values(**claim).returning(ReminderDelivery.id).execution_options(synchronize_session=False)))
    db.session.commit()
    return ids, skipped


def _superseded(picked, now: datetime) -> list[int]:
    """The picked rows for whose person and session a later reminder is due too.

    After downtime, "in one week" and "tomorrow" can both be due; only the later is true.
    The rows of the batch's sessions are read by session alone and compared here: a query
    that also filters on status and due time lets a planner with stale statistics scan the
    due index once per row (seconds for 10,000 rows just made due).
    """
    latest: dict[tuple[int, int], datetime] = {}
    rows = db.session.execute(
        select(ReminderDelivery.session_id, ReminderDelivery.person_id, ReminderDelivery.due_at,
               ReminderDelivery.status)
        .where(ReminderDelivery.session_id.in_({row.session_id for row in picked})))
    for session_id, person_id, due_at, status in rows:
        if status in ("pending", "sending", "sent") and due_at <= now:
            key = (session_id, person_id)
            latest[key] = max(latest.get(key, due_at), due_at)
    return [row.id for row in picked if latest.get((row.session_id, row.person_id), row.due_at) > row.due_at]


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
                 max_batches: int | None = None, batch_size: int = BATCH) -> DispatchReport:
    """Send every reminder due at `now`, batch by batch; safe beside other dispatchers."""
    now = now or utcnow()
    worker = worker or worker_name()
    report = DispatchReport(flagged=flag_stale(now))
    batches = 0
    while max_batches is None or batches < max_batches:
        ids, skipped = claim_batch(now, worker, limit=batch_size)
        report.skipped.extend(skipped)
        if not ids and not skipped:
            break
        batches += 1
        if ids:
            deliver_claimed(ids, now, worker, report)
    return report


def send_now(delivery_id: int, now: datetime | None = None) -> DispatchReport:
    """Send one pending reminder at once (an organizer's action), through the same claim."""
    now = now or utcnow()
    worker, report = worker_name(), DispatchReport()
    ids = claim_due(now, worker, only=delivery_id)
    if ids:
        deliver_claimed(ids, now, worker, report)
    return report


def deliver_claimed(ids: list[int], now: datetime, worker: str, report: DispatchReport) -> None:
    """Send a batch of rows this worker claimed, over one connection, then record every outcome.

    Each message is composed while the mail server takes in the one before it (MailSession.send's
    `meanwhile`): the dispatcher works instead of waiting for the server's answer.
    """
    batch = load_batch(ids, now)
    # Outcome of each row: the report list it goes in (None: handed back unsent) and its values.
    outcomes: dict[int, tuple[str | None, dict]] = {
        row.id: (status, _values(row, status, last_error=reason)) for row, status, reason in batch.settled}
    deadline = time.monotonic() + SEND_BUDGET.total_seconds()
    rows = iter(batch.to_send)
    upcoming: list = []  # the next (row, message or why not), None at the end, or what composing raised

    def prepare() -> None:
        try:
            item = next(rows, None)
            upcoming.append(None if item is None else (item[0], batch.compose(*item)))
        except Exception as exc:  # raised below, once the message in flight has its answer
            upcoming.append(exc)

    prepare()
    with MailSession() as mail:
        for n in itertools.count():
            item = upcoming.pop()
            if isinstance(item, Exception):
                raise item
            if item is None:
                break
            row, message = item
            if n and time.monotonic() > deadline:
                # Never sent: back to pending, as if they had not been claimed.
                for late in (row, *(rest[0] for rest in rows)):
                    outcomes[late.id] = (None, _values(late, "pending", attempts=late.attempts - 1))
                break
            if isinstance(message, str):
                outcomes[row.id] = ("failed", _values(row, "failed", last_error=message))
            else:
                outcomes[row.id] = _send(mail, row, message, now, prepare)
            if not upcoming:  # not composed while this one was sent (no wait, or it failed early)
                prepare()
        if mail.connections > 1:
            log.info("reminders: %d mail connections for a batch of %d", mail.connections, len(ids))
    _record([values for _, values in outcomes.values()], worker)
    for row_id in ids:  # a row deleted since its claim (its session was) has no outcome
        kind = outcomes.get(row_id, (None,))[0]
        if kind is not None:
            getattr(report, kind).append(row_id)


def _send(mail: MailSession, row: ReminderDelivery, message, now: datetime, meanwhile) -> tuple[str, dict]:
    try:
        mail.send(message, meanwhile=meanwhile)
    except MailError as exc:
        if exc.temporary and row.attempts < MAX_ATTEMPTS:
            return ("retrying", _values(row, "pending", last_error=exc.message,
                                        not_before=now + BACKOFF[row.attempts - 1]))
        return ("failed", _values(row, "failed", last_error=exc.message))
    return ("sent", _values(row, "sent", sent_at=now, last_error=None))


def _values(row: ReminderDelivery, status: str, **changes) -> dict:
    values = {"sent_at": row.sent_at, "not_before": row.not_before, "last_error": row.last_error,
              "attempts": row.attempts, **changes}
    return {"row_id": row.id, "new_status": status, **{f"new_{k}": v for k, v in values.items()}}


def _record(outcomes: list[dict], worker: str) -> None:
    # One statement for the batch, and only over rows still ours: a row flag_stale has
    # already handed to an organizer keeps its needs-attention.
    table = ReminderDelivery.__table__
    statement = (update(table)
                 .where(table.c.id == bindparam("row_id"), table.c.status == "sending",
                        table.c.claimed_by == worker)
                 .values(status=bindparam("new_status"), sent_at=bindparam("new_sent_at"),
                         not_before=bindparam("new_not_before"), last_error=bindparam("new_last_error"),
                         attempts=bindparam("new_attempts")))
    if outcomes:
        db.session.execute(statement, outcomes)
    db.session.commit()
