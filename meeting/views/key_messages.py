"""The public compilation of key messages: the page, and its PDF and DOCX downloads."""

from flask import Blueprint, Response, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from meeting.lib.uploads import FILE_TYPES
from meeting.models import Segment
from meeting.site.key_messages import (
    COMPILATION_INTRO,
    COMPILATION_TITLE,
    compilation,
    compilation_heading,
    contents_by_body,
)
from meeting.site.key_messages_export import docx_bytes, long_date, pdf_bytes

from .public_cache import published_view

bp = Blueprint("key_messages", __name__)

DOWNLOADS = {fmt: FILE_TYPES[fmt] for fmt in ("pdf", "docx")}


def _document_url(external: bool):
    """Links to source documents: the documents blueprint's page, absolute in downloads."""
    def build(segment_slug: str, document_slug: str) -> str:
        return url_for("documents.show", slug=segment_slug, doc_slug=document_slug,
                       _external=external)
    return build


@bp.get("/segments/<slug>/key-messages/", endpoint="compilation")
@published_view
def compilation_page(segment: Segment):
    """The published key messages by theme, then by body, with links to their sources."""
    themes = compilation(segment, _document_url(external=False))
    heading = compilation_heading(segment)
    return render_template("public/key_messages.html", segment=segment, active="key-messages",
                           themes=themes, contents=contents_by_body(themes), heading=heading,
                           title=_(COMPILATION_TITLE), intro=_(COMPILATION_INTRO),
                           compiled=long_date(heading.issued))


def _download(segment: Segment, fmt: str) -> Response:
    # The files are the English original, whatever the page's language (docs/glossary.md).
    with force_locale("en"):
        themes = compilation(segment, _document_url(external=True))
        body = pdf_bytes(segment, themes) if fmt == "pdf" else docx_bytes(segment, themes)
    response = Response(body, mimetype=DOWNLOADS[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{segment.slug}-key-messages.{fmt}"')
    return response


@bp.get("/segments/<slug>/key-messages.pdf", endpoint="pdf")
@published_view
def compilation_pdf(segment: Segment):
    """The compilation as an A4 PDF, for the HLPF thematic review."""
    return _download(segment, "pdf")


@bp.get("/segments/<slug>/key-messages.docx", endpoint="docx")
@published_view
def compilation_docx(segment: Segment):
    """The compilation as a Word document, for the HLPF thematic review."""
    return _download(segment, "docx")
