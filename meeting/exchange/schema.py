"""Validation of a programme file into plain specs; every problem names its line and field."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from meeting.lib.locales import UN_LANGUAGES
from meeting.lib.timezones import (
    DEFAULT_CIVIL_END,
    DEFAULT_CIVIL_START,
    LocalTimeError,
    parse_wall_clock,
    to_utc,
)
from meeting.models import (
    ORGANIZATION_KINDS,
    PARTICIPATION_STATUSES,
    SESSION_KINDS,
    SESSION_STATUSES,
)
from meeting.programme.roles import ROLES
from meeting.programme.segments import MAX_DUE_HOURS

from .fields import (
    CODE_RE,
    EMAIL_RE,
    KEY_RE,
    LANG_RE,
    TAG_RE,
    URL_RE,
    Fields,
    Problem,
    check_unique,
)
from .floor_exchange import ListSpec, list_spec
from .translation_exchange import check_original, read_translations
from .yamlio import LinedDict

FORMAT = "meeting-programme/1"


@dataclass
class SegmentSpec:
    slug: str
    title: str
    timezone: str
    start_date: date
    end_date: date
    theme: str | None = None
    description: str | None = None
    civil_start: time = DEFAULT_CIVIL_START
    civil_end: time = DEFAULT_CIVIL_END
    line: int = 0
    unconfirmed_days: int = 7
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    compilation_symbol: str | None = None
    compilation_date: date | None = None
    statements_due_hours: int = 24
    original_language: str = "en"


@dataclass
class OrganizationSpec:
    key: str
    name: str
    kind: str
    acronym: str | None = None
    line: int = 0


@dataclass
class PersonSpec:
    key: str
    name: str
    timezone: str
    honorific: str | None = None
    position: str | None = None
    organization: str | None = None
    email: str | None = None
    backup_phone: str | None = None
    languages: list[str] = field(default_factory=list)
    preferred_language: str | None = None
    biography: str | None = None
    line: int = 0
    organization_line: int = 0


@dataclass
class ParticipantSpec:
    person: str
    role: str
    minutes: int | None
    status: str
    line: int = 0


@dataclass
class SessionSpec:
    code: str
    title: str
    kind: str
    start: datetime
    duration_minutes: int
    status: str
    parent: str | None = None
    description: str | None = None
    cancellation_reason: str | None = None
    symbol: str | None = None
    tags: list[str] = field(default_factory=list)
    platform: str | None = None
    join_url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None
    dial_in: str | None = None
    interpretation: list[str] = field(default_factory=list)
    webcast_url: str | None = None
    # host_name … producer_phone (meeting.programme.editing.CONTACT_FIELDS), as set in the file.
    contacts: dict[str, str | None] = field(default_factory=dict)
    # captioning … interpretation_url (meeting.programme.editing.ACCESS_FIELDS), as set in the file.
    access: dict = field(default_factory=dict)
    participants: list[ParticipantSpec] = field(default_factory=list)
    speakers_list: ListSpec | None = None
    translations: dict | None = None  # None: the file says nothing (translation_exchange)
    line: int = 0
    tags_line: int = 0
    parent_line: int = 0


@dataclass
class ProgrammeSpec:
    segment: SegmentSpec
    organizations: list[OrganizationSpec]
    people: list[PersonSpec]
    sessions: list[SessionSpec]
    # Read by site_schema; key_messages is None when the file has no key_messages section.
    documents: list = field(default_factory=list)
    key_messages: list | None = None


def validate(document) -> tuple[ProgrammeSpec | None, list[Problem]]:
    """Check a loaded document and build its specs; return (spec or None, problems)."""
    problems: list[Problem] = []
    if not isinstance(document, LinedDict):
        return None, [Problem(1, "", "the file must be a mapping with format, segment, sessions …")]
    top = Fields(document, "", problems, ("format", "segment", "organizations", "people", "sessions",
                                           "documents", "key_messages"))
    fmt = top.text("format", required=True, max_len=40)
    if fmt is not None and fmt != FORMAT:
        top.fail("format", f"format {fmt!r} is not supported (expected {FORMAT!r})")
    segment_map = top.mapping("segment")
    if segment_map is None:
        if "segment" not in document:
            top.fail(None, "segment is missing")
        return None, problems
    segment = _segment(segment_map, problems)
    organizations = [_organization(m, problems) for m in top.items("organizations")]
    people = [_person(m, problems) for m in top.items("people")]
    zone = segment.timezone if segment else None
    sessions = [_session(m, zone, problems) for m in top.items("sessions")]
    check_unique(organizations, "key", "organization", problems)
    check_unique(people, "key", "person", problems)
    check_unique(sessions, "code", "session", problems)
    if segment is not None:
        check_original(sessions, segment.original_language, problems, "session")
    if problems or segment is None:
        return None, problems
    return ProgrammeSpec(segment, organizations, people, sessions), problems


def _segment(m, problems):
    f = Fields(m, "segment", problems, (
        "slug", "title", "theme", "timezone", "start_date", "end_date", "civil_hours",
        "unconfirmed_days", "statements_due_hours", "contact", "compilation", "description",
        "original_language",
    ))
    slug = f.text("slug", required=True, max_len=80, pattern=KEY_RE, what="a slug (a-z, 0-9, -)")
    title = f.text("title", required=True)
    zone = f.zone("timezone")
    start_date, end_date = f.day("start_date"), f.day("end_date")
    if start_date and end_date and end_date < start_date:
        f.fail("end_date", f"end_date {end_date} is before start_date {start_date}")
    civil_start, civil_end = DEFAULT_CIVIL_START, DEFAULT_CIVIL_END
    hours = f.text("civil_hours", max_len=20)
    if hours is not None:
        try:
            first, last = (time.fromisoformat(part.strip()) for part in hours.split("-"))
            if last <= first:
                raise ValueError
            civil_start, civil_end = first, last
        except ValueError:
            f.fail("civil_hours", f"civil_hours {hours} is not a range like 07:00-22:00")
    theme = f.text("theme", max_len=1000)
    description = f.text("description", max_len=20000)
    unconfirmed = f.integer("unconfirmed_days", 0, 365)
    due_hours = f.integer("statements_due_hours", 0, MAX_DUE_HOURS)
    contact = {"original_language": f.choice("original_language", UN_LANGUAGES, default="en")}
    contact_map = f.mapping("contact")
    if contact_map is not None:
        c = Fields(contact_map, "segment: contact", problems, ("name", "email", "phone"))
        contact = {"contact_name": c.text("name"),
                   "contact_email": c.text("email", max_len=320, pattern=EMAIL_RE, what="an e-mail address"),
                   "contact_phone": c.text("phone", max_len=80)}
        f.ok = f.ok and c.ok
    compilation_map = f.mapping("compilation")
    if compilation_map is not None:
        c = Fields(compilation_map, "segment: compilation", problems, ("symbol", "date"))
        contact.update(compilation_symbol=c.symbol("symbol"), compilation_date=c.day("date", required=False))
        f.ok = f.ok and c.ok
    if not f.ok:
        return None
    return SegmentSpec(slug, title, zone, start_date, end_date, theme, description,
                       civil_start, civil_end, m.line,
                       7 if unconfirmed is None else unconfirmed, **contact,
                       statements_due_hours=24 if due_hours is None else due_hours)


def _organization(m, problems):
    where = f"organization {m.get('key', '?')}"
    f = Fields(m, where, problems, ("key", "name", "acronym", "kind"))
    key = f.text("key", required=True, max_len=80, pattern=KEY_RE, what="a key (a-z, 0-9, -)")
    spec = OrganizationSpec(
        key=key,
        name=f.text("name", required=True),
        kind=f.choice("kind", ORGANIZATION_KINDS, default="other"),
        acronym=f.text("acronym", max_len=40),
        line=m.line,
    )
    return spec if f.ok else None


def _person(m, problems):
    where = f"person {m.get('key', '?')}"
    f = Fields(m, where, problems, (
        "key", "name", "honorific", "position", "organization", "email", "backup_phone", "timezone",
        "languages", "preferred_language", "biography",
    ))
    spec = PersonSpec(
        key=f.text("key", required=True, max_len=80, pattern=KEY_RE, what="a key (a-z, 0-9, -)"),
        name=f.text("name", required=True),
        timezone=f.zone("timezone"),
        honorific=f.text("honorific", max_len=40),
        position=f.text("position"),
        organization=f.text("organization", max_len=80),
        email=f.text("email", max_len=320, pattern=EMAIL_RE, what="an e-mail address"),
        backup_phone=f.phone("backup_phone", "backup_phone"),
        languages=f.text_list("languages", LANG_RE, "a language code like en"),
        preferred_language=f.choice("preferred_language", UN_LANGUAGES, default="") or None,
        biography=f.text("biography", max_len=20000),
        line=m.line,
        organization_line=m.line_of("organization"),
    )
    return spec if f.ok else None


def _session(m, zone, problems):
    where = f"session {m.get('code', '?')}"
    f = Fields(m, where, problems, (
        "code", "title", "kind", "start", "end", "status", "cancellation_reason", "parent",
        "description", "tags",
        "channel", "host", "producer", "interpretation", "webcast_url", "participants", "symbol",
        "speakers_list", "interpretation_platform", "interpretation_url", "captioning", "captioning_url",
        "translations",
    ))
    code = f.text("code", required=True, max_len=40, pattern=CODE_RE, what="a code (letters, digits, -)")
    start, duration = _start_and_duration(f, zone)
    spec = SessionSpec(
        code=code,
        title=f.text("title", required=True),
        kind=f.choice("kind", SESSION_KINDS),
        start=start,
        duration_minutes=duration,
        status=f.choice("status", SESSION_STATUSES, default="draft"),
        cancellation_reason=f.text("cancellation_reason", max_len=2000),
        symbol=f.symbol("symbol"),
        parent=f.text("parent", max_len=40),
        description=f.text("description", max_len=20000),
        tags=f.text_list("tags", TAG_RE, "a tag code like sdg-3"),
        interpretation=f.text_list("interpretation", LANG_RE, "a language code like fr"),
        webcast_url=f.text("webcast_url", max_len=1000, pattern=URL_RE, what="an http(s) URL"),
        line=m.line,
        tags_line=m.line_of("tags"),
        parent_line=m.line_of("parent"),
    )
    spec.access = {
        "interpretation_platform": f.text("interpretation_platform", max_len=80),
        **{key: f.text(key, max_len=1000, pattern=URL_RE, what="an http(s) URL")
           for key in ("interpretation_url", "captioning_url")},
        "captioning": f.text_list("captioning", LANG_RE, "a language code like en")}
    channel = f.mapping("channel")
    if channel is not None:
        c = Fields(channel, where, problems, ("platform", "join_url", "meeting_id", "passcode", "dial_in"))
        spec.platform = c.text("platform", max_len=80)
        spec.join_url = c.text("join_url", max_len=1000, pattern=URL_RE, what="an http(s) URL")
        spec.meeting_id = c.text("meeting_id", max_len=80)
        spec.passcode = c.text("passcode", max_len=80)
        spec.dial_in = c.text("dial_in", max_len=300)
        f.ok = f.ok and c.ok
    for role in ("host", "producer"):
        spec.contacts.update({f"{role}_{k}": v for k, v in f.contact(role, where).items()})
    seen: dict[tuple[str, str], int] = {}
    for pm in f.items("participants"):
        participant = _participant(pm, where, problems)
        if participant is None:
            f.ok = False
            continue
        pair = (participant.person, participant.role)
        if pair in seen:
            f.fail(None, f"{participant.person} is listed twice as {participant.role} "
                         f"(lines {seen[pair]} and {participant.line})")
        seen[pair] = participant.line
        spec.participants.append(participant)
    spec.translations = read_translations(f)
    list_map = f.mapping("speakers_list")
    if list_map is not None:
        spec.speakers_list = list_spec(list_map, where, zone, problems)
        f.ok = f.ok and spec.speakers_list is not None
    return spec if f.ok else None


def _instant(f: Fields, name: str, raw: str, zone: str, parse, expected: str):
    """(wall-clock time, UTC instant) of one time field, or (None, None) with the problem noted."""
    try:
        wall = parse(raw)
        return wall, to_utc(wall, zone)
    except LocalTimeError as exc:
        f.fail(name, f"{name} {exc}")
    except ValueError:
        f.fail(name, f"{name} {raw} is not a time (expected {expected})")
    return None, None


def _start_and_duration(f: Fields, zone):
    raw_start = f.text("start", required=True, max_len=40)
    raw_end = f.text("end", required=True, max_len=40)
    if raw_start is None or zone is None:
        return None, None
    wall_start, start = _instant(f, "start", raw_start, zone, parse_wall_clock, "YYYY-MM-DD HH:MM")
    if start is None:
        return None, None
    if raw_end is None:
        return start, None

    def parse_end(raw: str) -> datetime:
        # "HH:MM" is on the start's day; a longer value names its own day.
        if len(raw) <= 5:
            return datetime.combine(wall_start.date(), time.fromisoformat(raw))
        return parse_wall_clock(raw)

    _, end = _instant(f, "end", raw_end, zone, parse_end, "HH:MM or YYYY-MM-DD HH:MM")
    if end is None:
        return start, None
    minutes = int((end - start).total_seconds() // 60)
    if minutes <= 0:
        f.fail("end", f"end {raw_end} is not after start {raw_start}")
        return start, None
    if minutes > 24 * 60:
        f.fail("end", f"end {raw_end} is more than 24 hours after start {raw_start}")
        return start, None
    return start, minutes


def _participant(m, where, problems):
    f = Fields(m, f"{where}: participant {m.get('person', '?')}", problems,
                ("person", "role", "minutes", "status"))
    spec = ParticipantSpec(
        person=f.text("person", required=True, max_len=80),
        role=f.choice("role", ROLES),
        minutes=f.integer("minutes", 0, 600),
        status=f.choice("status", PARTICIPATION_STATUSES, default="invited"),
        line=m.line,
    )
    return spec if f.ok else None
