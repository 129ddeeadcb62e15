"""Reminder policies, their templates, and keeping deliveries in line with the programme.

sync_deliveries() is the one function that creates, moves and cancels deliveries; every
programme change calls it. It is idempotent: running it twice changes nothing the second
time. Rows already sent, failed, skipped or needing attention are history and never touched.
"""

import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.formats.ical import invite_uid, join_lines
from meeting.lib.emails import public_url
from meeting.lib.text import ordinal
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import (
    ROLES,
    Participation,
    Person,
    ReminderDelivery,
    ReminderPolicy,
    Segment,
    Session,
    utcnow,
)
from meeting.people.portal import portal_token
from meeting.programme.queries import ROLE_LABELS

PLACEHOLDERS = {
    "name": "the person's name with honorific",
    "role": "their role in the session",
    "order": "their place in the speaking order (1st, 2nd …)",
    "minutes": "their speaking minutes",
    "session": "the session title",
    "segment": "the segment title",
    "local_start": "start in the person's own time zone, with the zone's name",
    "local_time": "start in the person's own time zone, short (for subjects)",
    "hq_start": "start in headquarters time",
    "tech_check": "the tech-check time in the person's zone (or 'none')",
    "join": "how to join: platform, link, meeting ID, passcode, dial-in",
    "portal": "the person's private page",
}
SPEAKER_ROLES = ["keynote", "panelist", "lead-discussant", "respondent"]
DEFAULT_BODY = """Dear {name},

This is a reminder that you take part in "{session}" ({segment}) as {role}.

Your time:          {local_start}
Headquarters time:  {hq_start}
Tech check:         {tech_check}
Speaking order:     {order}, {minutes} minutes

How to join:
{join}

Your page (confirm, decline, all your sessions): {portal}
"""
DEFAULT_POLICIES = [
    ("7 days before, to everyone", 7 * 24 * 60, "session", list(ROLES),
     "In one week: {session} ({local_time})"),
    ("1 day before, to everyone", 24 * 60, "session", list(ROLES),
     "Tomorrow: {session} ({local_time})"),
    ("1 hour before the tech check, to chairs, moderators and speakers", 60, "tech-check",
     ["chair", "moderator", *SPEAKER_ROLES], "Tech check in one hour: {session}"),
]
ACTIVE = ("pending",)
HISTORY = ("sent", "failed", "skipped", "needs-attention", "sending")


class TemplateError(ValueError):
    """A subject or body template with an unknown or unsafe placeholder."""


def check_template(text: str) -> None:
    """Refuse placeholders other than PLACEHOLDERS (and any attribute or index access)."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise TemplateError(f"the template is not valid: {exc}") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise TemplateError(f"unknown placeholder {{{name}}}; use one of {known}")


def add_default_policies(segment: Segment) -> list[ReminderPolicy]:
    """The policies every new segment starts with (the organizer can change them)."""
    policies = [
        ReminderPolicy(segment=segment, name=name, minutes_before=minutes, anchor=anchor,
                       roles=roles, subject_template=subject, body_template=DEFAULT_BODY)
        for name, minutes, anchor, roles, subject in DEFAULT_POLICIES
    ]
    db.session.add_all(policies)
    return policies


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


def reminder_context(session: Session, person: Person,
                     participation: Participation | None) -> dict[str, str]:
    """The values of every placeholder for one person and one session."""
    hq = session.segment.timezone
    checks = session.tech_checks
    fmt = "%A %d %B %Y, %H:%M"
    tech = (f"{format_local(checks[0].start, person.timezone, fmt)} "
            f"{zone_abbreviation(checks[0].start, person.timezone)}" if checks else "none")
    role = participation.role if participation else ""
    return {
        "name": person.display_name,
        "role": ROLE_LABELS[role][0].lower() if role else "",
        "order": ordinal(participation.position) if participation and participation.position else "-",
        "minutes": str(participation.minutes) if participation and participation.minutes else "-",
        "session": session.title,
        "segment": session.segment.title,
        "local_start": f"{format_local(session.start, person.timezone, fmt)} "
                       f"{zone_abbreviation(session.start, person.timezone)} ({person.timezone})",
        "local_time": f"{format_local(session.start, person.timezone, '%a %d %b %Y, %H:%M')} "
                      f"{zone_abbreviation(session.start, person.timezone)}",
        "hq_start": f"{format_local(session.start, hq, fmt)} {zone_abbreviation(session.start, hq)}"
                    f" ({hq})",
        "tech_check": tech,
        "join": "\n".join(f"  {line}" for line in join_lines(session)) or "  (to follow)",
        "portal": public_url("portal.home", token=portal_token(person)),
    }


def render_reminder(policy: ReminderPolicy, context: dict[str, str]) -> tuple[str, str]:
    """(subject, body) of a reminder; subjects are kept on one line."""
    check_template(policy.subject_template)
    check_template(policy.body_template)
    subject = policy.subject_template.format_map(context)
    return " ".join(subject.split()), policy.body_template.format_map(context)
