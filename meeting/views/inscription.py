"""A delegation inscribes on a list of speakers through its signed link (no account)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from wtforms import EmailField
from wtforms.validators import DataRequired, Length, Regexp

from meeting.extensions import db
from meeting.floor.acknowledge import send_acknowledgement
from meeting.floor.links import for_token
from meeting.floor.lists import FloorError, closing_label, inscribe, is_closed, running_order, save_list
from meeting.models.floor import SPEAKER_LEVEL_LABELS, STATEMENT_TYPE_LABELS
from meeting.people.accounts import EMAIL_RE

from .floor import EntryForm, form_errors

bp = Blueprint("floor_public", __name__, url_prefix="/inscribe/<token>")

INVALID_LINK = ("This inscription link is not valid, or it has been replaced by a newer one. "
                "Please ask the secretariat for the current link.")


class LinkEntryForm(EntryForm):
    """What a delegation types: its entry, and where the acknowledgement goes (the time limit
    is the secretariat's to set)."""

    minutes = None

    contact_email = EmailField("Your e-mail (the acknowledgement is sent there)",
                               validators=[DataRequired(), Length(max=320),
                                           Regexp(EMAIL_RE, message="Not an e-mail address.")])


@bp.url_value_preprocessor
def _list_from_token(_endpoint, values):
    g.token = values.pop("token")
    found = for_token(g.token)
    if found is None:
        abort(403, description=INVALID_LINK)  # the same for forged, malformed and revoked
    g.speakers, g.organization = found


@bp.url_defaults
def _add_token(_endpoint, values):
    values.setdefault("token", g.get("token"))


@bp.after_request
def _private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _render(form: LinkEntryForm, status: int = 200):
    speakers, organization = g.speakers, g.organization
    mine = next((e for e in speakers.entries if e.organization_id == organization.id), None)
    placed, _ = running_order(speakers)
    number = next((p.number for p in placed if p.entry is mine), None)
    return render_template("public/inscribe.html", speakers=speakers, session=speakers.session,
                           organization=organization, form=form, entry=mine, number=number,
                           closed=is_closed(speakers), closing=closing_label(speakers),
                           levels=SPEAKER_LEVEL_LABELS, types=STATEMENT_TYPE_LABELS), status


@bp.get("/")
def page():
    """The inscription form, or the delegation's entry once inscribed."""
    return _render(LinkEntryForm(formdata=None))


@bp.post("/")
def submit():
    """Inscribe the delegation; an acknowledgement goes to the address typed."""
    form = LinkEntryForm()
    if not form.validate_on_submit():
        flash(f"Not inscribed: {form_errors(form)}", "error")
        return _render(form, 400)
    try:
        entry = inscribe(g.speakers, g.organization, speaker_name=form.speaker_name.data,
                         level=form.level.data, statement_type=form.statement_type.data,
                         on_behalf_of=form.on_behalf_of.data, by="inscription link",
                         contact_email=form.contact_email.data)
    except FloorError as exc:
        db.session.rollback()
        flash(f"Not inscribed: {exc}", "error")
        return _render(form, 400)
    save_list(g.speakers)
    send_acknowledgement(entry)
    flash(f"{g.organization.name} is inscribed. An acknowledgement has been sent to "
          f"{entry.contact_email}.", "info")
    return redirect(url_for("floor_public.page"))
