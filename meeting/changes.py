"""Change stamps: every change to a segment's programme moves `segment.changed_at`.

Feeds derive their ETag from it, so a subscriber's calendar refetches exactly when
something it shows has changed. Done in one flush hook so no editing path can forget it.
"""

from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from .models import Participation, Person, Segment, Session, utcnow


def _segments_of(obj, orm_session) -> set[Segment]:
    if isinstance(obj, Segment):
        return {obj}
    if isinstance(obj, Session):
        return {obj.segment} if obj.segment is not None else set()
    if isinstance(obj, Participation):
        session = obj.session
        if session is None and obj.session_id is not None:
            session = orm_session.get(Session, obj.session_id)
        return {session.segment} if session is not None and session.segment else set()
    if isinstance(obj, Person):
        # A new name or zone changes every programme the person appears in.
        return {p.session.segment for p in obj.participations if p.session and p.session.segment}
    return set()


@event.listens_for(OrmSession, "before_flush")
def _stamp_segments(orm_session, _flush_context, _instances):
    touched: set[Segment] = set()
    with orm_session.no_autoflush:
        for obj in chain(orm_session.new, orm_session.dirty, orm_session.deleted):
            if obj in orm_session.dirty and not orm_session.is_modified(obj):
                continue
            if isinstance(obj, Segment) and obj in orm_session.dirty:
                if inspect(obj).attrs.changed_at.history.has_changes():
                    continue  # already stamped
            touched |= _segments_of(obj, orm_session)
    if touched:
        now = utcnow()
        for segment in touched:
            if inspect(segment).deleted:
                continue
            segment.changed_at = now
