"""The read API (/api/v1): published segments and their programme as JSON, and its OpenAPI
description. Public, read-only, CORS open; every error is a JSON body."""

import json

from flask import Blueprint, Response, abort, request, url_for
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException

from meeting.extensions import csrf, db
from meeting.formats.api_json import programme_json, segment_json, session_json
from meeting.formats.openapi import openapi_document
from meeting.lib.caches import LruCache
from meeting.models import Segment
from meeting.programme.public import load_public_sessions
from meeting.site.publishing import find_published_segment, list_published_segments

from .calendar_responses import make_etag
from .formats import export_links, with_cors
from .public_cache import not_modified_since, revalidate, with_validators

# The prefix is /api so that a wrong path anywhere under /api/ gets a JSON 404 too.
bp = Blueprint("api", __name__, url_prefix="/api")
V1 = "/v1"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
API_CACHE = LruCache(max_items=64)
# Nothing here changes state (every write method gets a 405), so no CSRF token to check.
csrf.exempt(bp)


@bp.after_request
def _cors(response: Response) -> Response:
    if request.method == "OPTIONS":
        response.headers["Allow"] = ", ".join(READ_METHODS)
    return with_cors(response)


def _json(document, status: int = 200) -> Response:
    return Response(json.dumps(document, ensure_ascii=False, separators=(",", ":")),
                    status=status, content_type="application/json")


def error_response(status: int, message: str) -> Response:
    """The API's error body: {"error": {"status": …, "message": …}}."""
    return _json({"error": {"status": status, "message": message}}, status)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return error_response(error.code or 500, error.description or error.name)


def _published(slug: str) -> Segment:
    return find_published_segment(slug) or abort(404, description=f"No published segment {slug!r}.")


def _segment_answer(segment: Segment, build) -> Response:
    """A JSON answer about one published segment: 304 when unchanged, else built (cached)."""
    etag, cached = revalidate(segment, "api")
    if cached is not None:
        return cached
    body = API_CACHE.get_or_build(etag, lambda: json.dumps(
        build(segment), ensure_ascii=False, separators=(",", ":")).encode())
    return with_validators(Response(body, content_type="application/json"), segment.changed_at, etag)


@bp.get(f"{V1}/segments")
def segments():
    """Every published segment, newest first."""
    found = list_published_segments()
    etag = make_etag("api-segments", request.host_url,
                     *(f"{s.id}:{s.changed_at.isoformat()}" for s in found))
    # Unpublishing moves that segment's changed_at, so the newest over all segments is when
    # this list last changed.
    changed = db.session.scalar(select(func.max(Segment.changed_at)))
    cached = not_modified_since(changed, etag)
    if cached is not None:
        return cached
    return with_validators(_json({"segments": [segment_json(s, export_links(s)) for s in found]}),
                           changed, etag)


@bp.get(f"{V1}/segments/<slug>")
def segment(slug: str):
    """A segment and its public sessions in time order, cancelled ones included."""
    return _segment_answer(_published(slug), lambda seg: programme_json(
        seg, load_public_sessions(seg), export_links(seg)))


@bp.get(f"{V1}/segments/<slug>/sessions/<code>")
def session(slug: str, code: str):
    """One public session of a published segment (tech checks do not exist here)."""
    seg = _published(slug)
    # Looked up before the 304 check: a date in If-Modified-Since must not make an unknown
    # code look like a known one.
    found = load_public_sessions(seg, codes=[code])
    if not found:
        abort(404, description=f"No session {code!r} in segment {slug!r}.")
    return _segment_answer(seg, lambda s: session_json(found[0], s.timezone, export_links(s)))


@bp.get(f"{V1}/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    server = url_for("api.segments", _external=True).removesuffix("/segments")
    body = json.dumps(openapi_document(server), ensure_ascii=False, indent=1).encode()
    etag = make_etag("openapi", body)
    cached = not_modified_since(None, etag)
    if cached is not None:
        return cached
    return with_validators(Response(body, content_type="application/json"), None, etag)


@bp.get("/")
@bp.get(f"{V1}/")
def index():
    """Where to start: the segment list and the API description."""
    return _json({"segments": url_for("api.segments", _external=True),
                  "openapi": url_for("api.openapi", _external=True)})


@bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(rest: str):
    """Anything else under /api/: a JSON 404 (or 405: the API only reads)."""
    if request.method not in READ_METHODS:
        response = error_response(405, "The API is read-only: use GET.")
        response.headers["Allow"] = ", ".join(READ_METHODS)
        return response
    return error_response(404, f"Nothing at {request.path}; see {url_for('api.openapi')}.")
