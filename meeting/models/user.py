"""Organizer accounts."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from meeting.extensions import db

from .types import UTCDateTime, utcnow

# An interpreter reads the statements of the lists of speakers, and nothing else of the
# organizer area (meeting.views.organizer).
USER_ROLES = ("admin", "organizer", "viewer", "interpreter")


class User(UserMixin, db.Model):
    """Someone of the secretariat who logs in."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default="organizer")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Login throttling: failures in a row, and until when the account refuses logins.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Their own interface language (English or French); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(8))

    @property
    def is_active(self) -> bool:
        """Disabled accounts cannot log in."""
        return self.active
