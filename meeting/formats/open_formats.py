"""The programme in open formats for other tools: the JSON of the read API, and CSV.

Every builder here takes `PublicSession` rows from `load_public_sessions` (never ORM
sessions), so a passcode, a dial-in code, a join link or an e-mail address cannot reach a
file: they are not even selected. Builders are pure; the views pass the absolute URLs in.
Cancelled sessions stay in, with status "cancelled", so a consumer learns about them.
The frab schedule formats (schedule.xml, schedule.json) are in meeting.formats.frab.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from meeting.lib.text import text_blocks
from meeting.lib.timezones import UTC, to_zone
from meeting.models import Segment
from meeting.programme.public import PublicSession, PublicSpeaker

# The public word for each session status: "draft" reads as unpublished to the public,
# and the programme page shows such sessions as provisional.
SESSION_STATUS = {"draft": "provisional", "confirmed": "confirmed", "cancelled": "cancelled"}
# Declined people are never loaded; "invited" is someone who has not confirmed yet.
SPEAKER_STATUS = {"invited": "to be confirmed", "confirmed": "confirmed"}
CSV_HEADER = (
    "code", "title", "kind", "status", "date", "start", "end", "timezone", "start_utc",
    "end_utc", "duration_minutes", "speakers", "tags", "interpretation", "platform",
    "webcast_url", "url", "description",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportLinks:
    """Absolute URLs the builders put into documents (they never build URLs themselves)."""

    programme: str
    session: Callable[[str], str]
    session_ics: Callable[[str], str]
    formats: dict[str, str] = field(default_factory=dict)


def utc_text(instant: datetime) -> str:
    """'2020-07-06T13:30:00Z'."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(instant: datetime, zone: str) -> str:
    """'2020-07-06T09:30:00-04:00': wall-clock time in `zone` with its offset then."""
    return to_zone(instant, zone).isoformat(timespec="seconds")


def plain_text(text: str | None) -> str:
    """Description as plain text: paragraphs apart by a blank line, hard line wraps undone."""
    return "\n\n".join(text_blocks(text))


def segment_json(segment: Segment, links: ExportLinks) -> dict:
    """A segment as the API describes it: dates in its HQ zone, changed_at in UTC."""
    return {
        "slug": segment.slug,
        "title": segment.title,
        "theme": segment.theme,
        "timezone": segment.timezone,
        "start_date": segment.start_date.isoformat(),
        "end_date": segment.end_date.isoformat(),
        "changed_at": utc_text(segment.changed_at),
        "url": links.programme,
        "links": dict(links.formats),
    }


def speaker_json(speaker: PublicSpeaker) -> dict:
    """One person in a session, with only public columns."""
    organization = None
    if speaker.organization_key:
        organization = {"key": speaker.organization_key, "name": speaker.organization_name,
                        "acronym": speaker.organization_acronym}
    return {
        "key": speaker.key,
        "name": speaker.name,
        "display_name": speaker.display_name,
        "honorific": speaker.honorific,
        "position": speaker.position,
        "role": speaker.role,
        "role_label": speaker.role_label,
        "order": speaker.order,
        "status": SPEAKER_STATUS[speaker.status],
        "organization": organization,
    }


def session_json(session: PublicSession, zone: str, links: ExportLinks) -> dict:
    """One session: UTC times, the same in the HQ zone with offset, tags, speakers in order."""
    cancelled = session.status == "cancelled"
    return {
        "code": session.code,
        "title": session.title,
        "kind": session.kind,
        "status": SESSION_STATUS[session.status],
        "description": plain_text(session.description) or None,
        "start_utc": utc_text(session.start),
        "end_utc": utc_text(session.end),
        "start_local": local_text(session.start, zone),
        "end_local": local_text(session.end, zone),
        "duration_minutes": session.duration_minutes,
        "platform": session.platform,
        "interpretation": list(session.interpretation or []),
        "webcast_url": session.webcast_url,
        "updated_at": utc_text(session.updated_at),
        "tags": [{"code": t.code, "vocabulary": t.vocabulary, "number": t.number, "label": t.label}
                 for t in session.tags],
        "speakers": [speaker_json(s) for s in session.speakers],
        "url": links.session(session.code),
        # A cancelled session has no calendar file: calendars drop it.
        "ics_url": None if cancelled else links.session_ics(session.code),
    }


def programme_json(segment: Segment, sessions: list[PublicSession], links: ExportLinks) -> dict:
    """The segment and every public session, cancelled ones included, in time order."""
    return {
        "segment": segment_json(segment, links),
        "sessions": [session_json(s, segment.timezone, links) for s in sessions],
    }


def neutralize_cell(value) -> str:
    """A cell a spreadsheet shows as text: one that looks like a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(session: PublicSession, zone: str, links: ExportLinks) -> list[str]:
    """One session as a CSV row, in CSV_HEADER's order, every cell neutralized."""
    start, end = to_zone(session.start, zone), to_zone(session.end, zone)
    speakers = "; ".join(
        f"{s.role_label}: {s.with_organization}"
        + (" (to be confirmed)" if s.status == "invited" else "")
        for s in session.speakers)
    cells = [
        session.code, session.title, session.kind, SESSION_STATUS[session.status],
        start.date().isoformat(), f"{start:%H:%M}", f"{end:%H:%M}", zone,
        utc_text(session.start), utc_text(session.end), session.duration_minutes, speakers,
        "; ".join(t.label for t in session.tags), ", ".join(session.interpretation or []),
        session.platform, session.webcast_url, links.session(session.code),
        plain_text(session.description),
    ]
    return [neutralize_cell(c) for c in cells]


def programme_csv(segment: Segment, sessions: list[PublicSession], links: ExportLinks) -> bytes:
    """One row per session under a fixed header; UTF-8 with a BOM so Excel reads it right."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for session in sessions:
        writer.writerow(csv_row(session, segment.timezone, links))
    return out.getvalue().encode("utf-8-sig")
