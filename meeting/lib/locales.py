"""The six official UN languages: which parts of the app speak which, and dates in them.

The public site, the portal, inscriptions and e-mails speak all six; the organizer area
speaks English and French (ORGANIZER_LANGUAGES). A page is always in one language: a view
outside the public set never renders in Arabic with English around it.

Dates and times follow the language through `format_instant`, which takes the strftime
pattern the English text was written with and, for other languages, asks Babel (CLDR) for
the same fields in that language's order and words. English keeps strftime itself: the same
bytes as before, and the fast path for feeds and pages with thousands of times.
"""

import re
from datetime import date, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_datetime, get_timezone, get_timezone_location, match_skeleton
from flask_babel import get_locale, get_translations

# The order of the UN language bar, each language named in its own script.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
NATIVE_NAMES = {"ar": "عربي", "zh": "中文", "en": "English", "fr": "Français",
                "ru": "Русский", "es": "Español"}
ORGANIZER_LANGUAGES = ("en", "fr")
RTL_LANGUAGES = frozenset({"ar"})
DEFAULT_LANGUAGE = "en"


def catalogue_gettext():
    """gettext bound to the current language's catalogue, found once.

    Flask-Babel's gettext finds the catalogue again for every text (about fifteen times the
    cost of the translation itself): code that writes a dozen texts for each of thousands of
    reminders looks it up once and translates through this. The same texts, the same result.
    """
    translations = get_translations()

    def gettext(string: str, **variables) -> str:
        text = translations.ugettext(string)
        return text % variables if variables else text
    return gettext


def N_(message: str) -> str:
    """Mark a text of a table (labels, vocabularies) for the catalogue; it is translated where
    it is shown, with gettext, so files and logs keep the English."""
    return message


def current_language() -> str:
    """The language of what is being rendered now ('en' outside any request or task)."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def text_direction(language: str | None = None) -> str:
    """'rtl' for Arabic, else 'ltr'."""
    return "rtl" if (language or current_language()) in RTL_LANGUAGES else "ltr"


def clean_language(value: str | None, allowed=UN_LANGUAGES) -> str | None:
    """A language code among `allowed` ('FR ' → 'fr'), or None for anything else."""
    code = (value or "").strip().lower()
    return code if code in allowed else None


# strftime directive → (CLDR skeleton letters, is a date field)
_DIRECTIVES = {"A": "EEEE", "a": "E", "d": "d", "-d": "d", "B": "MMMM", "b": "MMM",
               "Y": "y", "H": "H", "-H": "H", "M": "m", "S": "s"}
_NUMERIC_ONLY = re.compile(r"%-?[YmdHMS]")


@lru_cache(maxsize=256)
def _cldr_pattern(fmt: str, language: str) -> str | None:
    """The CLDR pattern saying what the strftime `fmt` says, in `language`; None: use strftime.

    Only patterns naming a weekday or a month change with the language: '09:30' and
    '2020-07-07' read the same in all six.
    """
    directives = re.findall(r"%(-?[A-Za-z])", fmt)
    if not any(d in ("A", "a", "B", "b") for d in directives):
        return None
    locale = Locale.parse(language)
    date_skeleton = "".join(_DIRECTIVES[d] for d in directives if d in ("Y", "B", "b", "A", "a", "d", "-d"))
    date_skeleton = "".join(sorted(date_skeleton, key="yMEd".index))
    key = match_skeleton(date_skeleton, locale.datetime_skeletons) or date_skeleton
    pattern = str(locale.datetime_skeletons[key].pattern) if key in locale.datetime_skeletons else key
    pattern = _widen(pattern, full_weekday="A" in directives, full_month="B" in directives)
    if "H" in directives or "-H" in directives:
        time_pattern = "HH:mm:ss" if "S" in directives else "HH:mm"
        joiner = str(locale.datetime_formats.get("medium", "{1} {0}"))
        pattern = joiner.replace("{1}", pattern).replace("{0}", time_pattern)
    return pattern


def _widen(pattern: str, *, full_weekday: bool, full_month: bool) -> str:
    """Give the weekday and month the width the English pattern asked for (outside quotes)."""
    parts = re.split(r"('[^']*')", pattern)
    for i in range(0, len(parts), 2):
        if full_weekday:
            parts[i] = re.sub(r"[Ec]+", lambda m: m.group(0)[0] * 4, parts[i])
        if full_month:
            parts[i] = re.sub(r"[ML]{3,}", lambda m: m.group(0)[0] * 4, parts[i])
    return "".join(parts)


def format_instant(value: date | datetime, fmt: str, language: str | None = None) -> str:
    """`value.strftime(fmt)`, in the current language: '%a %-d %b' → 'Tue 7 Jul', 'mar. 7 juil.'."""
    language = language or current_language()
    if language == DEFAULT_LANGUAGE:
        return value.strftime(fmt)
    pattern = _cldr_pattern(fmt, language)
    if pattern is None:
        return value.strftime(fmt)
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return format_datetime(value, pattern, tzinfo=value.tzinfo, locale=language)


def zone_city(zone: str, language: str | None = None) -> str:
    """'America/New_York' → the zone's city in the current language ('نيويورك', 'Nueva York'),
    from CLDR; the IANA name itself when CLDR has no city for it."""
    try:
        return get_timezone_location(get_timezone(zone), locale=language or current_language(),
                                     return_city=True)
    except (LookupError, ValueError):
        return zone


def language_display_name(code: str, in_language: str | None = None) -> str | None:
    """'fr' → 'français' said in the current language (Babel's CLDR names), or None."""
    try:
        return Locale.parse(in_language or current_language()).languages.get(code)
    except (ValueError, TypeError):
        return None
