"""The directory: search, edit, CSV import with preview (nested in the organizer blueprint)."""

import base64
import binascii

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.locales import DEFAULT_LANGUAGE, NATIVE_NAMES, UN_LANGUAGES
from meeting.models import ORGANIZATION_KINDS, Organization, Person
from meeting.people.csv_import import COLUMNS, apply, preview
from meeting.people.directory import organizations, save_organization, search_people, update_person

from .forms import CsrfForm, not_saved, require_valid

bp = Blueprint("people", __name__, url_prefix="/directory")
# The preferred-language select: the six UN languages, each named in its own script.
LANGUAGE_CHOICES = tuple((code, NATIVE_NAMES[code]) for code in UN_LANGUAGES)


@bp.app_template_global()
def native_language_name(code: str | None) -> str:
    """'fr' → 'Français'; no preferred language means English."""
    return NATIVE_NAMES.get(code or DEFAULT_LANGUAGE, code or "")


@bp.get("/")
def index():
    """Everyone, or those matching the search."""
    query = request.args.get("q", "")
    return render_template("organizer/people.html", people=search_people(query), query=query,
                           action=CsrfForm(), columns=COLUMNS)


def _person(key: str) -> Person:
    return db.session.scalar(select(Person).where(Person.key == key)) or abort(404)


@bp.route("/<key>", methods=["GET", "POST"])
def edit(key: str):
    """Edit one person; a wrong zone or a duplicate e-mail is refused and nothing changes."""
    person = _person(key)
    status = 200
    if request.method == "POST":
        require_valid()
        form = request.form
        try:
            org = form.get("organization", "")
            update_person(person, form.get("name", ""), form.get("honorific", ""),
                          form.get("position", ""), int(org) if org.isdigit() else None,
                          form.get("email", ""), form.get("timezone", ""),
                          form.get("languages", ""), form.get("biography", ""),
                          form.get("backup_phone", ""), form.get("preferred_language"))
        except ValueError as exc:
            status = not_saved(exc)
        else:
            flash(_("Saved %(name)s.", name=person.name), "info")
            return redirect(url_for("organizer.people.edit", key=key))
    return render_template("organizer/person_edit.html", person=person, orgs=organizations(),
                           action=CsrfForm(), values=request.form if status == 400 else None,
                           language_choices=LANGUAGE_CHOICES), status


@bp.post("/import")
def upload():
    """Read an uploaded CSV and show what it would do; nothing is written yet."""
    require_valid()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose a CSV file first."), "error")
        return redirect(url_for("organizer.people.index")), 400
    raw = upload.read(2 * 1024 * 1024 + 1)
    result = preview(raw)
    return render_template("organizer/people_preview.html", result=result, columns=COLUMNS,
                           payload=base64.b64encode(raw).decode(), action=CsrfForm(),
                           filename=upload.filename), (200 if result.ok else 400)


@bp.post("/import/confirm")
def confirm():
    """Write the previewed file: all of it, or nothing if it no longer checks out."""
    require_valid()
    try:
        raw = base64.b64decode(request.form.get("payload", ""), validate=True)
        count = apply(raw)
    except (ValueError, binascii.Error) as exc:
        flash(_("Nothing imported: %(reason)s.", reason=exc), "error")
        return redirect(url_for("organizer.people.index")), 400
    flash(ngettext("Imported %(num)d person.", "Imported %(num)d people.", count), "info")
    return redirect(url_for("organizer.people.index"))


@bp.route("/organizations/", methods=["GET", "POST"])
@bp.route("/organizations/<key>", methods=["GET", "POST"])
def organization(key: str | None = None):
    """The organizations: list, create and edit."""
    existing = None
    if key is not None:
        existing = db.session.scalar(select(Organization).where(Organization.key == key)) or abort(404)
    status = 200
    if request.method == "POST":
        require_valid()
        form = request.form
        try:
            saved = save_organization(existing, form.get("key", ""), form.get("name", ""),
                                      form.get("acronym", ""), form.get("kind", ""))
        except ValueError as exc:
            status = not_saved(exc)
        else:
            flash(_("Saved %(name)s.", name=saved.name), "info")
            return redirect(url_for("organizer.people.organization"))
    return render_template("organizer/organizations.html", organizations=organizations(),
                           editing=existing, kinds=ORGANIZATION_KINDS, action=CsrfForm()), status
