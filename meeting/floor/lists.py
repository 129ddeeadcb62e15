"""Lists of speakers: inscribing delegations, their status, the secretariat's reordering.

Every function checks its input and raises FloorError naming the field before anything
changes; the caller commits (save_list) or rolls back.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import DEFAULT_LANGUAGE, N_, current_language, format_instant
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.models import (
    ENTRY_STATUSES,
    FLOOR_KINDS,
    SPEAKER_LEVELS,
    STATEMENT_TYPES,
    Organization,
    Session,
    SpeakerEntry,
    SpeakersList,
    utcnow,
)
from meeting.models.floor import ENTRY_STATUS_LABELS, SPEAKER_LEVEL_LABELS, STATEMENT_TYPE_LABELS
from meeting.programme.editing import save_programme
from meeting.programme.history import record
from meeting.programme.signals import speakers_list_saved

from .order import Placed, order_entries

MAX_MINUTES = 60
# What a refusal calls a field in other languages; English names the field itself.
FIELD_LABELS = {"session": N_("Session"), "speaker_name": N_("Speaker"), "level": N_("Level"),
                "statement_type": N_("Statement"), "on_behalf_of": N_("On behalf of"),
                "list": N_("List of speakers"), "organization": N_("Delegation"),
                "status": N_("Status"), "position": N_("Place"), "minutes": N_("Time limit"),
                "national_minutes": N_("National, observer and UN system statements (minutes)"),
                "group_minutes": N_("Statements on behalf of groups (minutes)"),
                "file": N_("Statement file"), "video_url": N_("Pre-recorded video"),
                "statement": N_("Written statement"), "reminders": N_("Reminders")}


def field_label(field: str) -> str:
    """How a refusal names `field`: 'speaker_name' in English, 'Orateur' in French."""
    if current_language() == DEFAULT_LANGUAGE:
        return field
    return _(FIELD_LABELS.get(field, field))


def status_word(status: str) -> str:
    """An entry's status inside a sentence: the code in English, the label's words otherwise."""
    if current_language() == DEFAULT_LANGUAGE:
        return status
    return _(ENTRY_STATUS_LABELS.get(status, status)).lower()


class FloorError(ValueError):
    """A change to a list of speakers that cannot be made; `field` names what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(_("%(field)s: %(message)s", field=field_label(field), message=message))
        self.field = field
        self.message = message


def takes_list(session: Session) -> bool:
    """True for the kinds of session in which delegations take the floor from a list."""
    return session.kind in FLOOR_KINDS


def speakers_list(session: Session | int) -> SpeakersList | None:
    """The session's list with its entries and their delegations, or None."""
    session_id = session if isinstance(session, int) else session.id
    return db.session.scalar(
        select(SpeakersList).where(SpeakersList.session_id == session_id)
        .options(selectinload(SpeakersList.entries).selectinload(SpeakerEntry.organization),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.statement)))


def open_list(session: Session) -> SpeakersList:
    """The session's list, made (open, 3 and 5 minutes) the first time it is asked for."""
    if not takes_list(session):
        raise FloorError("session", _("a %(kind)s session has no list of speakers (only %(kinds)s)",
                                      kind=session.kind, kinds=", ".join(FLOOR_KINDS)))
    found = speakers_list(session)
    if found is None:
        found = SpeakersList(session=session, national_minutes=3, group_minutes=5,
                             closed=False, link_generation=0, changed_at=utcnow(), entries=[])
        db.session.add(found)
    return found


def is_closed(speakers: SpeakersList, now: datetime | None = None) -> bool:
    """Closed by the organizer, or past its closing time."""
    now = now or utcnow()
    return speakers.closed or (speakers.closes_at is not None and now >= speakers.closes_at)


def _minutes(value: object, field: str = "minutes") -> int | None:
    if value in (None, ""):
        return None
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        raise FloorError(field, _("%(value)s is not a whole number of minutes", value=repr(value))) from None
    if not 1 <= minutes <= MAX_MINUTES:
        raise FloorError(field, _("a time limit must be 1 to %(max)s minutes, not %(minutes)s",
                                  max=MAX_MINUTES, minutes=minutes))
    return minutes


def _one_line(field: str, value: str | None) -> None:
    # The name goes into the acknowledgement's To header: a line break there would add headers.
    if value and any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise FloorError(field, _("line breaks and control characters are not allowed"))


def _check_entry(level: str, statement_type: str, speaker_name: str, on_behalf_of: str | None):
    if not (speaker_name or "").strip():
        raise FloorError("speaker_name", _("give the name of the person who will speak"))
    _one_line("speaker_name", speaker_name)
    _one_line("on_behalf_of", on_behalf_of)
    if level not in SPEAKER_LEVELS:
        raise FloorError("level", _("unknown level %(value)s; one of %(choices)s", value=repr(level),
                                    choices=", ".join(SPEAKER_LEVELS)))
    if statement_type not in STATEMENT_TYPES:
        raise FloorError("statement_type", _("unknown statement type %(value)s; one of %(choices)s",
                                             value=repr(statement_type), choices=", ".join(STATEMENT_TYPES)))
    if statement_type == "group" and not (on_behalf_of or "").strip():
        raise FloorError("on_behalf_of", _("a statement on behalf of a group names the group"))


def inscribe(speakers: SpeakersList, organization: Organization, *, speaker_name: str, level: str,
             statement_type: str, on_behalf_of: str | None = None, minutes: object = None,
             by: str = "organizer", contact_email: str | None = None,
             now: datetime | None = None) -> SpeakerEntry:
    """Put a delegation on the list (once per list; refused once the list is closed)."""
    now = now or utcnow()
    if by != "organizer" and is_closed(speakers, now):
        raise FloorError("list", _("the list of speakers closed %(when)s", when=closing_label(speakers)))
    _check_entry(level, statement_type, speaker_name, on_behalf_of)
    limit = _minutes(minutes)
    if any(e.organization is organization for e in speakers.entries):  # one object per row
        raise FloorError("organization", _("%(name)s is already inscribed on this list",
                                           name=organization.name))
    entry = SpeakerEntry(organization=organization, speaker_name=speaker_name.strip(), level=level,
                         statement_type=statement_type,
                         on_behalf_of=(on_behalf_of or "").strip() or None, minutes=limit,
                         inscribed_at=now, status="inscribed", inscribed_by=by,
                         contact_email=(contact_email or "").strip() or None)
    speakers.entries.append(entry)
    _changed(speakers, by, f"inscribed {organization.name} ({SPEAKER_LEVEL_LABELS[level]}, "
                           f"{STATEMENT_TYPE_LABELS[statement_type].lower()})")
    return entry


def update_entry(entry: SpeakerEntry, by: str, **values) -> None:
    """Change an entry's speaker, level, group, type or time limit."""
    fields = {name: values.get(name, getattr(entry, name))
              for name in ("speaker_name", "level", "statement_type", "on_behalf_of")}
    _check_entry(**fields)
    limit = _minutes(values.get("minutes", entry.minutes))
    entry.speaker_name = fields["speaker_name"].strip()
    entry.level, entry.statement_type = fields["level"], fields["statement_type"]
    entry.on_behalf_of = (fields["on_behalf_of"] or "").strip() or None
    entry.minutes = limit
    _changed(entry.speakers_list, by, f"changed the entry of {entry.organization.name}")


def set_status(entry: SpeakerEntry, status: str, by: str, now: datetime | None = None) -> None:
    """Confirm, mark as spoken, withdraw, or mark not present (which moves it to the end)."""
    if status not in ENTRY_STATUSES:
        raise FloorError("status", _("unknown status %(value)s; one of %(choices)s", value=repr(status),
                                     choices=", ".join(ENTRY_STATUSES)))
    if status == "not-present" and entry.status != "not-present":
        entry.absent_since = now or utcnow()
        entry.pinned_position = None
    elif status != "not-present":
        entry.absent_since = None
    entry.status = status
    _changed(entry.speakers_list, by, f"{entry.organization.name}: {status}")


def move_entry(entry: SpeakerEntry, number: int, by: str) -> None:
    """Place an entry at `number` (1 = first) by hand; it keeps that place from now on."""
    speakers = entry.speakers_list
    placed, _withdrawn = order_entries(speakers.entries)
    speaking = [p for p in placed if p.entry.status != "not-present"]
    if entry.status not in ("inscribed", "confirmed", "spoke"):
        raise FloorError("position", _("%(name)s is %(status)s: only entries still on the list can be "
                                       "moved", name=entry.organization.name,
                                       status=status_word(entry.status)))
    if not 1 <= number <= len(speaking):
        raise FloorError("position", _("a place from 1 to %(last)s, not %(number)s", last=len(speaking),
                                       number=number))
    entry.pinned_position = number
    _changed(speakers, by, f"moved {entry.organization.name} to number {number}")


def unpin_entry(entry: SpeakerEntry, by: str) -> None:
    """Give an entry back its place by precedence."""
    entry.pinned_position = None
    _changed(entry.speakers_list, by, f"{entry.organization.name} back to its place by precedence")


def set_limits(speakers: SpeakersList, by: str, *, national_minutes: object, group_minutes: object,
               closed: bool, closes_at: datetime | None) -> None:
    """The list's time limits and whether it still takes inscriptions."""
    national = _minutes(national_minutes, "national_minutes")
    group = _minutes(group_minutes, "group_minutes")
    if national is None or group is None:
        raise FloorError("national_minutes" if national is None else "group_minutes",
                         _("a list needs its time limits"))
    speakers.national_minutes, speakers.group_minutes = national, group
    speakers.closed, speakers.closes_at = closed, closes_at
    _changed(speakers, by, "changed the list's limits or closing")


def _changed(speakers: SpeakersList, by: str, summary: str) -> None:
    speakers.changed_at = utcnow()
    session = speakers.session
    record(session.segment, by, f"List of speakers: {summary}", session)


def save_list(speakers: SpeakersList) -> None:
    """Commit a change of the list and tell listeners (the run of show among them)."""
    session = speakers.session
    save_programme(session.segment)
    speakers_list_saved.send(session)


def running_order(speakers: SpeakersList | None) -> tuple[list[Placed], list[SpeakerEntry]]:
    """The numbered list and the withdrawn entries (empty for no list)."""
    if speakers is None:
        return [], []
    return order_entries(list(speakers.entries))


def as_at(speakers: SpeakersList) -> str:
    """'18:30 EDT, Monday 6 July 2020': the list's last change in HQ time."""
    zone = speakers.session.segment.timezone
    local = to_zone(speakers.changed_at, zone)
    abbreviation = zone_abbreviation(speakers.changed_at, zone)
    time = f"{local:%H:%M} {abbreviation}"
    return _("%(time)s, %(date)s", time=time, date=format_instant(local, "%A %-d %B %Y"))


def closing_label(speakers: SpeakersList) -> str:
    """'at 18:00 EDT on 5 July' or 'by the secretariat', for messages."""
    if speakers.closes_at is None or speakers.closed:
        return _("(closed by the secretariat)")
    zone = speakers.session.segment.timezone
    local = to_zone(speakers.closes_at, zone)
    time = f"{local:%H:%M} {zone_abbreviation(speakers.closes_at, zone)}"
    return _("at %(time)s on %(date)s", time=time, date=format_instant(local, "%-d %B"))


def delegations() -> list[Organization]:
    """Every organization that can be inscribed, by name."""
    return list(db.session.scalars(select(Organization).order_by(Organization.name)))
