"""Every public export of a segment's programme, in one list.

The formats blueprint makes a route for each export that has a builder; the open-data
page, the API's `links` and the OpenAPI description read the list, so a new export is a
builder module and one entry here. Exports with a view of their own (the calendar feed,
which is built from cached events, the API, the key-message compilation) are listed
with that view's endpoint.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from meeting.lib.uploads import FILE_TYPES
from meeting.models import Segment
from meeting.programme.public import load_public_sessions

from .common import ExportLinks
from .frab import schedule_json, schedule_xml
from .programme_csv import programme_csv
from .xcal import MEDIA_TYPE as XCAL_MEDIA_TYPE
from .xcal import segment_xcal

ICALENDAR = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class Export:
    """One export: how it is named and served, and what builds it."""

    id: str  # its key in the API's links; the route's endpoint is formats.<id>
    label: str
    purpose: str
    content_type: str
    # With a builder: served at /segments/<slug>/<path>, its bytes cached per version.
    path: str | None = None
    build: Callable[[Segment, ExportLinks], bytes] | None = None
    # Without one: the endpoint of the view that serves it.
    endpoint: str | None = None
    download: bool = False  # sent as an attachment named <slug>-<path>
    cors: bool = False  # readable by scripts on any site
    subscribe: bool = False  # offered as a webcal:// subscription too

    @property
    def endpoint_name(self) -> str:
        """The Flask endpoint that answers for this export."""
        return self.endpoint or f"formats.{self.id}"


def _json_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


EXPORTS: tuple[Export, ...] = (
    Export("feed", "Calendar feed (iCalendar)",
           "Outlook, Google Calendar, Apple Calendar, Thunderbird: changes arrive by themselves",
           ICALENDAR, endpoint="public.segment_feed", subscribe=True),
    Export("ics", "Calendar file (.ics)", "a one-time import", ICALENDAR,
           endpoint="public.segment_ics"),
    Export("xcal", "Calendar as XML (xCal, RFC 6321)",
           "tools that read calendars as XML: the same events as the feed", XCAL_MEDIA_TYPE,
           path="programme.xcs", build=segment_xcal, cors=True),
    Export("programme_csv", "Spreadsheet (CSV)", "Excel, LibreOffice: one row per session",
           "text/csv; charset=utf-8", path="programme.csv", download=True,
           build=lambda seg, links: programme_csv(seg, load_public_sessions(seg), links)),
    Export("schedule_xml", "frab schedule XML", "conference schedule apps (Giggity, ConfClerk, …)",
           "application/xml", path="schedule.xml", cors=True,
           build=lambda seg, links: schedule_xml(seg, load_public_sessions(seg))),
    Export("schedule_json", "frab schedule JSON", "apps reading c3voc’s schedule.json",
           "application/json", path="schedule.json", cors=True,
           build=lambda seg, links: _json_bytes(schedule_json(seg, load_public_sessions(seg), links))),
    Export("api", "JSON API: this segment", "the programme with sessions, speakers and tags",
           "application/json", endpoint="api.segment", cors=True),
    Export("key_messages_pdf", "Key messages (PDF)",
           "the compilation for the HLPF thematic review, to print", FILE_TYPES["pdf"],
           endpoint="key_messages.pdf"),
    Export("key_messages_docx", "Key messages (Word)",
           "the compilation for the HLPF thematic review, to edit", FILE_TYPES["docx"],
           endpoint="key_messages.docx"),
)


def built_exports() -> list[Export]:
    """The exports served from their builder (one generated route each)."""
    return [e for e in EXPORTS if e.build is not None]
