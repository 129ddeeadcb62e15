"""The conflict engine: every problem in a segment's programme, as typed findings.

Pure (no request needed): it reads sessions, participations and people and returns findings
with a severity and the session (and person) to fix. The sentences are in the current language
(English outside a request), so the cache keeps one list per language. Overlaps are found by
sorting and sweeping (O(n log n) in the number of participations), never by comparing all pairs.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext

from meeting.lib.caches import LruCache
from meeting.lib.locales import current_language, format_instant
from meeting.lib.timezones import civil_hours, to_zone, zone_abbreviation
from meeting.models import Segment, Session

from .roles import SPEAKING_ROLES, role_label

ERROR, WARNING, NOTICE = "error", "warning", "notice"
PANEL_KINDS = ("high-level-panel", "thematic", "interactive-dialogue")
NEEDS_CHAIR_KINDS = ("opening", "high-level-panel", "thematic", "interactive-dialogue",
                     "presentation", "closing")


@dataclass(frozen=True)
class Finding:
    """One problem: what kind, how bad, where to fix it, and a sentence for the organizer."""

    kind: str
    severity: str
    message: str
    session_id: int
    session_code: str
    person_key: str | None = None


def _sweep(intervals):
    """Yield (earlier, later) for intervals that overlap, from one sort and one pass.

    Each interval is (start, end, item). The later one of each overlap is reported with the
    interval that reaches furthest among those before it, so every overlap is seen.
    """
    reaching = None
    for start, end, item in sorted(intervals, key=lambda i: (i[0], i[1])):
        if reaching is not None and start < reaching[1]:
            yield reaching[2], item
        if reaching is None or end > reaching[1]:
            reaching = (start, end, item)


def find_conflicts(segment: Segment, sessions: list[Session], now: datetime,
                   unconfirmed_days: int | None = None) -> list[Finding]:
    """Every finding for the segment, errors first, then in programme order."""
    if unconfirmed_days is None:
        unconfirmed_days = segment.unconfirmed_days
    findings: list[Finding] = []
    active = [s for s in sessions if s.status != "cancelled"]
    zone = segment.timezone
    by_person: dict[int, list] = defaultdict(list)
    by_channel: dict[tuple, list] = defaultdict(list)
    settings = (zone, segment.start_date, segment.end_date, segment.civil_start,
                segment.civil_end)
    for s in active:
        start, end, participations = s.start, s.end, s.participations
        findings += _session_findings(s, start, end, participations, settings, now,
                                      unconfirmed_days)
        for p in participations:
            if p.status != "declined":
                by_person[p.person_id].append((start, end, (s, p)))
        channel = _channel(s)
        if channel:
            by_channel[channel].append((start, end, s))
    for intervals in by_person.values():
        for (first, p), (second, _later) in _sweep(intervals):
            findings.append(Finding(
                "double-booked", ERROR,
                _("%(name)s is in %(first)s and %(second)s at the same time (%(when)s %(zone)s)",
                  name=p.person.name, first=first.code, second=second.code,
                  when=format_instant(to_zone(second.start, zone), "%a %d %b %H:%M"),
                  zone=zone_abbreviation(second.start, zone)),
                second.id, second.code, p.person.key))
    for intervals in by_channel.values():
        for first, second in _sweep(intervals):
            findings.append(Finding(
                "channel-overlap", ERROR,
                _("%(first)s and %(second)s overlap on the same virtual channel (%(channel)s)",
                  first=first.code, second=second.code,
                  channel=second.platform or second.join_url or second.meeting_id),
                second.id, second.code))
    order = {ERROR: 0, WARNING: 1, NOTICE: 2}
    start_of = {s.id: (s.start, s.code) for s in sessions}
    return sorted(findings, key=lambda f: (order[f.severity], start_of[f.session_id], f.kind))


def _channel(session: Session) -> tuple | None:
    if session.join_url:
        return ("url", session.join_url)
    if session.meeting_id:
        return ("id", session.platform or "", session.meeting_id)
    return None


def _session_findings(s: Session, start: datetime, end: datetime, participations, settings,
                      now: datetime, unconfirmed_days: int) -> list[Finding]:
    found = []
    zone, first_day, last_day, civil_start, civil_end = settings
    code, session_id, kind, duration = s.code, s.id, s.kind, s.duration_minutes

    def add(kind_, severity, message, person_key=None):
        found.append(Finding(kind_, severity, message, session_id, code, person_key))

    if (to_zone(start, zone).date() < first_day
            or to_zone(end - timedelta(seconds=1), zone).date() > last_day):
        add("outside-dates", ERROR, _("%(code)s is outside the segment's dates (%(first)s to %(last)s)",
                                      code=code, first=first_day, last=last_day))
    people = [p for p in participations if p.status != "declined"]
    roles = {p.role for p in people}
    if kind in NEEDS_CHAIR_KINDS and not roles & {"chair", "moderator"}:
        add("no-chair", WARNING, _("%(code)s has no chair or moderator", code=code))
    if kind in PANEL_KINDS and not roles & set(SPEAKING_ROLES):
        add("no-speakers", WARNING, _("%(code)s has no speakers", code=code))
    minutes = sum(p.minutes or 0 for p in people)
    if minutes > duration:
        add("over-time", WARNING, _("%(code)s: speaking time adds up to %(minutes)s minutes, the session "
                                    "has %(duration)s", code=code, minutes=minutes, duration=duration))
    soon = start - now <= timedelta(days=unconfirmed_days) and start > now
    for p in participations:
        person, status = p.person, p.status
        if status == "declined":
            add("declined", WARNING, _("%(role)s, %(name)s declined %(code)s", role=role_label(p.role),
                                       name=person.name, code=code), person.key)
            continue
        if status == "invited" and soon:
            # English has always said "1 days"; other languages get their plural forms.
            add("unconfirmed", WARNING, ngettext(
                "%(role)s, %(name)s has not confirmed %(code)s, %(num)s days before it",
                "%(role)s, %(name)s has not confirmed %(code)s, %(num)s days before it",
                max(0, (start - now).days), role=role_label(p.role), name=person.name, code=code),
                person.key)
        hours = civil_hours(person, start, end, civil_start, civil_end)
        if hours.outside:
            add("night", NOTICE, _("%(time)s in %(place)s for %(name)s (%(code)s)",
                                   time=hours.local_start.strftime("%H:%M"),
                                   place=person.timezone.split("/")[-1].replace("_", " "),
                                   name=person.name, code=code), person.key)
    return found


_CACHE = LruCache(max_items=64)


def segment_conflicts(segment: Segment, now: datetime | None = None) -> list[Finding]:
    """find_conflicts() for the whole segment, computed once per version of the programme.

    Findings change when the programme changes (segment.changed_at) and, for "unconfirmed"
    and "declined", with the day; pages and the live panel ask far more often than that.
    """
    from .queries import load_sessions  # the engine itself stays free of queries

    now = now or datetime.now(segment.changed_at.tzinfo)
    key = (segment.id, segment.changed_at, segment.unconfirmed_days, now.date(), current_language())
    return _CACHE.get_or_build(key, lambda: find_conflicts(segment, load_sessions(segment), now))
