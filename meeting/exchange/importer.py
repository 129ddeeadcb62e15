"""Import a programme file into the database: all of it, or nothing."""

from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.models import (
    Organization,
    Participation,
    Person,
    Segment,
    Session,
    SpeakerEntry,
    SpeakersList,
    Tag,
)
from meeting.programme.editing import save_programme, update_session
from meeting.programme.history import record
from meeting.reminders.policies import add_default_policies

from .fields import Problem, ProgrammeError
from .floor_exchange import apply_list
from .report import ImportReport, count_record, sync_values
from .schema import ProgrammeSpec, validate
from .site_import import StoredFiles, apply_site
from .site_schema import read_site
from .statement_exchange import read_statement_files
from .translation_exchange import apply_session_translations, check_original
from .yamlio import ProgrammeYAMLError, gc_paused, load_text

DEFAULT_MAX_BYTES = 8 * 1024 * 1024


def read_programme(raw: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES,
                   size: int | None = None, folder: Path | None = None) -> ProgrammeSpec:
    """Decode, parse and validate a programme file, raising ProgrammeError on any problem.

    Document and statement files (`file:`) are read from `folder`, the programme file's own;
    without a folder a document or statement with a file is refused.
    """
    size = len(raw) if size is None else size
    if size > max_bytes:
        raise ProgrammeError(source, [Problem(None, "", (
            f"the file is {size / 1048576:.1f} MiB; the limit is {max_bytes / 1048576:.1f} MiB"
        ))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProgrammeError(source, [Problem(None, "", f"not UTF-8 text (byte {exc.start})")]) from None
    try:
        document = load_text(text)
    except ProgrammeYAMLError as exc:
        raise ProgrammeError(source, [Problem(exc.line, "", exc.message)]) from None
    spec, problems = validate(document)
    documents, key_messages = read_site(document, problems, folder)
    if spec is not None:
        read_statement_files(spec.sessions, folder, problems)
        check_original(key_messages or (), spec.segment.original_language, problems, "key message")
    if problems or spec is None:
        raise ProgrammeError(source, problems or [Problem(None, "", "empty file")])
    spec.documents, spec.key_messages = documents, key_messages
    return spec


def import_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportReport:
    """Import a programme file from disk, its document files from beside it (see import_programme)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # never read a huge file whole
    except OSError as exc:
        problem = Problem(None, "", f"cannot read the file: {exc.strerror}")
        raise ProgrammeError(path.name, [problem]) from None
    return import_programme(raw, path.name, max_bytes, size=max(size, len(raw)), folder=path.parent)


def import_programme(raw: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES,
                     size: int | None = None, folder: Path | None = None) -> ImportReport:
    """Validate and apply a programme file in one transaction; on error nothing is changed."""
    with gc_paused():
        spec = read_programme(raw, source, max_bytes, size, folder)
        files = StoredFiles()
        try:
            report = _apply(spec, source, files)
            segment = db.session.scalar(select(Segment).where(Segment.slug == spec.segment.slug))
            record(segment, f"import of {source}", report.one_line())
            save_programme(segment)
        except IntegrityError:
            # Someone else created the same keys or codes between our read and our write.
            db.session.rollback()
            files.discard_new()
            raise ProgrammeError(source, [Problem(None, "", (
                "another change to the same segment was saved at the same moment; "
                "nothing was imported, import the file again"))]) from None
        except BaseException:
            db.session.rollback()
            files.discard_new()
            raise
    files.discard_replaced()
    if sum(report.created.values()) >= ANALYZE_AFTER:
        refresh_statistics()
    return report


# PostgreSQL plans from table statistics that autovacuum refreshes only later: right after a
# big import it believes the tables empty and walks all sessions for one speaker's page
# (18 ms instead of 0.1 ms at 5,000 sessions, bench/scale.py). Tables the pages read.
ANALYZE_AFTER = 100
ANALYZED_TABLES = ("segment", "session", "participation", "person", "organization", "session_tag",
                   "document", "key_message", "speakers_list", "speaker_entry")


def refresh_statistics() -> None:
    """ANALYZE the programme's tables on PostgreSQL (SQLite plans without statistics)."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as conn:
        conn.execute(text(f"ANALYZE {', '.join(ANALYZED_TABLES)}"))


def _apply(spec: ProgrammeSpec, source: str, files: StoredFiles) -> ImportReport:
    report = ImportReport(spec.segment.slug)
    problems: list[Problem] = []
    orgs = _apply_organizations(spec, report)
    people = _apply_people(spec, orgs, report, problems)
    segment = _apply_segment(spec)
    tags = {t.code: t for t in db.session.scalars(select(Tag))}
    sessions = _apply_sessions(spec, segment, tags, people, orgs, report, problems, files)
    if not problems:
        apply_site(spec, segment, orgs, report, problems, files)
    if problems:
        raise ProgrammeError(source, sorted(problems, key=lambda p: p.line or 0))
    db.session.flush()
    in_file = {s.code for s in spec.sessions}
    report.kept_sessions = sorted(code for code in sessions if code not in in_file)
    return report


def _apply_organizations(spec, report):
    existing = {o.key: o for o in db.session.scalars(select(Organization))}
    for o in spec.organizations:
        org = existing.get(o.key)
        created = org is None
        if created:
            org = existing[o.key] = Organization(key=o.key)
            db.session.add(org)
        changed = sync_values(org, {"name": o.name, "acronym": o.acronym, "kind": o.kind})
        count_record(report, "organizations", created, changed)
    return existing


def _apply_people(spec, orgs, report, problems):
    existing = {p.key: p for p in db.session.scalars(select(Person))}
    for p in spec.people:
        org = None
        if p.organization:
            org = orgs.get(p.organization)
            if org is None:
                problems.append(Problem(p.organization_line, f"person {p.key}",
                                        f"organization {p.organization!r} does not exist"))
                continue
        person = existing.get(p.key)
        created = person is None
        if created:
            person = existing[p.key] = Person(key=p.key)
            db.session.add(person)
        changed = sync_values(person, {
            "name": p.name, "honorific": p.honorific, "position": p.position,
            "organization": org, "email": p.email, "backup_phone": p.backup_phone,
            "timezone": p.timezone,
            "languages": p.languages, "preferred_language": p.preferred_language,
            "biography": p.biography,
        })
        count_record(report, "people", created, changed)
    return existing


def _apply_segment(spec):
    s = spec.segment
    segment = db.session.scalar(select(Segment).where(Segment.slug == s.slug))
    if segment is None:
        segment = Segment(slug=s.slug)
        db.session.add(segment)
        add_default_policies(segment)
    sync_values(segment, {
        "title": s.title, "theme": s.theme, "description": s.description,
        "timezone": s.timezone, "start_date": s.start_date, "end_date": s.end_date,
        "civil_start": s.civil_start, "civil_end": s.civil_end,
        "unconfirmed_days": s.unconfirmed_days, "statements_due_hours": s.statements_due_hours,
        "contact_name": s.contact_name,
        "contact_email": s.contact_email, "contact_phone": s.contact_phone,
        "compilation_symbol": s.compilation_symbol, "compilation_date": s.compilation_date,
        "original_language": s.original_language,
    })
    return segment


def _apply_sessions(spec, segment, tags, people, orgs, report, problems, files):
    existing: dict[str, Session] = {}
    if segment.id is not None:
        existing = {s.code: s for s in db.session.scalars(
            select(Session).where(Session.segment_id == segment.id).options(
                selectinload(Session.participations), selectinload(Session.tags),
                selectinload(Session.translations)))}
    in_file = {s.code for s in spec.sessions}
    lists = {sl.session_id: sl for sl in db.session.scalars(
        select(SpeakersList).join(Session).where(Session.segment_id == segment.id)
        .options(selectinload(SpeakersList.entries).selectinload(SpeakerEntry.organization),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.statement)))} \
        if segment.id is not None else {}
    for s in spec.sessions:
        where = f"session {s.code}"
        unknown = [code for code in s.tags if code not in tags]
        if unknown:
            problems.append(Problem(s.tags_line, where, f"unknown tag {', '.join(unknown)} "
                                    "(use action-area-a…j, entry-point-1…6, sdg-1…17)"))
        if s.parent is not None and s.parent not in existing and s.parent not in in_file:
            problems.append(Problem(s.parent_line, where, f"parent session {s.parent!r} does not exist"))
        session = existing.get(s.code)
        created = session is None
        if created:
            session = existing[s.code] = Session(code=s.code, segment=segment, revision=0)
            db.session.add(session)
        changed = update_session(
            session, title=s.title, kind=s.kind, description=s.description, start=s.start,
            duration_minutes=s.duration_minutes, status=s.status, platform=s.platform,
            join_url=s.join_url, meeting_id=s.meeting_id, passcode=s.passcode,
            dial_in=s.dial_in, interpretation=s.interpretation, webcast_url=s.webcast_url,
            symbol=s.symbol, tags=[tags[c] for c in s.tags if c in tags], **s.contacts, **s.access,
        )
        # After the status: update_session clears the reason of a session no longer cancelled.
        if sync_values(session, {"cancellation_reason": s.cancellation_reason}):
            changed.add("cancellation_reason")
        if apply_session_translations(session, s.translations):
            changed.add("translations")
        changed |= _apply_participants(session, s, people, report, problems)
        count_record(report, "sessions", created, bool(changed))
        apply_list(session, s.speakers_list, None if created else lists.get(session.id), orgs,
                   report, problems, files)
    for s in spec.sessions:
        parent = existing.get(s.parent) if s.parent else None
        if parent is not None or s.parent is None:
            update_session(existing[s.code], parent=parent)
    return existing


def _apply_participants(session, s, people, report, problems) -> set[str]:
    current = {(p.person.key, p.role): p for p in session.participations}
    wanted = set()
    for position, ps in enumerate(s.participants, start=1):
        person = people.get(ps.person)
        if person is None:
            problems.append(Problem(ps.line, f"session {s.code}",
                                    f"participant: person {ps.person!r} does not exist"))
            continue
        wanted.add((ps.person, ps.role))
        participation = current.get((ps.person, ps.role))
        created = participation is None
        if created:
            participation = Participation(person=person, role=ps.role)
            session.participations.append(participation)
        changed = sync_values(participation, {"position": position, "minutes": ps.minutes,
                                        "status": ps.status})
        count_record(report, "participations", created, changed)
    removed = [p for pair, p in current.items() if pair not in wanted]
    for participation in removed:
        session.participations.remove(participation)
        report.removed["participations"] += 1
    return {"participants"} if removed else set()
