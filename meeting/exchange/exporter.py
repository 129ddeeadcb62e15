"""Export a segment back to the programme file format, deterministically."""

import re
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.timezones import to_zone
from meeting.lib.uploads import upload_path
from meeting.models import (
    Document,
    KeyMessage,
    Participation,
    Person,
    Segment,
    Session,
    SpeakerEntry,
    SpeakersList,
)
from meeting.programme.queries import PRIVATE_KINDS

from .floor_exchange import export_list
from .schema import FORMAT
from .statement_exchange import statement_files
from .translation_exchange import export_key_message_translations, export_session_translations
from .yamlio import FlowList, dump_text, gc_paused


def _drop_empty(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


FILES_FOLDER = "files"
NOT_INCLUDED = "  # not included: this export went to standard output"


def export_segment(segment: Segment, files_included: bool = True) -> str:
    """Return the segment as programme-file YAML text; same database, same bytes.

    Documents with an uploaded file name it as files/<key>.<ext>, statements as
    files/statements/<session>-<delegation>.<ext>, to be written beside the YAML
    (programme_files); with files_included=False each such line says it is not included.
    """
    with gc_paused():
        text = _export(segment)
    if not files_included:
        for relative, _ in programme_files(segment):
            text = re.sub(rf"(\n +file: {re.escape(relative)})\n", lambda m: m[1] + NOT_INCLUDED + "\n",
                          text, count=1)
    return text


def programme_files(segment: Segment) -> list[tuple[str, Path]]:
    """Every file an export names: the documents' and the statements'."""
    return document_files(segment) + statement_files(segment)


def document_files(segment: Segment) -> list[tuple[str, Path]]:
    """(path the export names, stored file) for each document of the segment with a file, by key."""
    documents = db.session.scalars(select(Document).where(
        Document.segment_id == segment.id, Document.file_name.is_not(None)).order_by(Document.slug))
    return [(_file_entry(d), upload_path(d.file_name)) for d in documents]


def _file_entry(document: Document) -> str:
    return str(PurePosixPath(FILES_FOLDER) / f"{document.slug}{PurePosixPath(document.file_name).suffix}")


def _export(segment: Segment) -> str:
    zone = segment.timezone
    sessions = sorted(_load_sessions(segment), key=lambda s: (s.start, s.code))
    people = {p.person.key: p.person for s in sessions for p in s.participations}
    orgs = {p.organization.key: p.organization for p in people.values() if p.organization}
    documents = _load_documents(segment)
    messages = _load_key_messages(segment)
    lists = _load_lists(segment)
    for speakers in lists.values():  # the delegations inscribed are organizations of the file
        for entry in speakers.entries:
            orgs[entry.organization.key] = entry.organization
    for item in (*documents, *messages):
        if item.organization is not None:
            orgs[item.organization.key] = item.organization
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
            # Written only when not the default, so files from before it round-trip unchanged.
            "statements_due_hours": (None if segment.statements_due_hours == 24
                                     else segment.statements_due_hours),
            "contact": _drop_empty({"name": segment.contact_name, "email": segment.contact_email,
                                    "phone": segment.contact_phone}),
            "compilation": _drop_empty({
                "symbol": segment.compilation_symbol,
                "date": segment.compilation_date.isoformat() if segment.compilation_date else None}),
            "description": segment.description,
            "original_language": None if segment.original_language == "en" else segment.original_language,
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
                "backup_phone": p.backup_phone,
                "timezone": p.timezone,
                "languages": FlowList(p.languages or []),
                "preferred_language": p.preferred_language,
                "biography": p.biography,
            })
            for p in (people[k] for k in sorted(people))
        ],
        "sessions": [_session(s, zone, lists) for s in sessions],
        "documents": [_document(d) for d in documents],
        "key_messages": [
            _drop_empty({
                "organization": m.organization.key,
                "text": m.text,
                "tags": FlowList(t.code for t in m.tags),
                "source": m.document.slug if m.document else None,
                "status": m.status,
                "translations": export_key_message_translations(m),
            })
            for m in messages
        ],
    }
    return dump_text(_drop_empty(document))


def _load_sessions(segment: Segment) -> list[Session]:
    # One query per relationship instead of one per session: exports run to thousands.
    return list(db.session.scalars(
        select(Session).where(Session.segment_id == segment.id).options(
            selectinload(Session.tags),
            selectinload(Session.parent),
            selectinload(Session.translations),
            selectinload(Session.participations)
            .selectinload(Participation.person)
            .selectinload(Person.organization),
        )
    ))


def _load_lists(segment: Segment) -> dict[int, SpeakersList]:
    return {sl.session_id: sl for sl in db.session.scalars(
        select(SpeakersList).join(Session).where(Session.segment_id == segment.id)
        .options(selectinload(SpeakersList.entries).selectinload(SpeakerEntry.organization),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.statement)))}


def _load_documents(segment: Segment) -> list[Document]:
    return list(db.session.scalars(
        select(Document).where(Document.segment_id == segment.id).order_by(Document.slug).options(
            selectinload(Document.organization), selectinload(Document.tags),
            selectinload(Document.sessions))))


def _load_key_messages(segment: Segment) -> list[KeyMessage]:
    # By body, then in the body's order: the order in the file is the order on import.
    messages = db.session.scalars(
        select(KeyMessage).where(KeyMessage.segment_id == segment.id).options(
            selectinload(KeyMessage.organization), selectinload(KeyMessage.tags),
            selectinload(KeyMessage.document), selectinload(KeyMessage.translations)))
    return sorted(messages, key=lambda m: (m.organization.key, m.position, m.id))


def _document(d: Document) -> dict:
    return _drop_empty({
        "key": d.slug,
        "kind": d.kind,
        "title": d.title,
        "organization": d.organization.key if d.organization else None,
        "status": d.status,
        "link": d.link_url,
        "symbol": d.symbol,
        "file": _file_entry(d) if d.file_name else None,
        "tags": FlowList(t.code for t in d.tags),
        # A session that became a tech check after it was linked stays linked but hidden; a
        # document may not name one, so the export leaves it out rather than fail on import.
        "sessions": FlowList(s.code for s in sorted(d.sessions, key=lambda s: (s.start, s.code))
                             if s.kind not in PRIVATE_KINDS),
        "summary": d.summary,
        "body": d.body,
    })


def _session(s, zone, lists: dict) -> dict:
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
        "cancellation_reason": s.cancellation_reason,
        "parent": s.parent.code if s.parent else None,
        "description": s.description,
        "translations": export_session_translations(s, _drop_empty),
        "tags": FlowList(t.code for t in s.tags),
        "channel": _drop_empty({
            "platform": s.platform,
            "join_url": s.join_url,
            "meeting_id": s.meeting_id,
            "passcode": s.passcode,
            "dial_in": s.dial_in,
        }),
        **{role: _drop_empty({part: getattr(s, f"{role}_{part}") for part in ("name", "email", "phone")})
           for role in ("host", "producer")},
        "interpretation": FlowList(s.interpretation or []),
        "interpretation_platform": s.interpretation_platform,
        "interpretation_url": s.interpretation_url,
        "captioning": FlowList(s.captioning or []),
        "captioning_url": s.captioning_url,
        "webcast_url": s.webcast_url,
        "symbol": s.symbol,
        "participants": [
            _drop_empty({
                "person": p.person.key,
                "role": p.role,
                "minutes": p.minutes,
                "status": p.status,
            })
            for p in sorted(s.participations, key=lambda p: (p.position, p.id or 0))
        ],
        "speakers_list": export_list(lists.get(s.id), zone, _drop_empty),
    })
