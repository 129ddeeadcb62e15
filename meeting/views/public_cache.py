"""Conditional GET for public pages and exports: ETag and Last-Modified from the segment.

`segment.changed_at` moves on every change to anything a segment's public pages show
(meeting.programme.changes), so it versions them all. The check runs before any page work: a
client that has the current version gets a 304 after one query.

The ETag also names the page's language (views/languages.py), the host (pages and exports
carry absolute links), the path with its query string, and who is logged in: the site
header shows an organizer's address and a log-out form, so their copy must never be
confirmed to an anonymous visitor, or the reverse.
"""

from datetime import datetime
from functools import wraps

from flask import Response, abort, g, make_response, request
from flask_login import current_user

from meeting.lib.locales import current_language
from meeting.models import Segment
from meeting.site.publishing import find_published_segment

from .calendar_responses import make_etag


def _viewer() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else "public"


def public_etag(segment: Segment, *parts) -> str:
    """The ETag of one public page or export of a segment (parts: what else it depends on)."""
    return make_etag("public", segment.id, segment.changed_at.isoformat(), request.host_url,
                     request.full_path, _viewer(), current_language(), *parts)


def revalidate(segment: Segment, *parts) -> tuple[str, Response | None]:
    """This request's ETag, and a 304 to answer at once when the client has this version."""
    etag = public_etag(segment, *parts)
    return etag, not_modified_since(segment.changed_at, etag)


def not_modified_since(changed: datetime | None, etag: str) -> Response | None:
    """A 304 when the client's copy (by ETag, else by date) is current, else None."""
    fresh = (request.if_none_match.contains(etag) if request.if_none_match
             else changed is not None and request.if_modified_since is not None
             and request.if_modified_since >= changed.replace(microsecond=0))
    if not fresh:
        return None
    return _validators(Response(status=304), changed, etag)


def with_validators(response, changed: datetime | None, etag: str) -> Response:
    """Mark a public response with its ETag and Last-Modified; browsers revalidate each time."""
    return _validators(make_response(response), changed, etag)


def _validators(response: Response, changed: datetime | None, etag: str) -> Response:
    response.set_etag(etag)
    if changed is not None:
        response.last_modified = changed
    # A logged-in organizer's copy names them: no shared cache may keep it.
    response.headers["Cache-Control"] = ("private, no-cache" if current_user.is_authenticated
                                         else "no-cache")
    return response


def published_view(view=None, *, vary=None):
    """A public view of one segment: 404 unless published, 304 when the client is current.

    The view is called as view(segment, **url_values) only when a full answer is owed; the
    ETag is in g.public_etag, and its response gets the ETag and Last-Modified. `vary(segment)`
    names what else the answer depends on (the programme page: today's date at headquarters).
    """
    if view is None:
        return lambda inner: published_view(inner, vary=vary)

    @wraps(view)
    def answer(slug: str, **values):
        segment = find_published_segment(slug) or abort(404)
        etag, cached = revalidate(segment, request.endpoint, *(vary(segment) if vary else ()))
        if cached is not None:
            return cached
        g.public_etag = etag
        return with_validators(view(segment, **values), segment.changed_at, etag)
    return answer
