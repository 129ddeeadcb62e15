"""The programme: segments, their sessions, tags and who takes part."""

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.sql import false

from meeting.extensions import db
from meeting.lib.locales import N_
from meeting.lib.phones import PHONE_MAX, clean_phone

from .directory import Person
from .types import UTCDateTime, link_table, utcnow

SESSION_KINDS = (
    "opening",
    "high-level-panel",
    "thematic",
    "interactive-dialogue",
    "general-discussion",
    "presentation",
    "closing",
    "break",
    "tech-check",
)
# What pages call each kind: its code with spaces, translated where it is shown
# (`_(kind.replace('-', ' '))` in the public templates); files and the API keep the code.
SESSION_KIND_LABELS = {
    "opening": N_("opening"),
    "high-level-panel": N_("high level panel"),
    "thematic": N_("thematic"),
    "interactive-dialogue": N_("interactive dialogue"),
    "general-discussion": N_("general discussion"),
    "presentation": N_("presentation"),
    "closing": N_("closing"),
    "break": N_("break"),
    "tech-check": N_("tech check"),
}
SESSION_STATUSES = ("draft", "confirmed", "cancelled")
PARTICIPATION_STATUSES = ("invited", "confirmed", "declined")
TAG_VOCABULARIES = ("action-area", "entry-point", "sdg")
# The same vocabularies in the order pages show them (the concept note's), with their headings.
TAG_VOCABULARY_LABELS = {"entry-point": N_("Entry points"), "action-area": N_("Action areas"),
                         "sdg": N_("Sustainable Development Goals")}


class Segment(db.Model):
    """One meeting event, e.g. the 2020 Integration Segment."""

    __tablename__ = "segment"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    civil_start: Mapped[time] = mapped_column(Time, default=time(7, 0))
    civil_end: Mapped[time] = mapped_column(Time, default=time(22, 0))
    # A participant still unconfirmed this many days before their session is flagged.
    unconfirmed_days: Mapped[int] = mapped_column(Integer, default=7, server_default="7")
    # Delegations' written statements are due this many hours before their session starts.
    statements_due_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Any change to the programme moves this (see meeting.programme.changes): feeds derive their ETag
    # from it.
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Only a published segment has public pages, feeds and exports (meeting.site.publishing).
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The secretariat contact every e-mail names; its address is the invites' ORGANIZER and
    # the e-mails' Reply-To (From stays MAIL_FROM, docs/mail.md).
    contact_name: Mapped[str | None] = mapped_column(String(300))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(80))
    # The compilation of key messages is issued as a UN document: its symbol and date.
    compilation_symbol: Mapped[str | None] = mapped_column(String(60))
    compilation_date: Mapped[date | None] = mapped_column(Date)
    # The language the organizer writes the segment's content in; translations are in
    # meeting.models.translation (one of meeting.lib.locales.UN_LANGUAGES).
    original_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    sessions: Mapped[list["Session"]] = relationship(
        back_populates="segment", cascade="all, delete-orphan", order_by="Session.start"
    )

    @property
    def contact(self) -> tuple[str, str] | None:
        """(name, address) of the secretariat contact, or None when it has no e-mail address."""
        if not self.contact_email:
            return None
        return self.contact_name or f"{self.title} secretariat", self.contact_email

    @property
    def contact_text(self) -> str:
        """'Amina Mohammed, secretariat@un.org, +1 212 963 1234' (empty when there is no contact)."""
        return joined(self.contact_name, self.contact_email, self.contact_phone)


def joined(*values: str | None) -> str:
    """The values given, blanks left out, separated by commas: how a sheet prints a contact."""
    return ", ".join(v for v in values if v)


session_tag = link_table("session_tag", "session", "tag")
# How access details are checked (as programme files check them: meeting.exchange.fields).
ACCESS_URL_RE = re.compile(r"^https?://\S+$")
LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")


class Tag(db.Model):
    """One term of the three fixed vocabularies of the concept note."""

    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("vocabulary", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    vocabulary: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))


class Session(db.Model):
    """One block of the programme; start in UTC, `revision` feeds calendar SEQUENCE."""

    __tablename__ = "session"
    # A day of a segment is read by (segment_id, start); tech checks by their parent.
    __table_args__ = (UniqueConstraint("segment_id", "code"),
                      Index("ix_session_segment_start", "segment_id", "start"))

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(Text)
    start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("session.id", ondelete="SET NULL"),
                                                  index=True)
    platform: Mapped[str | None] = mapped_column(String(80))
    join_url: Mapped[str | None] = mapped_column(String(1000))
    meeting_id: Mapped[str | None] = mapped_column(String(80))
    passcode: Mapped[str | None] = mapped_column(String(80))
    dial_in: Mapped[str | None] = mapped_column(String(300))
    interpretation: Mapped[list[str]] = mapped_column(JSON, default=list)
    webcast_url: Mapped[str | None] = mapped_column(String(1000))
    # Access: live captions (CART) in these languages, followed at captioning_url; the remote
    # simultaneous interpretation platform and its link (invites and portal only, like join_url).
    captioning: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    captioning_url: Mapped[str | None] = mapped_column(String(1000))
    interpretation_platform: Mapped[str | None] = mapped_column(String(80))
    interpretation_url: Mapped[str | None] = mapped_column(String(1000))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # What the organizer typed when cancelling: the cancellation e-mail gives it.
    cancellation_reason: Mapped[str | None] = mapped_column(Text)
    symbol: Mapped[str | None] = mapped_column(String(60))  # its UN document, e.g. E/HLPF/2020/L.1
    # Who hosts the virtual room (a person or an office) and who produces it (its technical
    # side): the moderator's run-of-show sheet names them; no public page or feed does.
    host_name: Mapped[str | None] = mapped_column(String(300))
    host_email: Mapped[str | None] = mapped_column(String(320))
    host_phone: Mapped[str | None] = mapped_column(String(PHONE_MAX))
    producer_name: Mapped[str | None] = mapped_column(String(300))
    producer_email: Mapped[str | None] = mapped_column(String(320))
    producer_phone: Mapped[str | None] = mapped_column(String(PHONE_MAX))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    segment: Mapped[Segment] = relationship(back_populates="sessions")
    parent: Mapped["Session | None"] = relationship(remote_side=[id], back_populates="children")
    # Tech checks and other sessions that prepare this one.
    children: Mapped[list["Session"]] = relationship(back_populates="parent", order_by="Session.start")
    tags: Mapped[list[Tag]] = relationship(secondary=session_tag, order_by=Tag.id)
    participations: Mapped[list["Participation"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="Participation.position",
    )

    @validates("host_phone", "producer_phone")
    def _check_phone(self, key: str, value: str | None) -> str | None:
        return clean_phone(value, key.replace("_", " "))

    @validates("captioning_url", "interpretation_url")
    def _check_url(self, key: str, value: str | None) -> str | None:
        if value and not ACCESS_URL_RE.fullmatch(value):
            raise ValueError(f"{key.replace('_', ' ')}: {value!r} is not an http:// or https:// address")
        return value or None

    @validates("captioning")
    def _check_languages(self, key: str, value: list[str] | None) -> list[str]:
        wrong = [c for c in value or [] if not LANGUAGE_CODE_RE.fullmatch(c)]
        if wrong:
            raise ValueError(f"captioning: {', '.join(map(repr, wrong))} is not a language code like en")
        return list(value or [])

    @property
    def host_text(self) -> str:
        """'Conference Management Service, cms@un.org, +1 212 963 7349' (empty when not set)."""
        return joined(self.host_name, self.host_email, self.host_phone)

    @property
    def producer_text(self) -> str:
        """The producer's name, e-mail and phone, as host_text (empty when not set)."""
        return joined(self.producer_name, self.producer_email, self.producer_phone)

    @property
    def end(self) -> datetime:
        """The instant the session ends."""
        return self.start + timedelta(minutes=self.duration_minutes)

    @property
    def tech_checks(self) -> list["Session"]:
        """The tech checks that prepare this session and still take place."""
        return [c for c in self.children if c.kind == "tech-check" and c.status != "cancelled"]


class Participation(db.Model):
    """A person in a session with a role, a speaking order and minutes."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("session_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(30))
    position: Mapped[int] = mapped_column(Integer, default=0)
    minutes: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="invited")

    session: Mapped[Session] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship(back_populates="participations")

    @property
    def speaking_order(self) -> int | None:
        """Place in the session's order (1 = first) among those who have not declined; None if declined.

        The one definition that invites, updates, reminders, the portal, calendar files and
        the public rows use: a declined panelist ahead of you does not push you down.
        """
        if self.status == "declined":
            return None
        return 1 + sum(1 for p in self.session.participations
                       if p.status != "declined" and (p.position, p.id) < (self.position, self.id))
