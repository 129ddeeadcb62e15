"""Markdown for documents: CommonMark (with tables) rendered, then sanitized with nh3.

Raw HTML is let through the renderer on purpose and cleaned by the sanitizer, so what an
organizer pastes degrades to its text rather than showing as tags; nothing executable
(scripts, event handlers, javascript: links, frames, images) survives.
"""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
        "table", "thead", "tbody", "tr", "th", "td", "br", "hr"}

_md = MarkdownIt("commonmark", {"html": True}).enable("table")
_cleaner = nh3.Cleaner(
    tags=TAGS,
    # Removed with their content, not just unwrapped: their text is code, not prose.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
)


def render_markdown(text: str | None) -> Markup:
    """Markdown → sanitized HTML; headings are kept between h2 and h4 (the page has the h1)."""
    if not text:
        return Markup("")
    tokens = _md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(max(int(token.tag[1]), 2), 4)}"
    html = _md.renderer.render(tokens, _md.options, {})
    return Markup(_cleaner.clean(html))  # noqa: S704  (the output of the sanitizer)
