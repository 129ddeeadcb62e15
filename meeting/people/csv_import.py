"""Importing people from a CSV file: read and check everything, show it, then write it all.

Columns (header row, any order): name, timezone (required); key, honorific, position,
organization (an organization key or name), email, languages (e.g. "en fr"), backup_phone,
preferred_language (one of the six UN codes, empty for English; a file without one of these two
columns leaves that value in the directory as it is). UTF-8 (with or without BOM) is read as is;
anything else is read as Windows-1252, and the preview says so. The columns keep their English
names in every language; the problems are said in the page's language.
"""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.lib.phones import clean_phone
from meeting.lib.timezones import TimezoneError, get_zone
from meeting.models import Organization, Person

from .accounts import EMAIL_RE
from .directory import KEY_RE, LANGUAGE_RE, MAX_LENGTHS, _free_key, check_preferred_language, too_long

COLUMNS = ("key", "name", "honorific", "position", "organization", "email", "timezone",
           "languages", "backup_phone", "preferred_language")
REQUIRED = ("name", "timezone")
MAX_BYTES = 2 * 1024 * 1024


@dataclass
class CsvRow:
    """One line of the file, checked."""

    line: int
    values: dict[str, str]
    existing: Person | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class CsvPreview:
    """What an import would do, before anything is written."""

    rows: list[CsvRow]
    problems: list[str]
    encoding: str

    @property
    def ok(self) -> bool:
        """True when nothing stops the import."""
        return not self.problems and not any(r.errors for r in self.rows)


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 if it is, else Windows-1252 (Excel's usual export)."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _once(row: CsvRow, seen: dict[str, int], field: str, value: str, invalid: str | None) -> None:
    """A value that must be well formed (else `invalid` says why) and in the file once."""
    if invalid:
        row.errors.append(invalid)
    elif value in seen:
        row.errors.append(_("%(field)s %(value)s is also on line %(line)s", field=field, value=value,
                            line=seen[value]))
    seen.setdefault(value, row.line)


def preview(raw: bytes) -> CsvPreview:
    """Check every line; nothing is written."""
    if len(raw) > MAX_BYTES:
        return CsvPreview([], [_("the file is larger than %(size)s MiB", size=MAX_BYTES // 1048576)], "")
    text, encoding = decode(raw)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    problems = []
    if unknown:
        problems.append(_("unknown column(s): %(unknown)s (allowed: %(allowed)s)",
                          unknown=", ".join(unknown), allowed=", ".join(COLUMNS)))
    if missing:
        problems.append(_("missing column(s): %(missing)s", missing=", ".join(missing)))
    if problems:
        return CsvPreview([], problems, encoding)
    orgs = {o.key: o for o in db.session.scalars(select(Organization))}
    by_name = {o.name.lower(): o for o in orgs.values()}
    emails_seen: dict[str, int] = {}
    keys_seen: dict[str, int] = {}
    rows = []
    for line, raw_row in enumerate(reader, start=2):
        values = {k.strip().lower(): (v or "").strip() for k, v in raw_row.items() if k}
        row = CsvRow(line, values)
        if not values.get("name"):
            row.errors.append(_("name is empty"))
        try:
            get_zone(values.get("timezone", ""))
        except TimezoneError as exc:
            row.errors.append(_("timezone: %(problem)s", problem=exc))
        org = values.get("organization", "")
        if org and org not in orgs and org.lower() not in by_name:
            row.errors.append(_("organization %(org)r is not in the directory", org=org))
        email = values.get("email", "").lower()
        if email:
            _once(row, emails_seen, "email", email,
                  None if EMAIL_RE.match(email) else _("email %(email)r is not an e-mail address",
                                                        email=email))
        row.errors.extend(too_long(**{field: values.get(field) for field in MAX_LENGTHS}))
        try:
            clean_phone(values.get("backup_phone"), "backup_phone")
        except ValueError as exc:
            row.errors.append(str(exc))
        languages = values.get("languages", "").lower().replace(",", " ").split()
        if any(not LANGUAGE_RE.fullmatch(code) for code in languages):
            row.errors.append(_("languages: codes like en fr es"))
        try:
            check_preferred_language(values.get("preferred_language"), "preferred_language")
        except ValueError as exc:
            row.errors.append(str(exc))
        key = values.get("key", "")
        if key:
            _once(row, keys_seen, "key", key, None if KEY_RE.fullmatch(key) else
                  _("key %(key)r: lowercase letters, digits and -, e.g. dg-fao", key=key[:80]))
            row.existing = db.session.scalar(select(Person).where(Person.key == key))
        if email and not row.errors:
            owner = db.session.scalar(select(Person).where(func.lower(Person.email) == email))
            if owner is not None and owner is not row.existing:
                row.errors.append(_("email %(email)s already belongs to %(name)s (%(key)s)",
                                    email=email, name=owner.name, key=owner.key))
        rows.append(row)
    if not rows:
        problems.append(_("the file has no people in it"))
    return CsvPreview(rows, problems, encoding)


def apply(raw: bytes) -> int:
    """Check again and write every row (create, or update by key) in one transaction."""
    result = preview(raw)
    if not result.ok:
        raise ValueError(_("the file has problems; nothing was imported"))
    orgs = {o.key: o for o in db.session.scalars(select(Organization))}
    by_name = {o.name.lower(): o for o in orgs.values()}
    try:
        for row in result.rows:
            v = row.values
            person = row.existing or Person(key=v.get("key") or _free_key(v["name"]))
            org = v.get("organization", "")
            person.name, person.timezone = v["name"], v["timezone"]
            person.honorific = v.get("honorific") or None
            person.position = v.get("position") or None
            person.email = v.get("email", "").lower() or None
            person.organization = orgs.get(org) or by_name.get(org.lower()) if org else None
            person.languages = [c.lower() for c in v.get("languages", "").replace(",", " ").split()]
            if "backup_phone" in v:
                person.backup_phone = v["backup_phone"] or None
            if "preferred_language" in v:
                person.preferred_language = check_preferred_language(v["preferred_language"])
            db.session.add(person)
            db.session.flush()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return len(result.rows)
