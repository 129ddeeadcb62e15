"""Translations of sessions and key messages in programme files: read, applied, written back.

In the file, the segment names the language its content is written in (omitted for English),
and a session or key message lists its translations by language (omitted when it has none):

    segment:
      original_language: fr
    sessions:
      - code: S1
        title: Ouverture
        translations:
          en:
            title: Opening
            description: |
              …
    key_messages:
      - organization: undesa
        text: …
        translations:
          es: …

A session or key message in a file without `translations` keeps the ones it has (an old file
imported again never wipes what was added since); with it, it gets exactly those.
"""

from meeting.lib.locales import UN_LANGUAGES
from meeting.models import KeyMessageTranslation, SessionTranslation
from meeting.programme.translations import DESCRIPTION_MAX, TITLE_MAX, in_un_order

from .fields import Fields, Problem, shape
from .yamlio import LinedDict

KEY_MESSAGE_MAX = 20000


def read_translations(f: Fields, key: str = "translations", session: bool = True) -> dict | None:
    """{language: {"title", "description"}} (a session's) or {language: {"text"}} (a key
    message's) under `key`, or None when the entry has none; problems go to `f`."""
    m = f.mapping(key)
    if m is None:
        return None
    found: dict[str, dict[str, str | None]] = {}
    for language in m:
        if language not in UN_LANGUAGES:
            f.problems.append(Problem(m.line_of(language), f.where, f"{key}: {language!r} is not one "
                                      f"of the six UN languages ({', '.join(UN_LANGUAGES)})"))
            f.ok = False
            continue
        value = m[language]
        if session:
            if not isinstance(value, LinedDict):
                f.problems.append(Problem(m.line_of(language), f.where,
                                          f"{key}: {language} must be a mapping with title and description"))
                f.ok = False
                continue
            t = Fields(value, f"{f.where}: {key}: {language}", f.problems, ("title", "description"))
            texts = {"title": t.text("title", required=True, max_len=TITLE_MAX),
                     "description": t.text("description", max_len=DESCRIPTION_MAX)}
            f.ok = f.ok and t.ok
        elif isinstance(value, str) and value.strip():
            texts = {"text": value.strip()}  # as the key-message rules keep the original
        else:
            f.problems.append(Problem(m.line_of(language), f.where, f"{key}: {language} must be the "
                                      f"message's text, not a {shape(value) if value else 'blank'}"))
            f.ok = False
            continue
        found[language] = texts
    return found


def check_original(specs, original: str, problems: list[Problem], noun: str) -> None:
    """Refuse a translation into the segment's original language (specs: sessions or messages)."""
    for spec in specs:
        if spec is not None and spec.translations and original in spec.translations:
            name = getattr(spec, "code", None) or getattr(spec, "number", "?")
            problems.append(Problem(spec.line, f"{noun} {name}", f"translations: {original} is the "
                                    "segment's original language; write that text in the entry itself"))


def apply_session_translations(session, wanted: dict | None) -> bool:
    """Bring the session's translations in line with the file's (none in the file: keep them)."""
    if wanted is None:
        return False
    return _sync(session.translations, wanted, lambda language, texts: SessionTranslation(
        language=language, **texts))


def apply_key_message_translations(message, wanted: dict | None) -> bool:
    """The same for a key message."""
    if wanted is None:
        return False
    return _sync(message.translations, wanted, lambda language, texts: KeyMessageTranslation(
        language=language, **texts))


def _sync(current: list, wanted: dict, make) -> bool:
    changed = False
    by_language = {t.language: t for t in current}
    for language, texts in wanted.items():
        row = by_language.get(language)
        if row is None:
            current.append(make(language, texts))
            changed = True
            continue
        for name, value in texts.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
    for language, row in by_language.items():
        if language not in wanted:
            current.remove(row)
            changed = True
    return changed


def export_session_translations(session, drop_empty) -> dict:
    """The session's `translations` mapping in UN order (empty when it has none)."""
    return {t.language: drop_empty({"title": t.title, "description": t.description})
            for t in in_un_order(session.translations)}


def export_key_message_translations(message) -> dict:
    """The key message's `translations` mapping in UN order (empty when it has none)."""
    return {t.language: t.text for t in in_un_order(message.translations)}
