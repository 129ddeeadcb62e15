"""Public pages: the list of segments and each segment's programme."""

from flask import Blueprint, abort, render_template

from ..programme import find_segment, list_segments, programme_days

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    """Every segment, with a link to its programme."""
    return render_template("public/index.html", segments=list_segments())


@bp.get("/segments/<slug>/")
def segment(slug: str):
    """One segment's programme: days, sessions in HQ time and UTC, who speaks."""
    seg = find_segment(slug)
    if seg is None:
        abort(404)
    return render_template("public/segment.html", segment=seg, days=programme_days(seg))
