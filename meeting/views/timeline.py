"""The day timeline: sessions on a time axis in HQ time, dragged to move, resize or create.

FullCalendar runs with timeZone "UTC" and is fed each session's HQ wall-clock time as if it
were UTC, so the axis reads in HQ time whatever the organizer's own computer is set to; the
server turns wall-clock times back into instants (refusing DST gaps and overlaps).
"""

from datetime import date, datetime, time, timedelta

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from meeting.extensions import db
from meeting.lib.timezones import LocalTimeError, parse_local, to_utc, to_zone
from meeting.models import SESSION_KINDS, Session
from meeting.programme.conflicts import segment_conflicts
from meeting.programme.editing import create_session, edit_session, save_programme
from meeting.programme.history import last_change
from meeting.programme.queries import find_segment, sessions_starting_on

from .forms import CsrfForm, not_saved, require_valid

bp = Blueprint("timeline", __name__)
SECONDARY_ZONES = ["Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Abidjan", "Europe/Zurich",
                   "Europe/Rome", "Asia/Beirut", "Asia/Kolkata", "Asia/Bangkok",
                   "Australia/Sydney", "Pacific/Fiji", "America/Santiago", "America/Sao_Paulo",
                   "UTC"]


def _day(segment, day: str) -> date:
    try:
        return date.fromisoformat(day)
    except ValueError:
        abort(404)


@bp.get("/segments/<slug>/days/<day>")
def day_view(slug: str, day: str):
    """The builder for one day."""
    segment = find_segment(slug) or abort(404)
    the_day = _day(segment, day)
    noon = to_utc(datetime.combine(the_day, time(12)), segment.timezone)
    offset = int(to_zone(noon, segment.timezone).utcoffset().total_seconds() // 60)
    days = [segment.start_date + timedelta(days=i)
            for i in range((segment.end_date - segment.start_date).days + 1)]
    return render_template("organizer/day.html", segment=segment, day=the_day, days=days,
                           hq_offset=offset, zones=SECONDARY_ZONES, action=CsrfForm(),
                           kinds=SESSION_KINDS,
                           findings=segment_conflicts(segment))


@bp.get("/segments/<slug>/days/<day>/events.json")
def events(slug: str, day: str):
    """The day's sessions (with tech checks) as FullCalendar events in HQ wall-clock time."""
    segment = find_segment(slug) or abort(404)
    the_day, zone = _day(segment, day), segment.timezone
    result = []
    for s in sessions_starting_on(segment, the_day):
        start = to_zone(s.start, zone)
        result.append({
            "id": str(s.id), "title": f"{s.code} {s.title}",
            "start": f"{start:%Y-%m-%dT%H:%M:%S}",
            "end": f"{to_zone(s.end, zone):%Y-%m-%dT%H:%M:%S}",
            "classNames": [f"kind-{s.kind}", f"status-{s.status}"],
            "extendedProps": {"version": s.version, "code": s.code,
                              "edit": f"/organizer/sessions/{s.id}/edit"},
        })
    return jsonify(result)


@bp.get("/segments/<slug>/conflicts.fragment")
def conflicts_fragment(slug: str):
    """The conflicts panel alone, refreshed after every change without reloading the page."""
    segment = find_segment(slug) or abort(404)
    return render_template("organizer/_conflicts_panel.html", segment=segment,
                           findings=segment_conflicts(segment))


def _wall(text) -> str:
    if not isinstance(text, str):
        raise ValueError(_("start: send it as YYYY-MM-DD HH:MM"))
    return text


@bp.post("/sessions/<int:session_id>/move")
def move(session_id: int):
    """Move or resize from the timeline; refused (409) if the session changed meanwhile."""
    session = db.session.get(Session, session_id) or abort(404)
    data = request.get_json(silent=True) or {}
    zone = session.segment.timezone
    if data.get("version") != session.version:
        return jsonify(error=_("%(code)s changed while you were looking at it: %(change)s. The timeline "
                               "is reloaded; try again.", code=session.code, change=last_change(session)),
                       version=session.version), 409
    try:
        start = parse_local(_wall(data.get("start")), zone)
        duration = int(data.get("duration"))
        if not 1 <= duration <= 24 * 60:
            raise ValueError(_("duration: from 1 minute to 24 hours"))
    except (LocalTimeError, ValueError, TypeError) as exc:
        return jsonify(error=str(exc)), 400
    try:
        edit_session(session, current_user.email, start=start, duration_minutes=duration)
        save_programme(session.segment)
    except StaleDataError:
        db.session.rollback()
        return jsonify(error=_("someone else saved this session at the same moment")), 409
    return jsonify(ok=True, version=session.version, revision=session.revision)


@bp.post("/segments/<slug>/sessions")
def create(slug: str):
    """Create a draft session from a drag over the axis (or the form on the day page)."""
    segment = find_segment(slug) or abort(404)
    data = request.get_json(silent=True) or {}
    try:
        start = parse_local(_wall(data.get("start")), segment.timezone)
        session = create_session(segment, data.get("code", ""), data.get("title", ""),
                                 data.get("kind") or "thematic", start, int(data.get("duration", 0)),
                                 current_user.email)
    except (LocalTimeError, ValueError, TypeError) as exc:
        db.session.rollback()
        return jsonify(error=str(exc)), 400
    return jsonify(ok=True, id=session.id, version=session.version), 201


@bp.post("/segments/<slug>/days/<day>/sessions")
def create_from_form(slug: str, day: str):
    """The same as dragging over the axis, for those who prefer typing (or a keyboard)."""
    segment = find_segment(slug) or abort(404)
    the_day = _day(segment, day)
    require_valid()
    form = request.form
    try:
        start = parse_local(f"{the_day.isoformat()} {form.get('time', '').strip()}", segment.timezone)
        duration = int(form.get("duration") or 0)
        session = create_session(segment, form.get("code", ""), form.get("title", ""),
                                 form.get("kind") or "thematic", start, duration, current_user.email)
    except (LocalTimeError, ValueError) as exc:
        return (redirect(url_for("organizer.timeline.day_view", slug=slug, day=day)),
                not_saved(exc, _("Session not created")))
    flash(_("%(code)s created as a draft.", code=session.code), "info")
    return redirect(url_for("organizer.timeline.day_view", slug=slug, day=day))
