"""Segments in the browser: create one, edit its settings, duplicate it (organizer blueprint)."""

from datetime import date, time

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from meeting.lib.locales import UN_LANGUAGES
from meeting.lib.text import language_name
from meeting.programme.queries import find_segment
from meeting.programme.segments import (
    MAX_DUE_HOURS,
    SegmentSettings,
    SettingsError,
    create_segment,
    duplicate_segment,
    update_settings,
)

bp = Blueprint("segments", __name__)
DATE_HELP = lazy_gettext("write it as YYYY-MM-DD, e.g. 2021-07-06")


class SegmentForm(FlaskForm):
    """A segment's settings: dates and civil hours are in its HQ zone."""

    title = StringField(lazy_gettext("Title"),
                        validators=[DataRequired(message=lazy_gettext("give the segment a title"))])
    slug = StringField(lazy_gettext("Slug (in public addresses; cannot change later)"))
    timezone = StringField(lazy_gettext("Headquarters time zone (IANA, e.g. America/New_York)"), validators=[
        DataRequired(message=lazy_gettext("give an IANA zone such as America/New_York"))])
    start_date = StringField(lazy_gettext("First day"), validators=[DataRequired(message=DATE_HELP)])
    end_date = StringField(lazy_gettext("Last day"), validators=[DataRequired(message=DATE_HELP)])
    theme = TextAreaField(lazy_gettext("Theme"))
    # Choices named in the page's language per request (_languages); the values are the codes.
    original_language = SelectField(lazy_gettext(
        "Original language of the content (titles, descriptions, key messages)"),
        choices=[SelectChoice(code) for code in UN_LANGUAGES], default="en")
    civil_start = StringField(lazy_gettext("Civil hours from (HH:MM)"), default="07:00")
    civil_end = StringField(lazy_gettext("Civil hours to (HH:MM)"), default="22:00")
    unconfirmed_days = StringField(lazy_gettext("Flag participants still unconfirmed this many days before"),
                                   default="7")
    statements_due_hours = StringField(lazy_gettext(
        "Written statements of the lists of speakers are due this many hours before their session"),
        default="24")
    contact_name = StringField(lazy_gettext("Secretariat contact: name"))
    contact_email = StringField(lazy_gettext(
        "Secretariat contact: e-mail (ORGANIZER of invites, Reply-To of e-mails)"))
    contact_phone = StringField(lazy_gettext("Secretariat contact: phone"))
    compilation_symbol = StringField(
        lazy_gettext("Compilation of key messages: document symbol (e.g. E/HLPF/2020/CRP.1)"))
    compilation_date = StringField(
        lazy_gettext("Compilation of key messages: date of issue (YYYY-MM-DD; blank: the last change)"))


class DuplicateForm(FlaskForm):
    """The copy's own slug and title, and the day it starts."""

    title = StringField(lazy_gettext("Title of the copy"),
                        validators=[DataRequired(message=lazy_gettext("give the copy a title"))])
    slug = StringField(lazy_gettext("Slug of the copy"),
                       validators=[DataRequired(message=lazy_gettext("give the copy a slug"))])
    start_date = StringField(lazy_gettext("First day of the copy"),
                             validators=[DataRequired(message=DATE_HELP)])


def _day(field, errors: dict) -> date | None:
    try:
        return date.fromisoformat((field.data or "").strip())
    except ValueError:
        errors[field.name] = _("%(value)s is not a date (%(help)s)", value=repr((field.data or "").strip()),
                               help=DATE_HELP)
        return None


def _settings(form: SegmentForm) -> SegmentSettings | None:
    """The typed settings, or None with each unreadable field's error set on the form."""
    errors: dict[str, str] = {}
    start, end = _day(form.start_date, errors), _day(form.end_date, errors)
    issued = _day(form.compilation_date, errors) if (form.compilation_date.data or "").strip() else None
    hours = {}
    for field in (form.civil_start, form.civil_end):
        try:
            hours[field.name] = time.fromisoformat((field.data or "").strip())
        except ValueError:
            errors[field.name] = _("%(value)s is not a time (write it as HH:MM)",
                                   value=repr((field.data or "").strip()))
    days = (form.unconfirmed_days.data or "").strip()
    if not days.isdigit():
        errors["unconfirmed_days"] = _("a whole number of days from 0 to 365")
    due_hours = (form.statements_due_hours.data or "").strip()
    if not due_hours.isdigit():
        errors["statements_due_hours"] = _("%(value)s is not a whole number of hours (0 to %(max)s)",
                                           value=repr(due_hours), max=MAX_DUE_HOURS)
    if errors:
        _show(form, errors)
        return None
    return SegmentSettings(
        title=form.title.data or "", slug=form.slug.data or "", timezone=(form.timezone.data or "").strip(),
        start_date=start, end_date=end, theme=form.theme.data, civil_start=hours["civil_start"],
        civil_end=hours["civil_end"], unconfirmed_days=int(days), contact_name=form.contact_name.data,
        contact_email=form.contact_email.data, contact_phone=form.contact_phone.data,
        compilation_symbol=form.compilation_symbol.data, compilation_date=issued,
        statements_due_hours=int(due_hours), original_language=form.original_language.data)


def _show(form: FlaskForm, problems: dict[str, str]) -> None:
    for name, message in problems.items():
        form[name].errors = [message]


def _fill(form: SegmentForm, segment) -> None:
    s = SegmentSettings.of(segment)
    for name in ("title", "slug", "timezone", "theme", "contact_name", "contact_email", "contact_phone",
                 "compilation_symbol"):
        form[name].data = getattr(s, name) or ""
    form.compilation_date.data = s.compilation_date.isoformat() if s.compilation_date else ""
    form.start_date.data, form.end_date.data = s.start_date.isoformat(), s.end_date.isoformat()
    form.civil_start.data, form.civil_end.data = f"{s.civil_start:%H:%M}", f"{s.civil_end:%H:%M}"
    form.unconfirmed_days.data = str(s.unconfirmed_days)
    form.statements_due_hours.data = str(s.statements_due_hours)
    form.original_language.data = s.original_language


def _languages(form: SegmentForm) -> SegmentForm:
    form.original_language.choices = [SelectChoice(code, language_name(code)) for code in UN_LANGUAGES]
    return form


@bp.route("/new-segment", methods=["GET", "POST"])
def new():
    """Create a segment: it starts unpublished, with the default reminder policies."""
    form = _languages(SegmentForm())
    if form.validate_on_submit():
        settings = _settings(form)
        if settings is not None:
            try:
                segment = create_segment(settings, current_user.email)
            except SettingsError as exc:
                _show(form, exc.problems)
            else:
                flash(_("Created %(title)s (not published). Add its sessions on the days below.",
                        title=segment.title), "info")
                return redirect(url_for("organizer.dashboard", slug=segment.slug))
    status = 400 if form.is_submitted() else 200
    return render_template("organizer/segment_form.html", form=form, segment=None), status


@bp.route("/segments/<slug>/settings", methods=["GET", "POST"])
def settings(slug: str):
    """A segment's settings; the slug stays (calendar UIDs and public links are made from it)."""
    segment = find_segment(slug) or abort(404)
    form = _languages(SegmentForm())
    if not form.is_submitted():
        _fill(form, segment)
    elif form.validate_on_submit():
        form.slug.data = segment.slug
        typed = _settings(form)
        if typed is not None:
            try:
                changed = update_settings(segment, typed, current_user.email)
            except SettingsError as exc:
                _show(form, exc.problems)
            else:
                flash(_("Settings saved.") if changed else _("Nothing changed."), "info")
                return redirect(url_for("organizer.dashboard", slug=slug))
    status = 400 if form.is_submitted() else 200
    return render_template("organizer/segment_form.html", form=form, segment=segment), status


@bp.route("/segments/<slug>/duplicate", methods=["GET", "POST"])
def duplicate(slug: str):
    """Copy a segment to new dates: sessions at the same HQ times, as drafts, nobody invited yet."""
    source = find_segment(slug) or abort(404)
    form = DuplicateForm()
    if form.validate_on_submit():
        errors: dict[str, str] = {}
        start = _day(form.start_date, errors)
        if errors:
            _show(form, errors)
        else:
            try:
                copy = duplicate_segment(source, form.slug.data, form.title.data, start,
                                         current_user.email)
            except SettingsError as exc:
                _show(form, {k: v for k, v in exc.problems.items() if k in form})
                form.start_date.errors = list(form.start_date.errors) + [
                    v for k, v in exc.problems.items() if k not in form]
            else:
                # English has always said "1 sessions"; other languages get their plural forms.
                flash(ngettext("Created %(title)s from %(source)s: %(num)s sessions as drafts, nobody "
                               "invited yet, not published.",
                               "Created %(title)s from %(source)s: %(num)s sessions as drafts, nobody "
                               "invited yet, not published.",
                               len(copy.sessions), title=copy.title, source=source.title), "info")
                return redirect(url_for("organizer.dashboard", slug=copy.slug))
    status = 400 if form.is_submitted() else 200
    return render_template("organizer/segment_duplicate.html", form=form, source=source), status
