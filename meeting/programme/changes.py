"""Change stamps: every change to what a segment shows moves `segment.changed_at`.

Feeds and public pages derive their ETag from it, so a subscriber's calendar or a browser
refetches exactly when something it shows has changed: the programme, its people and
their organizations, the documents and key messages, the publication state. Done in one
flush hook so no editing path can forget it.
"""

from datetime import timedelta
from itertools import chain

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session as OrmSession

from meeting.models import (
    Document,
    KeyMessage,
    KeyMessageTranslation,
    Organization,
    Participation,
    Person,
    Publication,
    Segment,
    Session,
    SessionTranslation,
    SpeakerEntry,
    SpeakersList,
    Statement,
    utcnow,
)


def _segments_of(obj, orm_session) -> set[Segment]:
    if isinstance(obj, Segment):
        return {obj}
    if isinstance(obj, Session):
        return {obj.segment} if obj.segment is not None else set()
    if isinstance(obj, Participation | SessionTranslation):  # a translated title is on its pages
        session = obj.session
        if session is None and obj.session_id is not None:
            session = orm_session.get(Session, obj.session_id)
        return {session.segment} if session is not None and session.segment else set()
    if isinstance(obj, Statement):
        # Once delivered, a statement is linked from the rolling list.
        entry = obj.entry or orm_session.get(SpeakerEntry, obj.entry_id)
        return _segments_of(entry, orm_session) if entry is not None else set()
    if isinstance(obj, SpeakerEntry | SpeakersList):
        # The rolling list of speakers is on the session's public page.
        speakers = obj if isinstance(obj, SpeakersList) else (
            obj.speakers_list or orm_session.get(SpeakersList, obj.list_id))
        session = speakers.session if speakers else None
        return {session.segment} if session is not None and session.segment else set()
    if isinstance(obj, KeyMessageTranslation):
        # A translated message is on the key messages page in that language.
        message = obj.key_message
        if message is None and obj.key_message_id is not None:
            message = orm_session.get(KeyMessage, obj.key_message_id)
        return _segments_of(message, orm_session) if message is not None else set()
    if isinstance(obj, Person):
        # A new name or zone changes every programme the person appears in.
        return {p.session.segment for p in obj.participations if p.session and p.session.segment}
    # A publication changes the changelog page even when publishing again changes no column.
    if isinstance(obj, Document | KeyMessage | Publication):
        segment = obj.segment
        if segment is None and obj.segment_id is not None:
            segment = orm_session.get(Segment, obj.segment_id)
        return {segment} if segment is not None else set()
    if isinstance(obj, Organization):
        # A renamed organization changes its speakers' lines and its documents' credits.
        found: set[Segment] = set()
        for person in obj.people:
            found |= _segments_of(person, orm_session)
        found |= set(orm_session.scalars(
            select(Segment).join(Document, Document.segment_id == Segment.id)
            .where(Document.organization_id == obj.id)))
        found |= set(orm_session.scalars(
            select(Segment).join(KeyMessage, KeyMessage.segment_id == Segment.id)
            .where(KeyMessage.organization_id == obj.id)))
        return found
    return set()


@event.listens_for(OrmSession, "before_flush")
def _stamp_segments(orm_session, _flush_context, _instances):
    touched: set[Segment] = set()
    # Session.dirty builds a new set on every access: read it once, or a bulk import of n
    # objects costs n² (bench/import_timing.py).
    dirty = orm_session.dirty
    with orm_session.no_autoflush:
        for obj in chain(orm_session.new, dirty, orm_session.deleted):
            if obj in dirty and not orm_session.is_modified(obj):
                continue
            if isinstance(obj, Segment) and obj in dirty:
                if inspect(obj).attrs.changed_at.history.has_changes():
                    continue  # already stamped
            touched |= _segments_of(obj, orm_session)
    for segment in touched:
        if not inspect(segment).deleted:
            stamp(segment)


def stamp(segment: Segment) -> None:
    """Move the segment's change stamp to now, and always past the previous whole second.

    Last-Modified has one-second resolution: two changes in the same second would give
    the same date, and a client revalidating by date alone would keep the first version.
    """
    previous = segment.changed_at
    now = utcnow()
    if previous is not None and now < previous.replace(microsecond=0) + timedelta(seconds=1):
        now = previous.replace(microsecond=0) + timedelta(seconds=1)
    segment.changed_at = now
