"""Which language a page is in: the visitor's choice, remembered, else their browser's.

Public pages, the portal and e-mails come in the six UN languages, the organizer area in
English and French. `?lang=fr` on any page chooses French and is remembered in a cookie;
without a choice, the browser's Accept-Language decides.
"""

from urllib.parse import urlencode

from flask import g, request
from flask_babel import get_locale

from meeting.lib.languages import (
    DEFAULT_LOCALE,
    ORGANIZER_LOCALES,
    PUBLIC_LOCALES,
    UN_LANGUAGES,
    text_direction,
)

COOKIE = "lang"
ORGANIZER_BLUEPRINTS = ("organizer", "auth")


def _allowed() -> tuple[str, ...]:
    blueprint = (request.blueprint or "").split(".")[0]
    return ORGANIZER_LOCALES if blueprint in ORGANIZER_BLUEPRINTS else PUBLIC_LOCALES


def select_locale() -> str:
    """Flask-Babel's locale selector (outside a request: English, unless forced)."""
    if not request:
        return DEFAULT_LOCALE
    allowed = _allowed()
    for candidate in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if candidate in allowed:
            return candidate
    return request.accept_languages.best_match(allowed) or DEFAULT_LOCALE


def remember_choice(response):
    """Keep a language chosen with ?lang= for the next pages (a year, this site only)."""
    asked = request.args.get("lang")
    if asked in PUBLIC_LOCALES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


def language_links() -> list[dict]:
    """The UN language bar: each language, in its own script, linking to this page in it."""
    args = request.args.to_dict()
    current = str(get_locale())
    links = []
    for code, name in UN_LANGUAGES:
        if code not in _allowed():
            continue
        query = urlencode({**args, "lang": code})
        links.append({"code": code, "name": name, "url": f"{request.path}?{query}",
                      "current": code == current})
    return links


def template_context() -> dict:
    """lang, dir and the language bar for base.html."""
    locale = str(get_locale())
    g.locale = locale
    return {"page_lang": locale, "page_dir": text_direction(locale), "language_links": language_links}
