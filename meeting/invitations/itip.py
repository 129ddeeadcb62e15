"""Reading an e-mailed calendar reply (iTIP, RFC 5546): the facts it states, or why it cannot be read.

Pure: bytes in, `ReplyFacts` out. Whether the facts may be applied (known UID, invited
attendee, current SEQUENCE) is decided in `meeting.invitations.replies`.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from icalendar import Calendar

CALENDAR_TYPES = ("text/calendar", "application/ics")
REPLY_METHODS = ("REPLY", "COUNTER")


@dataclass
class ReplyFacts:
    """What one message says; `problem` is set when it cannot be used, and says why."""

    message_id: str
    raw_size: int
    from_address: str | None = None
    subject: str | None = None
    method: str | None = None
    uid: str | None = None
    sequence: int | None = None
    attendees: tuple[tuple[str, str | None], ...] = ()  # (address, PARTSTAT) per ATTENDEE
    proposed_start: datetime | None = None
    proposed_end: datetime | None = None
    problem: str | None = None


def read_reply(data: bytes, size: int, complete: bool, max_bytes: int) -> ReplyFacts:
    """The facts of one message; an oversized one (`complete` False) is refused from its header."""
    message = BytesParser(policy=policy.default).parsebytes(data, headersonly=not complete)
    facts = ReplyFacts(message_id=_message_id(message, data), raw_size=size,
                       from_address=_from(message), subject=_header(message, "Subject", 300))
    if not complete or size > max_bytes:
        limit = f"{max_bytes // 2**20} MB" if max_bytes % 2**20 == 0 else f"{max_bytes} bytes"
        facts.problem = f"over {limit} ({size} bytes): refused without reading it"
        return facts
    part = calendar_part(message)
    if part is None:
        facts.problem = "not text/calendar: the message has no calendar part"
        return facts
    try:
        cal = _parse(part)
    except ValueError as exc:
        facts.problem = f"malformed calendar: {exc}"
        return facts
    facts.method = str(cal.get("METHOD", "")).strip().upper()[:20] or None
    events = [c for c in cal.subcomponents if c.name == "VEVENT"]
    if len(events) != 1:
        facts.problem = (f"{len(events)} VEVENTs in the calendar: a reply answers one event"
                         if events else "malformed calendar: it holds no VEVENT")
        return facts
    if facts.method not in REPLY_METHODS:
        facts.problem = (f"METHOD:{facts.method} is not a reply (expected METHOD:REPLY)"
                         if facts.method else "the calendar has no METHOD (expected METHOD:REPLY)")
    try:
        _read_event(events[0], facts)
    except (ValueError, TypeError) as exc:
        facts.problem = facts.problem or f"malformed calendar: {exc}"
    return facts


def calendar_part(message: EmailMessage) -> EmailMessage | None:
    """The first text/calendar part; else an application/ics or .ics attachment (Google sends both)."""
    parts = [p for p in message.walk() if not p.is_multipart()]
    for wanted in CALENDAR_TYPES:
        found = next((p for p in parts if p.get_content_type() == wanted), None)
        if found is not None:
            return found
    return next((p for p in parts if (p.get_filename() or "").lower().endswith(".ics")), None)


def _parse(part: EmailMessage) -> Calendar:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise ValueError(f"the calendar part is not {charset} text") from None
    text = text.lstrip("\ufeff")  # Outlook sometimes starts the part with a byte-order mark
    if not text.strip():
        raise ValueError("the calendar part is empty")
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(str(exc).splitlines()[0][:200] if str(exc) else "unreadable") from None
    if not calendars:
        raise ValueError("it holds no complete VCALENDAR")
    if len(calendars) != 1 or calendars[0].name != "VCALENDAR":
        raise ValueError(f"it holds {len(calendars)} components, expected one VCALENDAR")
    return calendars[0]


def _read_event(event, facts: ReplyFacts) -> None:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise ValueError("the event has no UID")
    facts.uid = uid[:300]
    sequence = str(event.get("SEQUENCE", "0")).strip()
    if not sequence.isdigit():
        raise ValueError(f"SEQUENCE {sequence[:20]!r} is not a number")
    facts.sequence = int(sequence)
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    facts.attendees = tuple((_address(a), _partstat(a)) for a in attendees)
    if not facts.attendees:
        raise ValueError("the event has no ATTENDEE")
    if facts.method == "COUNTER":
        facts.proposed_start = _instant(event.decoded("DTSTART")) if "DTSTART" in event else None
        if "DTEND" in event:
            facts.proposed_end = _instant(event.decoded("DTEND"))
        elif "DURATION" in event and facts.proposed_start is not None:
            facts.proposed_end = facts.proposed_start + event.decoded("DURATION")


def _address(attendee) -> str:
    value = str(attendee).strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:"):]
    return value.strip().lower()[:320]


def _partstat(attendee) -> str | None:
    params = getattr(attendee, "params", {})
    value = params.get("PARTSTAT")
    return str(value).upper()[:20] if value else None


def _instant(value) -> datetime | None:
    if isinstance(value, datetime):
        # A floating time (no zone) cannot be placed: shown as unknown rather than guessed.
        return value.astimezone(timezone.utc) if value.tzinfo else None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, timedelta):
        return None
    raise ValueError("DTSTART is not a date or time")


def _message_id(message: EmailMessage, data: bytes) -> str:
    value = _header(message, "Message-ID", 300)
    if value:
        return value
    # Without one, the content names the message: the same file read twice is still one reply.
    return f"<sha256-{hashlib.sha256(data).hexdigest()}@inbox>"


def _from(message: EmailMessage) -> str | None:
    address = parseaddr(_header(message, "From", 1000) or "")[1]
    return address.lower()[:320] or None


def _header(message: EmailMessage, name: str, limit: int) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, IndexError):  # a header the parser cannot make sense of
        return None
    return " ".join(str(value).split())[:limit] or None if value is not None else None
