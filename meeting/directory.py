"""The directory of people: creating a person on the spot, and the list for type-ahead."""

import re

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .accounts import EMAIL_RE
from .extensions import db
from .models import Organization, Person
from .timezones import get_zone


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
        raise ValueError("name: give a name (or a function, e.g. 'Chair, Statistical Commission')")
    get_zone((timezone or "").strip())  # raises TimezoneError (a ValueError) with a hint
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise ValueError(f"e-mail: {email!r} is not an e-mail address")
    organization = db.session.get(Organization, organization_id) if organization_id else None
    person = Person(key=_free_key(name), name=name, timezone=timezone.strip(), email=email,
                    honorific=(honorific or "").strip() or None, organization=organization,
                    languages=[])
    db.session.add(person)
    db.session.flush()
    return person
