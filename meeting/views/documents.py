"""Public documents library (no login): the library, one document, its file."""

from flask import Blueprint, abort, render_template, request, send_file

from meeting.lib.uploads import upload_path
from meeting.models import DOCUMENT_KIND_LABELS, Document, Segment, Statement
from meeting.models.programme import TAG_VOCABULARY_LABELS
from meeting.site.documents import KIND_HEADINGS, document_library, find_document, public_sessions_of
from meeting.site.publishing import find_published_segment

from .public_cache import published_view

bp = Blueprint("documents", __name__, url_prefix="/segments/<slug>/documents")


def file_response(document: Document | Statement):
    """The document's (or statement's) stored file as a download: its own name, type, ETag;
    304 when unchanged."""
    if not document.file_name:
        abort(404)
    path = upload_path(document.file_name)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=document.file_type, as_attachment=True,
                         download_name=document.file_original, conditional=True,
                         etag=document.file_sha256, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/")
@published_view
def index(segment: Segment):
    """Published case studies, presentations and inputs; filtered by ?kind=, ?body=, ?tag=."""
    try:
        library = document_library(segment, request.args.get("kind", ""), request.args.get("body", ""),
                                   request.args.get("tag", ""))
    except ValueError as exc:
        abort(400, description=str(exc))
    return render_template("public/documents.html", segment=segment, library=library,
                           headings=KIND_HEADINGS, vocabularies=TAG_VOCABULARY_LABELS,
                           active="documents")


@bp.get("/<doc_slug>/")
@published_view
def show(segment: Segment, doc_slug: str):
    """One published document: what it is, who it is from, its summary and body, its file or link."""
    document = find_document(segment, slug=doc_slug) or abort(404)
    return render_template("public/document.html", segment=segment, document=document,
                           sessions=public_sessions_of(document), kinds=DOCUMENT_KIND_LABELS,
                           active="documents")


@bp.get("/<doc_slug>/file")
def download(slug: str, doc_slug: str):
    """The published document's file."""
    segment = find_published_segment(slug) or abort(404)
    return file_response(find_document(segment, slug=doc_slug) or abort(404))
