"""Public pages (no login): published segments, their programme, sessions, speakers,
organizations and changelog, and the calendar files."""

from datetime import date, datetime, timezone

from flask import Blueprint, Response, abort, g, render_template, request, url_for

from meeting.floor.lists import as_at, running_order, speakers_list
from meeting.floor.statements import public_statement
from meeting.formats.feeds import segment_feed_bytes
from meeting.formats.ical import Links, calendar_shell, is_public, public_event, serialize
from meeting.formats.registry import EXPORTS
from meeting.lib.caches import LruCache
from meeting.lib.locales import N_, current_language
from meeting.lib.timezones import to_zone
from meeting.models import Segment
from meeting.programme.grid import build_grid
from meeting.programme.public import (
    day_navigation,
    find_organization,
    find_public_person,
    group_by_day,
    load_public_sessions,
    programme_day,
    programme_filters,
    public_day_counts,
    public_organizations,
    segment_tags,
    speakers_of,
)
from meeting.programme.queries import load_sessions
from meeting.site.documents import organization_documents, session_documents
from meeting.site.key_messages import organization_key_messages
from meeting.site.publishing import find_published_segment, list_published_segments, segment_changelog

from .calendar_responses import calendar_response, make_etag, not_modified, webcal_url
from .documents import file_response
from .fragments import grid_cells, session_items
from .public_cache import published_view, revalidate

bp = Blueprint("public", __name__)
# Calendar apps that ignore ETags refetch the whole feed every hour: serve them the bytes
# built for this exact version of the programme (the ETag names it) instead of rebuilding.
FEED_CACHE = LruCache(max_items=32)
# After a change, only the events of sessions that changed are built again.
EVENT_CACHE = LruCache(max_items=20_000)
# Programme pages by ETag (version, host, path and query, viewer).
PAGE_CACHE = LruCache(max_items=64)
# The exports' names and purposes (meeting.formats.registry.EXPORTS, which the API serves in
# English), marked here for the catalogue: the open data page shows them translated.
_EXPORT_TEXTS = (
    N_("Calendar feed (iCalendar)"),
    N_("Outlook, Google Calendar, Apple Calendar, Thunderbird: changes arrive by themselves"),
    N_("Calendar file (.ics)"), N_("a one-time import"),
    N_("Calendar as XML (xCal, RFC 6321)"),
    N_("tools that read calendars as XML: the same events as the feed"),
    N_("Spreadsheet (CSV)"), N_("Excel, LibreOffice: one row per session"),
    N_("frab schedule XML"), N_("conference schedule apps (Giggity, ConfClerk, …)"),
    N_("frab schedule JSON"), N_("apps reading c3voc’s schedule.json"),
    N_("JSON API: this segment"), N_("the programme with sessions, speakers and tags"),
    N_("Key messages (PDF)"), N_("the compilation for the HLPF thematic review, to print"),
    N_("Key messages (Word)"), N_("the compilation for the HLPF thematic review, to edit"),
)


def _published(slug: str) -> Segment:
    return find_published_segment(slug) or abort(404)


@bp.get("/")
def index():
    """Every published segment, with a link to its programme."""
    return render_template("public/index.html", segments=list_published_segments())


def _hq_today(seg: Segment) -> date:
    return to_zone(datetime.now(timezone.utc), seg.timezone).date()


@bp.get("/segments/<slug>/")
# A long programme opens on today's day at headquarters: the date is part of the version.
@published_view(vary=lambda seg: (_hq_today(seg).isoformat(),))
def segment(seg: Segment):
    """The programme by day, as a list or a grid, filtered by entry point, action area, SDG."""
    # Visitors arriving without a copy get the bytes built for this version, if any.
    return Response(PAGE_CACHE.get_or_build(g.public_etag, lambda: _programme_page(seg).encode()),
                    mimetype="text/html")


def _programme_page(seg: Segment) -> str:
    """The programme page's HTML for this request's view, filters and day."""
    tags = segment_tags(seg)
    try:
        filters = programme_filters(request.args, tags)
        counts = public_day_counts(seg, filters)
        day = programme_day(request.args.get("day"), counts, _hq_today(seg)) if counts else None
    except ValueError as exc:
        abort(400, description=str(exc))
    view = "grid" if request.args.get("view") == "grid" else "list"
    sessions = load_public_sessions(seg, tag_codes=filters, day=day, language=current_language())
    base = url_for("public.segment", slug=seg.slug)
    days = group_by_day(sessions, seg.timezone)
    grid = cells = None
    if view == "list":
        # Links relative to the programme's own URL (/segments/<slug>/): 150 bytes a session.
        days = [(d, session_items(day_sessions, "", seg.timezone)) for d, day_sessions in days]
    else:
        grid = build_grid(sessions, seg.timezone)
        cells = grid_cells(grid, base)
    return render_template(
        "public/segment.html", segment=seg, view=view, filters=filters, tags=tags, days=days,
        grid=grid, cells=cells, day_nav=day_navigation(counts, day),
        all_refused=request.args.get("day") == "all" and day is not None,
        feed_url=webcal_url("public.segment_feed", slug=seg.slug), active="programme")


@bp.get("/segments/<slug>/sessions/<code>/")
@published_view
def session(seg: Segment, code: str):
    """One session: description, speakers in speaking order, webcast, documents, calendar."""
    found = load_public_sessions(seg, codes=[code], language=current_language())
    if not found:
        abort(404)
    speakers = speakers_list(found[0].id)
    placed = running_order(speakers)[0] if speakers and speakers.entries else []
    return render_template("public/session.html", segment=seg, session=found[0],
                           documents=session_documents(seg, found[0].id), active="programme",
                           speakers=speakers if placed else None, placed=placed,
                           as_at=as_at(speakers) if placed else None)


@bp.get("/segments/<slug>/sessions/<code>/statements/<key>")
def session_statement(slug: str, code: str, key: str):
    """A delegation's written statement, once delivered (before that: 404, as if none)."""
    seg = _published(slug)
    found = load_public_sessions(seg, codes=[code])
    if not found:
        abort(404)
    return file_response(public_statement(found[0], key) or abort(404))


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
@published_view
def people(seg: Segment):
    """Everyone speaking in the segment, by name."""
    return render_template("public/people.html", segment=seg, active="people",
                           speakers=speakers_of(load_public_sessions(seg)))


@bp.get("/segments/<slug>/people/<key>/")
@published_view
def person(seg: Segment, key: str):
    """One speaker: title, organization, biography and their sessions in this segment."""
    sessions = load_public_sessions(seg, person_key=key, language=current_language())
    profile = find_public_person(key) if sessions else None
    if profile is None:
        abort(404)
    roles = {s.code: [p for p in s.speakers if p.key == key] for s in sessions}
    return render_template("public/person.html", segment=seg, person=profile, sessions=sessions,
                           roles=roles, active="people")


@bp.get("/segments/<slug>/organizations/")
@published_view
def organizations(seg: Segment):
    """Every organization with a speaker, a published document or key message in the segment."""
    return render_template("public/organizations.html", segment=seg, active="organizations",
                           organizations=public_organizations(seg, load_public_sessions(seg)))


@bp.get("/segments/<slug>/organizations/<key>/")
@published_view
def organization(seg: Segment, key: str):
    """One organization: its speakers and sessions, its documents, its key messages."""
    org = find_organization(key) or abort(404)
    sessions = load_public_sessions(seg, organization_key=key, language=current_language())
    documents = organization_documents(seg, org.id)
    messages = organization_key_messages(seg, org.id)
    if not sessions and not documents and not messages:
        abort(404)
    speakers = [(s, count) for s, count in speakers_of(sessions) if s.organization_key == key]
    return render_template("public/organization.html", segment=seg, organization=org,
                           sessions=sessions, speakers=speakers, documents=documents,
                           key_messages=messages, active="organizations")


@bp.get("/segments/<slug>/changes/")
@published_view
def changes(seg: Segment):
    """What changed between one publication of the programme and the next."""
    return render_template("public/changes.html", segment=seg, entries=segment_changelog(seg),
                           active="changes")


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
@published_view
def open_data(seg: Segment):
    """Every machine-readable form of the programme, for calendars and other tools."""
    first = next(iter(load_public_sessions(seg, limit=1)), None)
    return render_template("public/open_data.html", segment=seg, active="open-data", example=first,
                           exports=EXPORTS, feed_url=webcal_url("public.segment_feed", slug=seg.slug))
