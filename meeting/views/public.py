"""Public pages: the list of segments and each segment's programme."""

from flask import Blueprint, abort, render_template, url_for

from ..feeds import BytesCache, segment_feed_bytes
from ..ical import Links
from ..programme import programme_days
from ..publishing import find_published_segment, list_published_segments
from .calendar_responses import (
    calendar_response,
    make_etag,
    not_modified,
    webcal_url,
)

bp = Blueprint("public", __name__)
# Calendar apps that ignore ETags refetch the whole feed every hour: serve them the bytes
# built for this exact version of the programme (the ETag names it) instead of rebuilding.
FEED_CACHE = BytesCache(max_items=32)
# After a change, only the events of sessions that changed are built again.
EVENT_CACHE = BytesCache(max_items=20_000)


@bp.get("/")
def index():
    """Every segment, with a link to its programme."""
    return render_template("public/index.html", segments=list_published_segments())


@bp.get("/segments/<slug>/")
def segment(slug: str):
    """One segment's programme: days, sessions in HQ time and UTC, who speaks."""
    seg = find_published_segment(slug) or abort(404)
    return render_template(
        "public/segment.html",
        segment=seg,
        days=programme_days(seg),
        feed_url=webcal_url("public.segment_feed", slug=slug),
    )


def _segment_calendar(slug: str, download: bool):
    seg = find_published_segment(slug) or abort(404)
    programme_url = url_for("public.segment", slug=slug, _external=True)
    etag = make_etag("segment", seg.id, seg.changed_at.isoformat(), programme_url)
    cached = not_modified(etag)
    if cached is not None:
        return cached
    body = FEED_CACHE.get(etag)
    if body is None:
        links = Links(programme=programme_url)
        body = FEED_CACHE.put(etag, segment_feed_bytes(seg, links, EVENT_CACHE))
    return calendar_response(body, f"{slug}.ics", etag, download)


@bp.get("/segments/<slug>/programme.ics")
def segment_ics(slug: str):
    """The whole programme as a file to download and import."""
    return _segment_calendar(slug, download=True)


@bp.get("/segments/<slug>/feed.ics")
def segment_feed(slug: str):
    """The same programme as a feed to subscribe to (webcal://); answers 304 when unchanged."""
    return _segment_calendar(slug, download=False)
