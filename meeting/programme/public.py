"""The programme as the public sees it, read as plain rows for pages and open formats.

Every public page and export (JSON API, CSV, frab XML/JSON, the changelog's snapshots)
reads the programme through `load_public_sessions`. It selects only public columns, so a
passcode, a dial-in code, a join link or an e-mail address cannot leak into one of them
by a template's mistake; it leaves out tech checks and people who declined. Rows, not ORM
objects: a 1,000-session programme loads in a few tens of milliseconds.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select

from meeting.extensions import db
from meeting.lib.timezones import to_utc, to_zone
from meeting.models import (
    Document,
    KeyMessage,
    Organization,
    Participation,
    Person,
    Segment,
    Session,
    Tag,
    session_tag,
)
from meeting.models.directory import PrintedName
from meeting.models.programme import TAG_VOCABULARY_LABELS

from .queries import PRIVATE_KINDS
from .roles import ROLE_LABELS, ROLE_ORDER, role_label
from .translations import session_translations

FILTER_VOCABULARIES = tuple(TAG_VOCABULARY_LABELS)
# A programme page shows every day up to this many sessions (about 1.5 KB of HTML each),
# one day at a time beyond: a 20,000-session segment is not a 30 MB page.
ALL_DAYS_LIMIT = 500
# Up to this many days each is a link; a longer programme gets previous, next and a date field.
DAY_LINKS_LIMIT = 31


# Tags and speakers are named tuples, not dataclasses: the page-fragment cache keys on them,
# and tuples hash and compare in C (a frozen dataclass does it in Python, 20 µs a session).
class PublicTag(NamedTuple):
    """One tag of a session, document or key message."""

    code: str
    vocabulary: str
    number: int
    label: str


class _SpeakerRow(NamedTuple):
    key: str
    name: str
    honorific: str | None
    position: str | None
    role: str
    order: int
    status: str
    organization_key: str | None
    organization_name: str | None
    organization_acronym: str | None


class PublicSpeaker(_SpeakerRow, PrintedName):
    """A person in a session, with only what the public may see."""

    __slots__ = ()

    @property
    def organization_short(self) -> str | None:
        """Acronym when there is one, else the organization's name."""
        return self.organization_acronym or self.organization_name

    @property
    def role_label(self) -> str:
        """'Lead discussant'."""
        return role_label(self.role)


@dataclass(slots=True)
class PublicSession:
    """A public session: times in UTC, tags, speakers in speaking order (their position)."""

    id: int
    code: str
    title: str
    kind: str
    status: str
    description: str | None
    start: datetime
    duration_minutes: int
    platform: str | None
    interpretation: list[str]
    webcast_url: str | None
    revision: int
    updated_at: datetime
    symbol: str | None = None
    # Live captions (CART) and the interpretation platform (its link stays private: invites, portal).
    captioning: list[str] = field(default_factory=list)
    captioning_url: str | None = None
    interpretation_platform: str | None = None
    tags: list[PublicTag] = field(default_factory=list)
    speakers: list[PublicSpeaker] = field(default_factory=list)
    # The segment's original language, and the page language's translation when one was
    # asked for ({language: {"title", "description"}}; see programme.translations.localized).
    original_language: str = "en"
    translations: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @property
    def end(self) -> datetime:
        """Start plus duration."""
        return self.start + timedelta(minutes=self.duration_minutes)

    def role_groups(self) -> list[tuple[str, list[PublicSpeaker]]]:
        """(label, speakers) per role in programme order: 'Panelists', then each in order."""
        groups = []
        for role, (singular, plural) in ROLE_LABELS.items():
            people = [s for s in self.speakers if s.role == role]
            if people:
                groups.append((singular if len(people) == 1 else plural, people))
        return groups




def _public_query(segment: Segment, codes: list[str] | None, tag_codes: dict[str, str] | None,
                  person_key: str | None, organization_key: str | None, day: date | None,
                  ids: list[int] | None = None):
    query = (
        select(Session.id, Session.code, Session.title, Session.kind, Session.status,
               Session.description, Session.start, Session.duration_minutes, Session.platform,
               Session.interpretation, Session.webcast_url, Session.revision, Session.updated_at,
               Session.symbol, Session.captioning, Session.captioning_url,
               Session.interpretation_platform)
        .where(Session.segment_id == segment.id, Session.kind.not_in(PRIVATE_KINDS))
        .order_by(Session.start, Session.code))
    if codes is not None:
        query = query.where(Session.code.in_(codes))
    if ids is not None:
        query = query.where(Session.id.in_(ids))
    if day is not None:
        start, end = (to_utc(datetime.combine(d, time(0)), segment.timezone, lenient=True)
                      for d in (day, day + timedelta(days=1)))
        query = query.where(Session.start >= start, Session.start < end)
    for code in (tag_codes or {}).values():
        tagged = (select(session_tag.c.session_id).join(Tag, Tag.id == session_tag.c.tag_id)
                  .where(Tag.code == code))
        query = query.where(Session.id.in_(tagged))
    if person_key is not None or organization_key is not None:
        taking_part = (select(Participation.session_id)
                       .join(Person, Person.id == Participation.person_id)
                       .where(Participation.status != "declined"))
        if person_key is not None:
            taking_part = taking_part.where(Person.key == person_key)
        if organization_key is not None:
            taking_part = taking_part.join(Organization, Organization.id == Person.organization_id) \
                .where(Organization.key == organization_key)
        query = query.where(Session.id.in_(taking_part))
    return query


def load_public_sessions(segment: Segment, codes: list[str] | None = None,
                         tag_codes: dict[str, str] | None = None, person_key: str | None = None,
                         organization_key: str | None = None,
                         limit: int | None = None, day: date | None = None,
                         ids: list[int] | None = None,
                         language: str | None = None) -> list[PublicSession]:
    """The public sessions of a segment in time order, optionally only those with every tag in
    `tag_codes`, where a person, or someone from an organization, takes part, on one HQ day, or
    with these ids; with `language`, each with its translation in that language (one more query)."""
    query = _public_query(segment, codes, tag_codes, person_key, organization_key, day, ids)
    if limit is not None:
        query = query.limit(limit)
    # Core rows straight from the connection: the ORM's result layer would double the time.
    run = db.session.connection().execute
    original = segment.original_language
    sessions = {row[0]: PublicSession(*row, original_language=original) for row in run(query).all()}
    if not sessions:
        return []
    # The same selection again as a subquery: no list of a thousand bound ids.
    ids = query.with_only_columns(Session.id).order_by(None)
    if limit is not None:
        ids = ids.order_by(Session.start, Session.code)
    if language is not None and language != original:
        for session_id, texts in session_translations(ids, language).items():
            sessions[session_id].translations = {language: texts}
    for session_id, *tag in run(
            select(session_tag.c.session_id, Tag.code, Tag.vocabulary, Tag.number, Tag.label)
            .join(Tag, Tag.id == session_tag.c.tag_id)
            .where(session_tag.c.session_id.in_(ids)).order_by(Tag.id)).all():
        sessions[session_id].tags.append(PublicTag(*tag))
    speakers = defaultdict(list)
    for session_id, *person in run(
            select(Participation.session_id, Person.key, Person.name, Person.honorific,
                   Person.position, Participation.role, Participation.position,
                   Participation.status, Organization.key, Organization.name,
                   Organization.acronym)
            .join(Person, Person.id == Participation.person_id)
            .outerjoin(Organization, Organization.id == Person.organization_id)
            .where(Participation.session_id.in_(ids), Participation.status != "declined")
            .order_by(Participation.id)).all():
        speakers[session_id].append(PublicSpeaker(*person))
    for session_id, people in speakers.items():
        people.sort(key=lambda s: (s.order, ROLE_ORDER[s.role]))
        # Declined people are not loaded: renumbering gives Participation.speaking_order.
        sessions[session_id].speakers = [s._replace(order=n) for n, s in enumerate(people, 1)]
    return list(sessions.values())


def public_day_counts(segment: Segment, tag_codes: dict[str, str] | None = None) -> dict[date, int]:
    """How many public sessions (with every tag in `tag_codes`) start on each HQ day, in order."""
    query = _public_query(segment, None, tag_codes, None, None, None).with_only_columns(Session.start)
    days = Counter(to_zone(start, segment.timezone).date()
                   for start in db.session.connection().execute(query).scalars())
    return dict(sorted(days.items()))


def programme_day(asked: str | None, days: dict[date, int], today: date) -> date | None:
    """The HQ day a programme page shows (None: every day).

    Every day when it was asked for, or nothing was, and at most ALL_DAYS_LIMIT sessions are
    selected; else the day asked for, or today, or the next day with sessions, or the first.
    ValueError for a `day` that is not a date.
    """
    total = sum(days.values())
    if asked and asked != "all":
        try:
            return date.fromisoformat(asked)
        except ValueError:
            raise ValueError(f"No day {asked!r}: a day is written as 2021-07-06.") from None
    if total <= ALL_DAYS_LIMIT:
        return None
    return next((day for day in days if day >= today), next(iter(days)))


@dataclass(frozen=True, slots=True)
class DayNavigation:
    """The day links above a programme: each day (when few enough), or the one before and after."""

    current: date | None
    days: list[tuple[date, int]]
    previous: date | None
    following: date | None
    first: date
    last: date
    all_days: bool

    @property
    def listed(self) -> bool:
        """Every day is a link (else: previous, next and a date field)."""
        return bool(self.days)


def day_navigation(days: dict[date, int], current: date | None) -> DayNavigation | None:
    """How to reach the other days of a programme of more than one day, else None."""
    if len(days) < 2:
        return None
    order = list(days)
    before = [d for d in order if current is not None and d < current]
    after = [d for d in order if current is not None and d > current]
    return DayNavigation(
        current, list(days.items()) if len(order) <= DAY_LINKS_LIMIT else [],
        before[-1] if before else None, after[0] if after else None, order[0], order[-1],
        sum(days.values()) <= ALL_DAYS_LIMIT)


def group_by_day(sessions: list[PublicSession], zone: str) -> list[tuple[date, list[PublicSession]]]:
    """Sessions grouped by their start day in `zone`, in time order."""
    days: dict[date, list[PublicSession]] = {}
    for session in sessions:
        days.setdefault(to_zone(session.start, zone).date(), []).append(session)
    return list(days.items())


def segment_tags(segment: Segment) -> dict[str, list[PublicTag]]:
    """The tags used by the segment's public sessions, per vocabulary, for the filters."""
    rows = db.session.execute(
        select(Tag.code, Tag.vocabulary, Tag.number, Tag.label).distinct()
        .join(session_tag, session_tag.c.tag_id == Tag.id)
        .join(Session, Session.id == session_tag.c.session_id)
        .where(Session.segment_id == segment.id, Session.kind.not_in(PRIVATE_KINDS))
        .order_by(Tag.vocabulary, Tag.number))
    found: dict[str, list[PublicTag]] = {v: [] for v in FILTER_VOCABULARIES}
    for row in rows:
        found.setdefault(row.vocabulary, []).append(PublicTag(*row))
    return found


@dataclass(frozen=True, slots=True)
class PublicPerson(PrintedName):
    """A speaker's public profile: no e-mail, no zone, no portal data."""

    key: str
    name: str
    honorific: str | None
    position: str | None
    biography: str | None
    organization_key: str | None
    organization_name: str | None
    organization_acronym: str | None

    @property
    def organization_short(self) -> str | None:
        """Acronym when there is one, else the organization's name."""
        return self.organization_acronym or self.organization_name


def find_public_person(key: str) -> PublicPerson | None:
    """The public columns of the person with this key, or None."""
    row = db.session.execute(
        select(Person.key, Person.name, Person.honorific, Person.position, Person.biography,
               Organization.key, Organization.name, Organization.acronym)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .where(Person.key == key)).first()
    return PublicPerson(*row) if row else None


def find_organization(key: str) -> Organization | None:
    """The organization with this key, or None (every column of it is public)."""
    return db.session.scalar(select(Organization).where(Organization.key == key))


def speakers_of(sessions: list[PublicSession]) -> list[tuple[PublicSpeaker, int]]:
    """Each person speaking in these sessions once, with how many sessions, by name."""
    found: dict[str, tuple[PublicSpeaker, int]] = {}
    for session in sessions:
        for speaker in {s.key: s for s in session.speakers}.values():
            first, count = found.get(speaker.key, (speaker, 0))
            found[speaker.key] = (first, count + 1)
    return sorted(found.values(), key=lambda item: (item[0].name.casefold(), item[0].key))


@dataclass(frozen=True, slots=True)
class PublicOrganization:
    """An organization on the public site: who speaks for it, what it sent."""

    key: str
    name: str
    acronym: str | None
    speakers: int
    documents: int
    key_messages: int


def public_organizations(segment: Segment, sessions: list[PublicSession]) -> list[PublicOrganization]:
    """Organizations with a speaker, a published document or a published key message, by name."""
    people: dict[str, set[str]] = defaultdict(set)
    names: dict[str, tuple[str, str | None]] = {}
    for session in sessions:
        for speaker in session.speakers:
            if speaker.organization_key:
                people[speaker.organization_key].add(speaker.key)
                names[speaker.organization_key] = (speaker.organization_name,
                                                   speaker.organization_acronym)
    sent: dict[str, dict[str, int]] = defaultdict(dict)
    for label, model in (("documents", Document), ("key_messages", KeyMessage)):
        for key, name, acronym, count in db.session.execute(
                select(Organization.key, Organization.name, Organization.acronym, func.count())
                .join(model, model.organization_id == Organization.id)
                .where(model.segment_id == segment.id, model.status == "published")
                .group_by(Organization.key, Organization.name, Organization.acronym)):
            names[key] = (name, acronym)
            sent[key][label] = count
    return sorted((PublicOrganization(key, *names[key], len(people.get(key, ())),
                                      sent[key].get("documents", 0), sent[key].get("key_messages", 0))
                   for key in names),
                  key=lambda org: (org.name.casefold(), org.key))


def programme_filters(args, tags: dict[str, list[PublicTag]]) -> dict[str, str]:
    """The tag filters asked for ({vocabulary: tag code}); ValueError for a tag not in use."""
    filters = {}
    for vocabulary in FILTER_VOCABULARIES:
        code = args.get(vocabulary)
        if code:
            if code not in {t.code for t in tags.get(vocabulary, [])}:
                raise ValueError(f"No {vocabulary.replace('-', ' ')} {code!r} in this programme.")
            filters[vocabulary] = code
    return filters
