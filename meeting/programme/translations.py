"""The organizer's content in several languages: which text a page shows, and editing it.

A segment is written in its original language (Segment.original_language, English unless
set). A session's title and description, and a key message's text, may have a translation
in each other UN language. A page in language L shows the L translation of a field when
there is one; otherwise the original, which the page marks with its language (`lang`,
`dir`) and a visible "(original: English)": never a silent mix of languages. `localized`
is the one rule; templates call it through the `localized` global (public/_localized.html).

Machine outputs (programme files aside, which carry the translations) stay in the original.
"""

from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.lib.locales import UN_LANGUAGES, clean_language
from meeting.lib.text import language_name
from meeting.models import KeyMessage, KeyMessageTranslation, Segment, Session, SessionTranslation

from .editing import save_programme
from .history import record

TITLE_MAX = 300
DESCRIPTION_MAX = 20000


class Localized(NamedTuple):
    """The text a page shows for one field, and the language it is actually in."""

    text: str | None
    language: str
    is_original: bool
    # Not in the page's language: shown with lang/dir and an "(original: …)" label.
    foreign: bool


class TranslationError(ValueError):
    """A translation refused; the message names the field."""


def original_language(obj) -> str:
    """The language an object's own text is written in (its segment's original language)."""
    found = getattr(obj, "original_language", None)
    if found is None:
        segment = getattr(obj, "segment", None)
        found = getattr(segment, "original_language", None)
    return found or "en"


def translation_in(owner, language: str):
    """The owner's (a session's, a key message's) translation row in `language`, or None."""
    return next((t for t in owner.translations if t.language == language), None)


def _translated(obj, field: str, language: str) -> str | None:
    translations = getattr(obj, "translations", None) or ()
    if isinstance(translations, dict):
        return (translations.get(language) or {}).get(field)
    return getattr(translation_in(obj, language), field, None)


def localized(obj, field: str, language: str) -> Localized:
    """`field` of `obj` (a session, public session, key message) for a page in `language`.

    The translation in that language when there is one; else the original text, marked
    `foreign` when the page is in another language (an empty original needs no mark).
    """
    original = original_language(obj)
    text = getattr(obj, field)
    if language != original:
        translated = _translated(obj, field, language)
        if translated:
            return Localized(translated, language, False, False)
    return Localized(text, original, True, bool(text) and language != original)


def session_translations(session_ids, language: str) -> dict[int, dict[str, str | None]]:
    """{session id: {"title", "description"}} in `language` for the sessions selected by
    `session_ids` (a subquery or a list): one query, whatever their number."""
    rows = db.session.connection().execute(
        select(SessionTranslation.session_id, SessionTranslation.title, SessionTranslation.description)
        .where(SessionTranslation.session_id.in_(session_ids),
               SessionTranslation.language == language))
    return {session_id: {"title": title, "description": description}
            for session_id, title, description in rows}


def check_translation(segment: Segment, language: str | None) -> str:
    """The language code of a translation for this segment; TranslationError names the field."""
    code = clean_language(language)
    if code is None:
        raise TranslationError(_("language: %(code)s is not one of the six UN languages "
                                 "(ar, zh, en, fr, ru, es)", code=repr((language or "").strip())))
    if code == segment.original_language:
        raise TranslationError(_(
            "language: %(language)s is the original language of this segment; change the text "
            "itself, not a translation", language=language_name(code)))
    return code


def checked_text(value: str | None, name: str, limit: int, required: bool) -> str | None:
    """Stripped text (None when blank and allowed); TranslationError names the field `name`."""
    text = (value or "").strip()
    if not text:
        if required:
            raise TranslationError(_("%(field)s: write the translated text (it is empty)", field=name))
        return None
    if len(text) > limit:
        raise TranslationError(_("%(field)s: at most %(n)s characters (this one has %(count)s)",
                                 field=name, n=limit, count=len(text)))
    return text


def set_session_translation(session: Session, language: str | None, title: str | None,
                            description: str | None, by: str) -> SessionTranslation:
    """Add or change the session's title and description in one language; nothing is saved
    when TranslationError is raised."""
    code = check_translation(session.segment, language)
    title = checked_text(title, _("title"), TITLE_MAX, required=True)
    description = checked_text(description, _("description"), DESCRIPTION_MAX, required=False)
    translation = translation_in(session, code)
    if translation is None:
        translation = SessionTranslation(language=code, title=title, description=description)
        session.translations.append(translation)
        record(session.segment, by, f"{session.code}: {code} translation added", session)
    elif (translation.title, translation.description) != (title, description):
        translation.title, translation.description = title, description
        record(session.segment, by, f"{session.code}: {code} translation changed", session)
    save_programme(session.segment)
    return translation


def remove_session_translation(session: Session, language: str, by: str) -> bool:
    """Remove the session's translation in one language; False when it had none."""
    translation = translation_in(session, language)
    if translation is None:
        return False
    session.translations.remove(translation)
    record(session.segment, by, f"{session.code}: {language} translation removed", session)
    save_programme(session.segment)
    return True


def language_problem(language: str | None, segment: Segment | None) -> str | None:
    """What is wrong with `language` as the segment's original language, or None.

    A language the content already has translations in cannot become the original: the page
    would have two texts in it.
    """
    if language not in UN_LANGUAGES:
        return _("%(code)s is not one of the six UN languages (ar, zh, en, fr, ru, es)", code=repr(language))
    if segment is None or segment.id is None or language == segment.original_language:
        return None
    count = db.session.scalar(select(func.count()).select_from(SessionTranslation).join(Session).where(
        Session.segment_id == segment.id, SessionTranslation.language == language)) + db.session.scalar(
        select(func.count()).select_from(KeyMessageTranslation).join(KeyMessage).where(
            KeyMessage.segment_id == segment.id, KeyMessageTranslation.language == language))
    if count:
        return ngettext("%(num)s session or key message has a translation into %(language)s; remove "
                        "it first", "%(num)s sessions or key messages have a translation into "
                        "%(language)s; remove those first", count,
                        language=language_name(language))
    return None


def translation_languages(segment: Segment) -> list[str]:
    """The languages a translation of this segment's content may be in, in UN order."""
    return [code for code in UN_LANGUAGES if code != segment.original_language]


def in_un_order(translations) -> list:
    """Translations (rows with a `language`) in the order of the UN language bar."""
    return sorted(translations, key=lambda t: UN_LANGUAGES.index(t.language)
                  if t.language in UN_LANGUAGES else len(UN_LANGUAGES))
