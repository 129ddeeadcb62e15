"""Conditional GET for public pages and exports: ETag and Last-Modified from the segment.

`segment.changed_at` moves on every change to anything a segment's public pages show
(meeting.changes), so it versions them all. The check runs before any page work: a
client that has the current version gets a 304 after one query.
"""

from flask import Response, make_response, request

from ..models import Segment
from .calendar_responses import make_etag


def public_etag(segment: Segment, *parts) -> str:
    """The ETag of one public page or export of a segment (parts: endpoint, query, ...)."""
    return make_etag("public", segment.id, segment.changed_at.isoformat(), request.full_path,
                     *parts)


def not_modified_since(segment: Segment, etag: str) -> Response | None:
    """A 304 when the client's copy (by ETag, else by date) is current, else None."""
    fresh = (request.if_none_match.contains(etag) if request.if_none_match
             else request.if_modified_since is not None
             and request.if_modified_since >= segment.changed_at.replace(microsecond=0))
    if not fresh:
        return None
    response = Response(status=304)
    return _validators(response, segment, etag)


def with_validators(response, segment: Segment, etag: str) -> Response:
    """Mark a public response with its ETag and Last-Modified; browsers revalidate each time."""
    return _validators(make_response(response), segment, etag)


def _validators(response: Response, segment: Segment, etag: str) -> Response:
    response.set_etag(etag)
    response.last_modified = segment.changed_at
    response.headers["Cache-Control"] = "no-cache"
    return response
