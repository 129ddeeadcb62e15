"""Calendar replies read back: an answer from a person's calendar sets their participation status.

Only a REPLY that answers an invitation we sent, from the attendee we sent it to, at the
current SEQUENCE, is applied. Everything else (unknown UID, another attendee, an older
SEQUENCE, a message that is not a reply, a proposed new time) is recorded with its reason
and shown to the organizer, and changes nothing.
"""

import logging
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from meeting.extensions import db
from meeting.lib.inbox import InboxMessage, read_inbox
from meeting.lib.text import xml_safe
from meeting.models import CalendarReply, Invitation, Participation, Segment, Session, utcnow
from meeting.programme.history import record
from meeting.programme.signals import programme_saved

from .itip import ReplyFacts, read_reply

log = logging.getLogger(__name__)

# TENTATIVE keeps the participation "invited" (not yet confirmed): the model has no tentative
# status, and the reply row itself is the tentative mark the dashboard shows.
STATUS_FOR = {"ACCEPTED": "confirmed", "DECLINED": "declined", "TENTATIVE": "invited"}
ANSWER_WORDS = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentatively accepted"}


@dataclass
class PollReport:
    """What one read of the inbox did."""

    outcomes: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0

    def summary(self) -> str:
        """One line for the CLI and the log."""
        parts = [f"{self.outcomes.get(o, 0)} {o}" for o in ("applied", "rejected", "counter")]
        if self.duplicates:
            parts.append(f"{self.duplicates} already read")
        return ", ".join(parts)

    @property
    def total(self) -> int:
        """Messages read this time, duplicates included."""
        return sum(self.outcomes.values()) + self.duplicates


def poll_inbox() -> PollReport:
    """Read every unread message of INBOX_URL, record each reply, apply those that may be."""
    report = PollReport()
    max_bytes = int(current_app.config["MAX_REPLY_BYTES"])
    changed: set[int] = set()

    def handle(message: InboxMessage) -> None:
        try:
            reply = receive_message(message.data, message.size, message.complete, max_bytes, changed)
        except Exception:  # the message stays unread; the next one needs a usable session
            db.session.rollback()
            raise
        if reply is None:
            report.duplicates += 1
        else:
            report.outcomes[reply.outcome] = report.outcomes.get(reply.outcome, 0) + 1

    try:
        read_inbox(current_app.config["INBOX_URL"], current_app.instance_path, handle, max_bytes)
    finally:
        # Once per segment, not per reply: the reminder sync reads the whole segment. Missing
        # it after a crash is harmless: the dispatcher skips a declined person at send time.
        for segment_id in sorted(changed):
            programme_saved.send(db.session.get(Segment, segment_id))
    return report


def receive_message(data: bytes, size: int, complete: bool = True, max_bytes: int = 5 * 1024 * 1024,
                    changed: set[int] | None = None) -> CalendarReply | None:
    """Record one message (and apply it if it may be); None when it was already recorded.

    The segments whose programme changed are added to `changed` for the caller to announce;
    without it, the change is announced at once (programme_saved).
    """
    facts = _storable(read_reply(data, size, complete, max_bytes))
    if db.session.scalar(select(CalendarReply.id).where(CalendarReply.message_id == facts.message_id)):
        return None
    reply = CalendarReply(received_at=utcnow(), message_id=facts.message_id,
                          from_address=facts.from_address, subject=facts.subject, uid=facts.uid,
                          sequence=facts.sequence, method=facts.method, raw_size=facts.raw_size,
                          proposed_start=facts.proposed_start, proposed_end=facts.proposed_end)
    segment = _decide(facts, reply)
    reply.reason = xml_safe(reply.reason)
    db.session.add(reply)
    try:
        db.session.commit()  # the reply, with the status change and its history line if any
    except IntegrityError:  # another dispatcher recorded the same message a moment ago
        db.session.rollback()
        return None
    if segment is not None:
        if changed is None:
            programme_saved.send(segment)
        else:
            changed.add(segment.id)
    log.info("calendar reply %s: %s (%s)", reply.message_id, reply.outcome, reply.reason)
    return reply


def _storable(facts: ReplyFacts) -> ReplyFacts:
    # Control characters (a NUL in an encoded Subject, say) would make PostgreSQL refuse the
    # row, and the message would then be tried again at every poll.
    for name in ("message_id", "from_address", "subject", "method", "uid", "problem"):
        setattr(facts, name, xml_safe(getattr(facts, name)))
    facts.attendees = tuple((xml_safe(a), xml_safe(p)) for a, p in facts.attendees)
    return facts


def _reject(reply: CalendarReply, reason: str) -> None:
    reply.outcome, reply.reason = "rejected", reason


def _decide(facts: ReplyFacts, reply: CalendarReply) -> Segment | None:
    """Fill in the reply's outcome and reason; the segment whose programme it changed, if any."""
    if facts.attendees:
        reply.attendee, reply.partstat = facts.attendees[0]
    if facts.problem:
        _reject(reply, facts.problem)
        return None
    sent = list(db.session.scalars(select(Invitation).where(Invitation.uid == facts.uid)
                                   .order_by(Invitation.sent_at, Invitation.id)))
    if not sent:
        _reject(reply, "unknown UID: no invitation was sent with this UID")
        return None
    last = sent[-1]
    session, person = last.session, last.person
    reply.session_id, reply.person_id = session.id, person.id
    email = (person.email or "").strip().lower()
    match = next(((a, p) for a, p in facts.attendees if email and a == email), None)
    if match is None:
        shown = ", ".join(a for a, _ in facts.attendees)
        _reject(reply, f"forged: the attendee {shown} was not invited to this UID "
                       f"(it was sent to {person.name})")
        return None
    reply.attendee, reply.partstat = match
    if facts.sequence < last.sequence:
        _reject(reply, f"stale: it answers SEQUENCE {facts.sequence}, the last invitation sent "
                       f"was SEQUENCE {last.sequence}")
        return None
    if last.method == "CANCEL":
        _reject(reply, f"the invitation was cancelled (SEQUENCE {last.sequence}): nothing to answer")
        return None
    if facts.method == "COUNTER":
        reply.outcome, reply.reason = "counter", _counter_reason(facts)
        return None
    return _apply(session, person.name, reply)


def _counter_reason(facts: ReplyFacts) -> str:
    if facts.proposed_start is None:
        return "proposes a new time it does not state in UTC; not applied: answer the person"
    end = f" – {facts.proposed_end:%Y-%m-%d %H:%M} UTC" if facts.proposed_end else ""
    return (f"proposes a new time: {facts.proposed_start:%Y-%m-%d %H:%M} UTC{end}; not applied: "
            "change the session and send updates, or answer the person")


def _apply(session: Session, name: str, reply: CalendarReply) -> Segment | None:
    status = STATUS_FOR.get(reply.partstat or "")
    if status is None:
        _reject(reply, f"PARTSTAT {reply.partstat or '(none)'} is not an answer "
                       "(expected ACCEPTED, DECLINED or TENTATIVE)")
        return None
    if session.status == "cancelled":
        _reject(reply, f"session {session.code} is cancelled")
        return None
    rows = list(db.session.scalars(select(Participation).where(
        Participation.session_id == session.id, Participation.person_id == reply.person_id)
        .order_by(Participation.position, Participation.id)))
    if not rows:
        _reject(reply, f"{name} is no longer in session {session.code}")
        return None
    changed = [p for p in rows if p.status != status]
    for p in changed:
        p.status = status
        record(session.segment, f"{name} (calendar reply)", f"{status} {session.code} as {p.role}",
               session)
    answer = ANSWER_WORDS[reply.partstat]
    kept = " (stays not yet confirmed)" if reply.partstat == "TENTATIVE" else ""
    roles = ", ".join(p.role for p in rows)
    reply.outcome = "applied"
    reply.reason = (f"{answer}: {status} in {session.code} as {roles}{kept}" if changed
                    else f"{answer}: already {status} in {session.code}, nothing changed")
    return session.segment if changed else None


def list_replies(limit: int = 300) -> list[CalendarReply]:
    """The newest replies first, with their session and person."""
    return list(db.session.scalars(select(CalendarReply)
                                   .order_by(CalendarReply.received_at.desc(), CalendarReply.id.desc())
                                   .limit(limit)))


def tentative_marks(segment: Segment) -> set[tuple[int, int]]:
    """(session id, person id) whose newest applied reply in the segment is TENTATIVE."""
    latest: dict[tuple[int, int], str | None] = {}
    rows = db.session.execute(
        select(CalendarReply.session_id, CalendarReply.person_id, CalendarReply.partstat)
        .join(Session, Session.id == CalendarReply.session_id)
        .where(Session.segment_id == segment.id, CalendarReply.outcome == "applied")
        .order_by(CalendarReply.received_at, CalendarReply.id))
    for session_id, person_id, partstat in rows:
        latest[(session_id, person_id)] = partstat
    return {key for key, partstat in latest.items() if partstat == "TENTATIVE"}


def count_to_review(segment: Segment) -> int:
    """Replies about the segment's sessions that were not applied (rejected or a proposed time)."""
    return db.session.scalar(
        select(func.count(CalendarReply.id)).join(Session, Session.id == CalendarReply.session_id)
        .where(Session.segment_id == segment.id, CalendarReply.outcome != "applied"))
