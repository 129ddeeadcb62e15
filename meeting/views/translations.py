"""Translations of the organizer's content: a session's title and description, a key
message's text, per language (nested in the organizer blueprint: login and roles apply).

Each form saves one language; a refused one shows the editor again with the error naming
the field and what was typed, and nothing saved.
"""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meeting.extensions import db
from meeting.lib.locales import clean_language
from meeting.lib.text import language_name
from meeting.models import KeyMessage, Session
from meeting.programme.queries import find_segment
from meeting.programme.translations import (
    TranslationError,
    remove_session_translation,
    set_session_translation,
)
from meeting.site.translations import remove_key_message_translation, set_key_message_translation

from .forms import not_saved, require_valid
from .key_messages_admin import edit_page
from .sessions import _form, _render, _tags

bp = Blueprint("translations", __name__)


def _kept(error: Exception) -> dict:
    """What the refused form held, to show it again beside the error."""
    return {"language": request.form.get("language", ""), "error": str(error),
            **{k: request.form.get(k, "") for k in ("title", "description", "text")}}


def _session(session_id: int) -> Session:
    return db.session.get(Session, session_id) or abort(404)


@bp.post("/sessions/<int:session_id>/translations")
def save_session(session_id: int):
    """Add or change the session's title and description in one language."""
    session = _session(session_id)
    require_valid()
    try:
        translation = set_session_translation(session, request.form.get("language"),
                                              request.form.get("title"), request.form.get("description"),
                                              current_user.email)
    except TranslationError as exc:
        kept = _kept(exc)
        status = not_saved(exc, _("Translation not saved"))
        return _render(session, _form(session, _tags(), from_request=False), status,
                       translation_kept=kept)
    flash(_("Translation saved: the public pages in %(language)s show it.",
            language=language_name(translation.language)), "info")
    return redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#translations")


@bp.post("/sessions/<int:session_id>/translations/<language>/delete")
def remove_session(session_id: int, language: str):
    """Remove the session's translation in one language: those pages show the original again."""
    session = _session(session_id)
    require_valid()
    code = clean_language(language) or abort(404)
    if remove_session_translation(session, code, current_user.email):
        flash(_("Translation removed: the public pages in %(language)s show the original, marked "
                "as such.", language=language_name(code)), "info")
    return redirect(url_for("organizer.sessions.edit", session_id=session_id) + "#translations")


def _message(slug: str, message_id: int) -> KeyMessage:
    segment = find_segment(slug) or abort(404)
    message = db.session.get(KeyMessage, message_id)
    if message is None or message.segment_id != segment.id:
        abort(404)
    return message


@bp.post("/segments/<slug>/key-messages/<int:message_id>/translations")
def save_key_message(slug: str, message_id: int):
    """Add or change the key message's text in one language."""
    message = _message(slug, message_id)
    require_valid()
    try:
        translation = set_key_message_translation(message, request.form.get("language"),
                                                  request.form.get("text"), current_user.email)
    except TranslationError as exc:
        kept = _kept(exc)
        return edit_page(message.segment, message, not_saved(exc, _("Translation not saved")),
                         translation_kept=kept)
    flash(_("Translation saved: the public pages in %(language)s show it.",
            language=language_name(translation.language)), "info")
    return redirect(url_for("organizer.key_messages.edit", slug=slug, message_id=message_id)
                    + "#translations")


@bp.post("/segments/<slug>/key-messages/<int:message_id>/translations/<language>/delete")
def remove_key_message(slug: str, message_id: int, language: str):
    """Remove the key message's translation in one language."""
    message = _message(slug, message_id)
    require_valid()
    code = clean_language(language) or abort(404)
    if remove_key_message_translation(message, code, current_user.email):
        flash(_("Translation removed: the public pages in %(language)s show the original, marked "
                "as such.", language=language_name(code)), "info")
    return redirect(url_for("organizer.key_messages.edit", slug=slug, message_id=message_id)
                    + "#translations")
