"""Template helpers: paragraphs of plain text, language names, times in a zone."""

import re

from markupsafe import Markup, escape

from .locales import DEFAULT_LANGUAGE, current_language, format_instant, language_display_name, zone_city
from .markdown import render_markdown
from .timezones import to_zone, zone_abbreviation

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


# Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF). lxml,
# openpyxl and python-docx refuse them: a form feed pasted into a title would break a file.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """A text without the characters XML cannot carry; other values as they are."""
    return NOT_IN_XML.sub("", value) if isinstance(value, str) else value


def text_blocks(text: str | None) -> list[str]:
    """Plain text → its paragraphs: blank lines separate them, other whitespace is one space."""
    if not text:
        return []
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()))
    return [b for b in blocks if b]


def paragraphs(text: str | None) -> Markup:
    """Plain text → escaped <p> paragraphs; blank lines separate them, single newlines don't."""
    return Markup("").join(Markup("<p>{}</p>").format(escape(b)) for b in text_blocks(text))


def language_name(code: str) -> str:
    """'fr' → 'French' (in French: 'français'); unknown codes in upper case."""
    if current_language() != DEFAULT_LANGUAGE:
        name = language_display_name(code)
        if name:
            return name
    return LANGUAGE_NAMES.get(code, code.upper())


def local_date(value, fmt: str) -> str:
    """The template filter for dates and times: `{{ start|ldate('%a %-d %b') }}`, per language."""
    return format_instant(value, fmt) if value is not None else ""


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def register_filters(app) -> None:
    """Make the helpers available in every template."""
    app.add_template_filter(paragraphs)
    app.add_template_filter(language_name)
    app.add_template_filter(ordinal)
    app.add_template_filter(local_date, "ldate")
    app.add_template_filter(zone_city)
    app.add_template_filter(to_zone, "in_zone")
    app.add_template_filter(zone_abbreviation, "zone_abbr")
    app.add_template_filter(render_markdown, "markdown")
