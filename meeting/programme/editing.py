"""Programme editing: the one place that changes sessions, so `revision` is always right."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.stamps import check_stamp, content_stamp
from meeting.models import (
    PARTICIPATION_STATUSES,
    SESSION_KINDS,
    Invitation,
    Participation,
    Person,
    Segment,
    Session,
    utcnow,
)

from .history import describe, last_change, record
from .roles import ROLES
from .signals import programme_saved

# Who hosts and who produces the session's virtual room: for the run-of-show sheet only.
CONTACT_FIELDS = ("host_name", "host_email", "host_phone", "producer_name", "producer_email",
                  "producer_phone")
# Live captions (CART) and the remote interpretation platform, beside `interpretation`.
ACCESS_FIELDS = ("captioning", "captioning_url", "interpretation_platform", "interpretation_url")
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
        "symbol",
        "tags",
        *CONTACT_FIELDS,
        *ACCESS_FIELDS,
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
    if "status" in changed and session.status != "cancelled":
        session.cancellation_reason = None  # reinstated: the old reason no longer holds
    return changed


def edit_session(session: Session, by: str, **changes) -> set[str]:
    """update_session() and a line in the history saying who changed what (not committed)."""
    before = {name: getattr(session, name) for name in changes}
    changed = update_session(session, **changes)
    if changed:
        record(session.segment, by, describe(session, before, changed), session)
    return changed


def save_programme(segment: Segment) -> None:
    """Commit programme changes, then tell listeners (reminders among them) that they were saved."""
    db.session.commit()
    programme_saved.send(segment)


@dataclass
class ParticipantChange:
    """One participant row as the session editor submits it (participation_id None = new)."""

    participation_id: int | None
    person_id: int
    role: str
    minutes: int | None
    status: str
    remove: bool = False


def participants_stamp(session: Session) -> str:
    """The stamp of a session's participant list, as the editor shows it (see lib.stamps)."""
    return content_stamp((p.id, p.person_id, p.role, p.position, p.minutes, p.status)
                         for p in sorted(session.participations, key=lambda p: (p.position, p.id)))


def set_participants(session: Session, rows: list[ParticipantChange], by: str,
                     expected_stamp: str | None = None) -> None:
    """Apply the editor's participant list (order = speaking order) and save the programme.

    All or nothing: an unknown role or status, a person twice in the same role, or a row of
    another session changes nothing. With expected_stamp, a list that changed since the
    editor was loaded raises StaleEdit naming who changed it.
    """
    check_stamp(expected_stamp, participants_stamp(session),
                _("The participants of %(code)s changed while you were editing: %(change)s.",
                  code=session.code, change=last_change(session)))
    current = {p.id: p for p in session.participations}
    seen: set[tuple[int, str]] = set()
    for row in rows:
        if row.remove:
            continue
        if row.role not in ROLES:
            raise ValueError(_("role %(role)s is not one of: %(roles)s", role=repr(row.role),
                               roles=", ".join(ROLES)))
        if row.status not in PARTICIPATION_STATUSES:
            raise ValueError(_("status %(status)s is not one of: %(statuses)s", status=repr(row.status),
                               statuses=", ".join(PARTICIPATION_STATUSES)))
        if row.minutes is not None and not 0 <= row.minutes <= 600:
            raise ValueError(_("speaking minutes: from 0 to 600"))
        if row.participation_id is not None and row.participation_id not in current:
            raise ValueError(_("a participant row does not belong to this session"))
        if db.session.get(Person, row.person_id) is None:
            raise ValueError(_("a participant row names a person who does not exist"))
        if (row.person_id, row.role) in seen:
            person = db.session.get(Person, row.person_id)
            raise ValueError(_("%(name)s is listed twice as %(role)s", name=person.name, role=row.role))
        seen.add((row.person_id, row.role))
    position, added, removed = 0, [], []
    for row in rows:
        existing = current.get(row.participation_id) if row.participation_id else None
        if row.remove:
            if existing is not None:
                removed.append(f"{existing.person.name} ({existing.role})")
                session.participations.remove(existing)
            continue
        position += 1
        if existing is None:
            existing = Participation(person_id=row.person_id, role=row.role)
            session.participations.append(existing)
            added.append(f"{db.session.get(Person, row.person_id).name} ({row.role})")
        existing.role, existing.minutes = row.role, row.minutes
        existing.status, existing.position = row.status, position
    summary = "; ".join(filter(None, [
        added and "added " + ", ".join(added), removed and "removed " + ", ".join(removed)]))
    record(session.segment, by, summary or "participants: order, roles, minutes or answers",
           session)
    # Touching the session row makes its version check catch a save at the same moment.
    session.updated_at = utcnow()
    save_programme(session.segment)


CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")


def create_session(segment: Segment, code: str, title: str, kind: str, start, duration: int,
                   by: str) -> Session:
    """A new draft session; the code must be new in the segment (files and UIDs use it)."""
    code, title = (code or "").strip(), (title or "").strip()
    if not CODE_RE.match(code):
        raise ValueError(_("code: letters, digits and -, e.g. S12"))
    if db.session.scalar(select(Session.id).where(Session.segment_id == segment.id,
                                                  Session.code == code)):
        raise ValueError(_("code: %(code)s is already used in this segment", code=code))
    if not title or len(title) > 300:
        raise ValueError(_("title: give the session a title"))
    if kind not in SESSION_KINDS:
        raise ValueError(_("kind: one of %(kinds)s", kinds=", ".join(SESSION_KINDS)))
    if not 1 <= duration <= 24 * 60:
        raise ValueError(_("duration: from 1 minute to 24 hours"))
    session = Session(segment=segment, code=code, title=title, kind=kind, start=start,
                      duration_minutes=duration, status="draft", revision=0)
    db.session.add(session)
    db.session.flush()
    record(segment, by, f"created {code} {title}", session)
    save_programme(segment)
    return session


def add_participant(session: Session, person_id: int, role: str, minutes: int | None, by: str) -> None:
    """set_participants() with everyone kept as they are and one person added, invited."""
    kept = [ParticipantChange(p.id, p.person_id, p.role, p.minutes, p.status)
            for p in session.participations]
    set_participants(session, [*kept, ParticipantChange(None, person_id, role, minutes, "invited")], by)


def invitation_sent(session: Session) -> bool:
    """Whether anyone was ever e-mailed an invitation (or a cancellation) to this session."""
    return db.session.scalar(select(Invitation.id).where(Invitation.session_id == session.id)
                             .limit(1)) is not None


def can_delete(session: Session) -> bool:
    """Only a draft nobody was ever invited to may be deleted; anything else is cancelled."""
    return session.status == "draft" and not invitation_sent(session)


def delete_session(session: Session, by: str) -> None:
    """Delete a draft never sent to anyone, and save the programme."""
    if not can_delete(session):
        if session.status != "draft":
            raise ValueError(_("%(code)s cannot be deleted: it is not a draft; cancel it instead",
                               code=session.code))
        raise ValueError(_("%(code)s cannot be deleted: invitations to it were sent; cancel it instead",
                           code=session.code))
    segment = session.segment
    record(segment, by, f"deleted {session.code} {session.title}")
    db.session.delete(session)
    save_programme(segment)


def cancel_session(session: Session, reason: str, by: str) -> None:
    """Cancel a session with the organizer's reason; whoever was invited is owed a cancellation."""
    reason = (reason or "").strip()
    if session.status == "cancelled":
        raise ValueError(_("%(code)s is already cancelled", code=session.code))
    if not reason or len(reason) > 2000:
        raise ValueError(_("reason: say why the session is cancelled (at most 2000 characters); "
                           "the cancellation e-mail gives it"))
    edit_session(session, by, status="cancelled")
    session.cancellation_reason = reason
    save_programme(session.segment)
