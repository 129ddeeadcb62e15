"""Rendered pieces of public pages, cached by everything they show.

A 1,000-session programme page is mostly the same 1,000 session blocks from one version
to the next: after an organizer changes one session, only its block is rendered again.
The key is the block's whole content (a tuple of the row's fields, speakers and tags, and
where it sits), so a stale block cannot be served: a different content is a different key.
"""

from flask import current_app
from markupsafe import Markup

from meeting.lib.caches import LruCache
from meeting.lib.locales import current_language
from meeting.programme.grid import Grid
from meeting.programme.public import PublicSession

FRAGMENTS = LruCache(max_items=10_000)


def _content_key(session: PublicSession) -> tuple:
    return (session.id, session.code, session.title, session.kind, session.status,
            session.description, session.start, session.duration_minutes, session.platform,
            tuple(session.interpretation or ()), session.webcast_url, tuple(session.tags),
            tuple(session.speakers), tuple(session.captioning or ()), session.captioning_url,
            session.interpretation_platform, session.original_language,
            # The page language's translation: a new or edited one is a new block.
            tuple((language, texts["title"], texts["description"])
                  for language, texts in session.translations.items()))


def _render_cached(template_name: str, key: tuple, *args) -> Markup:
    # The template's `item` macro, called directly: a full render per session would set up
    # a new template context a thousand times.
    html = FRAGMENTS.get_or_build((template_name, current_language(), key), lambda: str(
        current_app.jinja_env.get_template(template_name).module.item(*args)))
    return Markup(html)  # noqa: S704  (an autoescaped template rendered it)


def session_items(sessions: list[PublicSession], base: str, zone: str) -> list[Markup]:
    """The programme-list HTML of each session (public/_session_item.html), cached."""
    return [_render_cached("public/_session_item.html", (base, zone, _content_key(s)), s, base, zone)
            for s in sessions]


def grid_cells(grid: Grid, base: str) -> dict:
    """Per grid day, the HTML of each placed session (public/_grid_cell.html), cached."""
    return {
        day.day: [_render_cached("public/_grid_cell.html",
                                 (base, c.row, c.span, c.lane, c.hq_start, _content_key(c.session)),
                                 c, base)
                  for c in day.cells]
        for day in grid.days
    }
