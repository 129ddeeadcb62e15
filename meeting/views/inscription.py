"""A delegation inscribes on a list of speakers through its signed link (no account)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import EmailField
from wtforms.validators import DataRequired, Length, Regexp

from meeting.extensions import db
from meeting.floor.acknowledge import send_acknowledgement
from meeting.floor.links import for_token
from meeting.floor.lists import FloorError, closing_label, inscribe, is_closed, running_order, save_list
from meeting.floor.statements import StatementError, due_label, due_rule, save_statement
from meeting.lib.uploads import describe_limit, max_upload_bytes
from meeting.models.floor import SPEAKER_LEVEL_LABELS, STATEMENT_TYPE_LABELS
from meeting.people.accounts import EMAIL_RE

from .floor import EntryForm, form_errors
from .forms import require_valid
from .statements import FORM_ALLOWANCE

bp = Blueprint("floor_public", __name__, url_prefix="/inscribe/<token>")

INVALID_LINK = lazy_gettext("This inscription link is not valid, or it has been replaced by a newer "
                            "one. Please ask the secretariat for the current link.")


class LinkEntryForm(EntryForm):
    """What a delegation types: its entry, and where the acknowledgement goes (the time limit
    is the secretariat's to set)."""

    minutes = None

    contact_email = EmailField(lazy_gettext("Your e-mail (the acknowledgement is sent there)"),
                               validators=[DataRequired(), Length(max=320),
                                           Regexp(EMAIL_RE,
                                                  message=lazy_gettext("Not an e-mail address."))])


@bp.url_value_preprocessor
def _list_from_token(_endpoint, values):
    g.token = values.pop("token")
    found = for_token(g.token)
    if found is None:
        abort(403, description=str(INVALID_LINK))  # the same for forged, malformed and revoked
    g.speakers, g.organization = found
    # A statement's file may be as large as a document's; set before the CSRF check reads the form.
    request.max_content_length = max_upload_bytes() + FORM_ALLOWANCE


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    """A body far over the limit is refused before it is read: say so on the delegation's page."""
    if g.get("speakers") is None:
        return exc
    flash(_("Statement not saved: file: the upload is larger than the limit of %(limit)s.",
            limit=describe_limit(max_upload_bytes())), "error")
    return _render(LinkEntryForm(formdata=None), 413)


@bp.url_defaults
def _add_token(_endpoint, values):
    values.setdefault("token", g.get("token"))


@bp.after_request
def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _render(form: LinkEntryForm, status: int = 200, video_typed: str | None = None):
    speakers, organization = g.speakers, g.organization
    mine = next((e for e in speakers.entries if e.organization_id == organization.id), None)
    placed = running_order(speakers)[0]
    number = next((p.number for p in placed if p.entry is mine), None)
    return render_template("public/inscribe.html", speakers=speakers, session=speakers.session,
                           organization=organization, form=form, entry=mine, number=number,
                           closed=is_closed(speakers), closing=closing_label(speakers),
                           levels=SPEAKER_LEVEL_LABELS, types=STATEMENT_TYPE_LABELS,
                           statements_due=due_label(speakers.session),
                           due_rule=due_rule(speakers.session.segment),
                           video_typed=video_typed, limit=describe_limit(max_upload_bytes())), status


@bp.get("/")
def page():
    """The inscription form, or the delegation's entry once inscribed."""
    return _render(LinkEntryForm(formdata=None))


@bp.post("/")
def submit():
    """Inscribe the delegation; an acknowledgement goes to the address typed."""
    form = LinkEntryForm()
    if not form.validate_on_submit():
        flash(_("Not inscribed: %(errors)s", errors=form_errors(form)), "error")
        return _render(form, 400)
    try:
        entry = inscribe(g.speakers, g.organization, speaker_name=form.speaker_name.data,
                         level=form.level.data, statement_type=form.statement_type.data,
                         on_behalf_of=form.on_behalf_of.data, by="inscription link",
                         contact_email=form.contact_email.data)
    except FloorError as exc:
        db.session.rollback()
        flash(_("Not inscribed: %(errors)s", errors=exc), "error")
        return _render(form, 400)
    save_list(g.speakers)
    send_acknowledgement(entry)
    flash(_("%(name)s is inscribed. An acknowledgement has been sent to %(email)s.",
            name=g.organization.name, email=entry.contact_email), "info")
    return redirect(url_for("floor_public.page"))


@bp.post("/statement")
def statement():
    """Keep the delegation's written statement (a new upload replaces the one on file)."""
    require_valid()
    entry = next((e for e in g.speakers.entries if e.organization_id == g.organization.id), None)
    if entry is None or entry.status == "withdrawn":
        flash(_("Statement not saved: inscribe first; a withdrawn inscription takes no statement."), "error")
        return _render(LinkEntryForm(formdata=None), 400)
    file = request.files.get("file")
    video = request.form.get("video_url", "")
    try:
        replaced = save_statement(entry, (file.stream, file.filename) if file and file.filename else None,
                                  video, "inscription link")
    except StatementError as exc:
        flash(_("Statement not saved: %(error)s", error=exc), "error")
        return _render(LinkEntryForm(formdata=None), 400, video_typed=video)
    flash(_("Your statement replaced the one sent before.") if replaced else
          _("Your statement has been received. It stays with the secretariat and the interpreters "
            "until it is delivered."), "info")
    return redirect(url_for("floor_public.page") + "#statement")
