"""Written statements for the secretariat and the interpreters (nested in the organizer blueprint).

The secretariat uploads, replaces and marks statements delivered from the list page, and
e-mails the delegations whose statement is missing. Interpreters (and organizers) read every
statement before it is delivered on the statements page; a viewer may not (the embargo).
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from meeting.extensions import db
from meeting.floor.lists import field_label, speakers_list
from meeting.floor.statement_reminders import send_statement_reminders
from meeting.floor.statements import (
    StatementError,
    due_label,
    may_read_statements,
    save_statement,
    segment_statements,
    set_delivered,
)
from meeting.lib.uploads import describe_limit, max_upload_bytes
from meeting.models import Segment, Session, SpeakerEntry, SpeakersList
from meeting.programme.queries import find_segment
from meeting.runofshow.cues import statement_languages

from .documents import file_response
from .floor import refused, render_list
from .forms import require_valid

bp = Blueprint("statements", __name__)
# Room for the other fields of the form (the video link, the CSRF token) next to the file.
FORM_ALLOWANCE = 64 * 1024
EMBARGO = lazy_gettext("Statements not yet delivered are for the secretariat and the interpreters only.")


@bp.url_value_preprocessor
def _upload_limit(_endpoint, _values):
    """Bodies may carry a file of MAX_UPLOAD_BYTES; set before the CSRF check reads the form."""
    request.max_content_length = max_upload_bytes() + FORM_ALLOWANCE


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    """A body far over the limit is refused before it is read: say so on the list page."""
    session = db.session.get(Session, (request.view_args or {}).get("session_id", 0))
    if not current_user.is_authenticated or session is None:
        return exc
    flash(_("Not saved: %(field)s: the upload is larger than the limit of %(limit)s.",
            field=field_label("file"), limit=describe_limit(max_upload_bytes())), "error")
    return render_list(session)[0], 413


def _readers_only() -> None:
    if not may_read_statements(current_user):
        abort(403, description=str(EMBARGO))


def _entry(session_id: int, entry_id: int) -> SpeakerEntry:
    entry = db.session.get(SpeakerEntry, entry_id)
    if entry is None or entry.speakers_list.session_id != session_id:
        abort(404)
    return entry


def _back(entry: SpeakerEntry):
    return redirect(url_for("organizer.floor.page", session_id=entry.speakers_list.session_id)
                    + f"#entry-{entry.id}")


def embargoed_file(statement):
    """A statement's file for those the embargo lets read it: never kept by a shared cache."""
    response = file_response(statement)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/statements/")
def index():
    """The segments whose sessions have lists of speakers, for the interpreters."""
    _readers_only()
    segments = db.session.scalars(
        select(Segment).where(Segment.id.in_(select(Session.segment_id).join(SpeakersList)))
        .order_by(Segment.start_date, Segment.id))
    return render_template("organizer/statements_index.html", segments=list(segments))


@bp.get("/segments/<slug>/statements")
def segment(slug: str):
    """Every session with a list: its entries in running order, their statements, floor languages."""
    _readers_only()
    found = find_segment(slug) or abort(404)
    sessions = segment_statements(found)
    return render_template("organizer/statements.html", segment=found, sessions=sessions,
                           languages=statement_languages([s.session.id for s in sessions]),
                           due_label=due_label)


@bp.get("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/statement")
def download(session_id: int, entry_id: int):
    """The entry's statement file, delivered or not (organizers and interpreters)."""
    _readers_only()
    entry = _entry(session_id, entry_id)
    if entry.statement is None:
        abort(404)
    return embargoed_file(entry.statement)


@bp.post("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/statement")
def upload(session_id: int, entry_id: int):
    """Keep the statement the secretariat received for an entry (replacing any earlier one)."""
    require_valid()
    entry = _entry(session_id, entry_id)
    file = request.files.get("file")
    video = request.form.get("video_url", "")
    try:
        replaced = save_statement(entry, (file.stream, file.filename) if file and file.filename else None,
                                  video, current_user.email)
    except StatementError as exc:
        return refused(entry.speakers_list.session, exc, typed={entry.id: video})
    flash(_("Statement of %(name)s replaced: the earlier file is gone.", name=entry.organization.name)
          if replaced else _("Statement of %(name)s saved.", name=entry.organization.name), "info")
    return _back(entry)


@bp.post("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/statement/delivered")
def delivered(session_id: int, entry_id: int):
    """Mark the statement delivered (published from now on), or embargo it again."""
    require_valid()
    entry = _entry(session_id, entry_id)
    wanted = request.form.get("delivered") == "yes"
    try:
        set_delivered(entry, wanted, current_user.email)
    except StatementError as exc:
        return refused(entry.speakers_list.session, exc)
    flash(_("Statement of %(name)s: delivered, now public.", name=entry.organization.name) if wanted
          else _("Statement of %(name)s: not delivered, embargoed again.", name=entry.organization.name),
          "info")
    return _back(entry)


@bp.post("/sessions/<int:session_id>/speakers/statement-reminders")
def remind(session_id: int):
    """E-mail each delegation whose statement is missing (once per deadline)."""
    require_valid()
    session = db.session.get(Session, session_id) or abort(404)
    speakers = speakers_list(session) or abort(404)
    try:
        report = send_statement_reminders(speakers, current_user.email)
    except StatementError as exc:
        return refused(session, exc)
    flash(_("Statement reminders: %(summary)s.", summary=report.summary()),
          "error" if report.failed else "info")
    for entry, error in report.failed:
        flash(_("Not sent to %(name)s (%(address)s): %(error)s", name=entry.organization.name,
                address=entry.contact_email, error=error), "error")
    return redirect(url_for("organizer.floor.page", session_id=session.id) + "#statements")
