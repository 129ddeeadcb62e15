"""What organizers do with reminders: edit policies, preview them, act on single deliveries."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import DEFAULT_LANGUAGE, current_language
from meeting.models import (
    REMINDER_ANCHORS,
    Participation,
    ReminderDelivery,
    ReminderPolicy,
    Segment,
    Session,
    utcnow,
)
from meeting.programme.roles import ROLES

from .dispatch import DispatchReport, send_now
from .sync import sync_deliveries
from .wording import check_template, reminder_context, render_reminder

UNITS = {"minutes": 1, "hours": 60, "days": 24 * 60}
GROUPS = ("needs-attention", "failed", "pending", "sending", "sent", "skipped", "cancelled")


class PolicyError(ValueError):
    """A policy that cannot be saved as given; names the field."""


@dataclass
class PolicyInput:
    """A policy as typed into the form."""

    name: str
    amount: int
    unit: str
    anchor: str
    roles: list[str]
    subject: str
    body: str
    active: bool


def describe_offset(minutes: int) -> tuple[int, str]:
    """(amount, unit) for a number of minutes: 1440 → (1, 'days')."""
    for unit in ("days", "hours"):
        if minutes % UNITS[unit] == 0 and minutes >= UNITS[unit]:
            return minutes // UNITS[unit], unit
    return minutes, "minutes"


def save_policy(segment: Segment, data: PolicyInput, policy: ReminderPolicy | None = None
                ) -> ReminderPolicy:
    """Validate and save a policy, then reschedule the segment's reminders."""
    if not data.name.strip():
        raise PolicyError(_("name: give the policy a name"))
    if data.unit not in UNITS or not 0 < data.amount * UNITS.get(data.unit, 0) <= 60 * 24 * 60:
        raise PolicyError(_("when: between 1 minute and 60 days before"))
    if data.anchor not in REMINDER_ANCHORS:
        raise PolicyError(_("before: one of %(anchors)s", anchors=", ".join(REMINDER_ANCHORS)))
    if not data.roles or set(data.roles) - set(ROLES):
        raise PolicyError(_("to whom: choose at least one role"))
    for field, text in (("subject", data.subject), ("body", data.body)):
        if not text.strip():
            raise PolicyError(_("subject: write something") if field == "subject"
                              else _("body: write something"))
        try:
            check_template(text)
        except ValueError as exc:
            raise PolicyError(_("subject: %(error)s", error=exc) if field == "subject"
                              else _("body: %(error)s", error=exc)) from None
    policy = policy or ReminderPolicy(segment=segment)
    policy.name, policy.anchor, policy.roles = data.name.strip(), data.anchor, list(data.roles)
    policy.minutes_before = data.amount * UNITS[data.unit]
    policy.subject_template, policy.body_template = data.subject.strip(), data.body
    policy.active = data.active
    db.session.add(policy)
    db.session.commit()
    sync_deliveries(segment)
    return policy


def delete_policy(policy: ReminderPolicy) -> None:
    """Remove a policy; its reminders still pending are dropped with it, history too."""
    segment = policy.segment
    db.session.delete(policy)
    db.session.commit()
    sync_deliveries(segment)


def preview(segment: Segment, roles: list[str], subject: str, body: str
            ) -> tuple[str, str, str] | None:
    """(recipient, subject, body) rendered for a real participant the policy would reach."""
    participation = db.session.scalar(
        select(Participation).join(Session).where(
            Session.segment_id == segment.id, Session.kind != "tech-check",
            Participation.role.in_(roles)).order_by(Session.start).limit(1))
    if participation is None:
        return None
    template = ReminderPolicy(subject_template=subject, body_template=body)
    context = reminder_context(participation.session, participation.person, participation)
    rendered_subject, rendered_body = render_reminder(template, context)
    return participation.person.display_name, rendered_subject, rendered_body


def overview(segment: Segment) -> dict[str, list[ReminderDelivery]]:
    """The segment's deliveries by status; pending ones soonest first, history newest first."""
    rows = db.session.scalars(
        select(ReminderDelivery).join(Session).where(Session.segment_id == segment.id).options(
            selectinload(ReminderDelivery.person), selectinload(ReminderDelivery.session),
            selectinload(ReminderDelivery.policy)))
    groups: dict[str, list[ReminderDelivery]] = {g: [] for g in GROUPS}
    for row in rows:
        groups[row.status].append(row)
    groups["pending"].sort(key=lambda r: (r.due_at, r.id))
    for status in GROUPS[1:]:
        if status != "pending":
            groups[status].sort(key=lambda r: (r.sent_at or r.updated_at), reverse=True)
    return groups


def _status_word(status: str) -> str:
    """A delivery's status inside a sentence: the code in English, words in French."""
    if current_language() == DEFAULT_LANGUAGE:
        return status
    words = {"pending": pgettext("reminder status", "scheduled"),
             "sending": pgettext("reminder status", "being sent"),
             "sent": pgettext("reminder status", "sent"),
             "skipped": pgettext("reminder status", "skipped"),
             "cancelled": pgettext("reminder status", "cancelled"),
             "failed": pgettext("reminder status", "failed"),
             "needs-attention": pgettext("reminder status", "needing attention")}
    return words.get(status, status)


def _row(segment: Segment, delivery_id: int) -> ReminderDelivery | None:
    row = db.session.get(ReminderDelivery, delivery_id)
    return row if row is not None and row.session.segment_id == segment.id else None


def act(segment: Segment, delivery_id: int, action: str, by: str,
        now: datetime | None = None) -> str:
    """Send now, retry or cancel one delivery; returns what happened, for the organizer."""
    row = _row(segment, delivery_id)
    if row is None:
        raise PolicyError(_("no such reminder in this segment"))
    if action == "cancel":
        if row.status not in ("pending", "failed", "needs-attention"):
            raise PolicyError(_("a reminder that is %(status)s cannot be cancelled",
                                status=_status_word(row.status)))
        row.status, row.cancelled_by = "cancelled", by
        db.session.commit()
        return _("Cancelled the reminder to %(name)s.", name=row.person.name)
    if action == "retry":
        if row.status not in ("failed", "needs-attention"):
            raise PolicyError(_("only failed reminders or ones needing attention can be retried, "
                                "not %(status)s ones", status=_status_word(row.status)))
        row.status, row.not_before, row.attempts = "pending", None, 0
        db.session.commit()
    elif action != "send":
        raise PolicyError(_("unknown action %(action)s", action=repr(action)))
    report: DispatchReport = send_now(delivery_id, now or utcnow())
    db.session.expire_all()
    row = db.session.get(ReminderDelivery, delivery_id)
    if report.sent:
        return _("Sent the reminder to %(name)s.", name=row.person.name)
    if row.last_error:  # the mail server's or the dispatcher's words, as they came
        return _("Not sent to %(name)s: %(status)s (%(error)s)", name=row.person.name,
                 status=_status_word(row.status), error=row.last_error)
    return _("Not sent to %(name)s: %(status)s", name=row.person.name, status=_status_word(row.status))
