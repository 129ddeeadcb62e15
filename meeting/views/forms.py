"""Form helpers shared by the blueprints."""

from flask import abort
from flask_wtf import FlaskForm

EXPIRED = "The form was incomplete or expired; reload the page and try again."


class CsrfForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change state."""


def require_valid(form: FlaskForm | None = None) -> FlaskForm:
    """Abort with 400 unless the submitted form (by default a bare CsrfForm) validates."""
    form = form or CsrfForm()
    if not form.validate_on_submit():
        abort(400, description=EXPIRED)
    return form
