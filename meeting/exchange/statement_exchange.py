"""An entry's written statement in programme files: its file written beside them, as documents' are.

Under an entry of a session's speakers_list:

          written_statement:
            file: files/statements/S5-brazil.pdf   # beside the programme file
            name: Statement of Brazil.pdf          # the name it is offered back under
            video: https://…                       # a pre-recorded statement, optional
            received_at: '2020-07-05T10:00:00Z'
            delivered_at: '2020-07-06T14:30:00Z'   # omitted while embargoed

The list in a file is the whole list: an entry without `written_statement` has none after the import.
A file whose bytes did not change is not stored again. The file is read when the programme
file is read, and checked like an upload (PDF or DOCX by content).
"""

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.floor.statements import STATEMENT_KINDS, StatementError, check_video_url, set_file
from meeting.lib.uploads import UploadError, store_upload, upload_path
from meeting.models import Segment, Session, SpeakerEntry, SpeakersList, Statement

from .fields import INSTANT_FORMAT, Fields, Problem
from .report import sync_values
from .site_schema import read_beside

STATEMENTS_FOLDER = "files/statements"


@dataclass
class StatementSpec:
    file: str
    received_at: datetime
    name: str | None = None
    video: str | None = None
    delivered_at: datetime | None = None
    data: bytes | None = None  # read from beside the programme file (read_statement_files)
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)


def statement_spec(m, where: str, problems: list[Problem]) -> StatementSpec | None:
    """An entry's `statement` mapping checked (its file is read later, from the folder)."""
    f = Fields(m, f"{where}: written_statement", problems, ("file", "name", "video", "received_at",
                                                     "delivered_at"))
    spec = StatementSpec(file=f.text("file", required=True, max_len=500),
                         received_at=f.instant("received_at", required=True),
                         name=f.text("name", max_len=255), delivered_at=f.instant("delivered_at"),
                         line=m.line, key_lines=dict(m.key_lines))
    try:
        spec.video = check_video_url(f.text("video", max_len=2000))
    except StatementError as exc:
        f.fail("video", f"video: {exc.message}")
    return spec if f.ok else None


def read_statement_files(sessions, folder: Path | None, problems: list[Problem]) -> None:
    """Read and check the file of every statement in the sessions' lists (problems appended)."""
    for s in sessions:
        for entry in s.speakers_list.entries if s.speakers_list else ():
            spec = entry.statement
            if spec is None:
                continue
            try:
                spec.name, spec.data = read_beside(spec.file, folder, STATEMENT_KINDS, spec.name)
            except ValueError as exc:
                problems.append(Problem(spec.key_lines.get("file", spec.line),
                                        f"session {s.code}: speakers_list entry {entry.delegation}: "
                                        "written_statement", str(exc)))


def apply_statement(entry: SpeakerEntry, spec: StatementSpec | None, files, where: str,
                    problems: list[Problem]) -> bool:
    """Bring the entry's statement in line with the file's; True when anything changed.

    `files` (site_import.StoredFiles) learns what was stored and what is replaced.
    """
    current = entry.statement
    if spec is None:
        if current is None:
            return False
        files.replaced.append(current.file_name)
        entry.statement = None
        return True
    created = current is None
    if created:
        current = entry.statement = Statement(received_from="programme file")
    changed = created
    if created or current.file_sha256 != hashlib.sha256(spec.data).hexdigest():
        try:
            stored = store_upload(io.BytesIO(spec.data), spec.name, STATEMENT_KINDS)
        except UploadError as exc:  # checked when read; only a changed limit or a full disk lands here
            problems.append(Problem(spec.key_lines.get("file", spec.line), where, str(exc)))
            return changed
        files.new.append(stored.name)
        if not created:
            files.replaced.append(current.file_name)
        set_file(current, stored)
        changed = True
    changed |= sync_values(current, {"file_original": spec.name, "video_url": spec.video,
                                     "received_at": spec.received_at, "delivered_at": spec.delivered_at})
    return changed


def statement_entry(session_code: str, entry: SpeakerEntry) -> str:
    """files/statements/S5-brazil.pdf: where the export writes an entry's statement."""
    suffix = PurePosixPath(entry.statement.file_name).suffix
    return str(PurePosixPath(STATEMENTS_FOLDER) / f"{session_code}-{entry.organization.key}{suffix}")


def export_statement(session_code: str, entry: SpeakerEntry, drop_empty) -> dict | None:
    """The `statement` mapping of an entry, or None when it has none."""
    st = entry.statement
    if st is None:
        return None
    return drop_empty({
        "file": statement_entry(session_code, entry),
        "name": st.file_original,
        "video": st.video_url,
        "received_at": f"{st.received_at:{INSTANT_FORMAT}}",
        "delivered_at": f"{st.delivered_at:{INSTANT_FORMAT}}" if st.delivered_at else None,
    })


def statement_files(segment: Segment) -> list[tuple[str, Path]]:
    """(path the export names, stored file) for each statement of the segment, by that path."""
    lists = db.session.scalars(
        select(SpeakersList).join(Session).where(Session.segment_id == segment.id)
        .options(selectinload(SpeakersList.session),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.organization),
                 selectinload(SpeakersList.entries).selectinload(SpeakerEntry.statement)))
    found = [(statement_entry(sl.session.code, e), upload_path(e.statement.file_name))
             for sl in lists for e in sl.entries if e.statement is not None]
    return sorted(found)
