"""Reminder policies: the ones every new segment starts with (organizers change them)."""

from meeting.extensions import db
from meeting.models import ReminderPolicy, Segment
from meeting.programme.roles import LEADING_ROLES, ROLES, SPEAKING_ROLES

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


