"""The speaker's portal: signed, revocable links and what a person may do through them."""

from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from meeting.extensions import db
from meeting.lib.timezones import TimezoneError, get_zone
from meeting.models import Participation, Person, Session
from meeting.programme.editing import save_programme
from meeting.programme.history import record
from meeting.programme.queries import person_participations

SALT = "meeting.people.portal-link"
ANSWERS = {"confirm": "confirmed", "decline": "declined"}


class PortalError(ValueError):
    """Something a person asked through their portal that cannot be done."""


@lru_cache(maxsize=8)
def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def portal_token(person: Person) -> str:
    """The token in the person's link; it stops working when the link is revoked."""
    return _token(current_app.config["SECRET_KEY"], person.id, person.portal_generation)


@lru_cache(maxsize=4096)
def _token(secret: str, person_id: int, generation: int) -> str:
    # The same inputs always sign to the same token: a dispatcher signs each person's once.
    return _serializer(secret).dumps({"p": person_id, "g": generation})


def person_for_token(token: str) -> Person | None:
    """The person a token belongs to, or None if it is forged, malformed or revoked."""
    try:
        data = _serializer(current_app.config["SECRET_KEY"]).loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        return None
    person = db.session.get(Person, data["p"])
    if person is None or data.get("g") != person.portal_generation:
        return None
    return person


def revoke_link(person: Person) -> str:
    """Invalidate every link issued so far and return the new token."""
    person.portal_generation += 1
    db.session.commit()
    return portal_token(person)


@dataclass
class PortalRow:
    """One of the person's sessions as their page shows it."""

    participation: Participation
    session: Session
    tech_checks: list[Session]


def portal_rows(person: Person) -> list[PortalRow]:
    """The person's sessions in time order, each with the tech checks that prepare it."""
    rows = []
    for participation in person_participations(person):
        session = participation.session
        rows.append(PortalRow(participation, session, session.tech_checks))
    return rows


def respond(person: Person, participation_id: int, answer: str) -> Participation:
    """Record a confirm or decline; only for the person's own participation."""
    if answer not in ANSWERS:
        raise PortalError(f"unknown answer {answer!r}")
    participation = db.session.get(Participation, participation_id)
    if participation is None or participation.person_id != person.id:
        raise PortalError("this session is not one of yours")
    if participation.session.status == "cancelled":
        raise PortalError("this session has been cancelled")
    participation.status = ANSWERS[answer]
    session = participation.session
    record(session.segment, f"{person.name} (on their page)",
           f"{ANSWERS[answer]} {session.code} as {participation.role}", session)
    save_programme(session.segment)
    return participation


PROFILE_LIMITS = {"honorific": 40, "position": 300, "biography": 5000}


def update_profile(person: Person, honorific: str, position: str, biography: str,
                   timezone: str) -> set[str]:
    """Apply a person's own corrections; returns the fields that changed."""
    values = {"honorific": honorific.strip() or None, "position": position.strip() or None,
              "biography": biography.strip() or None}
    for field, limit in PROFILE_LIMITS.items():
        if values[field] and len(values[field]) > limit:
            raise PortalError(f"{field} is longer than {limit} characters")
    try:
        get_zone(timezone.strip())
    except TimezoneError as exc:
        raise PortalError(f"time zone: {exc}") from None
    values["timezone"] = timezone.strip()
    changed = {k for k, v in values.items() if getattr(person, k) != v}
    for field in changed:
        setattr(person, field, values[field])
    db.session.commit()
    return changed
