"""Organizer page of calendar replies (nested in the organizer blueprint: login and roles apply)."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from meeting.invitations.replies import list_replies, poll_inbox
from meeting.lib.inbox import InboxError, redact_inbox_url

from .forms import CsrfForm, require_valid

bp = Blueprint("replies", __name__)


@bp.get("/replies")
def index():
    """Every reply read from the inbox, newest first, with what was done and why."""
    return render_template("organizer/replies.html", replies=list_replies(),
                           inbox=redact_inbox_url(current_app.config["INBOX_URL"]), form=CsrfForm())


@bp.post("/replies/fetch")
def fetch():
    """Read the inbox now instead of waiting for the dispatcher's next interval."""
    require_valid()
    try:
        report = poll_inbox()
    except (InboxError, ValueError) as exc:
        flash(_("The inbox was not read: %(reason)s", reason=exc), "error")
    else:
        flash(_("Inbox read: %(summary)s.", summary=report.summary()), "info")
    return redirect(url_for("organizer.replies.index"))
