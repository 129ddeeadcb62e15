"""Run-of-show pages (nested in the organizer blueprint: login and roles apply)."""

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from meeting.extensions import db
from meeting.lib.stamps import StaleEdit
from meeting.lib.timezones import LocalTimeError, parse_local
from meeting.models import CONNECTIONS, Cue, Session
from meeting.programme.queries import find_segment
from meeting.runofshow.booklet import day_at_a_glance
from meeting.runofshow.cues import (
    CONNECTION_LABELS,
    add_cue,
    cues_stamp,
    delete_cue,
    generate_cues,
    reorder_cues,
    session_sheet,
    sessions_of_day,
    sheets_for,
    start_cue_edit,
    update_cue,
)
from meeting.runofshow.export import csv_text, pdf_bytes, render_html, xlsx_bytes

from .forms import CsrfForm, require_valid

bp = Blueprint("runofshow", __name__)


class CueForm(FlaskForm):
    """A cue's fields; the hard start is typed in HQ time."""

    who = StringField(lazy_gettext("Who"), validators=[DataRequired(), Length(max=300)])
    what = StringField(lazy_gettext("What"), validators=[DataRequired(), Length(max=300)])
    minutes = IntegerField(lazy_gettext("Minutes"), validators=[NumberRange(min=0, max=600)])
    hard_start = StringField(lazy_gettext("Hard start (HQ, YYYY-MM-DD HH:MM)"), validators=[Optional()])
    floor_language = StringField(lazy_gettext("Floor language"), validators=[Optional(), Length(max=10)])
    connection = SelectField(lazy_gettext("Connection"), choices=[SelectChoice("", "—")] + [
        SelectChoice(c, lazy_gettext(CONNECTION_LABELS.get(c, c))) for c in CONNECTIONS])
    fallback = StringField(lazy_gettext("Fallback"), validators=[Optional(), Length(max=500)])
    tech_cue = StringField(lazy_gettext("Tech cue"), validators=[Optional(), Length(max=200)])
    notes = TextAreaField(lazy_gettext("Notes"), validators=[Optional(), Length(max=2000)])


def _session(session_id: int) -> Session:
    return db.session.get(Session, session_id) or abort(404)


def _cue(session: Session, cue_id: int) -> Cue:
    cue = db.session.get(Cue, cue_id)
    if cue is None or cue.session_id != session.id:
        abort(404)
    return cue


def _values(form: CueForm, session: Session) -> dict:
    hard = None
    if form.hard_start.data:
        hard = parse_local(form.hard_start.data, session.segment.timezone)
    return {"who": form.who.data.strip(), "what": form.what.data.strip(),
            "minutes": form.minutes.data or 0, "hard_start": hard,
            "floor_language": (form.floor_language.data or "").strip().lower() or None,
            "connection": form.connection.data or None,
            "fallback": (form.fallback.data or "").strip() or None,
            "tech_cue": (form.tech_cue.data or "").strip() or None,
            "notes": (form.notes.data or "").strip() or None}


def _editor(session: Session, status: int = 200, conflict: str | None = None,
            kept: CueForm | None = None, kept_id: int | None = None):
    """The editor page; after a refusal, `kept` is the organizer's form for cue `kept_id` (None: new)."""
    sheet = session_sheet(session)
    forms = {}
    for row in sheet.rows:
        form = CueForm(obj=row.cue, formdata=None)
        form.hard_start.data = (row.cue.hard_start and
                                f"{row.start_hq:%Y-%m-%d %H:%M}") or ""
        forms[row.cue.id] = form
    new = CueForm(formdata=None)
    if kept is not None:
        if kept_id is None:
            new = kept
        elif kept_id in forms:
            forms[kept_id] = kept
    return render_template("organizer/runofshow.html", session=session, sheet=sheet, forms=forms,
                           new=new, action=CsrfForm(), stamp=cues_stamp(session), conflict=conflict,
                           open_id=kept_id if kept is not None else None), status


def _stale(session: Session, error: StaleEdit, kept: CueForm | None = None,
           kept_id: int | None = None):
    db.session.rollback()
    return _editor(session, 409, _("%(error)s Nothing of yours was saved; what you typed is kept "
                                   "below, over the current running order: check it, then save again.",
                                   error=error), kept, kept_id)


@bp.get("/sessions/<int:session_id>/run-of-show")
def editor(session_id: int):
    """The running order with timings; edit, add, remove, drag to reorder."""
    return _editor(_session(session_id))


def _back(session: Session):
    return redirect(url_for("organizer.runofshow.editor", session_id=session.id))


def _stamp() -> str | None:
    return request.form.get("cues_stamp") or None


@bp.post("/sessions/<int:session_id>/run-of-show/cues")
@bp.post("/sessions/<int:session_id>/run-of-show/cues/<int:cue_id>")
def save_cue(session_id: int, cue_id: int | None = None):
    """Add a cue (video, break, Q&A …) or save one cue's fields."""
    session = _session(session_id)
    form = CueForm()
    if not form.validate_on_submit():
        errors = "; ".join(_("%(field)s: %(message)s", field=form[name].label.text, message=" ".join(msgs))
                           for name, msgs in form.errors.items())
        flash(_("Not saved: %(errors)s", errors=errors), "error")
        return _back(session), 400
    try:
        values = _values(form, session)
    except (LocalTimeError, ValueError) as exc:
        flash(_("Not saved: hard start: %(error)s", error=exc), "error")
        return _back(session), 400
    cue = None if cue_id is None else _cue(session, cue_id)
    try:
        start_cue_edit(session, current_user.email, _stamp(),
                       f"added {values['who']}" if cue is None else f"saved {cue.who}")
    except StaleEdit as exc:
        return _stale(session, exc, form, cue_id)
    if cue is None:
        add_cue(session, **values)
        flash(_("Cue added at the end."), "info")
    else:
        update_cue(cue, **values)
        flash(_("Cue saved."), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/run-of-show/cues/<int:cue_id>/delete")
def remove_cue(session_id: int, cue_id: int):
    """Remove one cue."""
    session = _session(session_id)
    require_valid()
    cue = _cue(session, cue_id)
    try:
        start_cue_edit(session, current_user.email, _stamp(), f"removed {cue.who}")
    except StaleEdit as exc:
        return _stale(session, exc)
    delete_cue(cue)
    flash(_("Cue removed."), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/run-of-show/order")
def order(session_id: int):
    """Save a new order (from the drag-and-drop list): JSON {"cues": [ids], "stamp": "…"}."""
    session = _session(session_id)
    body = request.get_json(silent=True) or {}
    ids = body.get("cues")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return jsonify(error="send {\"cues\": [cue ids in the new order]}"), 400
    try:
        start_cue_edit(session, current_user.email, body.get("stamp") or None, "new order")
        reorder_cues(session, ids)
    except (StaleEdit, ValueError) as exc:
        db.session.rollback()
        return jsonify(error=str(exc)), 409
    return jsonify(ok=True, cues=ids, stamp=cues_stamp(session))


@bp.post("/sessions/<int:session_id>/run-of-show/regenerate")
def regenerate(session_id: int):
    """Refresh the cues generated from the participants; added and edited cues stay."""
    session = _session(session_id)
    require_valid()
    try:
        start_cue_edit(session, current_user.email, _stamp(), "updated from the participants")
    except StaleEdit as exc:
        return _stale(session, exc)
    generate_cues(session)
    flash(_("Cues brought up to date with the participants; your own cues and edits were kept."),
          "info")
    return _back(session)


def _downloads(endpoint: str, **values) -> list[tuple[str, str]]:
    return [(label, url_for(endpoint, fmt=fmt, **values))
            for label, fmt in (("PDF", "pdf"), (_("Spreadsheet (XLSX)"), "xlsx"), ("CSV", "csv"))]


def _output(sheets, title: str, filename: str, fmt: str | None, back_url: str, downloads,
            cover: list | None = None):
    if fmt is None:
        return render_html(sheets, title, back_url=back_url, downloads=downloads, cover=cover)
    if fmt == "pdf":
        body, mimetype = pdf_bytes(sheets, title, cover), "application/pdf"
    elif fmt == "xlsx":
        body = xlsx_bytes(sheets)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        body, mimetype = csv_text(sheets).encode("utf-8-sig"), "text/csv"
    else:
        abort(404)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@bp.get("/sessions/<int:session_id>/run-of-show/sheet")
@bp.get("/sessions/<int:session_id>/run-of-show/sheet.<any(pdf, xlsx, csv):fmt>")
def sheet(session_id: int, fmt: str | None = None):
    """The moderator's sheet: print page, PDF, XLSX or CSV, all from the same rows."""
    session = _session(session_id)
    sheets = sheets_for([session])
    return _output(sheets, f"{session.code} {session.title}", f"run-of-show-{session.code}",
                   fmt, url_for("organizer.runofshow.editor", session_id=session.id),
                   _downloads("organizer.runofshow.sheet", session_id=session.id))


@bp.get("/segments/<slug>/days/<day>/run-of-show")
@bp.get("/segments/<slug>/days/<day>/run-of-show.<any(pdf, xlsx, csv):fmt>")
def booklet(slug: str, day: str, fmt: str | None = None):
    """Every session of one day (HQ time), one per page."""
    segment = find_segment(slug) or abort(404)
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        abort(404)
    sessions = sessions_of_day(segment, wanted)
    if not sessions:
        abort(404, description=_("No sessions on %(day)s (%(zone)s).", day=day, zone=segment.timezone))
    return _output(sheets_for(sessions), f"{segment.title}, {day}", f"run-of-show-{day}", fmt,
                   url_for("organizer.home"),
                   _downloads("organizer.runofshow.booklet", slug=slug, day=day),
                   cover=day_at_a_glance(segment, wanted))
