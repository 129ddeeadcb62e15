"""What every open format shares: the links they carry, times as text, public status words.

Builders take `PublicSession` rows from `load_public_sessions` (never ORM sessions), so a
passcode, a dial-in code, a join link or an e-mail address cannot reach a file: they are
not even selected. Builders are pure; the views pass the absolute URLs in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from meeting.lib.text import text_blocks
from meeting.lib.timezones import UTC, to_zone

# The public word for each session status: "draft" reads as unpublished to the public,
# and the programme page shows such sessions as provisional.
SESSION_STATUS = {"draft": "provisional", "confirmed": "confirmed", "cancelled": "cancelled"}
# Declined people are never loaded; "invited" is someone who has not confirmed yet.
SPEAKER_STATUS = {"invited": "to be confirmed", "confirmed": "confirmed"}


@dataclass(frozen=True)
class ExportLinks:
    """Absolute URLs the builders put into documents (they never build URLs themselves)."""

    programme: str
    session: Callable[[str], str]
    session_ics: Callable[[str], str]
    formats: dict[str, str] = field(default_factory=dict)


def utc_text(instant: datetime) -> str:
    """'2020-07-06T13:30:00Z'."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(instant: datetime, zone: str) -> str:
    """'2020-07-06T09:30:00-04:00': wall-clock time in `zone` with its offset then."""
    return to_zone(instant, zone).isoformat(timespec="seconds")


def plain_text(text: str | None) -> str:
    """Description as plain text: paragraphs apart by a blank line, hard line wraps undone."""
    return "\n\n".join(text_blocks(text))
