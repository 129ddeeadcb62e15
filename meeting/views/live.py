"""The live view: the moderator's timer, its presses recorded, the speaker screen, the report.

The organizer half nests in the organizer blueprint (login applies; a moderator with a
viewer account may press the timer's buttons); the speaker screen is reached by a signed,
revocable link without an account, and follows the moderator through server-sent events.
"""

import csv
import io
import json
import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from weasyprint import HTML

from meeting.extensions import db
from meeting.lib.emails import public_url
from meeting.models import Session, utcnow
from meeting.runofshow.cues import session_sheet
from meeting.runofshow.live import (
    LiveError,
    clock,
    follow_the_floor,
    last_mark_id,
    live_state,
    planned_vs_actual,
    record_mark,
    revoke_screen_links,
    screen_token,
    session_for_screen,
)

from .forms import require_valid

bp = Blueprint("live", __name__)
screen_bp = Blueprint("screen", __name__, url_prefix="/screen/<token>")
# Presses a moderator with a viewer account may make (organizer.py lets these through).
VIEWER_MAY_POST = frozenset({"organizer.live.mark"})
POLL_SECONDS = 0.4


def _session(session_id: int) -> Session:
    return db.session.get(Session, session_id) or abort(404)


def cue_rows(sheet) -> list[dict]:
    """The cues as the live pages' script reads them."""
    return [{"n": r.number, "who": r.cue.who, "what": r.what, "minutes": r.cue.minutes,
             "planned": r.start_utc.isoformat(), "hq": f"{r.start_hq:%H:%M}",
             "hard": f"{r.start_hq:%H:%M}" if r.cue.hard_start else "",
             "local": (f"{r.local:%H:%M} {r.local_zone}" if r.local else ""),
             "floor": r.cue.floor_language or "", "notes": r.cue.notes or "",
             "connection": r.connection, "fallback": r.cue.fallback or "",
             "tech": r.cue.tech_cue or ""} for r in sheet.rows]


@bp.get("/sessions/<int:session_id>/live")
def view(session_id: int):
    """The moderator's live view: current and next cue, countdown, running over/under."""
    session = _session(session_id)
    sheet = session_sheet(session)
    warn = current_app.config.get("RUNOFSHOW_WARN_MINUTES", [2, 1])
    state = live_state(session, len(sheet.rows))
    return render_template("organizer/live.html", session=session, sheet=sheet, cues=cue_rows(sheet),
                           warn=warn, state=state.as_json(),
                           screen_url=public_url("screen.view", token=screen_token(session)))


@bp.post("/sessions/<int:session_id>/live/marks")
def mark(session_id: int):
    """Record one press: JSON {"action": "start|next|back|reset", "at": ms}; answers the state."""
    session = _session(session_id)
    body = request.get_json(silent=True) or {}
    keys = [row.cue.generated_key or "" for row in session_sheet(session).rows]
    try:
        state = record_mark(session, body.get("action"), body.get("at"), current_user.email, len(keys))
    except LiveError as error:
        db.session.rollback()
        return jsonify(error=str(error)), 400
    follow_the_floor(session, keys, state, body["action"], current_user.email)
    return jsonify(state.as_json())


@bp.post("/sessions/<int:session_id>/live/screen-link")
def revoke(session_id: int):
    """Revoke every speaker-screen link sent so far; the page shows the new one."""
    require_valid()
    session = _session(session_id)
    revoke_screen_links(session)
    flash(_("The earlier speaker-screen links no longer work; send the new one below."), "info")
    return redirect(url_for("organizer.live.view", session_id=session.id))


@bp.get("/sessions/<int:session_id>/live/report")
def report(session_id: int):
    """Planned against actual, per cue and in total (page, ?format=csv or ?format=pdf)."""
    session = _session(session_id)
    sheet = session_sheet(session)
    result = planned_vs_actual(sheet.rows, live_state(session, len(sheet.rows)),
                               round(utcnow().timestamp() * 1000))
    fmt = request.args.get("format", "html")
    name = f"planned-vs-actual-{session.code}"
    if fmt == "csv":
        return Response(_csv(result, sheet.hq_zone), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"'})
    html = render_template("organizer/live_report.html", session=session, sheet=sheet,
                           report=result, clock=clock, for_pdf=fmt == "pdf")
    if fmt == "pdf":
        return Response(HTML(string=html).write_pdf(), mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}.pdf"'})
    if fmt != "html":
        abort(404)
    return html


def _csv(result, zone: str) -> str:
    """Typed: ISO instants, whole seconds as integers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Cue", "Who", "What", "Planned start", "Planned seconds", "Actual start",
                     "Actual seconds", "Difference seconds", "Running"])
    for r in result.rows:
        writer.writerow([r.number, r.who, r.what, r.planned_start.isoformat(), r.planned_minutes * 60,
                         r.actual_start.isoformat() if r.actual_start else "",
                         "" if r.actual_ms is None else r.actual_ms // 1000,
                         "" if r.difference_ms is None else round(r.difference_ms / 1000),
                         "yes" if r.running else ""])
    writer.writerow(["Total", "", "", "", result.planned_ms // 1000, "", result.actual_ms // 1000,
                     round(result.difference_ms / 1000), "" if result.finished else "yes"])
    return out.getvalue()


@screen_bp.after_request
def _private(response):
    # The token in the URL is the whole key: never cached by proxies, never sent as a Referer.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _screen_session(token: str) -> Session:
    session = session_for_screen(token)
    if session is None:
        abort(404, description=_("This speaker-screen link is not valid: it may have been revoked. "
                                 "Ask the moderator for the current link."))
    return session


@screen_bp.get("/", endpoint="view")
def view_screen(token: str):
    """A read-only countdown that follows the moderator (no account, no controls)."""
    session = _screen_session(token)
    sheet = session_sheet(session)
    warn = current_app.config.get("RUNOFSHOW_WARN_MINUTES", [2, 1])
    return render_template("public/speaker_screen.html", session=session, sheet=sheet,
                           cues=cue_rows(sheet), warn=warn,
                           state=live_state(session, len(sheet.rows)).as_json(),
                           events_url=url_for("screen.events", token=token))


@screen_bp.get("/events")
def events(token: str):
    """Server-sent events: the state each time the moderator presses a button."""
    session = _screen_session(token)
    session_id, cue_count = session.id, len(session_sheet(session).rows)
    db.session.commit()
    length = current_app.config["LIVE_STREAM_SECONDS"]
    heartbeat = current_app.config["LIVE_HEARTBEAT_SECONDS"]

    def stream():
        yield "retry: 1000\n\n"
        seen, now = -1, time.monotonic()
        ends, beat = now + length, now + heartbeat
        while (now := time.monotonic()) < ends:
            current = last_mark_id(session_id)
            if current != seen:
                seen, beat = current, now + heartbeat
                state = live_state(db.session.get(Session, session_id), cue_count)
                yield f"data: {json.dumps(state.as_json())}\n\n"
            elif now >= beat:
                beat = now + heartbeat
                yield ": still here\n\n"  # a comment: the browser ignores it
            db.session.commit()  # end the read: the next poll sees new presses
            time.sleep(POLL_SECONDS)

    return Response(stream_with_context(stream()), mimetype="text/event-stream",
                    headers={"X-Accel-Buffering": "no"})  # proxies must not hold the events back

