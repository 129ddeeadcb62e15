"""Organizer pages for key messages (nested in the organizer blueprint: login and roles apply)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meeting.extensions import db
from meeting.lib.locales import N_
from meeting.lib.stamps import StaleEdit
from meeting.models import KeyMessage, Segment
from meeting.people.directory import organizations
from meeting.programme.queries import find_segment
from meeting.site.key_messages import (
    TEXT_MAX,
    KeyMessageError,
    KeyMessageInput,
    create_key_message,
    delete_key_message,
    key_message_tags,
    messages_by_body,
    move_key_message,
    order_stamp,
    publish_key_message,
    segment_documents,
    unpublish_key_message,
    update_key_message,
)

from .forms import CsrfForm, require_valid

bp = Blueprint("key_messages", __name__, url_prefix="/segments/<slug>/key-messages")


def _not_saved(error: Exception) -> int:
    """Undo the half-made change and say why, in the organizer's language (400)."""
    db.session.rollback()
    flash(_("Not saved: %(error)s", error=error), "error")
    return 400


def _segment(slug: str) -> Segment:
    return find_segment(slug) or abort(404)


def _message(segment: Segment, message_id: int) -> KeyMessage:
    message = db.session.get(KeyMessage, message_id)
    if message is None or message.segment_id != segment.id:
        abort(404)
    return message


def _back(segment: Segment, message: KeyMessage | None = None):
    anchor = f"#message-{message.id}" if message is not None else ""
    return redirect(url_for("organizer.key_messages.index", slug=segment.slug) + anchor)


def _index(segment: Segment, status: int = 200, conflict: str | None = None):
    groups = messages_by_body(segment)
    return render_template("organizer/key_messages.html", segment=segment, groups=groups,
                           stamps={org.id: order_stamp(messages) for org, messages in groups},
                           action=CsrfForm(), conflict=conflict), status


@bp.get("/")
def index(slug: str):
    """Every key message of the segment by body, drafts included, with what can be done."""
    return _index(_segment(slug))


def _number(value: str, field: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise KeyMessageError(_("%(field)s: choose one from the list", field=_(field)))
    return int(value)


def _input(form) -> KeyMessageInput:
    return KeyMessageInput(_number(form.get("organization", ""), N_("body")), form.get("text", ""),
                           tuple(form.getlist("tags")),
                           _number(form.get("document", ""), N_("source document")))


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:message_id>", methods=["GET", "POST"])
def edit(slug: str, message_id: int | None = None):
    """Add a key message (as a draft) or edit one; bad input is refused and nothing changes."""
    segment = _segment(slug)
    message = _message(segment, message_id) if message_id is not None else None
    status = 200
    if request.method == "POST":
        require_valid()
        try:
            data = _input(request.form)
            if message is None:
                message = create_key_message(segment, data)
                flash(_("Key message added as a draft."), "info")
            else:
                update_key_message(message, data)
                flash(_("Key message saved."), "info")
        except KeyMessageError as exc:
            status = _not_saved(exc)
        else:
            return _back(segment, message)
    return edit_page(segment, message, status)


def edit_page(segment: Segment, message: KeyMessage | None, status: int = 200, **extra):
    """The editor; after a refusal (400) it shows what was submitted (`extra`: the translations')."""
    return render_template("organizer/key_message_edit.html", segment=segment, message=message,
                           orgs=organizations(), tags=key_message_tags(),
                           documents=segment_documents(segment), text_max=TEXT_MAX,
                           values=_values(message, request.form if status == 400 and not extra else None),
                           action=CsrfForm(), **extra), status


def _values(message: KeyMessage | None, form) -> dict:
    """What the form shows: the submitted values after a refusal, else the saved ones."""
    if form is not None:
        return {"organization": form.get("organization", ""), "text": form.get("text", ""),
                "tags": set(form.getlist("tags")), "document": form.get("document", "")}
    if message is None:
        return {"organization": "", "text": "", "tags": set(), "document": ""}
    return {"organization": str(message.organization_id), "text": message.text,
            "tags": {t.code for t in message.tags},
            "document": str(message.document_id) if message.document_id else ""}


@bp.post("/<int:message_id>/<any(publish, unpublish):action>")
def status(slug: str, message_id: int, action: str):
    """Publish a message to the compilation, or take it back to draft."""
    segment = _segment(slug)
    message = _message(segment, message_id)
    require_valid()
    if action == "publish":
        publish_key_message(message)
        flash(_("Key message published: it is in the public compilation."), "info")
    else:
        unpublish_key_message(message)
        flash(_("Key message back to draft: the public no longer sees it."), "info")
    return _back(segment, message)


@bp.post("/<int:message_id>/delete")
def remove(slug: str, message_id: int):
    """Delete a key message."""
    segment = _segment(slug)
    message = _message(segment, message_id)
    require_valid()
    delete_key_message(message)
    flash(_("Key message deleted."), "info")
    return _back(segment)


@bp.post("/<int:message_id>/move/<any(up, down):direction>")
def move(slug: str, message_id: int, direction: str):
    """Move a message one place up or down among its body's messages."""
    segment = _segment(slug)
    message = _message(segment, message_id)
    require_valid()
    try:
        move_key_message(message, -1 if direction == "up" else 1, current_user.email,
                         request.form.get("order_stamp") or None)
    except StaleEdit as exc:
        db.session.rollback()
        return _index(segment, 409, _("%(error)s Nothing was moved: look at the order below, then "
                                      "move the message again if it still needs it.", error=exc))
    return _back(segment, message)
