"""A session's list of speakers in programme files: validated, applied and written back.

In the file, under a session:

    speakers_list:
      closed: true                        # omitted while open
      closes_at: 2020-07-06 18:00         # HQ time, optional
      national_minutes: 3
      group_minutes: 5
      entries:
        - delegation: guyana              # an organization key of the file
          speaker: H.E. Ms. Carolyn Rodrigues-Birkett
          level: head-of-delegation
          statement: group
          on_behalf_of: the Group of 77 and China
          minutes: 5                      # omitted: the list's limit for the statement type
          inscribed_at: 2020-07-01T14:02:13Z
          status: confirmed
          place: 2                        # placed by hand; omitted: by precedence
          absent_since: …Z                # only for not-present
          contact_email: …
          inscribed_by: inscription link  # omitted when the secretariat inscribed it
          written_statement: …            # its file and video (meeting.exchange.statement_exchange)

Entries are written in the order they were inscribed, so ties of the same second keep their
order on import. A session in a file without `speakers_list` keeps the list it has: an old
file imported again never wipes inscriptions made since.
"""

from dataclasses import dataclass, field
from datetime import datetime

from meeting.extensions import db
from meeting.floor.lists import MAX_MINUTES
from meeting.lib.timezones import LocalTimeError, parse_wall_clock, to_utc, to_zone
from meeting.models import ENTRY_STATUSES, SPEAKER_LEVELS, STATEMENT_TYPES, SpeakerEntry, SpeakersList, utcnow

from .fields import EMAIL_RE, INSTANT_FORMAT, KEY_RE, Fields, Problem
from .report import count_record, sync_values
from .statement_exchange import StatementSpec, apply_statement, export_statement, statement_spec


@dataclass
class EntrySpec:
    delegation: str
    speaker_name: str
    level: str
    statement_type: str
    inscribed_at: datetime
    status: str
    on_behalf_of: str | None = None
    minutes: int | None = None
    pinned_position: int | None = None
    absent_since: datetime | None = None
    contact_email: str | None = None
    inscribed_by: str = "organizer"
    statement: StatementSpec | None = None
    line: int = 0


@dataclass
class ListSpec:
    national_minutes: int
    group_minutes: int
    closed: bool = False
    closes_at: datetime | None = None
    entries: list[EntrySpec] = field(default_factory=list)


def list_spec(m, where: str, zone: str | None, problems: list[Problem]) -> ListSpec | None:
    """The session's `speakers_list` mapping checked, or None (problems recorded)."""
    f = Fields(m, f"{where}: speakers_list", problems,
               ("closed", "closes_at", "national_minutes", "group_minutes", "entries"))
    spec = ListSpec(national_minutes=f.integer("national_minutes", 1, MAX_MINUTES) or 3,
                    group_minutes=f.integer("group_minutes", 1, MAX_MINUTES) or 5,
                    closed=f.choice("closed", ("true", "false"), default="false") == "true")
    raw_close = f.text("closes_at", max_len=20)
    if raw_close and zone:
        try:
            spec.closes_at = to_utc(parse_wall_clock(raw_close), zone)
        except LocalTimeError as exc:
            f.fail("closes_at", f"closes_at {exc}")
        except ValueError:
            f.fail("closes_at", f"closes_at {raw_close} is not a time (expected YYYY-MM-DD HH:MM)")
    seen: dict[str, int] = {}
    for em in f.items("entries"):
        e = Fields(em, f"{where}: speakers_list entry {em.get('delegation', '?')}", problems, (
            "delegation", "speaker", "level", "statement", "on_behalf_of", "minutes", "inscribed_at",
            "status", "place", "absent_since", "contact_email", "inscribed_by", "written_statement"))
        entry = EntrySpec(
            delegation=e.text("delegation", required=True, max_len=80, pattern=KEY_RE, what="a key"),
            speaker_name=e.text("speaker", required=True), level=e.choice("level", SPEAKER_LEVELS),
            statement_type=e.choice("statement", STATEMENT_TYPES),
            on_behalf_of=e.text("on_behalf_of"), minutes=e.integer("minutes", 1, MAX_MINUTES),
            inscribed_at=e.instant("inscribed_at", required=True),
            status=e.choice("status", ENTRY_STATUSES, default="inscribed"),
            pinned_position=e.integer("place", 1, 10000), absent_since=e.instant("absent_since"),
            contact_email=e.text("contact_email", max_len=320, pattern=EMAIL_RE, what="an e-mail address"),
            inscribed_by=e.text("inscribed_by", max_len=40) or "organizer", line=em.line)
        statement_map = e.mapping("written_statement")
        if statement_map is not None:
            entry.statement = statement_spec(statement_map, e.where, problems)
            e.ok = e.ok and entry.statement is not None
        if entry.statement_type == "group" and not entry.on_behalf_of:
            e.fail(None, "a statement on behalf of a group names the group (on_behalf_of)")
        if entry.delegation in seen:
            e.fail("delegation", f"{entry.delegation} is inscribed twice (line {seen[entry.delegation]})")
        seen.setdefault(entry.delegation or "", em.line)
        if e.ok:
            spec.entries.append(entry)
        f.ok = f.ok and e.ok
    return spec if f.ok else None


def apply_list(session, spec: ListSpec | None, current: SpeakersList | None, orgs: dict, report,
               problems: list[Problem], files) -> None:
    """Bring the session's list in line with the file's (none in the file: keep it)."""
    if spec is None:
        return
    speakers = current or SpeakersList(session=session, link_generation=0, changed_at=utcnow(),
                                       entries=[])
    if current is None:
        db.session.add(speakers)
    changed = sync_values(speakers, {"national_minutes": spec.national_minutes,
                                     "group_minutes": spec.group_minutes, "closed": spec.closed,
                                     "closes_at": spec.closes_at})
    by_org = {e.organization.key: e for e in speakers.entries}
    wanted = set()
    for es in spec.entries:
        organization = orgs.get(es.delegation)
        if organization is None:
            problems.append(Problem(es.line, f"session {session.code}",
                                    f"speakers_list: organization {es.delegation!r} does not exist"))
            continue
        wanted.add(es.delegation)
        entry = by_org.get(es.delegation)
        created = entry is None
        if created:
            entry = SpeakerEntry(organization=organization)
            speakers.entries.append(entry)
        entry_changed = sync_values(entry, {
            "speaker_name": es.speaker_name, "level": es.level, "statement_type": es.statement_type,
            "on_behalf_of": es.on_behalf_of, "minutes": es.minutes, "inscribed_at": es.inscribed_at,
            "status": es.status, "pinned_position": es.pinned_position, "absent_since": es.absent_since,
            "contact_email": es.contact_email, "inscribed_by": es.inscribed_by})
        entry_changed |= apply_statement(entry, es.statement, files, f"session {session.code}: "
                                         f"speakers_list entry {es.delegation}: written_statement", problems)
        count_record(report, "speaker entries", created, entry_changed)
        changed |= created or entry_changed
    for key, entry in by_org.items():
        if key not in wanted:
            if entry.statement is not None:
                files.replaced.append(entry.statement.file_name)
            speakers.entries.remove(entry)
            report.removed["speaker entries"] += 1
            changed = True
    if changed:
        speakers.changed_at = utcnow()  # the public "as at": when the list last changed here


def export_list(speakers: SpeakersList | None, zone: str, drop_empty) -> dict | None:
    """The `speakers_list` mapping of a session, or None when it has none."""
    if speakers is None:
        return None
    return drop_empty({
        "closed": True if speakers.closed else None,
        "closes_at": f"{to_zone(speakers.closes_at, zone):%Y-%m-%d %H:%M}" if speakers.closes_at else None,
        "national_minutes": speakers.national_minutes,
        "group_minutes": speakers.group_minutes,
        "entries": [drop_empty({
            "delegation": e.organization.key,
            "speaker": e.speaker_name,
            "level": e.level,
            "statement": e.statement_type,
            "on_behalf_of": e.on_behalf_of,
            "minutes": e.minutes,
            "inscribed_at": f"{e.inscribed_at:{INSTANT_FORMAT}}",
            "status": e.status,
            "place": e.pinned_position,
            "absent_since": f"{e.absent_since:{INSTANT_FORMAT}}" if e.absent_since else None,
            "contact_email": e.contact_email,
            "inscribed_by": None if e.inscribed_by == "organizer" else e.inscribed_by,
            "written_statement": export_statement(speakers.session.code, e, drop_empty),
        }) for e in sorted(speakers.entries, key=lambda e: (e.inscribed_at, e.id or 0))],
    })
