"""Validation of a programme file into plain specs; every problem names its line and field."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from meeting.lib.timezones import (
    DEFAULT_CIVIL_END,
    DEFAULT_CIVIL_START,
    LocalTimeError,
    TimezoneError,
    get_zone,
    parse_wall_clock,
    to_utc,
)
from meeting.models import (
    ORGANIZATION_KINDS,
    PARTICIPATION_STATUSES,
    ROLES,
    SESSION_KINDS,
    SESSION_STATUSES,
)

from .yamlio import LinedDict, LinedList

FORMAT = "meeting-programme/1"
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://\S+$")
TAG_RE = re.compile(r"^[a-z-]+-[a-z0-9]+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, at a line."""

    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        prefix = f"line {self.line}: " if self.line else ""
        where = f"{self.where}: " if self.where else ""
        return f"{prefix}{where}{self.message}"


class ProgrammeError(ValueError):
    """A programme file that cannot be imported; `problems` lists every reason."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


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
    languages: list[str] = field(default_factory=list)
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
    tags: list[str] = field(default_factory=list)
    platform: str | None = None
    join_url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None
    dial_in: str | None = None
    interpretation: list[str] = field(default_factory=list)
    webcast_url: str | None = None
    participants: list[ParticipantSpec] = field(default_factory=list)
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


class _Fields:
    """Reads typed fields from one mapping, recording problems instead of raising."""

    def __init__(self, mapping, where: str, problems: list[Problem], allowed: tuple[str, ...]):
        self.m = mapping
        self.where = where
        self.problems = problems
        self.ok = True
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.fail(key, f"unknown key {key!r} ({hint})")

    def fail(self, key: str | None, message: str) -> None:
        line = self.m.line_of(key) if key else self.m.line
        self.problems.append(Problem(line, self.where, message))
        self.ok = False

    def text(self, key, required=False, max_len=300, pattern=None, what=None):
        value = self.m.get(key)
        if value is None or value == "":
            if required:
                self.fail(None, f"{key} is missing")
            return None
        if not isinstance(value, str):
            self.fail(key, f"{key} must be text, not a {_shape(value)}")
            return None
        value = value.strip() if "\n" not in value else value
        if len(value) > max_len:
            self.fail(key, f"{key} is longer than {max_len} characters")
            return None
        if pattern and not pattern.match(value):
            self.fail(key, f"{key} {value!r} is not {what}")
            return None
        return value

    def choice(self, key, options, default=None):
        value = self.text(key, required=default is None, max_len=60)
        if value is None:
            return default
        if value not in options:
            self.fail(key, f"{key} {value!r} is not one of: {', '.join(options)}")
            return default
        return value

    def zone(self, key):
        value = self.text(key, required=True, max_len=64)
        if value is None:
            return None
        try:
            get_zone(value)
        except TimezoneError as exc:
            self.fail(key, f"{key}: {exc}")
            return None
        return value

    def day(self, key):
        value = self.text(key, required=True, max_len=20)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(key, f"{key} {value} is not a date (expected YYYY-MM-DD)")
            return None

    def integer(self, key, low, high):
        value = self.text(key, max_len=10)
        if value is None:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.fail(key, f"{key} {value} is not a whole number from {low} to {high}")
            return None
        return int(value)

    def text_list(self, key, pattern, what):
        value = self.m.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"{key} must be a list like [en, fr]")
            return []
        bad = [v for v in value if not pattern.match(v)]
        if bad:
            self.fail(key, f"{key}: {', '.join(bad)} is not {what}")
            return []
        if len(set(value)) != len(value):
            self.fail(key, f"{key} lists the same entry twice")
            return []
        return list(value)

    def mapping(self, key):
        value = self.m.get(key)
        if value is None:
            return None
        if not isinstance(value, LinedDict):
            self.fail(key, f"{key} must be a mapping of fields")
            return None
        return value

    def items(self, key):
        """Yield (mapping, line) for a list of mappings under key."""
        value = self.m.get(key)
        if value is None:
            return
        if not isinstance(value, LinedList):
            self.fail(key, f"{key} must be a list")
            return
        for item, line in zip(value, value.item_lines, strict=True):
            if not isinstance(item, LinedDict):
                self.problems.append(Problem(line, self.where, f"each entry of {key} must be a mapping"))
                self.ok = False
                continue
            yield item


def _shape(value) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"


def validate(document) -> tuple[ProgrammeSpec | None, list[Problem]]:
    """Check a loaded document and build its specs; return (spec or None, problems)."""
    problems: list[Problem] = []
    if not isinstance(document, LinedDict):
        return None, [Problem(1, "", "the file must be a mapping with format, segment, sessions …")]
    top = _Fields(document, "", problems, ("format", "segment", "organizations", "people", "sessions",
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
    _check_unique(organizations, "key", "organization", problems)
    _check_unique(people, "key", "person", problems)
    _check_unique(sessions, "code", "session", problems)
    if problems or segment is None:
        return None, problems
    return ProgrammeSpec(segment, organizations, people, sessions), problems


def _check_unique(specs, attr, noun, problems):
    seen: dict[str, int] = {}
    for spec in specs:
        if spec is None:
            continue
        value = getattr(spec, attr)
        if value in seen:
            problems.append(
                Problem(spec.line, f"{noun} {value}", f"duplicate {attr}: already used on line {seen[value]}")
            )
        else:
            seen[value] = spec.line


def _segment(m, problems):
    f = _Fields(m, "segment", problems, (
        "slug", "title", "theme", "timezone", "start_date", "end_date", "civil_hours",
        "unconfirmed_days", "description",
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
    if not f.ok:
        return None
    return SegmentSpec(slug, title, zone, start_date, end_date, theme, description,
                       civil_start, civil_end, m.line,
                       7 if unconfirmed is None else unconfirmed)


def _organization(m, problems):
    where = f"organization {m.get('key', '?')}"
    f = _Fields(m, where, problems, ("key", "name", "acronym", "kind"))
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
    f = _Fields(m, where, problems, (
        "key", "name", "honorific", "position", "organization", "email", "timezone",
        "languages", "biography",
    ))
    spec = PersonSpec(
        key=f.text("key", required=True, max_len=80, pattern=KEY_RE, what="a key (a-z, 0-9, -)"),
        name=f.text("name", required=True),
        timezone=f.zone("timezone"),
        honorific=f.text("honorific", max_len=40),
        position=f.text("position"),
        organization=f.text("organization", max_len=80),
        email=f.text("email", max_len=320, pattern=EMAIL_RE, what="an e-mail address"),
        languages=f.text_list("languages", LANG_RE, "a language code like en"),
        biography=f.text("biography", max_len=20000),
        line=m.line,
        organization_line=m.line_of("organization"),
    )
    return spec if f.ok else None


def _session(m, zone, problems):
    where = f"session {m.get('code', '?')}"
    f = _Fields(m, where, problems, (
        "code", "title", "kind", "start", "end", "status", "parent", "description", "tags",
        "channel", "interpretation", "webcast_url", "participants",
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
        parent=f.text("parent", max_len=40),
        description=f.text("description", max_len=20000),
        tags=f.text_list("tags", TAG_RE, "a tag code like sdg-3"),
        interpretation=f.text_list("interpretation", LANG_RE, "a language code like fr"),
        webcast_url=f.text("webcast_url", max_len=1000, pattern=URL_RE, what="an http(s) URL"),
        line=m.line,
        tags_line=m.line_of("tags"),
        parent_line=m.line_of("parent"),
    )
    channel = f.mapping("channel")
    if channel is not None:
        c = _Fields(channel, where, problems, ("platform", "join_url", "meeting_id", "passcode", "dial_in"))
        spec.platform = c.text("platform", max_len=80)
        spec.join_url = c.text("join_url", max_len=1000, pattern=URL_RE, what="an http(s) URL")
        spec.meeting_id = c.text("meeting_id", max_len=80)
        spec.passcode = c.text("passcode", max_len=80)
        spec.dial_in = c.text("dial_in", max_len=300)
        f.ok = f.ok and c.ok
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
    return spec if f.ok else None


def _start_and_duration(f: _Fields, zone):
    raw_start = f.text("start", required=True, max_len=40)
    raw_end = f.text("end", required=True, max_len=40)
    if raw_start is None or zone is None:
        return None, None
    try:
        wall_start = parse_wall_clock(raw_start)
        start = to_utc(wall_start, zone)
    except LocalTimeError as exc:
        f.fail("start", f"start {exc}")
        return None, None
    except ValueError:
        f.fail("start", f"start {raw_start} is not a time (expected YYYY-MM-DD HH:MM)")
        return None, None
    if raw_end is None:
        return start, None
    try:
        if len(raw_end) <= 5:
            wall_end = datetime.combine(wall_start.date(), time.fromisoformat(raw_end))
        else:
            wall_end = parse_wall_clock(raw_end)
        end = to_utc(wall_end, zone)
    except LocalTimeError as exc:
        f.fail("end", f"end {exc}")
        return start, None
    except ValueError:
        f.fail("end", f"end {raw_end} is not a time (expected HH:MM or YYYY-MM-DD HH:MM)")
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
    f = _Fields(m, f"{where}: participant {m.get('person', '?')}", problems,
                ("person", "role", "minutes", "status"))
    spec = ParticipantSpec(
        person=f.text("person", required=True, max_len=80),
        role=f.choice("role", ROLES),
        minutes=f.integer("minutes", 0, 600),
        status=f.choice("status", PARTICIPATION_STATUSES, default="invited"),
        line=m.line,
    )
    return spec if f.ok else None
