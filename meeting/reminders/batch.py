"""One dispatcher batch, ready to send: its rows loaded together, each one's message composed on demand.

Everything a reminder needs (the row, its policy, person, session with its segment, tech
checks and participations) is loaded for the whole batch in a handful of queries, and what
is the same for many reminders (the programme link of a segment, the sender, a policy's
template check, most of a session's calendar file) is worked out once per batch, not once
per message. Messages are composed one at a time (Batch.compose), so that the dispatcher can
compose the next one while the mail server takes in the last.
"""

from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import formataddr

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.formats.ical import Links
from meeting.lib.emails import message_id, public_url, sender, text_email_with_calendar
from meeting.models import Participation, Person, ReminderDelivery, Session

from .calendars import CalendarFiles
from .wording import TemplateError, check_template, reminder_context, reminder_text, render_reminder


@dataclass
class Batch:
    """Rows to send, rows settled without sending (status, reason), and what composes a message."""

    to_send: list[tuple[ReminderDelivery, Session, Person, Participation]] = field(default_factory=list)
    settled: list[tuple[ReminderDelivery, str, str]] = field(default_factory=list)
    composer: "_Composer | None" = None

    def compose(self, row: ReminderDelivery, session: Session, person: Person,
                participation: Participation) -> Message | str:
        """The row's message, or why it cannot be sent (a policy whose wording cannot be used)."""
        try:
            return self.composer(row, session, person, participation)
        except TemplateError as exc:  # a policy saved before its placeholders were checked
            return f"the policy's wording cannot be used: {exc}"


def load_batch(ids: list[int], now: datetime) -> Batch:
    """Load the claimed rows `ids`: the ones to send, and the others with why they are not sent."""
    rows = db.session.scalars(
        select(ReminderDelivery).where(ReminderDelivery.id.in_(ids))
        .order_by(ReminderDelivery.due_at, ReminderDelivery.id)
        .options(selectinload(ReminderDelivery.policy), selectinload(ReminderDelivery.person),
                 selectinload(ReminderDelivery.session).options(
                     selectinload(Session.segment), selectinload(Session.children),
                     selectinload(Session.participations)))).all()
    batch = Batch(composer=_Composer())
    for row in rows:
        session, person = row.session, row.person
        participation = next((p for p in session.participations if p.person_id == person.id
                              and p.role in row.policy.roles), None)
        reason = _skip_reason(row, session, participation, now)
        if reason:
            batch.settled.append((row, "skipped", reason))
            continue
        batch.to_send.append((row, session, person, participation))
    return batch


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


class _Composer:
    """Renders reminders, keeping what is the same for the whole batch."""

    def __init__(self):
        self.sender = formataddr(sender())
        self.programme: dict[int, str] = {}  # segment id → its public programme URL
        self.checked: set[int] = set()  # policies whose templates passed check_template
        self.calendars = CalendarFiles()

    def __call__(self, row: ReminderDelivery, session: Session, person, participation) -> Message:
        policy = row.policy
        if policy.id not in self.checked:
            check_template(policy.subject_template)
            check_template(policy.body_template)
            self.checked.add(policy.id)
        context = reminder_context(session, person, participation)
        subject, body = render_reminder(policy, context, checked=True)
        segment = session.segment
        if segment.id not in self.programme:
            self.programme[segment.id] = public_url("public.segment", slug=segment.slug)
        links = Links(programme=self.programme[segment.id], portal=context["portal"])
        ics = self.calendars(person, participation, links)
        return text_email_with_calendar(self.sender, person.name, person.email, subject,
                                        reminder_text(body, context), message_id(row.message_id),
                                        ics, "session.ics", reply_to=segment.contact)
