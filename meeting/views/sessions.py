"""The session editor (nested in the organizer blueprint: login and roles apply).

Optimistic locking: the form carries the version it was loaded at; a save against a newer
version is refused with what changed, and the form keeps what this organizer typed.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, Regexp

from meeting.extensions import db
from meeting.lib.stamps import StaleEdit
from meeting.lib.timezones import LocalTimeError, parse_local, to_zone
from meeting.models import (
    PARTICIPATION_STATUSES,
    SESSION_KINDS,
    SESSION_STATUSES,
    Person,
    Session,
    Tag,
)
from meeting.people.directory import create_person, directory, organizations
from meeting.programme.editing import (
    CONTACT_FIELDS,
    ParticipantChange,
    add_participant,
    can_delete,
    cancel_session,
    delete_session,
    edit_session,
    participants_stamp,
    save_programme,
    set_participants,
)
from meeting.programme.history import history, last_change
from meeting.programme.labels import kind_label, status_label
from meeting.programme.roles import ROLES

from .forms import CsrfForm, email_address, not_saved, phone_number, require_valid, un_symbol

bp = Blueprint("sessions", __name__, url_prefix="/sessions/<int:session_id>")


class SessionForm(FlaskForm):
    """A session's details; the start is typed in the segment's HQ zone."""

    version = HiddenField()
    title = StringField(lazy_gettext("Title"), validators=[DataRequired(), Length(max=300)])
    # Choices in the page's language are set per request (_form); the values are the codes.
    kind = SelectField(lazy_gettext("Kind"), choices=[SelectChoice(k) for k in SESSION_KINDS])
    status = SelectField(lazy_gettext("Status"), choices=[SelectChoice(s) for s in SESSION_STATUSES])
    start = StringField(lazy_gettext("Start"), validators=[DataRequired(), Regexp(
        r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", message=lazy_gettext("write it as YYYY-MM-DD HH:MM"))])
    duration = IntegerField(lazy_gettext("Duration (minutes)"), validators=[
        DataRequired(message=lazy_gettext("give a duration of 1 to 1440 minutes")),
        NumberRange(min=1, max=1440, message=lazy_gettext("from 1 minute to 24 hours"))])
    description = TextAreaField(lazy_gettext("Description"), validators=[Optional(), Length(max=20000)])
    tags = SelectMultipleField(lazy_gettext("Tags"), coerce=int)
    platform = StringField(lazy_gettext("Platform"), validators=[Optional(), Length(max=80)])
    join_url = StringField(lazy_gettext("Join URL"), validators=[Optional(), URL(
        require_tld=False, message=lazy_gettext("must be an http:// or https:// address")),
        Regexp(r"^https?://", message=lazy_gettext("must be an http:// or https:// address"))])
    meeting_id = StringField(lazy_gettext("Meeting ID"), validators=[Optional(), Length(max=80)])
    passcode = StringField(lazy_gettext("Passcode"), validators=[Optional(), Length(max=80)])
    dial_in = StringField(lazy_gettext("Dial-in"), validators=[Optional(), Length(max=300)])
    interpretation = StringField(
        lazy_gettext("Interpretation (codes, comma-separated: ar, zh, en, fr, ru, es)"),
        validators=[Optional(), Regexp(r"^[a-z]{2,3}(\s*,\s*[a-z]{2,3})*$",
                                       message=lazy_gettext("language codes like en, fr"))])
    webcast_url = StringField(lazy_gettext("Webcast URL"), validators=[Optional(), Regexp(
        r"^https?://\S+$", message=lazy_gettext("must be an http:// or https:// address"))])
    # Access services (ACCESS_FIELDS); each error names its field, as the contacts' do.
    captioning = StringField(
        lazy_gettext("Live captions (CART): languages captioned (codes, comma-separated: en, fr)"),
        validators=[Optional(), Regexp(r"^[a-z]{2,3}(\s*,\s*[a-z]{2,3})*$", message=lazy_gettext(
            "live captions: language codes like en, fr"))])
    captioning_url = StringField(lazy_gettext("Live captions: link to follow them"), validators=[
        Optional(), Length(max=1000, message=lazy_gettext("live captions link: at most 1000 characters")),
        Regexp(r"^https?://\S+$", message=lazy_gettext(
            "live captions link: must be an http:// or https:// address"))])
    interpretation_platform = StringField(lazy_gettext("Interpretation platform (e.g. Interprefy, KUDO)"),
                                          validators=[Optional(), Length(max=80, message=lazy_gettext(
                                              "interpretation platform: at most 80 characters"))])
    interpretation_url = StringField(lazy_gettext("Interpretation platform: link"), validators=[
        Optional(), Length(max=1000, message=lazy_gettext("interpretation link: at most 1000 characters")),
        Regexp(r"^https?://\S+$", message=lazy_gettext(
            "interpretation link: must be an http:// or https:// address"))])
    symbol = StringField(lazy_gettext("Document symbol (e.g. E/HLPF/2020/L.1)"),
                         validators=[Optional(), un_symbol])
    # On the moderator's run-of-show sheet only (CONTACT_FIELDS): never on a public page.
    host_name = StringField(lazy_gettext("Host: name or office"), validators=[Length(max=300, message=(
        lazy_gettext("host: at most 300 characters")))])
    host_email = StringField(lazy_gettext("Host: e-mail"),
                             validators=[email_address(lazy_gettext("host e-mail"))])
    host_phone = StringField(lazy_gettext("Host: phone"),
                             validators=[phone_number(lazy_gettext("host phone"))])
    producer_name = StringField(lazy_gettext("Producer: name"), validators=[Length(max=300, message=(
        lazy_gettext("producer: at most 300 characters")))])
    producer_email = StringField(lazy_gettext("Producer: e-mail"),
                                 validators=[email_address(lazy_gettext("producer e-mail"))])
    producer_phone = StringField(lazy_gettext("Producer: phone"),
                                 validators=[phone_number(lazy_gettext("producer phone"))])


def _tags() -> list[Tag]:
    return list(db.session.scalars(select(Tag).order_by(Tag.id)))


def _codes(text: str | None) -> list[str]:
    """'ar, zh,en' → ['ar', 'zh', 'en']."""
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def _form(session: Session, tags: list[Tag], from_request: bool) -> SessionForm:
    form = SessionForm() if from_request else SessionForm(formdata=None, obj=session)
    form.tags.choices = [SelectChoice(t.id, t.label) for t in tags]
    form.kind.choices = [SelectChoice(k, kind_label(k)) for k in SESSION_KINDS]
    form.status.choices = [SelectChoice(s, status_label(s)) for s in SESSION_STATUSES]
    if not from_request:
        zone = session.segment.timezone
        form.version.data = str(session.version)
        form.start.data = f"{to_zone(session.start, zone):%Y-%m-%d %H:%M}"
        form.duration.data = session.duration_minutes
        form.tags.data = [t.id for t in session.tags]
        form.interpretation.data = ", ".join(session.interpretation or [])
        form.captioning.data = ", ".join(session.captioning or [])
    return form


def _render(session: Session, form: SessionForm, status: int = 200, conflict: str | None = None,
            kept: dict | None = None, **extra):
    """The editor; `kept` is a refused participant list (pid → fields, "order", "new"), shown again;
    `extra`: more for the template (a refused translation, views/translations.py)."""
    kept = kept or {}
    rows = sorted(session.participations, key=lambda p: (p.position, p.id))
    if kept:
        # The organizer's order first (as they left it), then anyone added meanwhile.
        order = {pid: n for n, pid in enumerate(kept.get("order", []))}
        rows.sort(key=lambda p: order.get(p.id, len(order)))
    return render_template("organizer/session_edit.html", session=session, form=form,
                           conflict=conflict, people=directory(), orgs=organizations(),
                           roles=ROLES, statuses=PARTICIPATION_STATUSES, participants=rows,
                           kept=kept, participants_stamp=participants_stamp(session),
                           deletable=can_delete(session),
                           action=CsrfForm(), changes=history(session.segment, session), **extra), status


def _kept_participants(form) -> dict:
    """What the organizer submitted in the participant list, to show it again after a refusal."""
    kept: dict = {"order": [], "new": {k: form.get(k, "") for k in ("new_person", "new_role",
                                                                    "new_minutes")}}
    for pid in form.getlist("pid"):
        if pid.isdigit():
            kept["order"].append(int(pid))
            kept[int(pid)] = {"role": form.get(f"role-{pid}"), "minutes": form.get(f"minutes-{pid}", ""),
                              "status": form.get(f"status-{pid}"),
                              "remove": form.get(f"remove-{pid}") == "yes"}
    return kept


@bp.get("/edit")
def edit(session_id: int):
    """The session editor."""
    session = db.session.get(Session, session_id) or abort(404)
    return _render(session, _form(session, _tags(), from_request=False))


@bp.post("/edit")
def save(session_id: int):
    """Save, unless someone else saved first; reminders and feeds follow the change."""
    session = db.session.get(Session, session_id) or abort(404)
    tags = _tags()
    form = _form(session, tags, from_request=True)
    if not form.validate_on_submit():
        return _render(session, form, 400)
    zone = session.segment.timezone
    if form.version.data != str(session.version):
        return _render(session, form, 409, conflict=_(
            "This session changed while you were editing: %(change)s (%(zone)s). It now starts "
            "%(start)s, %(minutes)s min, %(status)s. Nothing of yours was saved and your changes "
            "are still in the form: check them against the current session, then save again.",
            change=last_change(session), zone=zone,
            start=to_zone(session.start, zone).strftime("%Y-%m-%d %H:%M"),
            minutes=session.duration_minutes, status=status_label(session.status)))
    try:
        start = parse_local(form.start.data, zone)
    except (LocalTimeError, ValueError) as exc:
        form.start.errors = [str(exc)]
        return _render(session, form, 400)
    form.version.data = str(session.version)
    by_id = {t.id: t for t in tags}
    try:
        edit_session(
            session, current_user.email, title=form.title.data.strip(), kind=form.kind.data,
            status=form.status.data,
            start=start, duration_minutes=form.duration.data,
            description=(form.description.data or "").strip() or None,
            tags=[by_id[i] for i in form.tags.data if i in by_id],
            platform=form.platform.data or None, join_url=form.join_url.data or None,
            meeting_id=form.meeting_id.data or None, passcode=form.passcode.data or None,
            dial_in=form.dial_in.data or None,
            interpretation=_codes(form.interpretation.data), captioning=_codes(form.captioning.data),
            captioning_url=form.captioning_url.data or None,
            interpretation_platform=(form.interpretation_platform.data or "").strip() or None,
            interpretation_url=form.interpretation_url.data or None,
            webcast_url=form.webcast_url.data or None, symbol=(form.symbol.data or "").strip() or None,
            **{name: (form[name].data or "").strip() or None for name in CONTACT_FIELDS})
        save_programme(session.segment)
    except StaleDataError:
        db.session.rollback()
        return _render(db.session.get(Session, session_id), form, 409, conflict=_(
            "Someone else saved this session at the same moment. Nothing of yours was saved; "
            "your changes are still in the form."))
    flash(_("Saved %(code)s (revision %(revision)s); reminders and feeds follow. Send updates to the "
            "participants from the invitations page.", code=session.code, revision=session.revision),
          "info")
    return redirect(url_for("organizer.sessions.edit", session_id=session.id))


@bp.post("/cancel")
def cancel(session_id: int):
    """Cancel with the organizer's reason; the invited are owed a cancellation (invitations page)."""
    session = db.session.get(Session, session_id) or abort(404)
    require_valid()
    try:
        cancel_session(session, request.form.get("reason", ""), current_user.email)
    except ValueError as exc:
        return (redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#cancel"),
                not_saved(exc, _("Not cancelled")))
    flash(_("%(code)s is cancelled. Send the cancellations from the invitations page.", code=session.code),
          "info")
    return redirect(url_for("organizer.invitations", slug=session.segment.slug)
                    + f"#session-{session.code}")


@bp.post("/delete")
def delete(session_id: int):
    """Delete a draft nobody was invited to; anything else is refused (cancel it instead)."""
    session = db.session.get(Session, session_id) or abort(404)
    require_valid()
    slug, code = session.segment.slug, session.code
    try:
        delete_session(session, current_user.email)
    except ValueError as exc:
        return (redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#cancel"),
                not_saved(exc, _("Not deleted")))
    flash(_("%(code)s deleted.", code=code), "info")
    return redirect(url_for("organizer.dashboard", slug=slug))


def _int_or_none(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(_("speaking minutes: %(text)s is not a number", text=repr(text)))
    return int(text)


@bp.post("/people")
def people(session_id: int):
    """Save the participant list: order, roles, minutes, answers, removals and one addition."""
    session = db.session.get(Session, session_id) or abort(404)
    require_valid()
    form = request.form
    try:
        rows = [ParticipantChange(
            participation_id=int(pid), person_id=int(form[f"person-{pid}"]),
            role=form.get(f"role-{pid}", ""), minutes=_int_or_none(form.get(f"minutes-{pid}")),
            status=form.get(f"status-{pid}", ""), remove=form.get(f"remove-{pid}") == "yes")
            for pid in form.getlist("pid")]
        new_key = (form.get("new_person") or "").strip()
        if new_key:
            person = db.session.scalar(select(Person).where(Person.key == new_key))
            if person is None:
                raise ValueError(_("no person %(key)s in the directory: pick one from the list, or "
                                   "create the person below", key=repr(new_key)))
            rows.append(ParticipantChange(None, person.id, form.get("new_role", ""),
                                          _int_or_none(form.get("new_minutes")), "invited"))
        set_participants(session, rows, current_user.email,
                         expected_stamp=form.get("participants_stamp") or None)
    except (StaleEdit, StaleDataError) as exc:
        db.session.rollback()
        session = db.session.get(Session, session_id)
        message = str(exc) if isinstance(exc, StaleEdit) else _(
            "Someone else saved %(code)s at the same moment: %(change)s.", code=session.code,
            change=last_change(session))
        return _render(session, _form(session, _tags(), from_request=False), 409,
                       kept=_kept_participants(form),
                       conflict=_("%(message)s Nothing of yours was saved; your list is shown again "
                                  "below with the current one: check it, then save again.", message=message))
    except (ValueError, KeyError, IntegrityError) as exc:
        return (redirect(url_for("organizer.sessions.edit", session_id=session_id)),
                not_saved(exc, _("Participants not saved")))
    flash(_("Participants saved; their reminders follow. Send invites or updates from the "
            "invitations page."), "info")
    return redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#people")


@bp.post("/people/new")
def new_person(session_id: int):
    """Create a person on the spot and add them to the session."""
    session = db.session.get(Session, session_id) or abort(404)
    require_valid()
    form = request.form
    try:
        org = form.get("organization", "")
        person = create_person(form.get("name", ""), form.get("timezone", ""),
                               int(org) if org.isdigit() else None, form.get("email"),
                               form.get("honorific"))
        add_participant(session, person.id, form.get("role", ""), _int_or_none(form.get("minutes")),
                        current_user.email)
    except (ValueError, IntegrityError) as exc:
        return (redirect(url_for("organizer.sessions.edit", session_id=session_id)),
                not_saved(exc, _("Person not added")))
    flash(_("Added %(name)s to the directory and to %(code)s.", name=person.name, code=session.code),
          "info")
    return redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#people")
