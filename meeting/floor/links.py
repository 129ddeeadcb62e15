"""Inscription links: a signed address per delegation and list, revoked all at once.

A delegation inscribes without an account: the secretariat sends each delegation its own
link. The token names the list, the delegation and the list's link generation; raising the
generation (revoke_links) makes every link issued before stop working.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from meeting.extensions import db
from meeting.models import Organization, SpeakersList

SALT = "meeting.floor.inscription-link"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def inscription_token(speakers: SpeakersList, organization: Organization) -> str:
    """The token in a delegation's inscription link for this list."""
    return _serializer().dumps({"l": speakers.id, "o": organization.id, "g": speakers.link_generation})


def for_token(token: str) -> tuple[SpeakersList, Organization] | None:
    """The list and delegation a token was issued for, or None if forged, malformed or revoked."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "log"):
        return None
    speakers = db.session.get(SpeakersList, data["l"])
    organization = db.session.get(Organization, data["o"])
    if speakers is None or organization is None or data["g"] != speakers.link_generation:
        return None
    return speakers, organization


def revoke_links(speakers: SpeakersList) -> None:
    """Stop every inscription link issued so far for this list (the caller commits)."""
    speakers.link_generation += 1
