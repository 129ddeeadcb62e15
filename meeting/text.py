"""Small text helpers for pages: paragraphs of plain text, language names."""

import re

from markupsafe import Markup, escape

# The six official UN languages first; other codes fall back to upper case.
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
    "pt": "Portuguese",
    "de": "German",
    "sw": "Kiswahili",
    "hi": "Hindi",
    "id": "Indonesian",
    "no": "Norwegian",
    "hy": "Armenian",
    "it": "Italian",
}


def paragraphs(text: str | None) -> Markup:
    """Plain text → escaped <p> paragraphs; blank lines separate them, single newlines don't."""
    if not text:
        return Markup("")
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip())]
    return Markup("").join(Markup("<p>{}</p>").format(escape(b)) for b in blocks if b)


def language_name(code: str) -> str:
    """'fr' → 'French'; unknown codes in upper case."""
    return LANGUAGE_NAMES.get(code, code.upper())


def register_filters(app) -> None:
    """Make the helpers available in every template."""
    app.add_template_filter(paragraphs)
    app.add_template_filter(language_name)
