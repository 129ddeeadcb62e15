"""Segments made in the browser: their settings, creating one, and duplicating one.

Every problem names its field (SettingsProblem) and nothing is written unless all is well.
The slug of an existing segment never changes: calendar UIDs are derived from it.
"""

import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.symbols import SymbolError, parse_symbol
from meeting.lib.timezones import LocalTimeError, TimezoneError, get_zone, to_utc, to_zone
from meeting.models import Participation, Segment, Session, SessionTranslation

from .editing import ACCESS_FIELDS, CONTACT_FIELDS, save_programme
from .history import record
from .signals import segment_created
from .translations import language_problem

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DAYS = 366
MAX_DUE_HOURS = 14 * 24  # written statements are due at most two weeks before their session


class SettingsError(ValueError):
    """Settings refused: `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


@dataclass
class SegmentSettings:
    """What the segment form edits (the slug only when the segment is new)."""

    title: str
    slug: str
    timezone: str
    start_date: date
    end_date: date
    theme: str | None = None
    civil_start: time = time(7, 0)
    civil_end: time = time(22, 0)
    unconfirmed_days: int = 7
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    compilation_symbol: str | None = None
    compilation_date: date | None = None
    statements_due_hours: int = 24
    original_language: str = "en"  # what its content is written in (programme.translations)

    @classmethod
    def of(cls, segment: Segment) -> "SegmentSettings":
        """The settings a segment has now."""
        return cls(**{f.name: getattr(segment, f.name) for f in fields(cls)})


def _clean(settings: SegmentSettings) -> SegmentSettings:
    values = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        values[f.name] = (value.strip() or None) if isinstance(value, str) else value
    values["title"], values["slug"] = values["title"] or "", values["slug"] or ""
    return SegmentSettings(**values)


def check_settings(settings: SegmentSettings, segment: Segment | None = None) -> dict[str, str]:
    """Every problem with these settings, by field (empty when they can be saved)."""
    s, problems = settings, {}
    if not s.title or len(s.title) > 300:
        problems["title"] = _("give the segment a title (at most 300 characters)")
    if segment is None:
        if not SLUG_RE.match(s.slug):
            problems["slug"] = _("a-z, 0-9 and -, e.g. ecosoc-2021-integration-segment")
        elif db.session.scalar(select(Segment.id).where(Segment.slug == s.slug)):
            problems["slug"] = _("%(slug)s is already used by another segment", slug=s.slug)
    try:
        get_zone(s.timezone or "")
    except TimezoneError as exc:
        problems["timezone"] = str(exc)
    else:
        if segment is not None and s.timezone != segment.timezone and segment.sessions:
            problems["timezone"] = _("the sessions were typed in %(zone)s; a new zone would move every "
                                     "one of them (duplicate the segment instead)", zone=segment.timezone)
    if s.end_date < s.start_date:
        problems["end_date"] = _("%(end)s is before the start date %(start)s", end=s.end_date,
                                 start=s.start_date)
    elif (s.end_date - s.start_date).days >= MAX_DAYS:
        problems["end_date"] = _("a segment lasts at most %(days)s days", days=MAX_DAYS)
    if s.civil_end <= s.civil_start:
        problems["civil_end"] = _("the end of civil hours must be after their start")
    elif "timezone" not in problems and "end_date" not in problems:
        problem = _civil_problem(s)
        if problem:
            problems["civil_start"] = problem
    if not 0 <= s.unconfirmed_days <= 365:
        problems["unconfirmed_days"] = _("a whole number of days from 0 to 365")
    if not 0 <= s.statements_due_hours <= MAX_DUE_HOURS:
        problems["statements_due_hours"] = _("a whole number of hours from 0 to %(max)s", max=MAX_DUE_HOURS)
    if s.contact_email and (len(s.contact_email) > 320 or not EMAIL_RE.match(s.contact_email)):
        problems["contact_email"] = _("%(value)s is not an e-mail address", value=repr(s.contact_email))
    if s.contact_name and len(s.contact_name) > 300:
        problems["contact_name"] = _("at most %(n)s characters", n=300)
    if s.contact_phone and len(s.contact_phone) > 80:
        problems["contact_phone"] = _("at most %(n)s characters", n=80)
    if s.compilation_symbol:
        try:
            parse_symbol(s.compilation_symbol)
        except SymbolError as exc:
            problems["compilation_symbol"] = str(exc)
    if s.theme and len(s.theme) > 1000:
        problems["theme"] = _("at most %(n)s characters", n=1000)
    problem = language_problem(s.original_language, segment)
    if problem:
        problems["original_language"] = problem
    return problems


def _civil_problem(s: SegmentSettings) -> str | None:
    """A civil-hours limit that does not exist (or happens twice) on one of the segment's days."""
    day = s.start_date
    while day <= s.end_date:
        for limit in (s.civil_start, s.civil_end):
            try:
                to_utc(datetime.combine(day, limit), s.timezone)
            except LocalTimeError as exc:
                return str(exc)
        day += timedelta(days=1)
    return None


def _apply(segment: Segment, settings: SegmentSettings) -> None:
    for f in fields(settings):
        if f.name != "slug" or segment.slug is None:
            setattr(segment, f.name, getattr(settings, f.name))


def create_segment(settings: SegmentSettings, by: str) -> Segment:
    """A new, unpublished segment with the default reminder policies; SettingsError if refused."""
    settings = _clean(settings)
    problems = check_settings(settings)
    if problems:
        raise SettingsError(problems)
    segment = Segment(published=False)
    _apply(segment, settings)
    db.session.add(segment)
    db.session.flush()
    segment_created.send(segment, source=None)
    record(segment, by, f"created the segment {segment.title}")
    save_programme(segment)
    return segment


def update_settings(segment: Segment, settings: SegmentSettings, by: str) -> list[str]:
    """Save a segment's settings (its slug stays); returns the fields that changed."""
    settings = _clean(settings)
    settings.slug = segment.slug
    problems = check_settings(settings, segment)
    if problems:
        raise SettingsError(problems)
    before = SegmentSettings.of(segment)
    changed = [f.name for f in fields(settings) if getattr(before, f.name) != getattr(settings, f.name)]
    _apply(segment, settings)
    if changed:
        record(segment, by, "settings changed: " + ", ".join(n.replace("_", " ") for n in changed))
    save_programme(segment)
    return changed


def shifted_start(start: datetime, zone: str, days: int) -> datetime:
    """The instant `days` whole days later at the same HQ wall-clock time (DST-aware)."""
    wall = to_zone(start, zone).replace(tzinfo=None) + timedelta(days=days)
    return to_utc(wall, zone)


def duplicate_segment(source: Segment, slug: str, title: str, start_date: date, by: str) -> Segment:
    """A copy starting on start_date: sessions at the same HQ wall-clock times, as drafts.

    People, participations and translations are kept (answers reset to invited); invitations, reminder
    deliveries, history, documents and key messages are not copied; the copy is unpublished.
    """
    settings = _clean(SegmentSettings.of(source))
    days = (start_date - source.start_date).days
    settings.slug, settings.title = (slug or "").strip(), (title or "").strip()
    settings.start_date = start_date
    settings.end_date = source.end_date + timedelta(days=days)
    settings.compilation_symbol = settings.compilation_date = None  # the copy's is a new document
    problems = check_settings(settings)
    starts: dict[int, datetime] = {}
    for s in source.sessions:
        try:
            starts[s.id] = shifted_start(s.start, source.timezone, days)
        except LocalTimeError as exc:
            problems.setdefault("start_date", _("session %(code)s cannot keep its time: %(error)s",
                                                code=s.code, error=exc))
    if problems:
        raise SettingsError(problems)
    copy = Segment(published=False, description=source.description)
    _apply(copy, settings)
    db.session.add(copy)
    copies: dict[int, Session] = {}
    with db.session.no_autoflush:  # the source's tags and people load while copies are half made
        for s in source.sessions:
            copies[s.id] = _copy_session(s, copy, starts[s.id])
    for s in source.sessions:
        if s.parent_id in copies:
            copies[s.id].parent = copies[s.parent_id]
    db.session.flush()
    segment_created.send(copy, source=source)
    record(copy, by, f"duplicated from {source.slug}, {days:+d} days")
    save_programme(copy)
    return copy


def _copy_session(s: Session, segment: Segment, start: datetime) -> Session:
    copy = Session(
        segment=segment, code=s.code, title=s.title, kind=s.kind, description=s.description,
        start=start, duration_minutes=s.duration_minutes, status="draft",
        platform=s.platform, join_url=s.join_url, meeting_id=s.meeting_id,
        passcode=s.passcode, dial_in=s.dial_in, interpretation=list(s.interpretation or []),
        webcast_url=s.webcast_url, revision=0, tags=list(s.tags),
        translations=[SessionTranslation(language=t.language, title=t.title, description=t.description)
                      for t in s.translations],
        **{name: getattr(s, name) for name in CONTACT_FIELDS},
        **{name: getattr(s, name) for name in ACCESS_FIELDS},
        participations=[Participation(person_id=p.person_id, role=p.role, position=p.position,
                                      minutes=p.minutes, status="invited")
                        for p in s.participations])
    db.session.add(copy)
    return copy
