"""All models, importable from one place."""

from .cue import CONNECTIONS, LIVE_ACTIONS, Cue, LiveMark, LiveScreen
from .directory import ORGANIZATION_KINDS, Organization, Person
from .floor import (
    ENTRY_STATUSES,
    FLOOR_KINDS,
    SPEAKER_LEVELS,
    STATEMENT_TYPES,
    SpeakerEntry,
    SpeakersList,
    Statement,
    StatementReminder,
)
from .history import ChangeLog
from .invitation import INVITATION_METHODS, Invitation
from .programme import (
    PARTICIPATION_STATUSES,
    SESSION_KINDS,
    SESSION_STATUSES,
    TAG_VOCABULARIES,
    Participation,
    Segment,
    Session,
    Tag,
    session_tag,
)
from .reminder import (
    DELIVERY_STATUSES,
    REMINDER_ANCHORS,
    Heartbeat,
    ReminderDelivery,
    ReminderPolicy,
)
from .reply import REPLY_OUTCOMES, CalendarReply
from .site import (
    DOCUMENT_KIND_LABELS,
    DOCUMENT_KINDS,
    PUBLIC_STATUSES,
    Document,
    KeyMessage,
    Publication,
    document_session,
    document_tag,
    key_message_tag,
)
from .translation import KeyMessageTranslation, SessionTranslation
from .types import UTCDateTime, utcnow
from .user import USER_ROLES, User

__all__ = [
    "ENTRY_STATUSES",
    "FLOOR_KINDS",
    "SPEAKER_LEVELS",
    "STATEMENT_TYPES",
    "SpeakerEntry",
    "SpeakersList",
    "Statement",
    "StatementReminder",
    "DOCUMENT_KIND_LABELS",
    "DOCUMENT_KINDS",
    "PUBLIC_STATUSES",
    "Document",
    "KeyMessage",
    "KeyMessageTranslation",
    "Publication",
    "document_session",
    "document_tag",
    "key_message_tag",
    "ChangeLog",
    "CalendarReply",
    "REPLY_OUTCOMES",
    "CONNECTIONS",
    "Cue",
    "LIVE_ACTIONS",
    "LiveMark",
    "LiveScreen",
    "DELIVERY_STATUSES",
    "REMINDER_ANCHORS",
    "Heartbeat",
    "ReminderDelivery",
    "ReminderPolicy",
    "INVITATION_METHODS",
    "Invitation",
    "ORGANIZATION_KINDS",
    "PARTICIPATION_STATUSES",
    "SESSION_KINDS",
    "SESSION_STATUSES",
    "TAG_VOCABULARIES",
    "USER_ROLES",
    "Organization",
    "Participation",
    "Person",
    "Segment",
    "Session",
    "SessionTranslation",
    "Tag",
    "UTCDateTime",
    "User",
    "session_tag",
    "utcnow",
]
