"""The programme as files for other tools: CSV, frab schedule.xml and schedule.json (public)."""

import json

from flask import Blueprint, Response, g, request, url_for

from meeting.formats.frab import schedule_json, schedule_xml
from meeting.formats.open_formats import ExportLinks, programme_csv
from meeting.lib.caches import LruCache
from meeting.models import Segment
from meeting.programme.public import load_public_sessions

from .public_cache import published_view

bp = Blueprint("formats", __name__)
# Schedule apps poll; many ignore ETags. Keep the bytes built for each version (the ETag).
EXPORT_CACHE = LruCache(max_items=32)
# Public, read-only data that other tools fetch from a browser: any origin may read it.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # ETag is not a CORS-safelisted response header: a script must be allowed to read it.
    "Access-Control-Expose-Headers": "ETag",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
CORS_ENDPOINTS = {"formats.schedule_xml", "formats.schedule_json"}


def export_links(segment: Segment) -> ExportLinks:
    """Absolute URLs of a segment's public pages and of each of its formats."""
    slug = segment.slug
    return ExportLinks(
        programme=url_for("public.segment", slug=slug, _external=True),
        session=lambda code: url_for("public.session", slug=slug, code=code, _external=True),
        session_ics=lambda code: url_for("public.session_ics", slug=slug, code=code, _external=True),
        formats={
            "api": url_for("api.segment", slug=slug, _external=True),
            "programme_csv": url_for("formats.programme_csv", slug=slug, _external=True),
            "schedule_xml": url_for("formats.schedule_xml", slug=slug, _external=True),
            "schedule_json": url_for("formats.schedule_json", slug=slug, _external=True),
            "ics": url_for("public.segment_ics", slug=slug, _external=True),
        },
    )


def with_cors(response: Response) -> Response:
    """Allow scripts on any site to read this public, read-only answer (and preflight it)."""
    response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers.update(PREFLIGHT_HEADERS)
    return response


@bp.after_request
def _cors_for_schedules(response: Response) -> Response:
    return with_cors(response) if request.endpoint in CORS_ENDPOINTS else response


def _export(segment: Segment, build, content_type: str, filename: str | None = None) -> Response:
    """One export of a published segment, its bytes kept for this version (the ETag)."""
    body = EXPORT_CACHE.get_or_build(g.public_etag, lambda: build(segment, load_public_sessions(segment)))
    response = Response(body, content_type=content_type)
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/segments/<slug>/programme.csv", endpoint="programme_csv")
@published_view
def programme_csv_file(segment: Segment):
    """One row per session (cancelled ones included), UTF-8 with BOM, as an attachment."""
    return _export(segment, lambda seg, sessions: programme_csv(seg, sessions, export_links(seg)),
                   "text/csv; charset=utf-8", filename=f"{segment.slug}-programme.csv")


@bp.get("/segments/<slug>/schedule.xml", endpoint="schedule_xml")
@published_view
def schedule_xml_file(segment: Segment):
    """frab schedule.xml for conference schedule apps (cancelled sessions left out)."""
    return _export(segment, schedule_xml, "application/xml")


@bp.get("/segments/<slug>/schedule.json", endpoint="schedule_json")
@published_view
def schedule_json_file(segment: Segment):
    """frab schedule.json in c3voc's shape (cancelled sessions left out)."""
    return _export(segment, lambda seg, sessions: _json_bytes(schedule_json(seg, sessions,
                                                                           export_links(seg))),
                   "application/json")


def _json_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
