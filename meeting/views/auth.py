"""Logging in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from meeting.extensions import db, login_manager
from meeting.lib.locales import N_
from meeting.models import User
from meeting.people.accounts import LoginRefused, authenticate

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
# Flask-Login's own words, marked for the catalogue and said in the page's language when flashed.
login_manager.login_message = N_("Please log in to access this page.")
login_manager.localize_callback = _
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str):
    """Flask-Login's hook: the user for a session cookie."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(lazy_gettext("E-mail"), validators=[DataRequired(), Length(max=320)])
    password = PasswordField(lazy_gettext("Password"), validators=[DataRequired(), Length(max=200)])


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute URL here would make the login page an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("public.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; log the user in on a correct password."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except LoginRefused as exc:
            flash(str(exc), "error")
            return render_template("auth/login.html", form=form), 429
        if user is not None:
            login_user(user)
            flash(_("Logged in as %(email)s.", email=user.email), "info")
            return redirect(_safe_next(request.args.get("next")))
        flash(_("E-mail or password is not correct."), "error")
        return render_template("auth/login.html", form=form), 401
    status = 400 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """End the session (POST, so it carries the CSRF token)."""
    logout_user()
    flash(_("Logged out."), "info")
    return redirect(url_for("public.index"))
