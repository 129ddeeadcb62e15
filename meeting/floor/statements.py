"""Written statements of the lists of speakers: uploaded, replaced, delivered, then public.

A delegation (through its inscription link) or the secretariat uploads the written statement
of an entry: a PDF or DOCX checked by content like a document's file (meeting.lib.uploads),
and optionally the link to a pre-recorded video. One per entry: a new upload replaces it.
Until it is delivered (marked so by the secretariat, or the entry spoke) it is embargoed:
organizers and interpreters read it, the public pages never name it.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import format_instant
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.lib.uploads import StoredFile, UploadError, remove_upload, store_upload
from meeting.models import Organization, Segment, Session, SpeakerEntry, SpeakersList, Statement, utcnow
from meeting.programme.history import record

from .lists import field_label, running_order

STATEMENT_KINDS = ("pdf", "docx")
MAX_DUE_HOURS = 14 * 24
# Entries still expected to speak: those that owe a statement.
OWING = ("inscribed", "confirmed")
# Who may read a statement before it is delivered. A viewer may look at the organizer pages
# but is not among those the embargo lets in: they see that a statement came, not what it says.
READERS = ("admin", "organizer", "interpreter")


class StatementError(ValueError):
    """A statement that cannot be saved; `field` names what is wrong (file or video_url)."""

    def __init__(self, field: str, message: str):
        super().__init__(_("%(field)s: %(message)s", field=field_label(field), message=message))
        self.field = field
        self.message = message


def may_read_statements(user) -> bool:
    """True for the accounts the embargo lets read statements not yet delivered."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in READERS


def check_video_url(url: str | None) -> str | None:
    """An http(s) address, or None when empty; anything else is refused naming video_url."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise StatementError("video_url", _("%(url)s is not an http:// or https:// address", url=repr(url)))
    if len(url) > 1000:
        raise StatementError("video_url", _("at most 1,000 characters"))
    return url


def set_file(statement: Statement, stored: StoredFile) -> None:
    """Point the statement at a stored file (the caller removes the one it replaces)."""
    statement.file_name, statement.file_original = stored.name, stored.original
    statement.file_type, statement.file_size = stored.content_type, stored.size
    statement.file_sha256 = stored.sha256


def save_statement(entry: SpeakerEntry, upload: tuple[BinaryIO, str] | None, video_url: str | None,
                   by: str, now: datetime | None = None) -> bool:
    """Keep an entry's statement, replacing the one it had; True when it replaced one.

    Without a new file the current one stays (only the video link changes); an entry with no
    statement yet needs a file. Bad input raises StatementError and nothing is kept.
    """
    video = check_video_url(video_url)
    statement = entry.statement
    if upload is None and statement is None:
        raise StatementError("file", _("choose the statement file to upload (PDF or DOCX)"))
    try:
        stored = store_upload(*upload, kinds=STATEMENT_KINDS) if upload else None
    except UploadError as exc:
        raise StatementError("file", exc.reason) from None
    replaced = statement is not None
    old_file = statement.file_name if statement is not None and stored else None
    if statement is None:
        statement = entry.statement = Statement()
    if stored:
        set_file(statement, stored)
        statement.received_at, statement.received_from = now or utcnow(), by
    statement.video_url = video
    session = entry.speakers_list.session
    what = "replaced" if replaced and stored else "received" if stored else "video link changed"
    record(session.segment, by, f"List of speakers: statement of {entry.organization.name} {what}",
           session)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        remove_upload(stored.name if stored else None)
        raise
    remove_upload(old_file)
    return replaced


def set_delivered(entry: SpeakerEntry, delivered: bool, by: str, now: datetime | None = None) -> None:
    """Mark the statement delivered (it is published from then on), or take that back."""
    statement = entry.statement
    if statement is None:
        raise StatementError("statement", _("%(name)s has sent no statement yet",
                                            name=entry.organization.name))
    if delivered == (statement.delivered_at is not None):
        return
    statement.delivered_at = (now or utcnow()) if delivered else None
    session = entry.speakers_list.session
    state = "delivered (published)" if delivered else "not delivered (embargoed again)"
    record(session.segment, by, f"List of speakers: statement of {entry.organization.name} {state}",
           session)
    db.session.commit()


def statements_due(session: Session) -> datetime:
    """When the session's written statements are due: its segment's hours before it starts."""
    return session.start - timedelta(hours=session.segment.statements_due_hours)


def due_label(session: Session) -> str:
    """'09:00 EDT on Sunday 5 July 2020': the deadline in HQ time, for pages and e-mails."""
    due = statements_due(session)
    zone = session.segment.timezone
    local = to_zone(due, zone)
    time = f"{local:%H:%M} {zone_abbreviation(due, zone)}"
    return _("%(time)s on %(date)s", time=time, date=format_instant(local, "%A %-d %B %Y"))


def due_rule(segment: Segment) -> str:
    """'24 hours before the session'."""
    hours = segment.statements_due_hours
    if hours == 0:
        return _("by the start of the session")
    return ngettext("%(num)d hour before the session", "%(num)d hours before the session", hours)


def owes_statement(entry: SpeakerEntry) -> bool:
    """Still to speak and no statement received."""
    return entry.status in OWING and entry.statement is None


def overdue(entry: SpeakerEntry, now: datetime | None = None) -> bool:
    """Owes its statement and the deadline has passed."""
    return owes_statement(entry) and (now or utcnow()) >= statements_due(entry.speakers_list.session)


@dataclass(frozen=True)
class SessionStatements:
    """A session with a list of speakers and its entries (running order) for the interpreters."""

    session: Session
    entries: list[SpeakerEntry]
    due: datetime


def segment_statements(segment: Segment) -> list[SessionStatements]:
    """Every session of the segment with a list that has entries, in time order."""
    lists = db.session.scalars(
        select(SpeakersList).join(Session).where(Session.segment_id == segment.id)
        .order_by(Session.start, Session.code)
        .options(selectinload(SpeakersList.session),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.organization),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.statement)))
    found = []
    for speakers in lists:
        placed, _withdrawn = running_order(speakers)
        if placed:
            found.append(SessionStatements(speakers.session, [p.entry for p in placed],
                                           statements_due(speakers.session)))
    return found


def public_statement(session: Session, organization_key: str) -> Statement | None:
    """The published statement of a delegation on the session's list, or None (embargoed too)."""
    entry = db.session.scalar(
        select(SpeakerEntry).join(SpeakersList).join(Organization)
        .where(SpeakersList.session_id == session.id, Organization.key == organization_key))
    return entry.statement if entry is not None and entry.statement_published else None
