"""Form helpers shared by the blueprints."""

from flask import abort, flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from meeting.extensions import db
from meeting.lib.phones import clean_phone
from meeting.lib.symbols import SymbolError, parse_symbol
from meeting.people.accounts import EMAIL_RE

EXPIRED = lazy_gettext("The form was incomplete or expired; reload the page and try again.")


class CsrfForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change state."""


def require_valid(form: FlaskForm | None = None) -> FlaskForm:
    """Abort with 400 unless the submitted form (by default a bare CsrfForm) validates."""
    form = form or CsrfForm()
    if not form.validate_on_submit():
        abort(400, description=str(EXPIRED))
    return form


def not_saved(error: Exception, what: str | None = None) -> int:
    """Undo the half-made change, say why it was refused, and give the status to answer with (400).

    `what` is said in the page's language (the caller translates it); it defaults to "Not saved".
    """
    db.session.rollback()
    flash(_("%(what)s: %(error)s", what=what or _("Not saved"), error=error), "error")
    return 400


def un_symbol(form, field) -> None:
    """WTForms validator: blank, or a UN document symbol by its grammar (the message says what is wrong)."""
    if field.data and field.data.strip():
        try:
            field.data = parse_symbol(field.data).text
        except SymbolError as exc:
            raise ValidationError(str(exc)) from None


def phone_number(name: str):
    """WTForms validator: blank, or a phone number (meeting.lib.phones); the message names `name`
    (a lazy_gettext text when the form is defined at import)."""

    def check(form, field) -> None:
        try:
            field.data = clean_phone(field.data, str(name)) or ""
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    return check


def email_address(name: str):
    """WTForms validator: blank, or an e-mail address of at most 320 characters, named `name`."""

    def check(form, field) -> None:
        value = (field.data or "").strip()
        if value and (len(value) > 320 or not EMAIL_RE.match(value)):
            raise ValidationError(_("%(name)s: %(value)s is not an e-mail address", name=name,
                                    value=repr(value[:80])))
        field.data = value

    return check
