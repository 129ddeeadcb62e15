"""The change history: recording who changed what, and reading it back.

The lines are stored in English (they are records, read in any language later); the sentences
around them that pages say (last_change) are in the page's language.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.models import ChangeLog, Segment, Session

LABELS = {"start": "start", "duration_minutes": "duration", "join_url": "join link",
          "status": "status", "title": "title", "kind": "kind", "platform": "platform",
          "meeting_id": "meeting ID", "passcode": "passcode", "dial_in": "dial-in",
          "interpretation": "interpretation", "captioning": "live captions",
          "captioning_url": "live captions link", "interpretation_platform": "interpretation platform",
          "interpretation_url": "interpretation link", "webcast_url": "webcast link",
          "description": "description", "tags": "tags", "parent": "tech check of",
          "symbol": "document symbol", "host_name": "host", "host_email": "host e-mail",
          "host_phone": "host phone", "producer_name": "producer",
          "producer_email": "producer e-mail", "producer_phone": "producer phone"}
SECRET_FIELDS = frozenset({"passcode", "dial_in", "meeting_id"})
# Personal contact details: the history says they changed, not what they are.
CONTACT_DETAILS = frozenset({"host_email", "host_phone", "producer_email", "producer_phone"})


def record(segment: Segment, by: str, summary: str, session: Session | None = None) -> None:
    """Add one line to the history (committed with the change it describes)."""
    db.session.add(ChangeLog(segment_id=segment.id, session_id=session.id if session else None,
                             by=by, summary=summary))


def describe(session: Session, before: dict, changed: set[str]) -> str:
    """'start 09:00 → 10:30 EDT; duration 90 → 60 min' for the fields that changed."""
    zone = session.segment.timezone
    parts = []
    for name in sorted(changed, key=list(LABELS).index):
        old, new = before.get(name), getattr(session, name)
        if name in SECRET_FIELDS:  # the history is read by viewers too: no codes in it
            parts.append(f"{LABELS[name]} changed")
        elif name == "start":
            parts.append(f"start {_when(old, zone)} → {_when(new, zone)}")
        elif name == "duration_minutes":
            parts.append(f"duration {old} → {new} min")
        elif name in ("description", "tags", "interpretation", "captioning") or name in CONTACT_DETAILS:
            parts.append(f"{LABELS[name]} changed")
        else:
            parts.append(f"{LABELS[name]} {old or '—'} → {new or '—'}")
    return "; ".join(parts)


def _when(instant: datetime | None, zone: str) -> str:
    if instant is None:
        return "—"
    return f"{to_zone(instant, zone):%a %d %b %H:%M} {zone_abbreviation(instant, zone)}"


def history(segment: Segment, session: Session | None = None, limit: int = 200) -> list[ChangeLog]:
    """The newest changes first, for a segment or one of its sessions."""
    query = select(ChangeLog).where(ChangeLog.segment_id == segment.id)
    if session is not None:
        query = query.where(ChangeLog.session_id == session.id)
    return list(db.session.scalars(query.order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
                                   .limit(limit)))


def last_change(session: Session) -> str:
    """'officer@un.org changed start … at 10:02' for the newest change of a session (HQ time)."""
    zone = session.segment.timezone
    last = next(iter(history(session.segment, session, limit=1)), None)
    if last is None:
        return _("someone saved it at %(time)s", time=to_zone(session.updated_at, zone).strftime("%H:%M"))
    return _said(last, zone)


def last_change_about(segment: Segment, prefix: str) -> str:
    """The same for the newest line of the segment's history that starts with `prefix`."""
    last = db.session.scalar(select(ChangeLog).where(
        ChangeLog.segment_id == segment.id, ChangeLog.summary.startswith(prefix, autoescape=True))
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc()).limit(1))
    return _said(last, segment.timezone) if last else _("someone changed it")


def _said(entry: ChangeLog, zone: str) -> str:
    return _("%(by)s changed %(what)s at %(time)s", by=entry.by, what=entry.summary,
             time=to_zone(entry.at, zone).strftime("%H:%M"))
