"""The public programme feed, assembled from cached event bytes.

icalendar builds and serializes a 1,000-session feed in about half a second here
(bench/feed_timing.py). Most feed requests follow a change to one session, so each
session's VEVENT bytes are kept under a key of everything the event shows; three light
queries find which sessions changed, and only those are loaded and built again.
"""

from collections import defaultdict

from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.caches import LruCache
from meeting.models import Organization, Participation, Person, Segment, Session, session_tag
from meeting.programme.public import load_public_sessions

from .ical import Links, calendar_shell, is_public, public_row_event, serialize


def public_event_keys(segment: Segment) -> list[tuple[int, tuple]]:
    """(session id, key of everything its public event shows), public sessions in time order."""
    people: dict[int, list] = defaultdict(list)
    rows = db.session.execute(
        select(Participation.session_id, Participation.role, Participation.status,
               Participation.position, Person.name, Person.honorific, Organization.acronym,
               Organization.name)
        .join(Person, Participation.person_id == Person.id)
        .outerjoin(Organization, Person.organization_id == Organization.id)
        .join(Session, Participation.session_id == Session.id)
        .where(Session.segment_id == segment.id)
        .order_by(Participation.session_id, Participation.position, Participation.id))
    for session_id, *rest in rows:
        people[session_id].append(tuple(rest))
    tags: dict[int, list] = defaultdict(list)
    for session_id, tag_id in db.session.execute(
            select(session_tag.c.session_id, session_tag.c.tag_id)
            .join(Session, session_tag.c.session_id == Session.id)
            .where(Session.segment_id == segment.id).order_by(session_tag.c.tag_id)):
        tags[session_id].append(tag_id)
    sessions = db.session.execute(
        select(Session.id, Session.updated_at, Session.revision, Session.status, Session.kind)
        .where(Session.segment_id == segment.id).order_by(Session.start, Session.code))
    return [
        (sid, (sid, updated, revision, segment.slug, segment.title,
               tuple(people[sid]), tuple(tags[sid])))
        for sid, updated, revision, status, kind in sessions
        if is_public(status, kind)
    ]


def segment_feed_bytes(segment: Segment, links: Links, cache: LruCache) -> bytes:
    """The public feed: the same bytes as serialize(build_segment_feed(...)), built faster."""
    keyed = public_event_keys(segment)
    keys = dict(keyed)
    bodies = {sid: cache.get((key, links)) for sid, key in keyed}
    missing = [sid for sid, body in bodies.items() if body is None]
    if missing:
        # Public rows, not ORM objects: reading 5,000 sessions with their people costs a seventh.
        rows = load_public_sessions(segment, ids=None if len(missing) == len(keyed) else missing)
        for row in rows:
            if row.id in bodies and bodies[row.id] is None:
                bodies[row.id] = cache.put((keys[row.id], links),
                                           serialize(public_row_event(row, segment.slug, links)))
    head = serialize(calendar_shell("PUBLISH", segment.title))
    end = b"END:VCALENDAR\r\n"
    return b"".join([head[: -len(end)], *(bodies[sid] for sid, _ in keyed), end])
