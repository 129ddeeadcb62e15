"""E-mailed calendar invitations: who has which version, and sending what is owed.

The invitation table records every REQUEST and CANCEL sent, so "outdated" is exact: a
person's invite is outdated when the session's revision moved past the one we sent them.
Each message (subject, text, HTML, the calendar's description) is written in the
recipient's language (Person.preferred_language, else English).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.formats.ical import Links, build_cancel, build_invite, invite_uid, serialize
from meeting.lib.emails import (
    calendar_email,
    in_language,
    label,
    message_id,
    public_url,
    role_summary,
    sender,
)
from meeting.lib.mail import MailError, send_message
from meeting.models import Invitation, Participation, Person, Segment, Session, utcnow
from meeting.people.portal import portal_token
from meeting.programme.roles import role_label

from .changes import sent_details, subject_line, what_changed
from .wording import salutation_line

NOT_SENT, CURRENT, OUTDATED, CANCEL_OWED, DECLINED = (
    "not sent", "up to date", "outdated", "cancellation owed", "declined")
UPDATE_STATES = frozenset({NOT_SENT, OUTDATED, CANCEL_OWED})


@dataclass
class InviteState:
    """Where one person stands with the invitation to one session."""

    session: Session
    person: Person
    participation: Participation | None
    last: Invitation | None
    state: str


@dataclass
class SendReport:
    """What a send did: messages sent, people skipped (no e-mail), failures with reasons."""

    sent: list[InviteState] = field(default_factory=list)
    skipped: list[InviteState] = field(default_factory=list)
    failed: list[tuple[InviteState, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a flash message or the CLI."""
        parts = [f"{len(self.sent)} sent"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (no e-mail address)")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


def _latest_invitations(session_ids: list[int]) -> dict[tuple[int, int], Invitation]:
    latest: dict[tuple[int, int], Invitation] = {}
    if not session_ids:
        return latest
    rows = db.session.scalars(
        select(Invitation).where(Invitation.session_id.in_(session_ids))
        .order_by(Invitation.sent_at, Invitation.id))
    for row in rows:
        latest[(row.session_id, row.person_id)] = row
    return latest


def invitation_states(segment: Segment, session: Session | None = None) -> list[InviteState]:
    """Every participant's invite state, plus cancellations owed to people no longer in."""
    query = select(Session).where(Session.segment_id == segment.id).options(
        selectinload(Session.participations).selectinload(Participation.person))
    if session is not None:
        query = query.where(Session.id == session.id)
    sessions = list(db.session.scalars(query.order_by(Session.start, Session.code)))
    sent: dict[int, dict[int, Invitation]] = defaultdict(dict)
    for (session_id, person_id), invitation in _latest_invitations([s.id for s in sessions]).items():
        sent[session_id][person_id] = invitation
    states = []
    for s in sessions:
        present = {p.person_id for p in s.participations}
        for p in s.participations:
            last = sent[s.id].get(p.person_id)
            states.append(InviteState(s, p.person, p, last, _state(s, p, last)))
        for person_id, last in sent[s.id].items():
            if person_id not in present and last.method == "REQUEST":
                states.append(InviteState(s, last.person, None, last, CANCEL_OWED))
    return states


def _state(session: Session, p: Participation, last: Invitation | None) -> str:
    if session.status == "cancelled":
        return CANCEL_OWED if last is not None and last.method == "REQUEST" else CURRENT
    if p.status == "declined":
        return DECLINED
    if last is None or last.method == "CANCEL":
        return NOT_SENT
    return OUTDATED if last.revision < session.revision else CURRENT


def count_outdated(segment: Segment) -> int:
    """How many people hold an invite that no longer matches the programme."""
    sent_any = db.session.scalar(select(Invitation.id).join(Session).where(
        Session.segment_id == segment.id).limit(1))
    if sent_any is None:  # nothing sent yet: nothing can be outdated (and no full load)
        return 0
    return sum(1 for st in invitation_states(segment) if st.state in (OUTDATED, CANCEL_OWED))


def next_sequence(method: str, revision: int, last: Invitation | None) -> int:
    """SEQUENCE for the next message on this UID: the session's revision, never lowered."""
    if last is None:
        return revision if method == "REQUEST" else revision + 1
    if method == "CANCEL":
        return max(revision, last.sequence) + 1
    return max(revision, last.sequence + 1 if last.method == "CANCEL" else last.sequence)


def send_invitations(segment: Segment, states: list[InviteState], sent_by: str | None = None,
                     now: datetime | None = None) -> SendReport:
    """Send each state what it is owed (invite, update or cancellation), recording each one."""
    report = SendReport()
    for st in states:
        if st.state not in UPDATE_STATES:
            continue
        if not st.person.email:
            report.skipped.append(st)
            continue
        try:
            _send_one(segment, st, sent_by, now or utcnow())
        except MailError as exc:
            db.session.rollback()
            report.failed.append((st, exc.message))
        else:
            report.sent.append(st)
    return report


def _send_one(segment: Segment, st: InviteState, sent_by: str | None, now: datetime) -> None:
    session, person = st.session, st.person
    cancel = st.state == CANCEL_OWED
    method = "CANCEL" if cancel else "REQUEST"
    sequence = next_sequence(method, session.revision, st.last)
    uid = invite_uid(session, person)
    org_name, org_address = sender()
    organizer = f"{org_name} ({segment.title})"
    if segment.contact:  # the secretariat contact organizes: replies and RSVPs go to them
        organizer, org_address = segment.contact
    token = portal_token(person)
    links = Links(programme=public_url("public.segment", slug=segment.slug),
                  portal=public_url("portal.home", token=token))
    alarm = int(current_app.config.get("CALENDAR_ALARM_MINUTES", 15))
    updating = st.last is not None and st.last.method == "REQUEST"
    kind = "Cancelled" if cancel else "Updated invitation" if updating else "Invitation"
    msg_id = message_id(f"{uid.split('@')[0]}.{sequence}.{method.lower()}")
    with in_language(person.language):
        changes = what_changed(st.last.details, st.participation) if updating and not cancel else []
        if cancel:
            cal = build_cancel(session, person, org_address, organizer, sequence, now)
        else:
            notice = ([_("What changed since your last invitation:")] + [f"- {c}" for c in changes]
                      if changes else [])
            cal = build_invite(st.participation, links, org_address, organizer, sequence, now, alarm,
                               notice=notice)
        context = {"state": st, "kind": kind, "session": session, "person": person,
                   "participation": st.participation, "segment": segment, "links": links,
                   "session_cancelled": session.status == "cancelled", "changes": changes,
                   "salutation": salutation_line(person), "label": label,
                   "role_line": None if cancel else role_summary(
                       role_label(st.participation.role), st.participation.speaking_order,
                       st.participation.minutes)}
        message = calendar_email(person.name, person.email, subject_line(kind, session, person.timezone),
                                 "invite", context, serialize(cal), method, msg_id,
                                 reply_to=segment.contact)
    send_message(message)
    db.session.add(Invitation(session_id=session.id, person_id=person.id, uid=uid, method=method,
                              sequence=sequence, revision=session.revision, sent_at=now,
                              message_id=msg_id, sent_by=sent_by,
                              details=None if cancel else sent_details(st.participation)))
    db.session.commit()
