"""A small programme with documents and key messages, and helpers to write it beside its files."""

from pathlib import Path

from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import Document, KeyMessage, Organization, Segment, Session
from tests.lib.test_uploads import EXE, pdf_bytes, stored_files  # noqa: F401  (shared with the site tests)

SITE = """\
format: meeting-programme/1
segment:
  slug: test-segment
  title: Test segment
  timezone: America/New_York
  start_date: 2020-07-09
  end_date: 2020-07-09
organizations:
  - key: fao
    name: Food and Agriculture Organization of the United Nations
    acronym: FAO
    kind: specialized-agency
  - key: statcom
    name: Statistical Commission
    kind: functional-commission
sessions:
  - code: TC1
    title: Technical check
    kind: tech-check
    start: 2020-07-09 08:00
    end: 08:30
  - code: S1
    title: Opening
    kind: opening
    start: 2020-07-09 09:00
    end: 09:30
    status: confirmed
documents:
  - key: fao-case-study
    kind: case-study
    title: Food systems in a pandemic
    organization: fao
    status: published
    link: https://example.org/fao
    file: files/fao.pdf
    tags: [entry-point-3, sdg-2]
    sessions: [S1]
    summary: A **case** study.
    body: |
      ## Findings

      Markets stayed open.
  - key: statcom-input
    kind: input
    title: Data for the recovery
    organization: statcom
    link: https://example.org/statcom
key_messages:
  - organization: statcom
    text: Data must be disaggregated.
    tags: [entry-point-1, action-area-i]
    source: statcom-input
    status: published
  - organization: fao
    text: Keep food supply chains open.
    tags: [entry-point-3]
    source: fao-case-study
    status: published
  - organization: statcom
    text: |
      Fund statistical systems.

      Even in a crisis.
"""


def write_programme(folder: Path, text: str = SITE, files: dict[str, bytes] | None = None) -> Path:
    """programme.yaml in `folder`, with files/fao.pdf (a real PDF) unless `files` says otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (files if files is not None else {"files/fao.pdf": pdf_bytes()}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    path = folder / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def counts() -> dict[str, int]:
    """Rows per table that an import of SITE writes."""
    return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Organization, Segment, Session, Document, KeyMessage)}


def segment() -> Segment:
    """The one segment in the database."""
    return db.session.scalar(select(Segment))
