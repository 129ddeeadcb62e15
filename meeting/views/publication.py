"""Organizer page for publishing a segment: what the public sees, and what would change."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meeting.programme.queries import find_segment
from meeting.site.publishing import (
    pending_changes,
    publications,
    publish_segment,
    unpublish_segment,
)

from .forms import CsrfForm, require_valid

bp = Blueprint("publication", __name__, url_prefix="/segments/<slug>/publication")


@bp.get("/")
def index(slug: str):
    """Published or not, the changes not yet published, and every publication so far."""
    segment = find_segment(slug) or abort(404)
    return render_template("organizer/publication.html", segment=segment,
                           pending=pending_changes(segment), history=publications(segment)[::-1],
                           form=CsrfForm())


@bp.post("/publish")
def publish(slug: str):
    """Publish the segment (again): its public pages show it and the changelog records it."""
    segment = find_segment(slug) or abort(404)
    require_valid()
    again = segment.published
    publication = publish_segment(segment, by=current_user.email)
    if again:
        flash(_("Published again (publication %(number)s): the public pages, feeds and exports show this "
                "programme.", number=publication.number), "info")
    else:
        flash(_("Published (publication %(number)s): the public pages, feeds and exports show this "
                "programme.", number=publication.number), "info")
    return redirect(url_for(".index", slug=slug))


@bp.post("/unpublish")
def unpublish(slug: str):
    """Withdraw the segment from the public; its pages, feeds and exports answer 404."""
    segment = find_segment(slug) or abort(404)
    require_valid()
    if not segment.published:
        flash(_("This segment is not published: nothing to withdraw."), "error")
        return redirect(url_for(".index", slug=slug))
    unpublish_segment(segment, by=current_user.email)
    flash(_("Unpublished: the public pages, feeds and exports of this segment answer 404."), "info")
    return redirect(url_for(".index", slug=slug))
