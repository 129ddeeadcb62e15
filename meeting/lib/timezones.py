"""Time zones: UTC ↔ HQ ↔ a person's zone, DST-safe, and civil-hours checks."""

import difflib
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import gettext as _

from .locales import format_instant

UTC = timezone.utc
DEFAULT_CIVIL_START = time(7, 0)
DEFAULT_CIVIL_END = time(22, 0)

# Names people type that are not IANA zones, with the zone they mean.
ZONE_HINTS = {
    "Europe/Geneva": "Europe/Zurich",
    "Europe/Geneve": "Europe/Zurich",
    "America/New_York_City": "America/New_York",
    "America/Washington": "America/New_York",
    "Africa/Addis-Ababa": "Africa/Addis_Ababa",
    "Asia/Delhi": "Asia/Kolkata",
    "Asia/Mumbai": "Asia/Kolkata",
    "Asia/Beijing": "Asia/Shanghai",
    "Europe/The_Hague": "Europe/Amsterdam",
    "America/Washington_DC": "America/New_York",
    "Africa/Geneva": "Europe/Zurich",
}


class TimezoneError(ValueError):
    """A zone name that is not an IANA time zone."""


class LocalTimeError(ValueError):
    """A wall-clock time that does not exist, or exists twice, in a zone."""


@lru_cache(maxsize=None)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=None)
def get_zone(name: str) -> ZoneInfo:
    """Return the ZoneInfo for an IANA name, or raise TimezoneError with a hint."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise TimezoneError(_("%(name)s is not a time zone name", name=repr(name)))
    if name in ZONE_HINTS:
        raise TimezoneError(
            _("unknown time zone %(name)s: did you mean %(hint)s?", name=repr(name),
              hint=repr(ZONE_HINTS[name]))
            + (_(" (Geneva is in Europe/Zurich)") if "Gene" in name else "")
        )
    if name not in _zone_names():
        close = difflib.get_close_matches(name, sorted(_zone_names()), n=1, cutoff=0.75)
        if close:
            raise TimezoneError(_("unknown time zone %(name)s: did you mean %(hint)s?", name=repr(name),
                                  hint=repr(close[0])))
        raise TimezoneError(_("unknown time zone %(name)s (use an IANA name such as Europe/Rome)",
                              name=repr(name)))
    try:
        # Cached (errors are not): ZoneInfo itself keeps only a few zones strongly
        # referenced, and a programme with speakers in a dozen zones re-read the tz files
        # for almost every conversion (bench/conflict_timing.py).
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as exc:  # listed but no data: broken tzdata install
        raise TimezoneError(f"no data for time zone {name!r}") from exc


def to_utc(local: datetime, zone_name: str, lenient: bool = False) -> datetime:
    """Turn a naive wall-clock time in `zone_name` into an aware UTC instant.

    Refuses times skipped by a spring-forward change and times that occur twice on a
    fall-back day, because guessing would put a speaker an hour off. `lenient` (for day
    boundaries in queries, never for a time someone typed) takes the earlier reading.
    """
    if local.tzinfo is not None:
        raise ValueError("to_utc expects a wall-clock (naive) time")
    zone = get_zone(zone_name)
    first = local.replace(tzinfo=zone, fold=0)
    if lenient:
        return first.astimezone(UTC)
    second = local.replace(tzinfo=zone, fold=1)
    shown = local.strftime("%Y-%m-%d %H:%M")
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if back != local:
            raise LocalTimeError(_(
                "%(time)s does not exist in %(zone)s: the clocks skip it when daylight saving time "
                "starts", time=shown, zone=zone_name))
        raise LocalTimeError(_(
            "%(time)s happens twice in %(zone)s when daylight saving time ends (UTC%(first)s and "
            "UTC%(second)s); choose another time", time=shown, zone=zone_name, first=_offset(first),
            second=_offset(second)))
    return first.astimezone(UTC)


def to_zone(instant: datetime, zone_name: str) -> datetime:
    """Express an aware instant in the wall-clock time of `zone_name`."""
    if instant.tzinfo is None:
        raise ValueError("to_zone expects an aware datetime")
    return instant.astimezone(get_zone(zone_name))


def parse_local(text: str, zone_name: str) -> datetime:
    """Parse 'YYYY-MM-DD HH:MM' typed in `zone_name` and return the UTC instant."""
    return to_utc(parse_wall_clock(text), zone_name)


def parse_wall_clock(text: str) -> datetime:
    """Parse 'YYYY-MM-DD HH:MM' into a naive datetime, or raise ValueError naming the text."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except (ValueError, AttributeError):
        raise ValueError(_("%(text)s is not a time (expected YYYY-MM-DD HH:MM)", text=repr(text))) from None


def format_local(instant: datetime, zone_name: str, fmt: str = "%H:%M") -> str:
    """Format an instant in a zone, e.g. '09:00', in the current language (lib/locales.py)."""
    return format_instant(to_zone(instant, zone_name), fmt)


def zone_abbreviation(instant: datetime, zone_name: str) -> str:
    """The zone's abbreviation at that instant ('EDT'), or its UTC offset if it has none."""
    local = to_zone(instant, zone_name)
    abbr = local.tzname() or ""
    return abbr if abbr and abbr[0].isalpha() else f"UTC{_offset(local)}"


def _offset(aware: datetime) -> str:
    minutes = int(aware.utcoffset() / timedelta(minutes=1))
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


@dataclass(frozen=True)
class CivilHours:
    """Whether a session sits inside a person's waking hours, with their local times."""

    within: bool
    zone: str
    local_start: datetime
    local_end: datetime

    @property
    def outside(self) -> bool:
        """True when any part of the session falls outside waking hours."""
        return not self.within


def civil_hours(
    person,
    start: datetime,
    end: datetime,
    earliest: time = DEFAULT_CIVIL_START,
    latest: time = DEFAULT_CIVIL_END,
) -> CivilHours:
    """Tell whether [start, end) falls inside `person`'s waking hours (local `earliest`–`latest`)."""
    zone_name = person.timezone
    local_start = to_zone(start, zone_name)
    local_end = to_zone(end, zone_name)
    # Compare in wall-clock terms: a session ending exactly at `latest` is fine, one that
    # runs past local midnight is not.
    day_start = datetime.combine(local_start.date(), earliest)
    day_end = datetime.combine(local_start.date(), latest)
    naive_start = local_start.replace(tzinfo=None)
    naive_end = local_end.replace(tzinfo=None)
    within = day_start <= naive_start and naive_end <= day_end
    return CivilHours(within, zone_name, local_start, local_end)
