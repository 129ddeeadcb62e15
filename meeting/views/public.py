"""Public pages (no login): published segments, their programme, sessions, speakers,
organizations and changelog, and the calendar files."""

from flask import Blueprint, Response, abort, render_template, request, url_for

from ..caches import LruCache
from ..documents import organization_documents, session_documents
from ..feeds import segment_feed_bytes
from ..ical import Links, calendar_shell, is_public, public_event, serialize
from ..key_messages import organization_key_messages
from ..models import Segment
from ..programme import load_sessions
from ..programme_grid import build_grid
from ..public_programme import (
    find_organization,
    find_public_person,
    group_by_day,
    load_public_sessions,
    programme_filters,
    public_organizations,
    segment_tags,
    speakers_of,
)
from ..publishing import find_published_segment, list_published_segments, segment_changelog
from .calendar_responses import calendar_response, make_etag, not_modified, webcal_url
from .fragments import grid_cells, session_items
from .public_cache import revalidate, with_validators

bp = Blueprint("public", __name__)
# Calendar apps that ignore ETags refetch the whole feed every hour: serve them the bytes
# built for this exact version of the programme (the ETag names it) instead of rebuilding.
FEED_CACHE = LruCache(max_items=32)
# After a change, only the events of sessions that changed are built again.
EVENT_CACHE = LruCache(max_items=20_000)
# Programme pages by ETag (version, host, path and query, viewer).
PAGE_CACHE = LruCache(max_items=64)


def _published(slug: str) -> Segment:
    return find_published_segment(slug) or abort(404)


def _page(segment: Segment, etag: str, template: str, **context):
    """Render a public page of the segment with its validators."""
    return with_validators(render_template(template, segment=segment, **context), segment, etag)


@bp.get("/")
def index():
    """Every published segment, with a link to its programme."""
    return render_template("public/index.html", segments=list_published_segments())


@bp.get("/segments/<slug>/")
def segment(slug: str):
    """The programme by day, as a list or a grid, filtered by entry point, action area, SDG."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "programme")
    if cached is not None:
        return cached
    # Visitors arriving without a copy get the bytes built for this version, if any.
    body = PAGE_CACHE.get(etag)
    if body is not None:
        return with_validators(Response(body, mimetype="text/html"), seg, etag)
    tags = segment_tags(seg)
    try:
        filters = programme_filters(request.args, tags)
    except ValueError as exc:
        abort(400, description=str(exc))
    view = "grid" if request.args.get("view") == "grid" else "list"
    sessions = load_public_sessions(seg, tag_codes=filters)
    base = url_for("public.segment", slug=slug)
    days = group_by_day(sessions, seg.timezone)
    grid = cells = None
    if view == "list":
        days = [(day, session_items(day_sessions, base, seg.timezone)) for day, day_sessions in days]
    else:
        grid = build_grid(sessions, seg.timezone)
        cells = grid_cells(grid, base)
    page = render_template(
        "public/segment.html", segment=seg, view=view, filters=filters, tags=tags, days=days,
        grid=grid, cells=cells,
        feed_url=webcal_url("public.segment_feed", slug=slug), active="programme")
    return with_validators(Response(PAGE_CACHE.put(etag, page.encode()), mimetype="text/html"),
                           seg, etag)


@bp.get("/segments/<slug>/sessions/<code>/")
def session(slug: str, code: str):
    """One session: description, speakers in speaking order, webcast, documents, calendar."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "session")
    if cached is not None:
        return cached
    found = load_public_sessions(seg, codes=[code])
    if not found:
        abort(404)
    return _page(seg, etag, "public/session.html", session=found[0], active="programme",
                 documents=session_documents(seg, found[0].id))


@bp.get("/segments/<slug>/sessions/<code>.ics")
def session_ics(slug: str, code: str):
    """One session as a calendar file to add to any calendar (PUBLISH, no join details)."""
    seg = _published(slug)
    found = load_public_sessions(seg, codes=[code])
    if not found or not is_public(found[0].status, found[0].kind):
        abort(404)
    etag, cached = revalidate(seg, "session.ics")
    if cached is not None:
        return cached
    links = Links(programme=url_for("public.session", slug=slug, code=code, _external=True))
    calendar = calendar_shell("PUBLISH", f"{seg.title}: {found[0].title}")
    calendar.add_component(public_event(load_sessions(seg, [found[0].id])[0], links))
    return calendar_response(serialize(calendar), f"{slug}-{code}.ics", etag, download=True)


@bp.get("/segments/<slug>/people/")
def people(slug: str):
    """Everyone speaking in the segment, by name."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "people")
    if cached is not None:
        return cached
    return _page(seg, etag, "public/people.html", active="people",
                 speakers=speakers_of(load_public_sessions(seg)))


@bp.get("/segments/<slug>/people/<key>/")
def person(slug: str, key: str):
    """One speaker: title, organization, biography and their sessions in this segment."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "person")
    if cached is not None:
        return cached
    sessions = load_public_sessions(seg, person_key=key)
    profile = find_public_person(key) if sessions else None
    if profile is None:
        abort(404)
    roles = {s.code: [p for p in s.speakers if p.key == key] for s in sessions}
    return _page(seg, etag, "public/person.html", person=profile, sessions=sessions, roles=roles,
                 active="people")


@bp.get("/segments/<slug>/organizations/")
def organizations(slug: str):
    """Every organization with a speaker, a published document or key message in the segment."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "organizations")
    if cached is not None:
        return cached
    return _page(seg, etag, "public/organizations.html", active="organizations",
                 organizations=public_organizations(seg, load_public_sessions(seg)))


@bp.get("/segments/<slug>/organizations/<key>/")
def organization(slug: str, key: str):
    """One organization: its speakers and sessions, its documents, its key messages."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "organization")
    if cached is not None:
        return cached
    org = find_organization(key) or abort(404)
    sessions = load_public_sessions(seg, organization_key=key)
    documents = organization_documents(seg, org.id)
    messages = organization_key_messages(seg, org.id)
    if not sessions and not documents and not messages:
        abort(404)
    speakers = [(s, count) for s, count in speakers_of(sessions) if s.organization_key == key]
    return _page(seg, etag, "public/organization.html", organization=org, sessions=sessions,
                 speakers=speakers, documents=documents, key_messages=messages,
                 active="organizations")


@bp.get("/segments/<slug>/changes/")
def changes(slug: str):
    """What changed between one publication of the programme and the next."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "changes")
    if cached is not None:
        return cached
    return _page(seg, etag, "public/changes.html", entries=segment_changelog(seg), active="changes")


def _segment_calendar(slug: str, download: bool):
    seg = _published(slug)
    programme_url = url_for("public.segment", slug=slug, _external=True)
    etag = make_etag("segment", seg.id, seg.changed_at.isoformat(), programme_url)
    cached = not_modified(etag)
    if cached is not None:
        return cached
    body = FEED_CACHE.get_or_build(etag, lambda: segment_feed_bytes(
        seg, Links(programme=programme_url), EVENT_CACHE))
    return calendar_response(body, f"{slug}.ics", etag, download)


@bp.get("/segments/<slug>/programme.ics")
def segment_ics(slug: str):
    """The whole programme as a file to download and import."""
    return _segment_calendar(slug, download=True)


@bp.get("/segments/<slug>/feed.ics")
def segment_feed(slug: str):
    """The same programme as a feed to subscribe to (webcal://); answers 304 when unchanged."""
    return _segment_calendar(slug, download=False)


@bp.get("/segments/<slug>/open-data/")
def open_data(slug: str):
    """Every machine-readable form of the programme, for calendars and other tools."""
    seg = _published(slug)
    etag, cached = revalidate(seg, "open-data")
    if cached is not None:
        return cached
    first = next(iter(load_public_sessions(seg, limit=1)), None)
    return _page(seg, etag, "public/open_data.html", active="open-data", example=first,
                 feed_url=webcal_url("public.segment_feed", slug=slug))
