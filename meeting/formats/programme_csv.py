"""The programme as CSV: one row per session, cancelled ones included, for spreadsheets."""

import csv
import io

from meeting.lib.timezones import to_zone
from meeting.models import Segment
from meeting.programme.public import PublicSession

from .common import SESSION_STATUS, ExportLinks, plain_text, utc_text

CSV_HEADER = (
    "code", "title", "kind", "status", "date", "start", "end", "timezone", "start_utc",
    "end_utc", "duration_minutes", "speakers", "tags", "interpretation", "platform",
    "webcast_url", "url", "description", "interpretation_platform", "captioning", "captioning_url",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
        plain_text(session.description), session.interpretation_platform,
        ", ".join(session.captioning or []), session.captioning_url,
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
