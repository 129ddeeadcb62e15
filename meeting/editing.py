"""Programme editing: the one place that changes sessions, so `revision` is always right."""

from .extensions import db
from .models import Segment, Session

# A change to any of these makes calendar copies outdated: SEQUENCE must go up.
REVISION_FIELDS = frozenset({"start", "duration_minutes", "status", "join_url"})
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "kind",
        "description",
        "start",
        "duration_minutes",
        "status",
        "parent",
        "platform",
        "join_url",
        "meeting_id",
        "passcode",
        "dial_in",
        "interpretation",
        "webcast_url",
        "tags",
    }
)


def update_session(session: Session, **changes) -> set[str]:
    """Apply `changes` to a session; raise its revision if time, duration, status or link moved.

    Returns the names of the fields that really changed. A brand-new session (not yet
    flushed) keeps revision 0: its first invite is SEQUENCE 0.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not an editable session field: {', '.join(sorted(unknown))}")
    changed = set()
    for name, value in changes.items():
        if getattr(session, name) != value:
            setattr(session, name, value)
            changed.add(name)
    if session.id is not None and changed & REVISION_FIELDS:
        session.revision = (session.revision or 0) + 1
    return changed


def save_programme(segment: Segment) -> None:
    """Commit programme changes and bring the segment's reminders in line with them."""
    from .reminders import sync_deliveries  # reminders build on editing, not the reverse

    db.session.commit()
    sync_deliveries(segment)
