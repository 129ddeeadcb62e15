"""Organizer accounts: creation with generated passwords, and authentication."""

import re
import secrets

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db
from .models import USER_ROLES, User

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
# Compared against when the e-mail is unknown, so timing does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


class AccountError(ValueError):
    """An account that cannot be created as asked."""


def generate_password() -> str:
    """A random password that is easy to copy from a terminal."""
    return secrets.token_urlsafe(12)


def create_user(email: str, role: str = "organizer", password: str | None = None) -> tuple[User, str]:
    """Create an account; returns the user and the clear password (generated when not given)."""
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    if role not in USER_ROLES:
        raise AccountError(f"role {role!r} is not one of: {', '.join(USER_ROLES)}")
    if db.session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"an account for {email} already exists")
    password = password or generate_password()
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    user = User(email=email, role=role, password_hash=generate_password_hash(password))
    db.session.add(user)
    db.session.commit()
    return user, password


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, else None."""
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.active or not check_password_hash(user.password_hash, password or ""):
        return None
    return user


def count_users() -> int:
    """How many accounts exist."""
    return db.session.scalar(select(func.count(User.id)))
