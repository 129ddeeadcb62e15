"""What an update tells its recipient: the details they were sent, and what changed since.

Each invitation stores the details it carried (times, connection, role, order, minutes), so
an update can say "09:30 → 11:00" against what *this person* was told, not against the
programme's own history (which they may have been sent in several states, or never).
The words are those of the language being rendered (the recipient's: invites.py).
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from meeting.lib.emails import minutes_text, speaking_position
from meeting.lib.locales import N_, current_language
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import Participation, Session
from meeting.programme.roles import role_label
from meeting.programme.translations import localized

CONNECTION = (("platform", N_("Platform")), ("join_url", N_("Join link")), ("meeting_id", N_("Meeting ID")),
              ("passcode", N_("Passcode")), ("dial_in", N_("Dial-in")),
              ("interpretation_platform", N_("Interpretation platform")),
              ("interpretation_url", N_("Interpretation link")), ("captioning_url", N_("Live captions link")))
DAY_TIME = "%a %d %b %H:%M"
SUBJECT_DAY_TIME = "%a %-d %b %H:%M"
SUBJECT_LIMIT = 120  # the body carries the whole title; a subject is read in a list
KIND_TAGS = {"Invitation": N_("[Invitation]"), "Updated invitation": N_("[Updated]"),
             "Cancelled": N_("[Cancelled]")}


@dataclass(frozen=True)
class Change:
    """One line of "what changed": a label, what the person was told, what is true now."""

    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


def sent_details(participation: Participation) -> dict:
    """The details an invitation carries, stored with it (JSON: instants as ISO strings)."""
    session = participation.session
    details = {"title": session.title, "start": session.start.isoformat(),
               "end": session.end.isoformat(), "role": participation.role,
               "order": participation.speaking_order, "minutes": participation.minutes}
    details.update({name: getattr(session, name) for name, _ in CONNECTION})
    return details


def what_changed(before: dict | None, participation: Participation) -> list[Change]:
    """The differences between what the person was sent and the programme now, in their words.

    Times are given in the person's zone and, when it differs, at headquarters; an empty
    list means nothing they were told has changed (or nothing was recorded when it was sent).
    """
    if not before:
        return []
    now = sent_details(participation)
    session, zone = participation.session, participation.person.timezone
    hq = session.segment.timezone
    changes = []
    if before["title"] != now["title"]:
        changes.append(Change(_("Title"), before["title"], now["title"]))
    old_start, old_end = (datetime.fromisoformat(before[k]) for k in ("start", "end"))
    if (old_start, old_end) != (session.start, session.end):
        zones = [(zone, _("Your time"))] + ([(hq, _("Headquarters time"))]
                                            if _differs(session.start, zone, hq) else [])
        for name, label in zones:
            changes.append(Change(label, _span(old_start, old_end, name), _span(session.start,
                                                                                 session.end, name)))
    old_minutes = int((old_end - old_start).total_seconds() // 60)
    if old_minutes != session.duration_minutes:
        changes.append(Change(_("Duration"), minutes_text(old_minutes),
                              minutes_text(session.duration_minutes)))
    for name, label in CONNECTION:
        if before.get(name) != now[name]:
            changes.append(Change(_(label), before.get(name) or _("none"), now[name] or _("none")))
    if before["role"] != now["role"]:
        changes.append(Change(_("Your role"), role_label(before["role"]), role_label(now["role"])))
    if before["order"] != now["order"]:
        changes.append(Change(_("Speaking order"), _order(before["order"]), _order(now["order"])))
    if before["minutes"] != now["minutes"]:
        changes.append(Change(_("Your speaking time"), _minutes(before["minutes"]), _minutes(now["minutes"])))
    return changes


def subject_line(kind: str, session: Session, zone: str, title: str | None = None) -> str:
    """`[Updated] S2 · Tue 7 Jul 09:30 EDT · Food systems…`: what matters before the title.

    The recipient's own time comes first; headquarters time follows only where it differs.
    A long title is cut at a word to keep the subject to SUBJECT_LIMIT, ending in ASCII
    "...": Python's header folder doubles the space before a trailing "…" encoded word.
    """
    hq = session.segment.timezone
    parts = [f"{_(KIND_TAGS[kind])} {session.code}", _moment(session.start, zone)]
    if _differs(session.start, zone, hq):
        parts.append(_("HQ %(moment)s", moment=_moment(session.start, hq)))
    lead = " · ".join(parts) + " · "
    # The title in the recipient's language when the session has it (subjects carry no label).
    title = title or localized(session, "title", current_language()).text
    return lead + _shorten(title, SUBJECT_LIMIT - len(lead))


def _shorten(text: str, room: int) -> str:
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    cut = text[:room - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "..."


def _differs(instant: datetime, zone: str, hq: str) -> bool:
    return _moment(instant, zone) != _moment(instant, hq)


def _moment(instant: datetime, zone: str) -> str:
    return f"{format_local(instant, zone, SUBJECT_DAY_TIME)} {zone_abbreviation(instant, zone)}"


def _span(start: datetime, end: datetime, zone: str) -> str:
    last = "%H:%M" if format_local(start, zone, "%d") == format_local(end, zone, "%d") else DAY_TIME
    return (f"{format_local(start, zone, DAY_TIME)}–{format_local(end, zone, last)} "
            f"{zone_abbreviation(start, zone)}")


def _order(order: int | None) -> str:
    return speaking_position(order) if order else _("not speaking")


def _minutes(minutes: int | None) -> str:
    return minutes_text(minutes) if minutes else _("not set")
