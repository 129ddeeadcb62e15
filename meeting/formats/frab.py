"""The programme in the frab schedule format that conference schedule apps read.

schedule.xml validates against the frab schedule XSD (tests/data/frab-schedule.xsd);
schedule.json has the shape of c3voc's schedule.json. Both are built from `PublicSession`
rows only. frab has no status, so cancelled sessions are left out (apps would show them as
happening); the JSON API and CSV keep them. Days and times are in the segment's HQ zone.

Identifiers, stable across databases and exports:
- event guid: the uuid5 of the session's calendar UID (meeting.formats.ical.session_uid without
  "@meeting"), so an app can match an event with the calendar entry;
- event id: the session's database id (a positive integer frab requires);
- person id: a positive 31-bit integer from a SHA-256 of the person's key (people have no
  public numeric id); person guid: a uuid5 of the key. Both stay the same when the
  programme changes, which numbering people by first appearance would not.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib.metadata import PackageNotFoundError, version
from math import gcd

from lxml import etree

from meeting.lib.symbols import symbol_url
from meeting.lib.text import xml_safe
from meeting.lib.timezones import UTC, to_utc, to_zone
from meeting.models import Segment
from meeting.programme.public import PublicSession

from .common import ExportLinks, plain_text
from .ical import UID_NAMESPACE

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
DEFAULT_ROOM = "Online"
LANGUAGE = "en"
try:
    GENERATOR_VERSION = version("meeting")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    GENERATOR_VERSION = "0"


@dataclass
class FrabDay:
    """One HQ calendar day: its bounds (aware, HQ zone) and its events per room."""

    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[PublicSession]]


def session_guid(segment_slug: str, code: str) -> str:
    """The session's UUID: the same uuid5 as its calendar UID (meeting.formats.ical.session_uid)."""
    return str(uuid.uuid5(UID_NAMESPACE, f"session/{segment_slug}/{code}"))


def person_id(key: str) -> int:
    """A stable positive integer for a person (1 … 2**31 - 1) from a hash of their key."""
    digest = hashlib.sha256(f"person/{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def person_guid(key: str) -> str:
    """A stable UUID for a person, from their key."""
    return str(uuid.uuid5(UID_NAMESPACE, f"person/{key}"))


def conference_acronym(segment: Segment) -> str:
    """The slug with underscores: frab acronyms allow a hyphen only before a year suffix."""
    return segment.slug.replace("-", "_")


def room_name(session: PublicSession) -> str:
    """The virtual channel stands in for frab's room."""
    return session.platform or DEFAULT_ROOM


def event_slug(segment: Segment, session: PublicSession) -> str:
    """Unique per export (it carries the id), lower case letters, digits, _ and -."""
    code = re.sub(r"[^a-z0-9]+", "_", session.code.lower()).strip("_")
    return f"{conference_acronym(segment)}-{session.id}" + (f"-{code}" if code else "")


def event_track(session: PublicSession) -> str:
    """The first entry point the session is tagged with, else its kind."""
    for tag in session.tags:
        if tag.vocabulary == "entry-point":
            return tag.label
    return session.kind.replace("-", " ").capitalize()


def hours_minutes(minutes: int) -> str:
    """90 → '01:30'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def speakers_text(session: PublicSession) -> str:
    """'Moderator: …' then 'Panelists: …; …', one role a line: frab persons carry no role."""
    return "\n".join(f"{label}: {'; '.join(s.with_organization for s in people)}"
                     for label, people in session.role_groups())


def frab_days(segment: Segment, sessions: list[PublicSession]) -> list[FrabDay]:
    """Every day from the segment's start to its end (and any day with a session outside
    them), each with its non-cancelled sessions per room in time order."""
    zone = segment.timezone
    by_date: dict[date, list[PublicSession]] = {}
    for session in sorted((s for s in sessions if s.status != "cancelled"),
                          key=lambda s: (s.start, s.code)):
        by_date.setdefault(to_zone(session.start, zone).date(), []).append(session)
    dates = {segment.start_date + timedelta(days=n)
             for n in range((segment.end_date - segment.start_date).days + 1)} | set(by_date)
    days = []
    for index, day in enumerate(sorted(dates), start=1):
        todays = by_date.get(day, [])
        if todays:
            start = to_zone(todays[0].start, zone)
            end = to_zone(max(s.end for s in todays), zone)
        else:
            start = to_zone(to_utc(datetime.combine(day, time()), zone, lenient=True), zone)
            end = to_zone(to_utc(datetime.combine(day + timedelta(days=1), time()), zone,
                                 lenient=True), zone)
        rooms: dict[str, list[PublicSession]] = {}
        for session in todays:
            rooms.setdefault(room_name(session), []).append(session)
        days.append(FrabDay(index, day, start, end, rooms))
    return days


def timeslot_minutes(segment: Segment, sessions: list[PublicSession]) -> int:
    """The grid step that fits every shown start and length (at least 5, at most 60 minutes)."""
    step = 0
    for session in (s for s in sessions if s.status != "cancelled"):
        local = to_zone(session.start, segment.timezone)
        step = gcd(step, local.hour * 60 + local.minute, session.duration_minutes)
    return min(max(step or 15, 5), 60)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def schedule_version(segment: Segment) -> str:
    """The segment's changed_at in UTC to the microsecond: it moves on every change."""
    return segment.changed_at.astimezone(UTC).isoformat()


def _event_fields(segment: Segment, session: PublicSession) -> dict:
    local = to_zone(session.start, segment.timezone)
    return {
        "date": _iso(local),
        "start": f"{local:%H:%M}",
        "duration": hours_minutes(session.duration_minutes),
        "room": room_name(session),
        "slug": event_slug(segment, session),
        "title": session.title,
        "subtitle": "",
        "track": event_track(session),
        "type": session.kind,
        "language": LANGUAGE,
        "abstract": plain_text(session.description),
        "description": speakers_text(session),
    }


def _persons(session: PublicSession) -> list[tuple[str, str]]:
    """(key, public name) once per person (one can hold two roles in a session)."""
    seen: dict[str, str] = {}
    for speaker in session.speakers:
        seen.setdefault(speaker.key, speaker.with_organization)
    return list(seen.items())


def schedule_xml(segment: Segment, sessions: list[PublicSession]) -> bytes:
    """frab schedule.xml; `version` is the segment's changed_at so apps see every change."""
    days = frab_days(segment, sessions)
    root = etree.Element("schedule")
    etree.SubElement(root, "version").text = schedule_version(segment)
    conference = etree.SubElement(root, "conference")
    for tag, text in (("title", segment.title), ("acronym", conference_acronym(segment)),
                      ("start", days[0].date.isoformat()), ("end", days[-1].date.isoformat()),
                      ("days", str(len(days))),
                      ("timeslot_duration", hours_minutes(timeslot_minutes(segment, sessions)))):
        etree.SubElement(conference, tag).text = xml_safe(text)
    for day in days:
        day_el = etree.SubElement(root, "day", index=str(day.index), date=day.date.isoformat(),
                                  start=_iso(day.start), end=_iso(day.end))
        for name, events in day.rooms.items():
            room_el = etree.SubElement(day_el, "room", name=xml_safe(name))
            for session in events:
                room_el.append(_xml_event(segment, session))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_event(segment: Segment, session: PublicSession) -> etree._Element:
    event = etree.Element("event", id=str(session.id), guid=session_guid(segment.slug, session.code))
    for tag, text in _event_fields(segment, session).items():
        etree.SubElement(event, tag).text = xml_safe(text)
    persons = etree.SubElement(event, "persons")
    for key, name in _persons(session):
        etree.SubElement(persons, "person", id=str(person_id(key))).text = xml_safe(name)
    links = etree.SubElement(event, "links")
    if session.webcast_url:
        etree.SubElement(links, "link", href=session.webcast_url).text = "Webcast"
    if session.symbol:
        etree.SubElement(links, "link", href=symbol_url(session.symbol)).text = session.symbol
    return event


def schedule_json(segment: Segment, sessions: list[PublicSession], links: ExportLinks) -> dict:
    """frab schedule.json in c3voc's shape (https://c3voc.de/schedule/schema.json)."""
    days = frab_days(segment, sessions)
    room_names = list(dict.fromkeys(name for day in days for name in day.rooms))
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "meeting", "version": GENERATOR_VERSION},
        "schedule": {
            "version": schedule_version(segment),
            "base_url": links.programme,
            "conference": {
                "acronym": conference_acronym(segment),
                "title": segment.title,
                "start": days[0].date.isoformat(),
                "end": days[-1].date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": hours_minutes(timeslot_minutes(segment, sessions)),
                "time_zone_name": segment.timezone,
                "url": links.programme,
                "rooms": [{"name": name, "guid": str(uuid.uuid5(UID_NAMESPACE,
                                                                 f"room/{segment.slug}/{name}"))}
                          for name in room_names],
                "days": [{
                    "index": day.index,
                    "date": day.date.isoformat(),
                    "day_start": _iso(day.start),
                    "day_end": _iso(day.end),
                    "rooms": {name: [_json_event(segment, s, links) for s in events]
                              for name, events in day.rooms.items()},
                } for day in days],
            },
        },
    }


def _json_event(segment: Segment, session: PublicSession, links: ExportLinks) -> dict:
    return {
        "guid": session_guid(segment.slug, session.code),
        "id": session.id,
        **_event_fields(segment, session),
        "url": links.session(session.code),
        "persons": [{"id": person_id(key), "guid": person_guid(key), "public_name": name}
                    for key, name in _persons(session)],
        "links": ([{"url": session.webcast_url, "title": "Webcast"}] if session.webcast_url else [])
        + ([{"url": symbol_url(session.symbol), "title": session.symbol}] if session.symbol else []),
    }
