"""Publishing a segment, and the public changelog between two publications.

Publishing is what makes a segment's pages, feeds and exports visible. Each publication
keeps a snapshot of the public programme; the changelog the public reads is the
difference between consecutive snapshots, so it lists exactly what changed between two
publications and nothing an organizer has not yet published again.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.lib.locales import format_instant
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.models import Publication, Segment
from meeting.programme.public import PublicSession, load_public_sessions
from meeting.programme.roles import ROLE_LABELS


def find_published_segment(slug: str) -> Segment | None:
    """The segment with this slug if the public may see it, else None."""
    return db.session.scalar(select(Segment).where(Segment.slug == slug,
                                                   Segment.published.is_(True)))


def list_published_segments() -> list[Segment]:
    """Published segments, newest first."""
    return list(db.session.scalars(select(Segment).where(Segment.published.is_(True))
                                   .order_by(Segment.start_date.desc())))


def programme_snapshot(segment: Segment) -> dict:
    """What the public programme shows now, in a form that compares and stores as JSON."""
    return {"sessions": {s.code: _session_snapshot(s) for s in load_public_sessions(segment)}}


def _session_snapshot(session: PublicSession) -> dict:
    return {
        "title": session.title,
        "status": session.status,
        "start": session.start.isoformat(),
        "minutes": session.duration_minutes,
        # The role in English, whoever publishes: the changelog translates it when shown.
        "speakers": [{"key": s.key, "name": s.display_name, "role": ROLE_LABELS[s.role][0]}
                     for s in session.speakers],
    }


def publish_segment(segment: Segment, by: str) -> Publication:
    """Make the segment public (again) and record what it shows now."""
    return _record(segment, "published", by, programme_snapshot(segment))


def unpublish_segment(segment: Segment, by: str) -> Publication:
    """Hide the segment from the public; its pages answer 404 until published again."""
    return _record(segment, "unpublished", by, None)


def _record(segment: Segment, action: str, by: str, snapshot: dict | None) -> Publication:
    number = db.session.scalar(select(func.coalesce(func.max(Publication.number), 0))
                               .where(Publication.segment_id == segment.id)) + 1
    segment.published = action == "published"
    publication = Publication(segment_id=segment.id, number=number, action=action, by=by,
                              snapshot=snapshot)
    db.session.add(publication)
    db.session.commit()
    return publication


def publications(segment: Segment) -> list[Publication]:
    """Every publish and unpublish of the segment, oldest first."""
    return list(db.session.scalars(select(Publication).where(Publication.segment_id == segment.id)
                                   .order_by(Publication.number)))


@dataclass(frozen=True)
class Change:
    """One line of the changelog: what happened to which session."""

    kind: str  # added, removed, cancelled, reinstated, moved, retitled, speakers
    code: str
    title: str
    text: str


def diff_snapshots(old: dict, new: dict, zone: str) -> list[Change]:
    """The changes from one published programme to the next, in session-code order."""
    before, after = old["sessions"], new["sessions"]
    changes: list[Change] = []
    for code in sorted(before.keys() | after.keys(), key=_code_order):
        was, now = before.get(code), after.get(code)
        if was is None:
            changes.append(Change("added", code, now["title"],
                                  _("Added: %(when)s", when=_when(now, zone))))
            continue
        if now is None:
            changes.append(Change("removed", code, was["title"], _("Removed from the programme")))
            continue
        changes.extend(_session_changes(code, was, now, zone))
    return changes


def _session_changes(code: str, was: dict, now: dict, zone: str) -> list[Change]:
    found = []
    title = now["title"]
    if was["status"] != now["status"]:
        if now["status"] == "cancelled":
            found.append(Change("cancelled", code, title, pgettext("a session", "Cancelled")))
        elif was["status"] == "cancelled":
            found.append(Change("reinstated", code, title, _("Reinstated: %(when)s", when=_when(now, zone))))
    if (was["start"], was["minutes"]) != (now["start"], now["minutes"]):
        found.append(Change("moved", code, title,
                            _("Moved from %(before)s to %(after)s",
                              before=_when(was, zone), after=_when(now, zone))))
    if was["title"] != now["title"]:
        found.append(Change("retitled", code, title, _("Renamed from “%(title)s”", title=was["title"])))
    # A person is compared in each role they hold: a panelist made moderator has left one
    # role and joined another.
    old_people = {(p["key"], p["role"]): p for p in was["speakers"]}
    new_people = {(p["key"], p["role"]): p for p in now["speakers"]}
    joined = [_person(p) for k, p in new_people.items() if k not in old_people]
    left = [_person(p) for k, p in old_people.items() if k not in new_people]
    if joined or left:
        parts = ([_("joined: %(people)s", people=", ".join(joined))] if joined else []) + \
                ([_("left: %(people)s", people=", ".join(left))] if left else [])
        found.append(Change("speakers", code, title,
                            _("Speakers changed — %(changes)s", changes="; ".join(parts))))
    return found


def _person(snapshot: dict) -> str:
    """'Ana Lima (panelist)': the role as stored (English, or a translation from before the
    snapshot kept English) said in the page's language."""
    return f"{snapshot['name']} ({_(snapshot['role']).lower()})"


def _when(snapshot: dict, zone: str) -> str:
    start = datetime.fromisoformat(snapshot["start"])
    local = to_zone(start, zone)
    return _("%(when)s %(zone)s (%(minutes)s min)", when=format_instant(local, "%a %-d %b %Y %H:%M"),
             zone=zone_abbreviation(start, zone), minutes=snapshot["minutes"])


def _code_order(code: str) -> tuple:
    digits = "".join(c for c in code if c.isdigit())
    return (code.rstrip("0123456789"), int(digits) if digits else 0, code)


@dataclass
class ChangelogEntry:
    """One publication as the public changelog shows it."""

    publication: Publication
    changes: list[Change]
    first: bool


def segment_changelog(segment: Segment) -> list[ChangelogEntry]:
    """Each publication with what changed since the one before it, newest first."""
    entries, previous = [], None
    for publication in publications(segment):
        if publication.action != "published":
            entries.append(ChangelogEntry(publication, [], False))
            continue
        changes = ([] if previous is None
                   else diff_snapshots(previous, publication.snapshot, segment.timezone))
        entries.append(ChangelogEntry(publication, changes, previous is None))
        previous = publication.snapshot
    return entries[::-1]


def last_snapshot(segment: Segment) -> dict | None:
    """The programme as it was last published, or None if it never was."""
    return db.session.scalar(
        select(Publication.snapshot).where(Publication.segment_id == segment.id,
                                           Publication.action == "published")
        .order_by(Publication.number.desc()).limit(1))


def pending_changes(segment: Segment) -> list[Change] | None:
    """What publishing now would add to the changelog; None if never published."""
    previous = last_snapshot(segment)
    if previous is None:
        return None
    return diff_snapshots(previous, programme_snapshot(segment), segment.timezone)
