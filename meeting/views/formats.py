"""The programme as files for other tools: one route per built export of the registry.

meeting.formats.registry lists every export; this blueprint serves those with a builder
(CSV, frab schedule.xml and schedule.json, xCal …) and builds the links to all of them.
"""

from flask import Blueprint, Response, g, request, url_for

from meeting.formats.common import ExportLinks
from meeting.formats.registry import EXPORTS, Export, built_exports
from meeting.lib.caches import LruCache
from meeting.models import Segment

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
CORS_ENDPOINTS = {e.endpoint_name for e in built_exports() if e.cors}


def export_links(segment: Segment) -> ExportLinks:
    """Absolute URLs of a segment's public pages and of each of its exports."""
    slug = segment.slug
    return ExportLinks(
        programme=url_for("public.segment", slug=slug, _external=True),
        session=lambda code: url_for("public.session", slug=slug, code=code, _external=True),
        session_ics=lambda code: url_for("public.session_ics", slug=slug, code=code, _external=True),
        formats={e.id: url_for(e.endpoint_name, slug=slug, _external=True) for e in EXPORTS},
    )


def with_cors(response: Response) -> Response:
    """Allow scripts on any site to read this public, read-only answer (and preflight it)."""
    response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers.update(PREFLIGHT_HEADERS)
    return response


@bp.after_request
def _cors_for_exports(response: Response) -> Response:
    return with_cors(response) if request.endpoint in CORS_ENDPOINTS else response


def _export_view(export: Export):
    """The view of one built export: 404 unless published, 304 when current, else its bytes."""
    def view(segment: Segment) -> Response:
        body = EXPORT_CACHE.get_or_build(g.public_etag,
                                         lambda: export.build(segment, export_links(segment)))
        response = Response(body, content_type=export.content_type)
        if export.download:
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{segment.slug}-{export.path}"')
        return response
    view.__name__ = view.__qualname__ = export.id
    view.__doc__ = f"{export.label}: {export.purpose}."
    return published_view(view)


for _export in built_exports():
    bp.add_url_rule(f"/segments/<slug>/{_export.path}", endpoint=_export.id,
                    view_func=_export_view(_export), methods=["GET"])
