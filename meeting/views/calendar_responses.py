"""Shared response helpers for .ics downloads and feeds (conditional GET)."""

import hashlib
import threading
from collections import OrderedDict

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


class BytesCache:
    """A small thread-safe LRU of response bodies, keyed by the ETag of their content."""

    def __init__(self, max_items: int):
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_items

    def get(self, key: str) -> bytes | None:
        """The body stored under key, or None."""
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> bytes:
        """Store a body (evicting the least recently used) and return it."""
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)
        return body

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._items.clear()
