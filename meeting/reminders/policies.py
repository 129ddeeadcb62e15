"""Reminder policies: the ones every new segment starts with (organizers change them)."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.models import ReminderPolicy, Segment
from meeting.programme.roles import LEADING_ROLES, ROLES, SPEAKING_ROLES
from meeting.programme.signals import segment_created

from .wording import default_body

DEFAULT_POLICIES = [
    ("7 days before, to everyone", 7 * 24 * 60, "session", list(ROLES),
     "In one week: {session} ({local_time})"),
    ("1 day before, to everyone", 24 * 60, "session", list(ROLES),
     "Tomorrow: {session} ({local_time})"),
    ("1 hour before the tech check, to chairs, moderators and speakers", 60, "tech-check",
     [*LEADING_ROLES, *SPEAKING_ROLES], "Tech check in one hour: {session}"),
]


def add_default_policies(segment: Segment) -> list[ReminderPolicy]:
    """The policies every new segment starts with (the organizer can change them)."""
    body = default_body()
    policies = [
        ReminderPolicy(segment=segment, name=name, minutes_before=minutes, anchor=anchor,
                       roles=roles, subject_template=subject, body_template=body)
        for name, minutes, anchor, roles, subject in DEFAULT_POLICIES
    ]
    db.session.add_all(policies)
    return policies


def copy_policies(source: Segment, segment: Segment) -> list[ReminderPolicy]:
    """The source segment's policies, as its organizers left them, for a duplicate."""
    policies = [
        ReminderPolicy(segment=segment, name=p.name, minutes_before=p.minutes_before,
                       anchor=p.anchor, roles=list(p.roles), subject_template=p.subject_template,
                       body_template=p.body_template, active=p.active)
        for p in db.session.scalars(select(ReminderPolicy).where(ReminderPolicy.segment_id == source.id)
                                    .order_by(ReminderPolicy.id))
    ]
    db.session.add_all(policies)
    return policies


@segment_created.connect
def _policies_for_new_segment(segment: Segment, source: Segment | None = None, **_) -> None:
    if source is None:
        add_default_policies(segment)
    else:
        copy_policies(source, segment)
