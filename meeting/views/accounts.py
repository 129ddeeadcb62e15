"""Accounts, for admins only (nested in the organizer blueprint: login applies)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from meeting.extensions import db
from meeting.models import USER_ROLES, User
from meeting.people.accounts import AccountError, create_user, list_users, set_password, update_account

from .forms import CsrfForm, require_valid

bp = Blueprint("accounts", __name__, url_prefix="/accounts")
# The roles as the page names them (the values stay the English codes).
ROLE_NAMES = {"admin": lazy_gettext("admin"), "organizer": lazy_gettext("organizer"),
              "viewer": lazy_gettext("viewer"), "interpreter": lazy_gettext("interpreter")}


@bp.before_request
def _admins_only():
    if current_user.role != "admin":
        abort(403, description=_("Only admins manage accounts."))


class NewAccountForm(FlaskForm):
    """E-mail and role; the password is generated and shown once."""

    # The address itself is checked by accounts.create_user(), one rule for CLI and page.
    email = EmailField(lazy_gettext("E-mail"), validators=[DataRequired(), Length(max=320)])
    role = SelectField(lazy_gettext("Role"), default="organizer",
                       choices=[SelectChoice(r, ROLE_NAMES.get(r, r)) for r in USER_ROLES])


@bp.get("/")
def index():
    """Every account with its role and state."""
    return render_template("organizer/accounts.html", users=list_users(), form=NewAccountForm(),
                           action=CsrfForm(), roles=USER_ROLES, role_names=ROLE_NAMES)


@bp.post("/")
def create():
    """Create an account and show its password once."""
    form = require_valid(NewAccountForm())
    try:
        user, password = create_user(form.email.data, form.role.data)
    except AccountError as exc:
        flash(str(exc), "error")
        return render_template("organizer/accounts.html", users=list_users(), form=form,
                               action=CsrfForm(), roles=USER_ROLES, role_names=ROLE_NAMES), 400
    flash(_("Created %(role)s %(email)s. Password (shown only now): %(password)s",
            role=ROLE_NAMES.get(user.role, user.role), email=user.email, password=password), "info")
    return redirect(url_for("organizer.accounts.index"))


@bp.post("/<int:user_id>")
def change(user_id: int):
    """Change role, disable/enable, or issue a new password."""
    require_valid()
    user = db.session.get(User, user_id) or abort(404)
    try:
        if request.form.get("do") == "password":
            flash(_("New password for %(email)s (shown only now): %(password)s", email=user.email,
                    password=set_password(user)), "info")
        else:
            update_account(user, request.form.get("role", user.role),
                           request.form.get("active") == "yes", current_user)
            flash(_("Saved %(name)s.", name=user.email), "info")
    except AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("organizer.accounts.index")), 400
    return redirect(url_for("organizer.accounts.index"))
