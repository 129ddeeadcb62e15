"""Organizer accounts: creation with generated passwords, and authentication."""

import re
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from meeting.extensions import db
from meeting.models import USER_ROLES, User, utcnow

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
        raise AccountError(_("%(email)r is not an e-mail address", email=email))
    if role not in USER_ROLES:
        raise AccountError(_("role %(role)r is not one of: %(roles)s", role=role,
                             roles=", ".join(USER_ROLES)))
    if db.session.scalar(select(User).where(User.email == email)):
        raise AccountError(_("an account for %(email)s already exists", email=email))
    password = password or generate_password()
    if len(password) < MIN_PASSWORD:
        raise AccountError(_("the password must have at least %(count)s characters", count=MIN_PASSWORD))
    user = User(email=email, role=role, password_hash=generate_password_hash(password))
    db.session.add(user)
    db.session.commit()
    return user, password


MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)


class LoginRefused(ValueError):
    """A login that is refused for a reason the user should see (a locked account)."""


def authenticate(email: str, password: str, now: datetime | None = None) -> User | None:
    """The active user with this e-mail and password, else None.

    After MAX_FAILURES wrong passwords in a row the account refuses every login, the right
    password included, for LOCK_FOR: guessing becomes too slow to matter.
    """
    now = now or utcnow()
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if user.locked_until is not None and user.locked_until > now:
        minutes = -int(-(user.locked_until - now).total_seconds() // 60)  # rounded up
        raise LoginRefused(ngettext("Too many failed attempts: this account is locked for %(num)d "
                                    "more minute(s).",
                                    "Too many failed attempts: this account is locked for %(num)d "
                                    "more minute(s).", minutes))
    if not user.active or not check_password_hash(user.password_hash, password or ""):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until, user.failed_logins = now + LOCK_FOR, 0
        db.session.commit()
        return None
    if user.failed_logins or user.locked_until:
        user.failed_logins, user.locked_until = 0, None
        db.session.commit()
    return user


def set_password(user: User) -> str:
    """Give the account a new generated password (shown once) and unlock it."""
    password = generate_password()
    user.password_hash = generate_password_hash(password)
    user.failed_logins, user.locked_until = 0, None
    db.session.commit()
    return password


def update_account(user: User, role: str, active: bool, acting: User) -> None:
    """Change an account's role or disable it; admins cannot lock themselves out."""
    if role not in USER_ROLES:
        raise AccountError(_("role %(role)r is not one of: %(roles)s", role=role,
                             roles=", ".join(USER_ROLES)))
    if user.id == acting.id and (role != "admin" or not active):
        raise AccountError(_("you cannot remove your own admin role or disable your own account"))
    user.role, user.active = role, active
    db.session.commit()


def list_users() -> list[User]:
    """Every account, by e-mail."""
    return list(db.session.scalars(select(User).order_by(User.email)))


def count_users() -> int:
    """How many accounts exist."""
    return db.session.scalar(select(func.count(User.id)))
