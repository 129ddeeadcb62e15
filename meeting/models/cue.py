"""The run of show: a session's cues, in order."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.extensions import db

from .programme import Participation, Session
from .types import UTCDateTime

CONNECTIONS = ("video", "dial-in", "pre-recorded", "in the room")


class Cue(db.Model):
    """One line of a session's run of show: who or what, for how long, and what if it fails."""

    __tablename__ = "cue"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    # Generated cues carry the key they were generated under ("speaker:12", "closing"), so
    # regenerating updates them in place; manual cues have none.
    generated_key: Mapped[str | None] = mapped_column(String(60))
    # An organizer changed a generated cue: regenerating keeps their version.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    participation_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL"))
    who: Mapped[str] = mapped_column(String(300))
    what: Mapped[str] = mapped_column(String(300))
    minutes: Mapped[int] = mapped_column(Integer)
    hard_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    floor_language: Mapped[str | None] = mapped_column(String(10))
    connection: Mapped[str | None] = mapped_column(String(20))
    fallback: Mapped[str | None] = mapped_column(String(500))
    tech_cue: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    session: Mapped[Session] = relationship()
    participation: Mapped[Participation | None] = relationship()


LIVE_ACTIONS = ("start", "next", "back", "reset")


class LiveMark(db.Model):
    """One press of Start, Next, Back or Reset in a session's live view, as the moderator saw it.

    `at` is the moderator's clock (what their countdown showed); `received_at` the server's.
    Replaying the marks gives the live state for every screen and the planned-vs-actual report.
    """

    __tablename__ = "live_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str | None] = mapped_column(String(320))


class LiveScreen(db.Model):
    """The key inside a session's speaker-screen link; a new key revokes every link sent."""

    __tablename__ = "live_screen"

    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"),
                                            primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
