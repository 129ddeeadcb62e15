"""Export a segment back to the programme file format, deterministically."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Participation, Person, Segment, Session
from ..timezones import to_zone
from .schema import FORMAT
from .yamlio import FlowList, dump_text, gc_paused


def _drop_empty(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


def export_segment(segment: Segment) -> str:
    """Return the segment as programme-file YAML text; same database, same bytes."""
    with gc_paused():
        return _export(segment)


def _export(segment: Segment) -> str:
    zone = segment.timezone
    sessions = sorted(_load_sessions(segment), key=lambda s: (s.start, s.code))
    people = {p.person.key: p.person for s in sessions for p in s.participations}
    orgs = {p.organization.key: p.organization for p in people.values() if p.organization}
    document = {
        "format": FORMAT,
        "segment": _drop_empty({
            "slug": segment.slug,
            "title": segment.title,
            "theme": segment.theme,
            "timezone": zone,
            "start_date": segment.start_date.isoformat(),
            "end_date": segment.end_date.isoformat(),
            "civil_hours": f"{segment.civil_start:%H:%M}-{segment.civil_end:%H:%M}",
            "unconfirmed_days": segment.unconfirmed_days,
            "description": segment.description,
        }),
        "organizations": [
            _drop_empty({"key": o.key, "name": o.name, "acronym": o.acronym, "kind": o.kind})
            for o in (orgs[k] for k in sorted(orgs))
        ],
        "people": [
            _drop_empty({
                "key": p.key,
                "name": p.name,
                "honorific": p.honorific,
                "position": p.position,
                "organization": p.organization.key if p.organization else None,
                "email": p.email,
                "timezone": p.timezone,
                "languages": FlowList(p.languages or []),
                "biography": p.biography,
            })
            for p in (people[k] for k in sorted(people))
        ],
        "sessions": [_session(s, zone) for s in sessions],
    }
    return dump_text(_drop_empty(document))


def _load_sessions(segment: Segment) -> list[Session]:
    # One query per relationship instead of one per session: exports run to thousands.
    return list(db.session.scalars(
        select(Session).where(Session.segment_id == segment.id).options(
            selectinload(Session.tags),
            selectinload(Session.parent),
            selectinload(Session.participations)
            .selectinload(Participation.person)
            .selectinload(Person.organization),
        )
    ))


def _session(s, zone) -> dict:
    start = to_zone(s.start, zone)
    end = to_zone(s.end, zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return _drop_empty({
        "code": s.code,
        "title": s.title,
        "kind": s.kind,
        "start": f"{start:%Y-%m-%d %H:%M}",
        "end": end_text,
        "status": s.status,
        "parent": s.parent.code if s.parent else None,
        "description": s.description,
        "tags": FlowList(t.code for t in s.tags),
        "channel": _drop_empty({
            "platform": s.platform,
            "join_url": s.join_url,
            "meeting_id": s.meeting_id,
            "passcode": s.passcode,
            "dial_in": s.dial_in,
        }),
        "interpretation": FlowList(s.interpretation or []),
        "webcast_url": s.webcast_url,
        "participants": [
            _drop_empty({
                "person": p.person.key,
                "role": p.role,
                "minutes": p.minutes,
                "status": p.status,
            })
            for p in sorted(s.participations, key=lambda p: (p.position, p.id or 0))
        ],
    })
