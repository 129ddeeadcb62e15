"""Key messages in other languages: adding, changing and removing a translation.

The same rules as sessions' (meeting.programme.translations): one of the six UN languages,
never the segment's original, the text required; nothing is saved when one is broken.
"""

from flask_babel import gettext as _

from meeting.extensions import db
from meeting.models import KeyMessage, KeyMessageTranslation
from meeting.programme.history import record
from meeting.programme.translations import check_translation, checked_text, translation_in

from .key_messages import TEXT_MAX


def set_key_message_translation(message: KeyMessage, language: str | None, text: str | None,
                                by: str) -> KeyMessageTranslation:
    """Add or change the message's text in one language; TranslationError names the field."""
    code = check_translation(message.segment, language)
    text = checked_text(text, _("text"), TEXT_MAX, required=True)
    translation = translation_in(message, code)
    if translation is None:
        translation = KeyMessageTranslation(language=code, text=text)
        message.translations.append(translation)
        record(message.segment, by, f"key message {message.id}: {code} translation added")
    elif translation.text != text:
        translation.text = text
        record(message.segment, by, f"key message {message.id}: {code} translation changed")
    db.session.commit()
    return translation


def remove_key_message_translation(message: KeyMessage, language: str, by: str) -> bool:
    """Remove the message's translation in one language; False when it had none."""
    translation = translation_in(message, language)
    if translation is None:
        return False
    message.translations.remove(translation)
    record(message.segment, by, f"key message {message.id}: {language} translation removed")
    db.session.commit()
    return True
