"""Key messages: recording them per body, and compiling the published ones by theme.

A key message is short plain text from one body (a subsidiary body or a UN system
entity), tagged with GSDR entry points and SDG Summit action areas. The compilation, read
at the HLPF thematic review, groups the published messages under each entry point they
are tagged with (one message may appear under several) and puts the untagged ones last,
as cross-cutting; within a theme, bodies by name, messages in the organizer's order.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.lib.locales import N_
from meeting.lib.stamps import check_stamp, content_stamp
from meeting.lib.timezones import to_zone
from meeting.models import Document, KeyMessage, Organization, Segment, Tag
from meeting.models.programme import TAG_VOCABULARY_LABELS
from meeting.programme.history import last_change_about, record
from meeting.programme.translations import original_language

TEXT_MAX = 2000
# The compilation's themes: entry points then action areas; SDGs are tags, not themes.
VOCABULARIES = tuple(v for v in TAG_VOCABULARY_LABELS if v != "sdg")
# Translated where shown (gettext); the PDF and DOCX are built in English.
CROSS_CUTTING = N_("Cross-cutting key messages")
COMPILATION_TITLE = N_("Compilation of key messages")
COMPILATION_INTRO = N_(
    "This is the compilation of the key messages of the ECOSOC subsidiary bodies and the UN "
    "system for this segment, prepared for the thematic review of the high-level political forum "
    "on sustainable development (HLPF). The messages are grouped by the entry points of the 2019 "
    "Global Sustainable Development Report, then by body; messages that concern no single entry "
    "point come last, as cross-cutting key messages. Each lists the action areas of the 2019 SDG "
    "Summit Political Declaration it addresses.")


class KeyMessageError(ValueError):
    """Input an organizer must correct; the message names the field."""


@dataclass(frozen=True)
class KeyMessageInput:
    """What the organizer's form sends: ids as typed, tag codes, raw text."""

    organization_id: int | None
    text: str
    tag_codes: tuple[str, ...] = ()
    document_id: int | None = None


@dataclass(frozen=True)
class Source:
    """The document a message comes from, as the public may see it."""

    title: str
    url: str


@dataclass(frozen=True)
class CompiledMessage:
    """One published message as the compilation prints it."""

    id: int
    text: str
    action_areas: tuple[str, ...]
    source: Source | None
    number: int = 0  # the paragraph number in the compilation (1, 2, … in reading order)
    # For pages in other languages (meeting.programme.translations.localized): the segment's
    # original language and the message's translations, {language: {"text": …}}.
    original_language: str = "en"
    translations: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class BodyMessages:
    """One body's messages under one theme."""

    name: str
    acronym: str | None
    messages: tuple[CompiledMessage, ...]

    @property
    def heading(self) -> str:
        """'United Nations Children's Fund (UNICEF)', or the name alone."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Theme:
    """A GSDR entry point (or the cross-cutting group) with its bodies' messages."""

    code: str
    title: str
    bodies: tuple[BodyMessages, ...]


def compiled_on(segment: Segment) -> date:
    """The date of the compilation: the last change to the segment, in its HQ calendar."""
    return to_zone(segment.changed_at, segment.timezone).date()


def document_path(segment_slug: str, document_slug: str) -> str:
    """The public page of a document (the documents blueprint's URL scheme)."""
    return f"/segments/{segment_slug}/documents/{document_slug}/"


def key_message_tags() -> list[Tag]:
    """The tags a key message may carry: entry points, then action areas, in number order."""
    tags = db.session.scalars(select(Tag).where(Tag.vocabulary.in_(VOCABULARIES)))
    return sorted(tags, key=lambda t: (VOCABULARIES.index(t.vocabulary), t.number))


def segment_documents(segment: Segment) -> list[Document]:
    """The documents a message of this segment may cite, by title."""
    return list(db.session.scalars(select(Document).where(Document.segment_id == segment.id)
                                   .order_by(Document.title, Document.id)))


def check_key_message(segment: Segment, data: KeyMessageInput) -> tuple[Organization, str, list[Tag],
                                                                Document | None]:
    """The checked body, text, tags and source document; KeyMessageError names the field."""
    organization = db.session.get(Organization, data.organization_id) if data.organization_id else None
    if organization is None:
        raise KeyMessageError(gettext("body: choose the body whose message it is"))
    text = (data.text or "").strip()
    if not text:
        raise KeyMessageError(gettext("text: write the key message"))
    if len(text) > TEXT_MAX:
        raise KeyMessageError(gettext("text: at most %(max)s characters (this one has %(count)s)",
                                      max=TEXT_MAX, count=len(text)))
    codes = list(dict.fromkeys(c.strip() for c in data.tag_codes if c.strip()))
    tags = list(db.session.scalars(select(Tag).where(Tag.code.in_(codes),
                                                     Tag.vocabulary.in_(VOCABULARIES))))
    unknown = sorted(set(codes) - {t.code for t in tags})
    if unknown:
        raise KeyMessageError(gettext("tags: %(tags)s is not an entry point or an action area",
                                      tags=", ".join(unknown)))
    document = None
    if data.document_id is not None:
        document = db.session.get(Document, data.document_id)
        if document is None or document.segment_id != segment.id:
            raise KeyMessageError(gettext("source document: choose one of this segment's documents"))
    return organization, text, sorted(tags, key=lambda t: t.id), document


def _next_position(segment: Segment, organization: Organization) -> int:
    return db.session.scalar(select(func.coalesce(func.max(KeyMessage.position), 0)).where(
        KeyMessage.segment_id == segment.id, KeyMessage.organization_id == organization.id)) + 1


def create_key_message(segment: Segment, data: KeyMessageInput) -> KeyMessage:
    """A new draft message, last of its body; refused with KeyMessageError if input is bad."""
    organization, text, tags, document = check_key_message(segment, data)
    message = KeyMessage(segment=segment, organization=organization, text=text, tags=tags,
                         document=document, status="draft",
                         position=_next_position(segment, organization))
    db.session.add(message)
    db.session.commit()
    return message


def update_key_message(message: KeyMessage, data: KeyMessageInput) -> None:
    """Save new text, body, tags and source; a message moved to another body goes last there."""
    organization, text, tags, document = check_key_message(message.segment, data)
    if organization.id != message.organization_id:
        message.position = _next_position(message.segment, organization)
    message.organization, message.text, message.tags = organization, text, tags
    message.document = document
    db.session.commit()


def delete_key_message(message: KeyMessage) -> None:
    """Remove a message for good."""
    db.session.delete(message)
    db.session.commit()


def publish_key_message(message: KeyMessage) -> None:
    """Show the message in the public compilation."""
    message.status = "published"
    db.session.commit()


def unpublish_key_message(message: KeyMessage) -> None:
    """Take the message back to draft: the public no longer sees it."""
    message.status = "draft"
    db.session.commit()


def _body_messages(segment: Segment, organization_id: int) -> list[KeyMessage]:
    return list(db.session.scalars(select(KeyMessage).where(
        KeyMessage.segment_id == segment.id, KeyMessage.organization_id == organization_id)
        .order_by(KeyMessage.position, KeyMessage.id)))


def reorder_key_messages(segment: Segment, organization_id: int, ids: list[int]) -> None:
    """Put one body's messages in the order given (every one of them, each once)."""
    messages = _body_messages(segment, organization_id)
    if sorted(ids) != sorted(m.id for m in messages):
        raise KeyMessageError(gettext("order: list every message of this body exactly once"))
    by_id = {m.id: m for m in messages}
    for position, message_id in enumerate(ids, start=1):
        by_id[message_id].position = position
    db.session.commit()


def order_stamp(messages: list[KeyMessage]) -> str:
    """The stamp of one body's messages in the order a page shows them (see lib.stamps)."""
    return content_stamp((m.id, m.position) for m in messages)


def move_key_message(message: KeyMessage, step: int, by: str = "",
                     expected_stamp: str | None = None) -> None:
    """Move a message up (-1) or down (+1) among its body's messages; at an end, no change.

    With expected_stamp, an order that changed since the page was loaded raises StaleEdit
    naming who changed it; each move is written to the segment's history.
    """
    segment, body = message.segment, message.organization
    messages = _body_messages(segment, message.organization_id)
    topic = f"the order of the key messages of {body.name}"
    check_stamp(expected_stamp, order_stamp(messages),
                f"{topic[0].upper()}{topic[1:]} changed while you were editing: "
                f"{last_change_about(segment, topic)}.")
    ids = [m.id for m in messages]
    here = ids.index(message.id)
    there = here + step
    if not 0 <= there < len(ids):
        return
    ids[here], ids[there] = ids[there], ids[here]
    record(segment, by, f"{topic}: “{' '.join(message.text.split())[:60]}” "
                        f"{'up' if step < 0 else 'down'} one place")
    reorder_key_messages(segment, message.organization_id, ids)


def _load(segment: Segment, published_only: bool) -> list[KeyMessage]:
    statement = (select(KeyMessage).where(KeyMessage.segment_id == segment.id)
                 .options(selectinload(KeyMessage.tags), selectinload(KeyMessage.organization),
                          selectinload(KeyMessage.document), selectinload(KeyMessage.translations))
                 .order_by(KeyMessage.position, KeyMessage.id))
    if published_only:
        statement = statement.where(KeyMessage.status == "published")
    return list(db.session.scalars(statement))


def _body_order(organization: Organization) -> tuple:
    return (organization.name.casefold(), organization.id or 0)


def messages_by_body(segment: Segment) -> list[tuple[Organization, list[KeyMessage]]]:
    """Every message of the segment, drafts included, by body name then position."""
    groups: dict[Organization, list[KeyMessage]] = {}
    for message in _load(segment, published_only=False):
        groups.setdefault(message.organization, []).append(message)
    return sorted(groups.items(), key=lambda group: _body_order(group[0]))


def group_key_messages(segment_slug: str, messages: Iterable[KeyMessage],
                       document_url: Callable[[str, str], str] = document_path) -> list[Theme]:
    """Published messages → themes (entry points by number, then cross-cutting) → bodies."""
    published = sorted((m for m in messages if m.is_public), key=lambda m: (m.position or 0, m.id or 0))
    themes: dict[str, tuple[Tag | None, list[KeyMessage]]] = {}
    for message in published:
        entry_points = [t for t in message.tags if t.vocabulary == "entry-point"]
        for tag in entry_points or [None]:
            code = tag.code if tag else "cross-cutting"
            themes.setdefault(code, (tag, []))[1].append(message)
    ordered = sorted(themes.items(), key=lambda item: (item[1][0] is None,
                                                       item[1][0].number if item[1][0] else 0))
    return _numbered([Theme(code, tag.label if tag else gettext(CROSS_CUTTING),
                            _bodies(segment_slug, theme_messages, document_url))
                      for code, (tag, theme_messages) in ordered])


def _numbered(themes: list[Theme]) -> list[Theme]:
    """Number every printed message in reading order, as UN documents number paragraphs."""
    count = 0

    def number(message: CompiledMessage) -> CompiledMessage:
        nonlocal count
        count += 1
        return replace(message, number=count)

    return [replace(t, bodies=tuple(replace(b, messages=tuple(number(m) for m in b.messages))
                                    for b in t.bodies)) for t in themes]


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the contents: a body and where its messages are."""

    body: str
    numbers: tuple[int, ...]

    @property
    def paragraphs(self) -> str:
        """'paragraph 3' / 'paragraphs 3, 7 and 12'."""
        if len(self.numbers) == 1:
            return gettext("paragraph %(number)s", number=self.numbers[0])
        return gettext("paragraphs %(numbers)s and %(last)s",
                       numbers=", ".join(map(str, self.numbers[:-1])), last=self.numbers[-1])


def contents_by_body(themes: list[Theme]) -> list[ContentsEntry]:
    """Each body with its paragraph numbers, in the order the bodies first appear."""
    found: dict[str, list[int]] = {}
    for theme in themes:
        for body in theme.bodies:
            found.setdefault(body.heading, []).extend(m.number for m in body.messages)
    return [ContentsEntry(name, tuple(numbers))
            for name, numbers in sorted(found.items(), key=lambda item: item[1][0])]


@dataclass(frozen=True)
class CompilationHeading:
    """What heads the compilation like a UN document: symbol, date of issue, original language."""

    symbol: str | None
    issued: date
    original: str = N_("English")


# The original language as UN documents name it ("Original: French"), translated where shown.
ORIGINAL_NAMES = {"ar": N_("Arabic"), "zh": N_("Chinese"), "en": N_("English"), "fr": N_("French"),
                  "ru": N_("Russian"), "es": N_("Spanish")}


def compilation_heading(segment: Segment) -> CompilationHeading:
    """The organizer's symbol and date of issue; without a date, the day of the last change."""
    return CompilationHeading(segment.compilation_symbol, segment.compilation_date or compiled_on(segment),
                              ORIGINAL_NAMES.get(segment.original_language, N_("English")))


def _bodies(segment_slug: str, messages: list[KeyMessage],
            document_url: Callable[[str, str], str]) -> tuple[BodyMessages, ...]:
    # Keyed by the Organization itself (one object per row), so unsaved rows group too.
    groups: dict[Organization, list[KeyMessage]] = {}
    for message in messages:
        groups.setdefault(message.organization, []).append(message)
    return tuple(BodyMessages(organization.name, organization.acronym,
                              tuple(_compiled(segment_slug, m, document_url) for m in group))
                 for organization, group in sorted(groups.items(), key=lambda g: _body_order(g[0])))


def _compiled(segment_slug: str, message: KeyMessage,
              document_url: Callable[[str, str], str]) -> CompiledMessage:
    areas = sorted((t for t in message.tags if t.vocabulary == "action-area"), key=lambda t: t.number)
    document = message.document
    source = None
    # A draft source document is neither linked nor named: the public must not learn of it.
    if document is not None and document.is_public and document.segment_id == message.segment_id:
        source = Source(document.title, document_url(segment_slug, document.slug))
    return CompiledMessage(message.id, message.text, tuple(t.label for t in areas), source,
                           original_language=original_language(message),
                           translations={t.language: {"text": t.text} for t in message.translations})


def compilation(segment: Segment,
                document_url: Callable[[str, str], str] = document_path) -> list[Theme]:
    """The segment's published key messages by theme, then by body, as the public reads them."""
    return group_key_messages(segment.slug, _load(segment, published_only=True), document_url)


def organization_key_messages(segment: Segment, organization_id: int) -> list[KeyMessage]:
    """A body's published key messages in the segment, in their order."""
    return list(db.session.scalars(
        select(KeyMessage).where(KeyMessage.segment_id == segment.id,
                                 KeyMessage.organization_id == organization_id,
                                 KeyMessage.status == "published")
        .options(selectinload(KeyMessage.translations))
        .order_by(KeyMessage.position, KeyMessage.id)))
