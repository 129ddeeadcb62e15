"""Rendered pieces of public pages, cached by everything they show.

A 1,000-session programme page is mostly the same 1,000 session blocks from one version
to the next: after an organizer changes one session, only its block is rendered again.
The key is the block's whole content (a tuple of the row's fields, speakers and tags),
so a stale block cannot be served: a different content is a different key.
"""

from flask import current_app
from markupsafe import Markup

from ..feeds import BytesCache
from ..public_programme import PublicSession

SESSION_ITEMS = BytesCache(max_items=5_000)


def _content_key(session: PublicSession) -> tuple:
    return (session.id, session.code, session.title, session.kind, session.status,
            session.description, session.start, session.duration_minutes, session.platform,
            tuple(session.interpretation or ()), session.webcast_url, tuple(session.tags),
            tuple(session.speakers))


def session_items(sessions: list[PublicSession], base: str, zone: str) -> list[Markup]:
    """The programme-list HTML of each session (public/_session_item.html), cached."""
    template = current_app.jinja_env.get_template("public/_session_item.html")
    items = []
    for session in sessions:
        key = (base, zone, _content_key(session))
        html = SESSION_ITEMS.get(key)
        if html is None:
            html = SESSION_ITEMS.put(key, template.render(s=session, base=base, zone=zone))
        items.append(Markup(html))  # noqa: S704  (an autoescaped template rendered it)
    return items
