"""Templates show the organizer's content through `shown(obj, field)`: the page language's
translation, or the original marked with its language and a visible label (never a silent
mix; rules in meeting.programme.translations.localized)."""

from flask_babel import gettext
from markupsafe import Markup, escape

from meeting.lib.locales import current_language, text_direction
from meeting.lib.text import language_name, paragraphs
from meeting.programme.translations import Localized, in_un_order, localized, translation_languages


def original_label(language: str) -> str:
    """'(original: English)', in the page's language: '(original : anglais)'."""
    return gettext("(original: %(language)s)", language=language_name(language))


def shown(obj, field: str, as_paragraphs: bool = False, label: bool = True) -> Markup:
    """The HTML of one field: plain when in the page's language, else inside an element with
    lang and dir, followed by the label (`label=False`: for an attribute or a <title>)."""
    text = localized(obj, field, current_language())
    return mark(text, as_paragraphs, label)


def mark(text: Localized, as_paragraphs: bool = False, label: bool = True) -> Markup:
    """The HTML of a Localized text (see shown)."""
    if not text.text:
        return Markup("")
    body = paragraphs(text.text) if as_paragraphs else escape(text.text)
    if not text.foreign:
        return body
    tag = "div" if as_paragraphs else "span"
    html = Markup('<{tag} class="original" lang="{lang}" dir="{dir}">{body}</{tag}>').format(
        tag=tag, lang=text.language, dir=text_direction(text.language), body=body)
    if not label:
        return html
    if as_paragraphs:
        return html + Markup('<p class="original-label muted">{}</p>').format(original_label(text.language))
    return html + _label_html(text.language)


def _label_html(language: str) -> Markup:
    """The visible ' (original: English)' that follows a text shown in its original language."""
    return Markup(' <span class="original-label muted">{}</span>').format(original_label(language))


def shown_text(obj, field: str) -> str:
    """The field as plain text for a <title> or an attribute, the label after it when it is
    in another language than the page's."""
    text = localized(obj, field, current_language())
    if not text.text or not text.foreign:
        return text.text or ""
    return f"{text.text} {original_label(text.language)}"


def original_mark(obj, field: str) -> Markup:
    """Only the label, when the field is shown in another language (after a link around
    `shown(obj, field, label=False)`)."""
    text = localized(obj, field, current_language())
    return _label_html(text.language) if text.text and text.foreign else Markup("")


def as_original(text: str | None, language: str, label: bool = True, only_label: bool = False) -> Markup:
    """Text kept in its original language (a changelog's record of a title), marked as such
    on a page in another language (`only_label`: the label alone, to follow a link)."""
    foreign = bool(text) and current_language() != language
    if only_label:
        return _label_html(language) if foreign else Markup("")
    return mark(Localized(text, language, True, foreign), label=label)


def missing_translations(owner) -> list[str]:
    """The languages a session or key message has no translation in yet (UN order)."""
    done = {t.language for t in owner.translations}
    return [code for code in translation_languages(owner.segment) if code not in done]


def init_localized(app) -> None:
    """Make shown, shown_text, original_mark and the editors' helpers available in templates."""
    for function in (shown, shown_text, original_mark, as_original, missing_translations):
        app.add_template_global(function)
    app.add_template_filter(in_un_order)
    app.add_template_filter(text_direction)
