"""The public compilation of key messages: the page, and its PDF and DOCX downloads."""

from flask import Blueprint, Response, abort, render_template, url_for

from ..key_messages import (
    COMPILATION_INTRO,
    COMPILATION_TITLE,
    compilation,
    compiled_on,
)
from ..key_messages_export import docx_bytes, long_date, pdf_bytes
from ..publishing import find_published_segment
from ..uploads import FILE_TYPES
from .public_cache import revalidate, with_validators

bp = Blueprint("key_messages", __name__)

DOWNLOADS = {fmt: FILE_TYPES[fmt] for fmt in ("pdf", "docx")}


def _document_url(external: bool):
    """Links to source documents: the documents blueprint's page, absolute in downloads."""
    def build(segment_slug: str, document_slug: str) -> str:
        return url_for("documents.show", slug=segment_slug, doc_slug=document_slug,
                       _external=external)
    return build


def _segment_and_etag(slug: str, fmt: str):
    segment = find_published_segment(slug) or abort(404)
    return segment, *revalidate(segment, "key-messages", fmt)


@bp.get("/segments/<slug>/key-messages/", endpoint="compilation")
def compilation_page(slug: str):
    """The published key messages by theme, then by body, with links to their sources."""
    segment, etag, cached = _segment_and_etag(slug, "html")
    if cached is not None:
        return cached
    page = render_template("public/key_messages.html", segment=segment, active="key-messages",
                           themes=compilation(segment, _document_url(external=False)),
                           title=COMPILATION_TITLE, intro=COMPILATION_INTRO,
                           compiled=long_date(compiled_on(segment)))
    return with_validators(page, segment, etag)


def _download(slug: str, fmt: str):
    segment, etag, cached = _segment_and_etag(slug, fmt)
    if cached is not None:
        return cached
    themes = compilation(segment, _document_url(external=True))
    body = pdf_bytes(segment, themes) if fmt == "pdf" else docx_bytes(segment, themes)
    response = Response(body, mimetype=DOWNLOADS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}-key-messages.{fmt}"'
    return with_validators(response, segment, etag)


@bp.get("/segments/<slug>/key-messages.pdf", endpoint="pdf")
def compilation_pdf(slug: str):
    """The compilation as an A4 PDF, for the HLPF thematic review."""
    return _download(slug, "pdf")


@bp.get("/segments/<slug>/key-messages.docx", endpoint="docx")
def compilation_docx(slug: str):
    """The compilation as a Word document, for the HLPF thematic review."""
    return _download(slug, "docx")
