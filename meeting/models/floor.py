"""Taking the floor: a session's list of speakers and the delegations inscribed on it."""

from datetime import datetime

from flask_babel import gettext
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db
from meeting.lib.locales import N_

from .directory import Organization
from .programme import Session
from .types import UTCDateTime, utcnow

# Protocol precedence, highest first (docs/lists-of-speakers.md).
SPEAKER_LEVELS = ("head-of-state", "vice-president", "minister", "vice-minister",
                  "head-of-delegation", "other")
SPEAKER_LEVEL_LABELS = {
    "head-of-state": N_("Head of State or Government"),
    "vice-president": N_("Vice-President or Crown Prince"),
    "minister": N_("Minister"),
    "vice-minister": N_("Vice-Minister"),
    "head-of-delegation": N_("Head of delegation"),
    "other": N_("Other"),
}
# Statements on behalf of groups come first, then Member States, observers, the UN system.
STATEMENT_TYPES = ("group", "national", "observer", "un-system")
STATEMENT_TYPE_LABELS = {"group": N_("On behalf of a group"), "national": N_("National"),
                         "observer": N_("Observer"), "un-system": N_("UN system")}
ENTRY_STATUSES = ("inscribed", "confirmed", "spoke", "withdrawn", "not-present")
ENTRY_STATUS_LABELS = {"inscribed": N_("Inscribed"), "confirmed": N_("Confirmed"), "spoke": N_("Spoke"),
                       "withdrawn": N_("Withdrawn"), "not-present": N_("Not present (moved to the end)")}
# Session kinds in which delegations take the floor from a list.
FLOOR_KINDS = ("interactive-dialogue", "general-discussion", "closing")


class SpeakersList(db.Model):
    """The list of speakers of one session: open or closed, its time limits, its links."""

    __tablename__ = "speakers_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), unique=True)
    # Inscriptions are refused once closed (by the organizer or at closes_at).
    closed: Mapped[bool] = mapped_column(default=False)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    national_minutes: Mapped[int] = mapped_column(Integer, default=3)
    group_minutes: Mapped[int] = mapped_column(Integer, default=5)
    # Raised to revoke every inscription link issued for this list.
    link_generation: Mapped[int] = mapped_column(Integer, default=0)
    # Moves with every change of the list: the public "as at" time.
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[Session] = relationship()
    entries: Mapped[list["SpeakerEntry"]] = relationship(
        back_populates="speakers_list", cascade="all, delete-orphan", order_by="SpeakerEntry.id")

    def default_minutes(self, statement_type: str) -> int:
        """The time limit a statement of this type gets unless the entry sets its own."""
        return self.group_minutes if statement_type == "group" else self.national_minutes


class SpeakerEntry(db.Model):
    """One delegation inscribed on a list: who speaks, at what level, for whom, how long."""

    __tablename__ = "speaker_entry"
    __table_args__ = (UniqueConstraint("list_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("speakers_list.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"),
                                                 index=True)
    speaker_name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(30))
    on_behalf_of: Mapped[str | None] = mapped_column(String(300))
    statement_type: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int | None] = mapped_column(Integer)  # None: the list's limit for the type
    inscribed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="inscribed")
    # Where the secretariat placed the entry by hand (1 = first); None: by precedence.
    pinned_position: Mapped[int | None] = mapped_column(Integer)
    # When the entry was marked not present: those go to the end in that order.
    absent_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where the acknowledgement of an inscription through a link was sent.
    contact_email: Mapped[str | None] = mapped_column(String(320))
    inscribed_by: Mapped[str] = mapped_column(String(40), default="organizer")

    speakers_list: Mapped[SpeakersList] = relationship(back_populates="entries")
    organization: Mapped[Organization] = relationship()
    statement: Mapped["Statement | None"] = relationship(back_populates="entry", cascade="all, delete-orphan",
                                                         uselist=False)

    @property
    def time_limit(self) -> int:
        """Minutes this statement may take."""
        return self.minutes or self.speakers_list.default_minutes(self.statement_type)

    @property
    def statement_published(self) -> bool:
        """The written statement is public once delivered (marked so, or the entry spoke)."""
        return self.statement is not None and (self.statement.delivered_at is not None
                                               or self.status == "spoke")


class Statement(db.Model):
    """An entry's written statement (one per entry, a new upload replaces it), embargoed until
    delivered: until then only organizers and interpreters may read it."""

    __tablename__ = "statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("speaker_entry.id", ondelete="CASCADE"), unique=True)
    # Stored under instance/uploads/ with a generated name (meeting.lib.uploads), as documents are.
    file_name: Mapped[str] = mapped_column(String(80))
    file_original: Mapped[str] = mapped_column(String(255))
    file_type: Mapped[str] = mapped_column(String(120))
    file_size: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64))
    video_url: Mapped[str | None] = mapped_column(String(1000))  # a pre-recorded statement
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_from: Mapped[str] = mapped_column(String(320))  # an organizer's e-mail, or "inscription link"
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    entry: Mapped[SpeakerEntry] = relationship(back_populates="statement")


class StatementReminder(db.Model):
    """One e-mail asking a delegation for its missing statement, for one deadline.

    Claimed (inserted as `sending`) before it is sent, and unique per entry and deadline: the
    same deadline is never reminded twice; a moved deadline may be reminded again.
    """

    __tablename__ = "statement_reminder"
    __table_args__ = (UniqueConstraint("entry_id", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("speaker_entry.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the deadline it reminds of
    status: Mapped[str] = mapped_column(String(20))  # sending, sent, failed
    to_email: Mapped[str] = mapped_column(String(320))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by: Mapped[str] = mapped_column(String(320))
    last_error: Mapped[str | None] = mapped_column(Text)


def speaker_level(code: str) -> str:
    """Template filter: 'minister' → 'Minister'."""
    return gettext(SPEAKER_LEVEL_LABELS[code]) if code in SPEAKER_LEVEL_LABELS else code


def statement_type(code: str) -> str:
    """Template filter: 'group' → 'On behalf of a group'."""
    return gettext(STATEMENT_TYPE_LABELS[code]) if code in STATEMENT_TYPE_LABELS else code


def entry_status(code: str) -> str:
    """Template filter: 'not-present' → 'Not present (moved to the end)'."""
    return gettext(ENTRY_STATUS_LABELS[code]) if code in ENTRY_STATUS_LABELS else code
