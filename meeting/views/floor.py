"""Lists of speakers for organizers (nested in the organizer blueprint: login and roles apply)."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from meeting.extensions import db
from meeting.floor.links import inscription_token, revoke_links
from meeting.floor.lists import (
    MAX_MINUTES,
    FloorError,
    delegations,
    inscribe,
    is_closed,
    move_entry,
    open_list,
    running_order,
    save_list,
    set_limits,
    set_status,
    unpin_entry,
)
from meeting.floor.statement_reminders import owing_entries, reminders_for
from meeting.floor.statements import due_label, due_rule, may_read_statements, overdue
from meeting.lib.emails import public_url
from meeting.lib.timezones import LocalTimeError, parse_local, to_zone
from meeting.models import Organization, Session, SpeakerEntry, utcnow
from meeting.models.floor import (
    ENTRY_STATUS_LABELS,
    SPEAKER_LEVEL_LABELS,
    STATEMENT_TYPE_LABELS,
)

from .forms import CsrfForm, require_valid

bp = Blueprint("floor", __name__)


class EntryForm(FlaskForm):
    """A delegation's inscription as the secretariat or the delegation types it."""

    speaker_name = StringField(lazy_gettext("Speaker"), validators=[DataRequired(), Length(max=300)])
    level = SelectField(lazy_gettext("Level"),
                        choices=[SelectChoice(code, lazy_gettext(label))
                                 for code, label in SPEAKER_LEVEL_LABELS.items()])
    statement_type = SelectField(lazy_gettext("Statement"),
                                 choices=[SelectChoice(code, lazy_gettext(label))
                                          for code, label in STATEMENT_TYPE_LABELS.items()],
                                 default="national")
    on_behalf_of = StringField(lazy_gettext("On behalf of (group or country)"),
                               validators=[Optional(), Length(max=300)])
    minutes = IntegerField(lazy_gettext("Time limit (minutes; blank: the list's)"),
                           validators=[Optional(), NumberRange(min=1, max=MAX_MINUTES)])


class InscribeForm(EntryForm):
    """The organizer's form names the delegation too."""

    organization_id = SelectField(lazy_gettext("Delegation"), coerce=int, validators=[DataRequired()])


class ListForm(FlaskForm):
    """The list's time limits and closing."""

    national_minutes = IntegerField(lazy_gettext("National, observer and UN system statements (minutes)"),
                                    validators=[NumberRange(min=1, max=MAX_MINUTES)])
    group_minutes = IntegerField(lazy_gettext("Statements on behalf of groups (minutes)"),
                                 validators=[NumberRange(min=1, max=MAX_MINUTES)])
    closes_at = StringField(lazy_gettext("Closes at (HQ, YYYY-MM-DD HH:MM; blank: when closed by hand)"),
                            validators=[Optional()])
    closed = BooleanField(lazy_gettext("Closed: no more inscriptions through links"))


def delegation_choices() -> list[SelectChoice]:
    """Every organization that can be inscribed, for a select."""
    return [SelectChoice(o.id, o.name) for o in delegations()]


def form_errors(form: FlaskForm) -> str:
    """'Level: Not a valid choice; Speaker: This field is required.' for a flash."""
    return "; ".join(_("%(field)s: %(message)s", field=form[name].label.text, message=" ".join(msgs))
                     for name, msgs in form.errors.items())


def _session(session_id: int) -> Session:
    return db.session.get(Session, session_id) or abort(404)


def _entry(session: Session, entry_id: int) -> SpeakerEntry:
    entry = db.session.get(SpeakerEntry, entry_id)
    if entry is None or entry.speakers_list.session_id != session.id:
        abort(404)
    return entry


def _back(session: Session):
    return redirect(url_for("organizer.floor.page", session_id=session.id))


def refused(session: Session, error: object, form=None, settings=None, typed: dict | None = None):
    """The page again, with what was typed, the reason, and 400: nothing was saved."""
    db.session.rollback()
    flash(_("Not saved: %(error)s", error=error), "error")
    return render_list(session, form, settings, 400, typed)


def _speakers(session: Session):
    try:
        return open_list(session)
    except FloorError as exc:
        abort(404, description=str(exc))


def render_list(session: Session, form: InscribeForm | None = None, settings: "ListForm | None" = None,
                status: int = 200, typed: dict | None = None):
    """The organizer's list page; `typed`: what was typed in a statement form that was refused."""
    speakers = _speakers(session)
    placed, withdrawn = running_order(speakers)
    if form is None:
        form = InscribeForm(formdata=None)
    form.organization_id.choices = delegation_choices()
    zone = session.segment.timezone
    settings = settings or ListForm(formdata=None, data={
        "national_minutes": speakers.national_minutes, "group_minutes": speakers.group_minutes,
        "closed": speakers.closed,
        "closes_at": f"{to_zone(speakers.closes_at, zone):%Y-%m-%d %H:%M}" if speakers.closes_at else ""})
    link_for = request.args.get("link", type=int)
    organization = db.session.get(Organization, link_for) if link_for else None
    link = public_url("floor_public.page", token=inscription_token(speakers, organization)) \
        if organization else None
    return render_template("organizer/speakers.html", session=session, speakers=speakers,
                           placed=placed, withdrawn=withdrawn, form=form, settings=settings,
                           closed=is_closed(speakers), link=link, link_organization=organization,
                           statuses=ENTRY_STATUS_LABELS, levels=SPEAKER_LEVEL_LABELS,
                           types=STATEMENT_TYPE_LABELS, button=CsrfForm(formdata=None), zone=zone,
                           statements=_statement_context(speakers, typed)), status


def _statement_context(speakers, typed: dict | None) -> dict:
    """What the page shows of statements: the deadline, who is late, who was reminded."""
    now = utcnow()
    segment = speakers.session.segment
    reminded = reminders_for(speakers)
    owing = owing_entries(speakers)
    return {"due": due_label(speakers.session), "rule": due_rule(segment), "typed": typed or {},
            "overdue": {e.id for e in speakers.entries if overdue(e, now)}, "owing": owing,
            "to_remind": [e for e in owing if e.contact_email and (
                e.id not in reminded or reminded[e.id].status == "failed")],
            "reminded": reminded, "may_read": may_read_statements(current_user),
            "started": now >= speakers.session.start}


@bp.get("/sessions/<int:session_id>/speakers")
def page(session_id: int):
    """The list in running order, the inscription form, the limits and the links."""
    session = _session(session_id)
    _speakers(session)
    db.session.commit()  # the list exists from the first visit: its links can be made
    return render_list(session)


@bp.post("/sessions/<int:session_id>/speakers/entries")
def add(session_id: int):
    """Inscribe a delegation for the secretariat."""
    session = _session(session_id)
    speakers = _speakers(session)
    form = InscribeForm()
    form.organization_id.choices = delegation_choices()
    if not form.validate_on_submit():
        return refused(session, form_errors(form), form=form)
    try:
        entry = inscribe(speakers, db.session.get(Organization, form.organization_id.data),
                         speaker_name=form.speaker_name.data, level=form.level.data,
                         statement_type=form.statement_type.data, on_behalf_of=form.on_behalf_of.data,
                         minutes=form.minutes.data, by=current_user.email)
    except FloorError as exc:
        return refused(session, exc, form=form)
    save_list(speakers)
    flash(_("%(name)s inscribed.", name=entry.organization.name), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/speakers/settings")
def settings(session_id: int):
    """Save the time limits and whether the list is closed."""
    session = _session(session_id)
    speakers = _speakers(session)
    form = ListForm()
    if not form.validate_on_submit():
        return refused(session, form_errors(form), settings=form)
    try:
        closes_at = parse_local(form.closes_at.data, session.segment.timezone) \
            if (form.closes_at.data or "").strip() else None
    except (LocalTimeError, ValueError) as exc:
        return refused(session, _("closes at: %(error)s", error=exc), settings=form)
    try:
        set_limits(speakers, current_user.email, national_minutes=form.national_minutes.data,
                   group_minutes=form.group_minutes.data, closed=form.closed.data, closes_at=closes_at)
    except FloorError as exc:
        return refused(session, exc, settings=form)
    save_list(speakers)
    flash(_("List saved."), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/status")
def status(session_id: int, entry_id: int):
    """Confirm, mark spoken, withdraw or mark not present."""
    session = _session(session_id)
    require_valid()
    entry = _entry(session, entry_id)
    try:
        set_status(entry, request.form.get("status", ""), current_user.email)
    except FloorError as exc:
        return refused(session, exc)
    save_list(entry.speakers_list)
    flash(_("%(name)s: %(status)s.", name=entry.organization.name,
            status=_(ENTRY_STATUS_LABELS[entry.status]).lower()), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/unpin")
def unpin(session_id: int, entry_id: int):
    """Give an entry back its place by precedence."""
    session = _session(session_id)
    require_valid()
    entry = _entry(session, entry_id)
    unpin_entry(entry, current_user.email)
    save_list(entry.speakers_list)
    flash(_("%(name)s is back at its place by precedence.", name=entry.organization.name), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/speakers/order")
def move(session_id: int):
    """Place one entry by hand (from drag and drop): JSON {"entry": id, "number": n}."""
    session = _session(session_id)
    body = request.get_json(silent=True) or {}
    entry_id, number = body.get("entry"), body.get("number")
    if not isinstance(entry_id, int) or not isinstance(number, int):
        return jsonify(error='send {"entry": entry id, "number": its new place, 1 = first}'), 400
    entry = _entry(session, entry_id)
    try:
        move_entry(entry, number, current_user.email)
    except FloorError as exc:
        db.session.rollback()
        return jsonify(error=str(exc)), 400
    save_list(entry.speakers_list)
    return jsonify(ok=True, entry=entry_id, number=number)


@bp.post("/sessions/<int:session_id>/speakers/entries/<int:entry_id>/place")
def place(session_id: int, entry_id: int):
    """Place one entry by hand at the number typed (the keyboard's way to drag)."""
    session = _session(session_id)
    require_valid()
    entry = _entry(session, entry_id)
    try:
        move_entry(entry, request.form.get("number", type=int) or 0, current_user.email)
    except FloorError as exc:
        return refused(session, exc)
    save_list(entry.speakers_list)
    flash(_("%(name)s placed at number %(number)s.", name=entry.organization.name,
            number=request.form["number"]), "info")
    return _back(session)


@bp.post("/sessions/<int:session_id>/speakers/links/revoke")
def revoke(session_id: int):
    """Stop every inscription link sent so far for this list."""
    session = _session(session_id)
    require_valid()
    speakers = _speakers(session)
    revoke_links(speakers)
    db.session.commit()
    flash(_("Every inscription link sent so far for this list has stopped working."), "info")
    return _back(session)
