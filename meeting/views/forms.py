"""Form helpers shared by the blueprints."""

from flask import abort, flash
from flask_wtf import FlaskForm

from meeting.extensions import db

EXPIRED = "The form was incomplete or expired; reload the page and try again."


class CsrfForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change state."""


def require_valid(form: FlaskForm | None = None) -> FlaskForm:
    """Abort with 400 unless the submitted form (by default a bare CsrfForm) validates."""
    form = form or CsrfForm()
    if not form.validate_on_submit():
        abort(400, description=EXPIRED)
    return form


def not_saved(error: Exception, what: str = "Not saved") -> int:
    """Undo the half-made change, say why it was refused, and give the status to answer with (400)."""
    db.session.rollback()
    flash(f"{what}: {error}", "error")
    return 400
