"""Which language a page is in, and the language bar that changes it.

Public pages, the portal, inscription pages and speaker screens speak the six UN languages;
the organizer area and the login page speak English and French. The language of a page is,
in order: the one just chosen (?lang=fr, then remembered in a cookie), for an organizer their
own setting, for a speaker on their portal their preferred language, the browser's
Accept-Language, and English. A language a page does not speak is never chosen for it.
"""

from urllib.parse import urlsplit

from flask import Blueprint, g, has_request_context, redirect, request, url_for
from flask_babel import refresh
from flask_login import current_user, login_required

from meeting.extensions import babel, db
from meeting.lib.locales import (
    DEFAULT_LANGUAGE,
    NATIVE_NAMES,
    ORGANIZER_LANGUAGES,
    UN_LANGUAGES,
    clean_language,
    current_language,
    text_direction,
)

from .localized import init_localized

COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
# Top-level blueprints whose pages speak only the organizer languages.
ORGANIZER_AREA = frozenset({"organizer", "auth", "languages"})

# What machines read (the API, open-data exports, calendar files, the compilation's files)
# is English whatever the reader's browser asks: one copy for everyone, cached once.
MACHINE_BLUEPRINTS = frozenset({"api", "formats"})
MACHINE_ENDPOINTS = frozenset({"public.session_ics", "public.segment_ics", "public.segment_feed",
                               "key_messages.pdf", "key_messages.docx"})

bp = Blueprint("languages", __name__)


def page_languages() -> tuple[str, ...]:
    """The languages this request's page speaks."""
    if not has_request_context():
        return UN_LANGUAGES
    area = (request.blueprint or "").split(".")[0]
    if area in MACHINE_BLUEPRINTS or request.endpoint in MACHINE_ENDPOINTS:
        return (DEFAULT_LANGUAGE,)
    return ORGANIZER_LANGUAGES if area in ORGANIZER_AREA else UN_LANGUAGES


def select_language() -> str:
    """Flask-Babel's locale selector (see the module's docstring for the order)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    allowed = page_languages()
    choices = [request.args.get("lang")]
    organizer = current_user.is_authenticated and allowed == ORGANIZER_LANGUAGES
    if organizer:
        choices.append(current_user.language)
    choices.append(request.cookies.get(COOKIE))
    choices.append(g.get("person_language"))
    for choice in choices:
        if (language := clean_language(choice, allowed)) is not None:
            return language
    return request.accept_languages.best_match(allowed) or DEFAULT_LANGUAGE


def init_languages(app) -> None:
    """Flask-Babel with the selector, the bar in every template, the cookie remembered."""
    babel.init_app(app, locale_selector=select_language, default_translation_directories="translations")
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # Flask-Babel keeps the locale on flask.g: a request inside an app context that is
    # already open (tests, a CLI task) must choose again, not inherit the last one's.
    app.before_request(refresh)
    app.context_processor(_language_context)
    app.after_request(_remember_choice)
    app.register_blueprint(bp)
    init_localized(app)


def _language_context() -> dict:
    language = current_language()
    return {"page_language": language, "page_direction": text_direction(language),
            "language_bar": _bar(language)}


def _bar(language: str) -> list[dict]:
    """The language bar's entries, in UN order, each with the link that switches to it."""
    if not has_request_context() or request.endpoint is None or request.view_args is None:
        return []
    allowed = page_languages()
    if allowed == ORGANIZER_LANGUAGES:
        return [{"code": code, "name": NATIVE_NAMES[code], "current": code == language, "url": None}
                for code in allowed]
    args = request.args.to_dict()
    entries = []
    for code in allowed:
        args["lang"] = code
        entries.append({"code": code, "name": NATIVE_NAMES[code], "current": code == language,
                        "url": url_for(request.endpoint, **request.view_args, **args)})
    return entries


def _remember_choice(response):
    chosen = clean_language(request.args.get("lang"))
    if chosen is not None and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(COOKIE, chosen, max_age=COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


@bp.post("/account/language")
@login_required
def choose():
    """An organizer's own interface language (English or French), kept on their account."""
    language = clean_language(request.form.get("language"), ORGANIZER_LANGUAGES)
    if language is not None:
        current_user.language = language
        db.session.commit()
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        target = url_for("organizer.home")
    response = redirect(target)
    if language is not None:
        response.set_cookie(COOKIE, language, max_age=COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response
