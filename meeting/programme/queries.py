"""Reading the programme: segments, sessions with their people, days, dashboard counts."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.timezones import to_utc, to_zone
from meeting.models import Participation, Person, Segment, Session

# Internal blocks that the public programme does not list.
PRIVATE_KINDS = frozenset({"tech-check"})


def find_segment(slug: str) -> Segment | None:
    """The segment with this slug, or None."""
    return db.session.scalar(select(Segment).where(Segment.slug == slug))


def list_segments() -> list[Segment]:
    """All segments, newest first."""
    return list(db.session.scalars(select(Segment).order_by(Segment.start_date.desc())))


def load_sessions(segment: Segment, ids: list[int] | None = None) -> list[Session]:
    """A segment's sessions (all, or those ids) in time order, people and tags loaded."""
    query = select(Session).where(Session.segment_id == segment.id)
    if ids is not None:
        query = query.where(Session.id.in_(ids))
    return list(db.session.scalars(
        query
        .options(
            selectinload(Session.participations)
            .selectinload(Participation.person)
            .selectinload(Person.organization),
            selectinload(Session.tags),
        )
        .order_by(Session.start, Session.code)
    ))


def sessions_starting_on(segment: Segment, day: date) -> list[Session]:
    """The sessions that start on `day` in HQ time (one indexed range query, no people)."""
    start = to_utc(datetime.combine(day, time(0)), segment.timezone, lenient=True)
    end = to_utc(datetime.combine(day + timedelta(days=1), time(0)), segment.timezone, lenient=True)
    return list(db.session.scalars(
        select(Session).where(Session.segment_id == segment.id, Session.start >= start,
                              Session.start < end).order_by(Session.start, Session.code)))


def person_participations(person: Person) -> list[Participation]:
    """A person's participations in time order, sessions and segments loaded."""
    return list(db.session.scalars(
        select(Participation)
        .join(Participation.session)
        .where(Participation.person_id == person.id)
        .options(
            selectinload(Participation.session).selectinload(Session.segment),
            selectinload(Participation.session).selectinload(Session.children),
        )
        .order_by(Session.start, Session.code)
    ))


def segment_days(segment: Segment, public: bool = False) -> list[date]:
    """The HQ days that have sessions (public: leaving out tech checks), from one query."""
    query = select(Session.start).where(Session.segment_id == segment.id)
    if public:
        query = query.where(Session.kind.not_in(PRIVATE_KINDS))
    return sorted({to_zone(start, segment.timezone).date() for start in db.session.scalars(query)})


def calendar_days(segment: Segment) -> list[date]:
    """Every day from the segment's first to its last, sessions or not."""
    return [segment.start_date + timedelta(days=n)
            for n in range((segment.end_date - segment.start_date).days + 1)]


@dataclass
class Overview:
    """Counts for the organizer's dashboard, from a few aggregate queries."""

    sessions: int
    tech_checks: int
    answers: dict[str, int]
    days: list[date]
    unconfirmed: list[Participation]


def segment_overview(segment: Segment, limit: int = 100) -> Overview:
    """Sessions, answers, days and the first `limit` unconfirmed participants (soonest first)."""
    kinds = dict(db.session.execute(
        select(Session.kind, func.count()).where(Session.segment_id == segment.id)
        .group_by(Session.kind)).all())
    tech_checks = kinds.pop("tech-check", 0)
    answers = dict(db.session.execute(
        select(Participation.status, func.count()).join(Session)
        .where(Session.segment_id == segment.id, Session.status != "cancelled")
        .group_by(Participation.status)).all())
    unconfirmed = list(db.session.scalars(
        select(Participation).join(Session)
        .where(Session.segment_id == segment.id, Session.status != "cancelled",
               Participation.status == "invited")
        .options(selectinload(Participation.person), selectinload(Participation.session))
        .order_by(Session.start, Participation.position).limit(limit)))
    return Overview(
        sessions=sum(kinds.values()), tech_checks=tech_checks,
        answers={k: answers.get(k, 0) for k in ("confirmed", "invited", "declined")},
        days=segment_days(segment),
        unconfirmed=unconfirmed)
