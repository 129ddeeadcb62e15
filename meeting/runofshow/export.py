"""Run-of-show outputs: the print page, PDF (WeasyPrint), XLSX (openpyxl) and CSV.

All four format the same Sheet rows computed by runofshow.build_sheet().
"""

import csv
import io

from flask import render_template
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import HTML

from meeting.lib.text import xml_safe
from meeting.lib.timezones import to_zone
from meeting.models import utcnow

from .cues import Sheet

COLUMNS = ["#", "Start (HQ)", "Start (UTC)", "Offset (min)", "Minutes", "Hard start", "Who",
           "What", "Answer", "Their time", "Their zone", "Latest start (HQ)", "Slack (min)",
           "Floor", "Connection", "Fallback", "Backup phone", "Tech cue", "Notes", "Actual start",
           "Over/under"]
WIDTHS = (4, 17, 17, 8, 8, 8, 40, 24, 11, 17, 18, 17, 8, 6, 12, 24, 18, 16, 30, 12, 10)
DATETIME_COLUMNS = ("B", "C", "J", "L")
HEADER_ROW = 6
# Session columns closing every CSV row: the labels of Sheet.access, after interpretation.
ACCESS_COLUMNS = ["Interpretation", "Interpretation platform", "Live captions (CART)"]


def _answer(row) -> str:
    """The speaker's answer, so an unconfirmed or declined one stands out; '' for other cues."""
    participation = row.cue.participation
    return participation.status if participation is not None else ""


def _access(codes: list[str], text: str, empty: str = "none") -> str:
    """'en, fr · https://…' for an access line of the XLSX and CSV; `empty` when not set."""
    return " · ".join(v for v in (", ".join(codes), text) if v) or empty


def render_html(sheets: list[Sheet], title: str, for_pdf: bool = False, back_url: str = "",
                downloads: list[tuple[str, str]] | None = None, cover: list | None = None) -> str:
    """The printable page: a cover if given (a day booklet's), then one session per page."""
    return render_template("print/runofshow.html", sheets=sheets, title=title, for_pdf=for_pdf,
                           printed_at=utcnow(), back_url=back_url, downloads=downloads or [],
                           cover=cover or [])


def pdf_bytes(sheets: list[Sheet], title: str, cover: list | None = None) -> bytes:
    """The same page as PDF; the stylesheet is inline, so nothing is fetched."""
    return HTML(string=render_html(sheets, title, for_pdf=True, cover=cover)).write_pdf()


def _append(ws, values: list) -> None:
    """A worksheet row; openpyxl refuses control characters in a cell, so they are dropped."""
    ws.append([xml_safe(v) for v in values])


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    """A workbook, one worksheet per session: typed cells, frozen header, filter, A4 landscape."""
    book = Workbook()
    book.remove(book.active)
    as_of = utcnow()
    for sheet in sheets:
        s = sheet.session
        zone = sheet.hq_zone
        ws = book.create_sheet(title=s.code[:31])
        start = sheet.rows[0].start_hq if sheet.rows else None
        _append(ws, [f"{s.code} · {s.title}" + (f" · {start:%A %d %B %Y}" if start else "")])
        ws["A1"].font = Font(bold=True, size=13)
        _append(ws, ["Headquarters zone", zone, "Slot (minutes)", s.duration_minutes,
                     "Sheet revision", sheet.revision, "As of (HQ)",
                     to_zone(sheet.as_of, zone).replace(tzinfo=None),
                     "Printed (HQ)", to_zone(as_of, zone).replace(tzinfo=None)])
        _append(ws, ["Platform", s.platform or "", "Meeting ID", s.meeting_id or "",
                     "Passcode", s.passcode or "", "Dial-in", s.dial_in or "",
                     "Expected end (HQ)", to_zone(sheet.expected_end, zone).replace(tzinfo=None)])
        for cell in ("H2", "J2", "J3"):
            ws[cell].number_format = "yyyy-mm-dd hh:mm"
        checks = "; ".join(f"{to_zone(c.start, zone):%H:%M}–{to_zone(c.end, zone):%H:%M}"
                           for c in s.tech_checks)
        _append(ws, ["Interpretation", ", ".join(s.interpretation or []) or "none",
                     "Over/under (min)", sheet.over_under_minutes, "Led by", "; ".join(sheet.leads),
                     "Tech check (HQ)", checks or "none",
                     *[v for label, codes, text in sheet.access for v in (label, _access(codes, text))]])
        # The same labels on every sheet, set or not, so a column always holds the same thing.
        _append(ws, ["Secretariat", sheet.segment.contact_text, "Host", s.host_text,
                     "Producer", s.producer_text])
        _append(ws, COLUMNS)
        for cell in ws[HEADER_ROW]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            c = row.cue
            _append(ws, [
                row.number,
                row.start_hq.replace(tzinfo=None),
                row.start_utc.replace(tzinfo=None),
                row.offset_minutes,
                c.minutes,
                "yes" if c.hard_start else "",
                c.who, c.what, _answer(row),
                row.local.replace(tzinfo=None) if row.local else None,
                row.local_zone or "",
                row.latest_hq.replace(tzinfo=None),
                row.slack_minutes,
                (c.floor_language or "").upper(), c.connection or "", c.fallback or "",
                row.backup_phone or "", c.tech_cue or "", c.notes or "", None, None,
            ])
            r = ws.max_row
            for col in DATETIME_COLUMNS:
                ws[f"{col}{r}"].number_format = "yyyy-mm-dd hh:mm"
        last = get_column_letter(len(COLUMNS))
        for n, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(n)].width = width
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
        # The header and the cue numbers stay in view; the header repeats on every printed page.
        ws.freeze_panes = f"B{HEADER_ROW + 1}"
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(ws.max_row, HEADER_ROW + 1)}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(sheets: list[Sheet]) -> str:
    """The rows as CSV: instants as ISO 8601 with their offset, minutes as integers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # The session's interpretation and access services close each row (every cue of the session).
    writer.writerow(["Session", *COLUMNS, *ACCESS_COLUMNS])
    for sheet in sheets:
        access = [_access(list(sheet.session.interpretation or []), "", ""),
                  *(_access(codes, text, "") for _label, codes, text in sheet.access)]
        for row in sheet.rows:
            c = row.cue
            writer.writerow([
                sheet.session.code, row.number, row.start_hq.isoformat(),
                row.start_utc.isoformat(), row.offset_minutes, c.minutes,
                "yes" if c.hard_start else "", c.who, c.what, _answer(row),
                row.local.isoformat() if row.local else "", row.local_zone or "",
                row.latest_hq.isoformat(), row.slack_minutes,
                c.floor_language or "", c.connection or "", c.fallback or "",
                row.backup_phone or "", c.tech_cue or "", c.notes or "", "", "", *access,
            ])
    return out.getvalue()
