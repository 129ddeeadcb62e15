"""The directory of people: creating a person on the spot, and the list for type-ahead."""

import re

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import UN_LANGUAGES, clean_language
from meeting.lib.phones import clean_phone
from meeting.lib.timezones import get_zone
from meeting.models import ORGANIZATION_KINDS, Organization, Person

from .accounts import EMAIL_RE

# Keys of people and organizations: programme files and URLs use them.
KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}")
# The longest value each column takes (PostgreSQL refuses longer ones; say so first).
MAX_LENGTHS = {"name": 300, "honorific": 40, "position": 300, "email": 320}


def too_long(**values: str | None) -> list[str]:
    """'position: at most 300 characters' for each value longer than its column takes."""
    return [_("%(field)s: at most %(count)s characters", field=field, count=MAX_LENGTHS[field])
            for field, value in values.items() if value and len(value) > MAX_LENGTHS[field]]


def check_lengths(**values: str | None) -> None:
    """Refuse (ValueError) the first value longer than its column takes, naming the field."""
    problems = too_long(**values)
    if problems:
        raise ValueError(problems[0])


def check_preferred_language(value: str | None, field: str | None = None) -> str | None:
    """A person's preferred language: one of the six UN codes ('FR' → 'fr'), None for blank (English).

    Anything else raises ValueError naming `field` (by default 'preferred language').
    """
    if not (value or "").strip():
        return None
    code = clean_language(value)
    if code is None:
        raise ValueError(_("%(field)s: %(value)r is not one of the six UN languages (%(codes)s)",
                           field=field or _("preferred language"), value=value.strip()[:20],
                           codes=", ".join(UN_LANGUAGES)))
    return code


def directory() -> list[Person]:
    """Everyone, by name, with organizations loaded (for type-ahead lists)."""
    return list(db.session.scalars(select(Person).options(selectinload(Person.organization))
                                   .order_by(Person.name)))


def organizations() -> list[Organization]:
    """Every organization, by name."""
    return list(db.session.scalars(select(Organization).order_by(Organization.name)))


def _free_key(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "person"
    taken = set(db.session.scalars(select(Person.key).where(Person.key.like(f"{base}%"))))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def create_person(name: str, timezone: str, organization_id: int | None = None,
                  email: str | None = None, honorific: str | None = None) -> Person:
    """A new person with a key made from their name; the zone must be an IANA name."""
    name = (name or "").strip()
    if not name or len(name) > 300:
        raise ValueError(_("name: give a name (or a function, e.g. 'Chair, Statistical Commission')"))
    get_zone((timezone or "").strip())  # raises TimezoneError (a ValueError) with a hint
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise ValueError(_("e-mail: %(email)r is not an e-mail address", email=email))
    organization = db.session.get(Organization, organization_id) if organization_id else None
    person = Person(key=_free_key(name), name=name, timezone=timezone.strip(), email=email,
                    honorific=(honorific or "").strip() or None, organization=organization,
                    languages=[])
    db.session.add(person)
    db.session.flush()
    return person


def search_people(query: str = "", limit: int = 200) -> list[Person]:
    """People whose name, key, e-mail or organization contains the query (case-insensitive)."""
    statement = select(Person).outerjoin(Person.organization).options(
        selectinload(Person.organization)).order_by(Person.name).limit(limit)
    query = (query or "").strip()
    if query:
        like = f"%{query.lower()}%"
        statement = statement.where(
            func.lower(Person.name).like(like) | func.lower(Person.key).like(like)
            | func.lower(func.coalesce(Person.email, "")).like(like)
            | func.lower(func.coalesce(Organization.name, "")).like(like)
            | func.lower(func.coalesce(Organization.acronym, "")).like(like))
    return list(db.session.scalars(statement))


def update_person(person: Person, name: str, honorific: str, position: str,
                  organization_id: int | None, email: str, timezone: str, languages: str,
                  biography: str, backup_phone: str = "", preferred_language: str | None = None) -> None:
    """Check and save a person's details (the key never changes: files refer to it).

    All or nothing: the first problem raises ValueError naming its field, before anything is set.
    """
    name = name.strip()
    if not name or len(name) > 300:
        raise ValueError(_("name: give a name (or a function)"))
    get_zone(timezone.strip())
    email = email.strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise ValueError(_("e-mail: %(email)r is not an e-mail address", email=email))
    if email and db.session.scalar(select(Person.id).where(Person.email == email,
                                                           Person.id != person.id)):
        raise ValueError(_("e-mail: %(email)s already belongs to someone else in the directory", email=email))
    check_lengths(honorific=honorific.strip(), position=position.strip(), email=email)
    codes = [c.strip().lower() for c in languages.split(",") if c.strip()]
    if any(not LANGUAGE_RE.fullmatch(c) for c in codes):
        raise ValueError(_("languages: codes like en, fr, es, separated by commas"))
    preferred = check_preferred_language(preferred_language)
    backup_phone = clean_phone(backup_phone, "backup phone")
    person.name, person.honorific = name, honorific.strip() or None
    person.position, person.email = position.strip() or None, email
    person.organization = db.session.get(Organization, organization_id) if organization_id else None
    person.timezone, person.languages = timezone.strip(), codes
    person.biography = biography.strip() or None
    person.backup_phone = backup_phone
    if preferred_language is not None:
        person.preferred_language = preferred
    db.session.commit()


def save_organization(organization: Organization | None, key: str, name: str, acronym: str,
                      kind: str) -> Organization:
    """Create or edit an organization (a new one needs a new key; keys never change)."""
    name, acronym = name.strip(), acronym.strip() or None
    if not name or len(name) > 300:
        raise ValueError(_("name: give the organization's name"))
    if kind not in ORGANIZATION_KINDS:
        raise ValueError(_("kind: one of %(kinds)s", kinds=", ".join(ORGANIZATION_KINDS)))
    if organization is None:
        key = key.strip().lower()
        if not KEY_RE.fullmatch(key):
            raise ValueError(_("key: lowercase letters, digits and -, e.g. unfpa"))
        if db.session.scalar(select(Organization.id).where(Organization.key == key)):
            raise ValueError(_("key: %(key)s is already used", key=key))
        organization = Organization(key=key)
        db.session.add(organization)
    organization.name, organization.acronym, organization.kind = name, acronym, kind
    db.session.commit()
    return organization
