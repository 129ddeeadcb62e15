"""Calendar files (icalendar 7): pure builders and one serializer.

The project's calendar rules (docs/architecture.md, Decisions): times in UTC, uuid5 UIDs
from stable codes, SEQUENCE from the session's revision, DTSTAMP always explicit, PUBLISH
without attendees for files and feeds, REQUEST with one attendee and CANCEL with a higher
SEQUENCE for e-mail.

Public files and feeds are in English. What is written for one person (the description of
their event, their calendar's name, the alarm) is in their language: build_invite and
build_person_calendar render it under person.language.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from icalendar import Alarm, Calendar, Event, vCalAddress, vDuration, vText

from meeting.lib.emails import in_language, minutes_text, speaking_position
from meeting.lib.locales import catalogue_gettext
from meeting.lib.text import language_name
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import Participation, Person, Segment, Session
from meeting.programme.public import PublicSession
from meeting.programme.queries import PRIVATE_KINDS
from meeting.programme.roles import ROLE_LABELS, attendee_role, role_label
from meeting.programme.translations import localized

from .folding import serialize as fold_serialize

PRODID = "-//meeting//virtual meeting segments//EN"
# Namespace for every UID we derive; fixed forever, or every client sees new events.
UID_NAMESPACE = uuid.UUID("6f1c7a52-3d1b-5c9e-9a57-2f0b8e4d1c30")
PARTSTAT = {"invited": "NEEDS-ACTION", "confirmed": "ACCEPTED", "declined": "DECLINED"}
EVENT_STATUS = {"draft": "TENTATIVE", "confirmed": "CONFIRMED", "cancelled": "CANCELLED"}
FEED_REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Links:
    """Absolute URLs the builders put into events (they never build URLs themselves)."""

    programme: str
    portal: str | None = None


def session_uid(session: Session) -> str:
    """The UID of a session in public files: stable across databases (slug + code)."""
    return public_uid(session.segment.slug, session.code)


def public_uid(slug: str, code: str) -> str:
    """session_uid from the segment's slug and the session's code."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'session/{slug}/{code}')}@meeting"


def invite_uid(session: Session, person: Person) -> str:
    """The UID of one person's invite to one session; never contains the e-mail address."""
    name = f"invite/{session.segment.slug}/{session.code}/{person.key}"
    return f"{uuid.uuid5(UID_NAMESPACE, name)}@meeting"


def calendar_shell(method: str, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", vDuration(FEED_REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(FEED_REFRESH))
    return cal


def _base_event(session: Session, uid: str, stamp: datetime, sequence: int,
                title: str | None = None) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("sequence", sequence)
    event.add("summary", title or session.title)
    event.add("status", EVENT_STATUS[session.status])
    event.add("transp", "OPAQUE")
    return event


def _speakers(speakers: list[tuple[str, str]]) -> list[str]:
    # speakers: (role, printed name) of everyone taking part, in speaking order.
    lines = []
    for role, (singular, plural) in ROLE_LABELS.items():
        names = [name for their_role, name in speakers if their_role == role]
        if names:
            lines.append(f"{singular if len(names) == 1 else plural}: {'; '.join(names)}")
    return lines


def is_public(status: str, kind: str) -> bool:
    """Whether a session of this status and kind belongs in public files and feeds."""
    return status != "cancelled" and kind not in PRIVATE_KINDS


def public_event(session: Session, links: Links) -> Event:
    """One session as the public sees it: no attendees, no join details."""
    speakers = [(p.role, p.person.with_organization) for p in session.participations
                if p.status != "declined"]
    return _public_event(session, session_uid(session), speakers, [t.label for t in session.tags], links)


def public_row_event(row: PublicSession, slug: str, links: Links) -> Event:
    """public_event from a public row (programme.public: read without the ORM, for feeds)."""
    speakers = [(s.role, s.with_organization) for s in row.speakers]  # declined people are not in it
    return _public_event(row, public_uid(slug, row.code), speakers, [t.label for t in row.tags], links)


def _public_event(session: Session | PublicSession, uid: str, speakers: list[tuple[str, str]],
                  tags: list[str], links: Links) -> Event:
    event = _base_event(session, uid, session.updated_at, session.revision)
    text = [f"{session.code} · {session.kind.replace('-', ' ')}"]
    if session.description:
        text.append(" ".join(session.description.split()))
    text.append("\n".join(_speakers(speakers)))
    webcast = f"Webcast: {session.webcast_url}\n" if session.webcast_url else ""
    text.append(f"{webcast}Programme: {links.programme}")
    event.add("description", "\n\n".join(t for t in text if t))
    event.add("location", session.webcast_url or f"{session.platform or 'Online'} (virtual)")
    event.add("url", session.webcast_url or links.programme)
    if tags:
        event.add("categories", tags)
    return event


def build_segment_feed(segment: Segment, sessions: list[Session], links: Links) -> Calendar:
    """The public programme: PUBLISH, no attendees, no join details; cancelled sessions left out."""
    cal = calendar_shell("PUBLISH", segment.title)
    for session in sessions:
        if is_public(session.status, session.kind):
            cal.add_component(public_event(session, links))
    return cal


def personal_description(participation: Participation, links: Links,
                         notice: list[str] = ()) -> str:
    """What the person needs in the event: role, order, minutes, times, how to join, portal.

    `notice` comes first: an update's "what changed" lines.
    """
    gettext = catalogue_gettext()  # once for every text below (reminders write thousands)
    session, person = participation.session, participation.person
    hq = session.segment.timezone
    mine, at_hq = _span(session, person.timezone), _span(session, hq)
    lines = [*notice, *([""] if notice else []),
        gettext("Your role: %(role)s", role=_role(participation, gettext)),
        gettext("Your time: %(time)s", time=mine),
        gettext("Headquarters time: %(time)s", time=at_hq),
    ]
    lines += join_lines(session, gettext) + access_lines(session, gettext)
    if links.portal:
        lines.append(gettext("Your page (confirm or decline, all your sessions): %(url)s", url=links.portal))
    return "\n".join(lines)


def _span(session: Session, zone: str) -> str:
    """'Monday 06 July 2020, 09:30–11:00 EDT (America/New_York)', in the current language."""
    start = format_local(session.start, zone, "%A %d %B %Y, %H:%M")
    return f"{start}–{format_local(session.end, zone)} {zone_abbreviation(session.start, zone)} ({zone})"


def _role(participation: Participation, gettext) -> str:
    """'Panelist, speaking 5th for 7 minutes' (role, order and minutes, as each is known)."""
    role = role_label(participation.role)  # already in the language being rendered
    order, minutes = participation.speaking_order, participation.minutes
    if order and minutes:
        return gettext("%(role)s, %(speaking)s for %(minutes)s", role=role,
                       speaking=speaking_position(order), minutes=minutes_text(minutes))
    if order:
        return gettext("%(role)s, %(speaking)s", role=role, speaking=speaking_position(order))
    if minutes:
        return gettext("%(role)s for %(minutes)s", role=role, minutes=minutes_text(minutes))
    return role


def join_lines(session: Session, gettext=None) -> list[str]:
    """How to join: platform, link, meeting id, passcode, dial-in: for the person only.

    `gettext`: a catalogue_gettext() the caller already has."""
    gettext = gettext or catalogue_gettext()
    lines = []
    if session.platform:
        lines.append(gettext("Platform: %(value)s", value=session.platform))
    if session.join_url:
        lines.append(gettext("Join: %(value)s", value=session.join_url))
    if session.meeting_id:
        lines.append(gettext("Meeting ID: %(value)s", value=session.meeting_id))
    if session.passcode:
        lines.append(gettext("Passcode: %(value)s", value=session.passcode))
    if session.dial_in:
        lines.append(gettext("Dial-in: %(value)s", value=session.dial_in))
    return lines


def access_lines(session: Session, gettext=None) -> list[str]:
    """Interpretation, its platform and link, live captions (CART) and their link: for the person.

    `gettext`: a catalogue_gettext() the caller already has."""
    gettext = gettext or catalogue_gettext()

    def languages(codes: list[str]) -> str:
        return gettext(", ").join(language_name(c) for c in codes)
    lines = []
    if session.interpretation:
        lines.append(gettext("Interpretation: %(value)s", value=languages(session.interpretation)))
    if session.interpretation_platform:
        lines.append(gettext("Interpretation platform: %(value)s", value=session.interpretation_platform))
    if session.interpretation_url:
        lines.append(gettext("Interpretation link: %(value)s", value=session.interpretation_url))
    if session.captioning:
        lines.append(gettext("Live captions (CART): %(value)s", value=languages(session.captioning)))
    if session.captioning_url:
        lines.append(gettext("Live captions link: %(value)s", value=session.captioning_url))
    return lines


def _personal_event(participation: Participation, links: Links, stamp: datetime,
                    sequence: int, notice: list[str] = ()) -> Event:
    session, person = participation.session, participation.person
    event = _base_event(session, invite_uid(session, person), stamp, sequence, _title_for(session, person))
    event.add("description", personal_description(participation, links, notice))
    event.add("location", session.join_url or f"{session.platform or 'Online'} (virtual)")
    if session.join_url:
        event.add("url", session.join_url)
    return event


def _title_for(session: Session, person: Person) -> str:
    # A person's own events are in their language: the session's title in it when it has one
    # (public files and feeds keep the original).
    return localized(session, "title", person.language).text


def _alarm(minutes: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Session starts soon"))
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def build_person_calendar(person: Person, participations: list[Participation], links: Links,
                          alarm_minutes: int = 15) -> Calendar:
    """One person's sessions (file or private feed): PUBLISH, their join details, one alarm each."""
    with in_language(person.language):
        cal = calendar_shell("PUBLISH", _("My sessions: %(name)s", name=person.name))
        for participation in participations:
            session = participation.session
            if session.status == "cancelled" or participation.status == "declined":
                continue
            event = _personal_event(participation, links, session.updated_at, session.revision)
            event.add_component(_alarm(alarm_minutes))
            cal.add_component(event)
    return cal


def build_invite(participation: Participation, links: Links, organizer_email: str,
                 organizer_name: str, sequence: int, stamp: datetime,
                 alarm_minutes: int = 15, notice: list[str] = ()) -> Calendar:
    """A REQUEST for one person: ORGANIZER, that one ATTENDEE with RSVP, and an alarm."""
    cal = calendar_shell("REQUEST")
    with in_language(participation.person.language):
        event = _personal_event(participation, links, stamp, sequence, notice)
        event.add_component(_alarm(alarm_minutes))
    event.add("organizer", _address(organizer_email, organizer_name))
    event.add("attendee", _attendee(participation))
    cal.add_component(event)
    return cal


def build_cancel(session: Session, person: Person, organizer_email: str, organizer_name: str,
                 sequence: int, stamp: datetime) -> Calendar:
    """A CANCEL for one person's invite: same UID, higher SEQUENCE, no alarm."""
    cal = calendar_shell("CANCEL")
    event = _base_event(session, invite_uid(session, person), stamp, sequence, _title_for(session, person))
    event["status"] = vText("CANCELLED")
    event.add("organizer", _address(organizer_email, organizer_name))
    attendee = _address(person.email or "", person.name)
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    event.add("attendee", attendee)
    cal.add_component(event)
    return cal


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    # A parameter value cannot hold a double quote; RFC 6868's ^' escape is not understood
    # by every client (vobject shows it raw), so the display name gets a plain apostrophe.
    address.params["CN"] = name.replace('"', "'").replace("\n", " ")
    return address


def _attendee(participation: Participation) -> vCalAddress:
    attendee = _address(participation.person.email or "", participation.person.name)
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    attendee.params["ROLE"] = attendee_role(participation.role)
    attendee.params["PARTSTAT"] = PARTSTAT[participation.status]
    attendee.params["RSVP"] = "TRUE"
    return attendee


def serialize(cal: Calendar | Event) -> bytes:
    """RFC 5545 bytes: CRLF line ends, lines folded at 75 octets (cal.to_ical(), faster)."""
    return fold_serialize(cal)
