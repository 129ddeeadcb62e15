"""Shared response helpers for .ics downloads and feeds (conditional GET)."""

import hashlib

from flask import Response, request, url_for


def webcal_url(endpoint: str, **values) -> str:
    """An absolute URL for `endpoint` with the webcal:// scheme calendar apps subscribe to."""
    url = url_for(endpoint, _external=True, **values)
    return "webcal://" + url.split("://", 1)[1]


def make_etag(*parts) -> str:
    """A short strong ETag from the values that determine a feed's content."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]


def not_modified(etag: str) -> Response | None:
    """A 304 when the client already has this version; checked before any work is done."""
    if request.if_none_match.contains(etag):
        response = Response(status=304)
        response.set_etag(etag)
        response.headers["Cache-Control"] = "no-cache"
        return response
    return None


def calendar_response(body: bytes, filename: str, etag: str, download: bool,
                      private: bool = False) -> Response:
    """text/calendar with a filename; feeds revalidate every time (cheap, thanks to the ETag)."""
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response

