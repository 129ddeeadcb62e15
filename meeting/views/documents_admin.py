"""Organizer pages for the documents library (nested in the organizer blueprint: login and roles apply)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from meeting.extensions import db
from meeting.lib.uploads import accepted, describe_limit, max_upload_bytes
from meeting.models import DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, Document, Segment
from meeting.programme.queries import find_segment
from meeting.site.documents import (
    DocumentFields,
    delete_document,
    document_fields,
    find_document,
    form_choices,
    list_documents,
    save_document,
    set_document_status,
)

from .documents import file_response
from .forms import CsrfForm, require_valid

bp = Blueprint("documents", __name__, url_prefix="/segments/<slug>/documents")
# Room for the other fields of the form (title, summary, body ...) next to the file.
FORM_ALLOWANCE = 2 * 1024 * 1024


def _not_saved(error: Exception) -> int:
    """Undo the half-made change and say why, in the organizer's language (400)."""
    db.session.rollback()
    flash(_("Not saved: %(error)s", error=error), "error")
    return 400


@bp.url_value_preprocessor
def _upload_limit(_endpoint, _values):
    """Bodies may carry a file of MAX_UPLOAD_BYTES; set before the CSRF check reads the form."""
    request.max_content_length = max_upload_bytes() + FORM_ALLOWANCE


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    """A body far over the limit is refused before it is read: say so, naming the limit.

    The page is built without touching request.form, which would raise the same error again.
    """
    segment = find_segment((request.view_args or {}).get("slug", ""))
    if not current_user.is_authenticated or segment is None:
        return exc
    flash(_("Not saved: file: the upload is larger than the limit of %(limit)s.",
            limit=describe_limit(max_upload_bytes())), "error")
    return _list_page(segment), 413


def _segment(slug: str) -> Segment:
    return find_segment(slug) or abort(404)


def _document(segment: Segment, doc_id: int) -> Document:
    return find_document(segment, document_id=doc_id, public=False) or abort(404)


def _list_page(segment: Segment):
    return render_template("organizer/documents.html", segment=segment, documents=list_documents(segment),
                           kinds=DOCUMENT_KIND_LABELS, action=CsrfForm(formdata=None))


def _edit_page(segment: Segment, document: Document | None, fields: DocumentFields, status: int = 200):
    return render_template("organizer/document_edit.html", segment=segment, document=document,
                           fields=fields, action=CsrfForm(formdata=None), accepted=accepted(),
                           limit=describe_limit(max_upload_bytes()), **form_choices(segment)), status


def _submitted() -> DocumentFields:
    form = request.form
    organization = form.get("organization", "")
    return DocumentFields(
        kind=form.get("kind", ""), title=form.get("title", ""), summary=form.get("summary", ""),
        body=form.get("body", ""), organization_id=int(organization) if organization.isdigit() else None,
        link_url=form.get("link_url", ""), symbol=form.get("symbol", ""),
        tags=form.getlist("tags"), sessions=form.getlist("sessions"),
        remove_file=form.get("remove_file") == "yes")


@bp.get("/")
def index(slug: str):
    """Every document of the segment, drafts included."""
    return _list_page(_segment(slug))


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:doc_id>/", methods=["GET", "POST"])
def edit(slug: str, doc_id: int | None = None):
    """Create or edit a document; a refused file or field changes nothing and says why."""
    segment = _segment(slug)
    document = _document(segment, doc_id) if doc_id is not None else None
    if request.method == "GET":
        fields = document_fields(document) if document else DocumentFields(kind=DOCUMENT_KINDS[0], title="")
        return _edit_page(segment, document, fields)
    require_valid()
    fields = _submitted()
    upload = request.files.get("file")
    try:
        saved = save_document(segment, document, fields,
                              (upload.stream, upload.filename) if upload and upload.filename else None)
    except ValueError as exc:
        return _edit_page(segment, document, fields, _not_saved(exc))
    flash(_("Saved “%(title)s” (published).", title=saved.title) if saved.is_public
          else _("Saved “%(title)s” (draft).", title=saved.title), "info")
    return redirect(url_for("organizer.documents.edit", slug=slug, doc_id=saved.id))


@bp.post("/<int:doc_id>/status")
def status(slug: str, doc_id: int):
    """Publish a document, or take it back to draft."""
    segment = _segment(slug)
    document = _document(segment, doc_id)
    require_valid()
    try:
        set_document_status(document, request.form.get("status", ""))
    except ValueError as exc:
        abort(400, description=str(exc))
    flash(_("“%(title)s” is published.", title=document.title) if document.is_public
          else _("“%(title)s” is a draft again.", title=document.title), "info")
    if request.form.get("next") == "edit":
        return redirect(url_for("organizer.documents.edit", slug=slug, doc_id=doc_id))
    return redirect(url_for("organizer.documents.index", slug=slug))


@bp.post("/<int:doc_id>/delete")
def delete(slug: str, doc_id: int):
    """Delete a document and its file, once the organizer has ticked the confirmation."""
    segment = _segment(slug)
    document = _document(segment, doc_id)
    require_valid()
    if request.form.get("confirm") != "yes":
        flash(_("Not deleted: tick “Yes, delete this document and its file” to confirm."), "error")
        return _edit_page(segment, document, document_fields(document), 400)
    title = document.title
    delete_document(document)
    flash(_("Deleted “%(title)s”.", title=title), "info")
    return redirect(url_for("organizer.documents.index", slug=slug))


@bp.get("/<int:doc_id>/file")
def download(slug: str, doc_id: int):
    """The document's file, drafts included, to check it before publishing."""
    return file_response(_document(_segment(slug), doc_id))
