"""A person's private page, reached by the signed link in every e-mail (no account).

It speaks the person's preferred language (g.person_language, read by the language
selector) unless the language bar chose another for this visit.
"""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length

from meeting.formats.ical import Links, build_person_calendar, serialize
from meeting.lib.emails import role_summary
from meeting.people.portal import PortalError, person_for_token, portal_rows, respond, update_profile
from meeting.programme.queries import person_participations
from meeting.programme.roles import role_label

from .calendar_responses import calendar_response, make_etag, not_modified, webcal_url
from .forms import require_valid

bp = Blueprint("portal", __name__, url_prefix="/p/<token>")

INVALID_LINK = lazy_gettext("This link is not valid, or it has been replaced by a newer one. "
                            "Please use the link in the most recent e-mail from the secretariat.")


@bp.url_value_preprocessor
def _person_from_token(_endpoint, values):
    g.token = values.pop("token")
    g.person = person_for_token(g.token)
    if g.person is None:
        # Same answer for forged, malformed and revoked tokens: it reveals nothing.
        abort(403, description=str(INVALID_LINK))
    g.person_language = g.person.preferred_language


@bp.url_defaults
def _add_token(_endpoint, values):
    values.setdefault("token", g.get("token"))


@bp.after_request
def _private(response):
    # The page holds passcodes and join links to other sites: never cached by proxies,
    # and the token in the URL never leaks through a Referer header.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


class AnswerForm(FlaskForm):
    """Confirm or decline one participation."""

    answer = HiddenField(validators=[AnyOf(["confirm", "decline"])])


class ProfileForm(FlaskForm):
    """What a person may correct about themselves."""

    honorific = StringField(lazy_gettext("Honorific"), validators=[Length(max=40)])
    position = StringField(lazy_gettext("Title / position"), validators=[Length(max=300)])
    timezone = StringField(lazy_gettext("Your time zone (e.g. Europe/Zurich, Asia/Bangkok)"),
                           validators=[Length(min=1, max=64)])
    biography = TextAreaField(lazy_gettext("Short biography"), validators=[Length(max=5000)])


def _links() -> Links:
    return Links(programme=url_for("public.index", _external=True),
                 portal=url_for("portal.home", _external=True))


@bp.get("/")
def home():
    """The person's sessions in their zone and in HQ time, with how to join and answer."""
    person = g.person
    form = ProfileForm(obj=person)
    return _page(person, form)


def _page(person, form: "ProfileForm"):
    return render_template("portal/home.html", person=person, rows=portal_rows(person),
                           answer_form=AnswerForm(), profile_form=form,
                           feed_url=webcal_url("portal.feed"), role_words=role_label,
                           role_summary=role_summary)


@bp.post("/participations/<int:participation_id>")
def answer(participation_id: int):
    """Confirm or decline one session; the organizer sees it at once."""
    form = require_valid(AnswerForm())
    try:
        participation = respond(g.person, participation_id, form.answer.data)
    except PortalError as exc:
        abort(403, description=str(exc))
    title = participation.session.title
    if participation.status == "confirmed":
        flash(_("Thank you: you have confirmed %(title)s.", title=title), "info")
    else:
        flash(_("Thank you: you have declined %(title)s.", title=title), "info")
    return redirect(url_for("portal.home"))


@bp.post("/profile")
def profile():
    """Save the person's corrections to title, biography and time zone."""
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            changed = update_profile(g.person, form.honorific.data or "", form.position.data or "",
                                     form.biography.data or "", form.timezone.data or "")
        except PortalError as exc:
            form.timezone.errors = [str(exc)] if "time zone" in str(exc) else []
            flash(str(exc), "error")
        else:
            flash(_("Saved.") if changed else _("Nothing to change."), "info")
            return redirect(url_for("portal.home"))
    return _page(g.person, form), 400


def _person_calendar(download: bool):
    person = g.person
    body = serialize(build_person_calendar(person, person_participations(person), _links()))
    etag = make_etag("person", person.id, body)
    cached = not_modified(etag)
    if cached is not None:
        return cached
    return calendar_response(body, "my-sessions.ics", etag, download, private=True)


@bp.get("/sessions.ics")
def sessions_ics():
    """The person's own sessions as a file, with their join details."""
    return _person_calendar(download=True)


@bp.get("/feed.ics")
def feed():
    """The person's private feed (webcal://)."""
    return _person_calendar(download=False)


@bp.errorhandler(403)
def _forbidden(error):
    return render_template("portal/invalid.html", message=error.description), 403


@bp.errorhandler(400)
def _bad_request(error):
    return render_template("portal/invalid.html", message=error.description), 400


