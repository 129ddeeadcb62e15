"""Run-of-show outputs: the print page, PDF (WeasyPrint), XLSX (openpyxl) and CSV.

All four format the same Sheet rows computed by runofshow.build_sheet().
"""

import csv
import io
from datetime import timedelta

from flask import render_template
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from weasyprint import HTML

from meeting.lib.text import xml_safe
from meeting.models import utcnow

from .cues import Sheet, local_label

COLUMNS = ["#", "Start (HQ)", "Start (UTC)", "Offset", "Minutes", "Who", "What",
           "Their time", "Their zone", "Latest start (HQ)", "Floor", "Connection", "Fallback",
           "Tech cue", "Notes", "Actual start", "Over/under"]


def render_html(sheets: list[Sheet], title: str, for_pdf: bool = False, back_url: str = "",
                downloads: list[tuple[str, str]] | None = None) -> str:
    """The printable page: one session per page, header and footer on every page."""
    return render_template("print/runofshow.html", sheets=sheets, title=title, for_pdf=for_pdf,
                           printed_at=utcnow(), back_url=back_url, downloads=downloads or [])


def pdf_bytes(sheets: list[Sheet], title: str) -> bytes:
    """The same page as PDF; the stylesheet is inline, so nothing is fetched."""
    return HTML(string=render_html(sheets, title, for_pdf=True)).write_pdf()


def _append(ws, values: list) -> None:
    """A worksheet row; openpyxl refuses control characters in a cell, so they are dropped."""
    ws.append([xml_safe(v) for v in values])


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    """A workbook, one worksheet per session, with real times and durations as values."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        s = sheet.session
        ws = book.create_sheet(title=s.code[:31])
        _append(ws, [f"{s.code} · {s.title}"])
        ws["A1"].font = Font(bold=True, size=13)
        _append(ws, ["Headquarters zone", sheet.hq_zone, "Slot (minutes)", s.duration_minutes,
                   "Revision", s.revision])
        _append(ws, ["Platform", s.platform or "", "Meeting ID", s.meeting_id or "",
                   "Passcode", s.passcode or ""])
        _append(ws, [])
        _append(ws, COLUMNS)
        for cell in ws[5]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            c = row.cue
            _append(ws, [
                row.number,
                row.start_hq.replace(tzinfo=None),
                row.start_utc.replace(tzinfo=None),
                timedelta(minutes=row.offset_minutes),
                timedelta(minutes=c.minutes),
                c.who, c.what,
                row.local.replace(tzinfo=None) if row.local else None,
                row.local_zone or "",
                row.latest_hq.replace(tzinfo=None),
                (c.floor_language or "").upper(), c.connection or "", c.fallback or "",
                c.tech_cue or "", c.notes or "", None, None,
            ])
            r = ws.max_row
            for col in ("B", "C", "H", "J"):
                ws[f"{col}{r}"].number_format = "yyyy-mm-dd hh:mm"
            for col in ("D", "E"):
                ws[f"{col}{r}"].number_format = "[h]:mm"
        for col, width in zip("ABCDEFGHIJKLMNOPQ", (4, 17, 17, 8, 8, 40, 24, 17, 18, 17, 6,
                                                    12, 24, 16, 24, 12, 10), strict=True):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=6):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(sheets: list[Sheet]) -> str:
    """The rows as CSV (times as ISO 8601 with their offset), sessions one after another."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Session", *COLUMNS])
    for sheet in sheets:
        for row in sheet.rows:
            c = row.cue
            writer.writerow([
                sheet.session.code, row.number, row.start_hq.isoformat(),
                row.start_utc.isoformat(), row.offset_minutes, c.minutes, c.who, c.what,
                local_label(row), row.local_zone or "", row.latest_hq.isoformat(),
                c.floor_language or "", c.connection or "", c.fallback or "", c.tech_cue or "",
                c.notes or "", "", "",
            ])
    return out.getvalue()
