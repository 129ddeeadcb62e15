"""Organizer pages for reminders (nested in the organizer blueprint: login and roles apply)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange

from meeting.extensions import db
from meeting.models import REMINDER_ANCHORS, ReminderPolicy
from meeting.programme.queries import find_segment
from meeting.programme.roles import ROLES, role_label
from meeting.reminders.admin import (
    PolicyError,
    PolicyInput,
    act,
    delete_policy,
    describe_offset,
    overview,
    preview,
    save_policy,
)
from meeting.reminders.wording import PLACEHOLDERS, default_body

from .forms import CsrfForm, require_valid

bp = Blueprint("reminders", __name__, url_prefix="/segments/<slug>/reminders")
# What the selects show; the values stay the codes stored and posted.
UNIT_NAMES = {"minutes": lazy_gettext("minutes"), "hours": lazy_gettext("hours"),
              "days": lazy_gettext("days")}
ANCHOR_NAMES = {"session": lazy_gettext("the session"), "tech-check": lazy_gettext("the tech check")}


class PolicyForm(FlaskForm):
    """When, to whom, what."""

    name = StringField(lazy_gettext("Name"), validators=[DataRequired(), Length(max=200)])
    amount = IntegerField(lazy_gettext("When"),
                          validators=[DataRequired(), NumberRange(min=1, max=1440)])
    unit = SelectField(lazy_gettext("Unit"), choices=[SelectChoice(u, UNIT_NAMES[u]) for u in UNIT_NAMES])
    anchor = SelectField(lazy_gettext("before"),
                         choices=[SelectChoice(a, ANCHOR_NAMES.get(a, f"the {a.replace('-', ' ')}"))
                                  for a in REMINDER_ANCHORS])
    roles = SelectMultipleField(lazy_gettext("To whom"),
                                choices=[SelectChoice(r, LazyString(role_label, r, plural=True))
                                         for r in ROLES],
                                widget=widgets.ListWidget(prefix_label=False),
                                option_widget=widgets.CheckboxInput())
    subject = StringField(lazy_gettext("Subject"), validators=[DataRequired(), Length(max=300)])
    body = TextAreaField(lazy_gettext("Message"), validators=[DataRequired(), Length(max=10000)])
    active = BooleanField(lazy_gettext("Active"), default=True)


def _segment(slug: str):
    return find_segment(slug) or abort(404)


def _policy(segment, policy_id: int) -> ReminderPolicy:
    policy = db.session.get(ReminderPolicy, policy_id)
    if policy is None or policy.segment_id != segment.id:
        abort(404)
    return policy


@bp.get("/")
def index(slug: str):
    """Policies, what is scheduled next, and what was sent, skipped, failed or needs attention."""
    segment = _segment(slug)
    policies = list(db.session.scalars(select(ReminderPolicy).where(
        ReminderPolicy.segment_id == segment.id).order_by(ReminderPolicy.minutes_before.desc())))
    return render_template("organizer/reminders.html", segment=segment, policies=policies,
                           groups=overview(segment), describe=describe_offset, form=CsrfForm())


def _input(form: PolicyForm) -> PolicyInput:
    return PolicyInput(form.name.data or "", form.amount.data or 0, form.unit.data,
                       form.anchor.data, form.roles.data or [], form.subject.data or "",
                       form.body.data or "", bool(form.active.data))


@bp.route("/policies/new", methods=["GET", "POST"])
@bp.route("/policies/<int:policy_id>", methods=["GET", "POST"])
def policy(slug: str, policy_id: int | None = None):
    """Create or edit a policy; 'Preview' renders it for a real participant without saving."""
    segment = _segment(slug)
    existing = _policy(segment, policy_id) if policy_id else None
    form = PolicyForm()
    if request.method == "GET":
        if existing:
            form.name.data, form.anchor.data = existing.name, existing.anchor
            form.amount.data, form.unit.data = describe_offset(existing.minutes_before)
            form.roles.data, form.active.data = existing.roles, existing.active
            form.subject.data, form.body.data = existing.subject_template, existing.body_template
        else:
            form.amount.data, form.unit.data, form.roles.data = 1, "days", list(ROLES)
            form.subject.data, form.body.data = "Reminder: {session} ({local_time})", default_body()
    shown, status = None, 200
    if form.validate_on_submit():
        data = _input(form)
        try:
            if request.form.get("do") == "preview":
                shown = preview(segment, data.roles, data.subject, data.body) or (
                    "", "", _("Nobody in this segment has the roles chosen."))
            else:
                save_policy(segment, data, existing)
                flash(_("Saved the policy %(name)r; reminders rescheduled.", name=data.name), "info")
                return redirect(url_for("organizer.reminders.index", slug=slug))
        except (PolicyError, ValueError) as exc:
            flash(str(exc), "error")
            status = 400
    elif request.method == "POST":
        status = 400
    return render_template("organizer/reminder_policy.html", segment=segment, form=form,
                           policy=existing, shown=shown, placeholders={
                               name: _(meaning) for name, meaning in PLACEHOLDERS.items()}), status


@bp.post("/policies/<int:policy_id>/delete")
def remove(slug: str, policy_id: int):
    """Delete a policy (its pending reminders go with it)."""
    segment = _segment(slug)
    target = _policy(segment, policy_id)
    require_valid()
    delete_policy(target)
    flash(_("Deleted the policy %(name)r.", name=target.name), "info")
    return redirect(url_for("organizer.reminders.index", slug=slug))


@bp.post("/deliveries/<int:delivery_id>/<any(send, retry, cancel):action>")
def delivery(slug: str, delivery_id: int, action: str):
    """Send one now, retry a failed one, or cancel one."""
    segment = _segment(slug)
    require_valid()
    try:
        flash(act(segment, delivery_id, action, by=current_user.email), "info")
    except PolicyError as exc:
        flash(str(exc), "error")
        return redirect(url_for("organizer.reminders.index", slug=slug)), 409
    return redirect(url_for("organizer.reminders.index", slug=slug))
