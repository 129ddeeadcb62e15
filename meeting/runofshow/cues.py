"""Run of show: cues generated from a session's people, edited by organizers, timed for print.

generate_cues() builds the running order (opening by the chair, the moderator's
introduction, keynotes, panelists in speaking order, lead discussants, respondents, the
interactive dialogue, closing) and can run again after the participants change: cues an
organizer added or edited are kept as they are.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from meeting.extensions import db
from meeting.floor.lists import running_order, speakers_list
from meeting.lib.locales import N_
from meeting.lib.stamps import check_stamp, content_stamp
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.models import ChangeLog, Cue, Participation, Segment, Session
from meeting.programme.history import last_change, record
from meeting.programme.queries import sessions_starting_on
from meeting.programme.roles import SPEAKING_ROLES, role_label
from meeting.programme.signals import speakers_list_saved

from .booklet import session_leads
from .timing import CueInput, Timing, compute

DIALOGUE_KINDS = ("high-level-panel", "thematic", "interactive-dialogue")
DEFAULT_MINUTES = {"opening": 3, "intro": 3, "dialogue": 15, "closing": 3, "speaker": 5}
STATEMENT_PREFIX = "statement:"


def _statements(session: Session) -> list[dict]:
    """One cue per statement still to come or given, in the list's order, with its time limit."""
    placed, _ = running_order(speakers_list(session))
    wanted = []
    for p in placed:
        e = p.entry
        what = (f"{BEHALF_PREFIX}{e.on_behalf_of}" if e.on_behalf_of
                else STATEMENT_WHAT[e.statement_type])
        wanted.append({"key": f"{STATEMENT_PREFIX}{e.id}", "participation_id": None,
                       "who": f"{e.organization.name}: {e.speaker_name}", "what": what,
                       "minutes": e.time_limit})
    return wanted


def statement_languages(session_ids: list[int]) -> dict[int, str | None]:
    """The floor language of each statement's cue, by entry id (set in the run of show)."""
    cues = db.session.execute(select(Cue.generated_key, Cue.floor_language).where(
        Cue.session_id.in_(session_ids), Cue.generated_key.startswith(STATEMENT_PREFIX)))
    return {int(key.removeprefix(STATEMENT_PREFIX)): language for key, language in cues}


STATEMENT_WHAT = {"group": N_("Statement on behalf of a group"), "national": N_("National statement"),
                  "observer": N_("Statement (observer)"), "un-system": N_("Statement (UN system)")}
# What generated cues say (stored in English; shown in the reader's language until edited).
GENERATED_WHAT = frozenset({N_("Opening"), N_("Introduction of the speakers"),
                            N_("Interactive dialogue (Q&A)"), N_("Closing"),
                            *STATEMENT_WHAT.values()})
BEHALF_PREFIX = "Statement on behalf of "
# How a cue's connection (a code, models.CONNECTIONS) reads on pages and paper.
CONNECTION_LABELS = {"video": N_("video"), "dial-in": N_("dial-in"), "pre-recorded": N_("pre-recorded"),
                     "in the room": N_("in the room")}


def connection_label(code: str | None) -> str:
    """'video' → 'vidéo' in French; '' for none."""
    if not code:
        return ""
    return gettext(CONNECTION_LABELS[code]) if code in CONNECTION_LABELS else code


def cue_what(cue: Cue) -> str:
    """A cue's 'what' in the current language: generated words are translated, typed ones not."""
    if not cue.generated_key or cue.edited:
        return cue.what
    if cue.generated_key.startswith(STATEMENT_PREFIX) and cue.what.startswith(BEHALF_PREFIX) \
            and cue.what not in GENERATED_WHAT:
        return gettext("Statement on behalf of %(group)s", group=cue.what.removeprefix(BEHALF_PREFIX))
    # Role labels (keynote, panelist …) are translated where the roles' table is.
    return gettext(cue.what)


def _cue_for(key: str, p: Participation, what: str, minutes: int) -> dict:
    return {"key": key, "participation_id": p.id, "who": p.person.with_organization, "what": what,
            "minutes": minutes}


def _wanted(session: Session) -> list[dict]:
    """The generated cues this session's people and its list of speakers call for, in order."""
    people = sorted(session.participations, key=lambda p: (p.position, p.id or 0))
    people = [p for p in people if p.status != "declined"]
    chair = next((p for p in people if p.role == "chair"), None)
    moderator = next((p for p in people if p.role == "moderator"), None)
    host = chair or moderator
    wanted = []
    if chair:
        wanted.append(_cue_for("opening", chair, "Opening", DEFAULT_MINUTES["opening"]))
    if moderator:
        wanted.append(_cue_for("intro", moderator, "Introduction of the speakers",
                               moderator.minutes or DEFAULT_MINUTES["intro"]))
    for role in SPEAKING_ROLES:
        for p in people:
            if p.role == role:
                wanted.append(_cue_for(f"speaker:{p.id}", p, role_label(role),
                                       p.minutes or DEFAULT_MINUTES["speaker"]))
    # Delegations take the floor from the list; without one, an open dialogue is planned.
    statements = _statements(session)
    if statements:
        wanted.extend(statements)
    elif session.kind in DIALOGUE_KINDS and (moderator or chair):
        wanted.append(_cue_for("dialogue", moderator or chair, "Interactive dialogue (Q&A)",
                               DEFAULT_MINUTES["dialogue"]))
    if host:
        wanted.append(_cue_for("closing", host, "Closing", DEFAULT_MINUTES["closing"]))
    return wanted


def load_cues(session: Session) -> list[Cue]:
    """A session's cues in running order, with their people loaded."""
    return list(db.session.scalars(
        select(Cue).where(Cue.session_id == session.id).order_by(Cue.position, Cue.id)
        .options(selectinload(Cue.participation).selectinload(Participation.person))))


def generate_cues(session: Session) -> list[Cue]:
    """Create or refresh the generated cues; manual and edited cues stay as they are."""
    cues = load_cues(session)
    by_key = {c.generated_key: c for c in cues if c.generated_key}
    wanted = _wanted(session)
    keys = [w["key"] for w in wanted]
    for cue in list(cues):
        if cue.generated_key and cue.generated_key not in keys and not cue.edited:
            cues.remove(cue)
            db.session.delete(cue)
    for i, w in enumerate(wanted):
        fields = {name: w[name] for name in ("participation_id", "who", "what", "minutes")}
        cue = by_key.get(w["key"])
        if cue is None:
            cue = Cue(session_id=session.id, generated_key=w["key"], position=0,
                      connection="video", floor_language="en", **fields)
            db.session.add(cue)
            # Place it after the cue of the key before it in the natural order.
            before = next((by_key[k] for k in reversed(keys[:i]) if k in by_key), None)
            cues.insert(cues.index(before) + 1 if before in cues else 0, cue)
            by_key[w["key"]] = cue
        elif not cue.edited:
            for name, value in fields.items():
                setattr(cue, name, value)
    _follow_the_list(cues, [w["key"] for w in wanted if w["key"].startswith(STATEMENT_PREFIX)])
    for position, cue in enumerate(cues, start=1):
        cue.position = position
    db.session.commit()
    return load_cues(session)


def _follow_the_list(cues: list[Cue], order: list[str]) -> None:
    """Statement cues take the list's order in the places they hold (a cue moved by hand among
    them keeps its slot; the list, not the cue editor, orders statements)."""
    slots = [i for i, c in enumerate(cues) if (c.generated_key or "") in order]
    ranked = sorted((cues[i] for i in slots), key=lambda c: order.index(c.generated_key))
    for i, cue in zip(slots, ranked, strict=True):
        cues[i] = cue


@speakers_list_saved.connect
def _list_saved(session: Session, **_extra) -> None:
    """The run of show follows a change to the list of speakers."""
    generate_cues(session)


EDITABLE = ("who", "what", "minutes", "hard_start", "floor_language", "connection", "fallback",
            "tech_cue", "notes")


def cues_stamp(session: Session) -> str:
    """The stamp of a session's running order as the editor shows it (see lib.stamps)."""
    return content_stamp((c.id, c.position, c.edited, *(getattr(c, f) for f in EDITABLE))
                         for c in load_cues(session))


def start_cue_edit(session: Session, by: str, expected_stamp: str | None, summary: str) -> None:
    """Before a change to the running order: refuse it (StaleEdit) if made from an outdated
    page, and note in the session's history who makes it (saved with the change)."""
    check_stamp(expected_stamp, cues_stamp(session),
                gettext("The run of show of %(code)s changed while you were editing: %(change)s.",
                        code=session.code, change=last_change(session)))
    record(session.segment, by, f"run of show: {summary}", session)


def update_cue(cue: Cue, **values) -> None:
    """Change a cue's fields; a generated cue becomes 'edited' and survives regeneration."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(gettext("not a cue field: %(names)s", names=", ".join(sorted(unknown))))
    if values.get("minutes") is not None and not 0 <= values["minutes"] <= 600:
        raise ValueError(gettext("minutes: from 0 to 600"))
    changed = False
    for name, value in values.items():
        if getattr(cue, name) != value:
            setattr(cue, name, value)
            changed = True
    if changed and cue.generated_key:
        cue.edited = True
    db.session.commit()


def add_cue(session: Session, who: str, what: str, minutes: int, **values) -> Cue:
    """A cue that is not a person (video, transition, break, Q&A), at the end."""
    last = max((c.position for c in load_cues(session)), default=0)
    cue = Cue(session_id=session.id, position=last + 1, who=who, what=what, minutes=minutes)
    db.session.add(cue)
    update_cue(cue, **values)
    return cue


def delete_cue(cue: Cue) -> None:
    """Remove a cue; a generated one comes back only if regenerated and not edited."""
    db.session.delete(cue)
    db.session.commit()


def reorder_cues(session: Session, cue_ids: list[int]) -> None:
    """Put the session's cues in the order given (every cue exactly once)."""
    cues = {c.id: c for c in load_cues(session)}
    if sorted(cue_ids) != sorted(cues):
        raise ValueError(gettext("the new order must list every cue of the session exactly once"))
    for position, cue_id in enumerate(cue_ids, start=1):
        cues[cue_id].position = position
    db.session.commit()


@dataclass
class SheetRow:
    """One cue as every output shows it."""

    number: int
    cue: Cue
    start_hq: datetime
    start_utc: datetime
    end_utc: datetime
    offset_minutes: int
    latest_hq: datetime
    slack_minutes: int
    local: datetime | None
    local_zone: str | None
    problems: list[str]
    # The speaker's backup phone, for the moderator to call if their video link drops.
    backup_phone: str | None = None

    @property
    def what(self) -> str:
        """The cue's 'what' as pages and the printed sheet show it (see cue_what)."""
        return cue_what(self.cue)

    @property
    def connection(self) -> str:
        """The cue's connection in the reader's language ('' for none)."""
        return connection_label(self.cue.connection)


@dataclass
class Sheet:
    """A session's run of show, computed once for the page, the PDF, the XLSX and the CSV."""

    session: Session
    segment: Segment
    rows: list[SheetRow]
    timing: Timing
    hq_zone: str
    # Rises with every recorded change to the session, its people or its cues.
    revision: int = 0
    as_of: datetime | None = None  # when the last of those changes was made

    @property
    def expected_end(self) -> datetime:
        """When the running order, as planned, ends (UTC)."""
        return self.session.start + self.timing.planned

    @property
    def leads(self) -> list[str]:
        """Who chairs or moderates, for the sheet's header."""
        return session_leads(self.session)

    @property
    def zone_label(self) -> str:
        """EDT, CEST …: the HQ zone's abbreviation on the day."""
        return zone_abbreviation(self.session.start, self.hq_zone)

    @property
    def over_under_minutes(self) -> int:
        """+ over the slot, - under it."""
        return int(self.timing.over_under.total_seconds() // 60)

    @property
    def access(self) -> list[tuple[str, list[str], str]]:
        """(label, language codes, 'name · link') of the interpretation platform and the live
        captions (CART), set or not: the sheets print the ones set, the XLSX both."""
        s = self.session
        platform = " · ".join(v for v in (s.interpretation_platform, s.interpretation_url) if v)
        return [(N_("Interpretation platform"), [], platform),
                (N_("Live captions (CART)"), list(s.captioning or []), s.captioning_url or "")]

    @property
    def header_contacts(self) -> list[tuple[str, str]]:
        """(label, 'name, e-mail, phone') of the secretariat, host and producer that are set."""
        pairs = [(N_("Secretariat"), self.segment.contact_text), (N_("Host"), self.session.host_text),
                 (N_("Producer"), self.session.producer_text)]
        return [(label, text) for label, text in pairs if text]

    @property
    def contacts(self) -> list[tuple[str, str]]:
        """(who, fallback) for every cue with a fallback, for the moderator's contacts block."""
        return [(r.cue.who, r.cue.fallback) for r in self.rows if r.cue.fallback]


def build_sheet(session: Session) -> Sheet:
    """Time the session's cues and format nothing: every output formats these rows."""
    cues = load_cues(session)
    zone = session.segment.timezone
    inputs = [CueInput(c.minutes, c.hard_start,
                       c.participation.person.timezone if c.participation else None) for c in cues]
    timing = compute(session.start, session.duration_minutes, inputs)
    rows = []
    for n, (cue, timed, spec) in enumerate(zip(cues, timing.cues, inputs, strict=True), start=1):
        rows.append(SheetRow(
            number=n, cue=cue, start_hq=to_zone(timed.start, zone), start_utc=timed.start,
            end_utc=timed.end, offset_minutes=int(timed.offset.total_seconds() // 60),
            latest_hq=to_zone(timed.latest_start, zone),
            slack_minutes=int(timed.slack.total_seconds() // 60),
            local=to_zone(timed.start, spec.zone) if spec.zone else None, local_zone=spec.zone,
            problems=timed.problems,
            backup_phone=cue.participation.person.backup_phone if cue.participation else None))
    revision, as_of = db.session.execute(select(func.count(ChangeLog.id), func.max(ChangeLog.at))
                                         .where(ChangeLog.session_id == session.id)).one()
    return Sheet(session, session.segment, rows, timing, zone, revision,
                 as_of or session.updated_at)


def session_sheet(session: Session) -> Sheet:
    """The session's timed sheet; a session with no cues yet gets its generated ones first."""
    if not load_cues(session):
        generate_cues(session)
    return build_sheet(session)


def sessions_of_day(segment: Segment, day: date) -> list[Session]:
    """The sessions (not tech checks, not cancelled) starting on `day` in HQ time."""
    return [s for s in sessions_starting_on(segment, day)
            if s.kind != "tech-check" and s.status != "cancelled"]


def sheets_for(sessions: list[Session]) -> list[Sheet]:
    """Sheets for several sessions, generating cues for any session that has none yet."""
    sheets = []
    for session in sessions:
        sheets.append(session_sheet(session))
    return sheets
