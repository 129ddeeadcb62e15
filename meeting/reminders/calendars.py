"""Each reminder's calendar file: the bytes of serialize(build_person_calendar(...)), for less.

A batch holds several people of one session ("1 day before" reaches its four panelists
together), and most of a person's file is the session's: times, title, status, location,
alarm. So icalendar builds and serializes the whole file for the first person of a session
in a batch; for each other person only the event's two lines that are theirs, UID and
DESCRIPTION, are made by icalendar (the values from invite_uid and personal_description)
and put in place of the first person's, inside the calendar lines of that person (its
name), which icalendar makes once per person and dispatcher process. Everything is written in
the person's language, as build_person_calendar writes it: a session's lines are kept per
language.

The first spliced file of each batch is compared with icalendar's own for the same reminder:
if they ever differ (the builders changed and this module did not follow), the batch and
every later one in the process use icalendar's file for every reminder, and it is logged.
tests/reminders/test_calendars.py compares them byte for byte over varied people and sessions.
"""

import logging
import threading
from collections import OrderedDict

from icalendar import Event
from icalendar.parser import Contentline
from sqlalchemy import inspect

from meeting.formats.folding import fold_line
from meeting.formats.ical import Links, build_person_calendar, invite_uid, personal_description, serialize
from meeting.lib.emails import in_language
from meeting.lib.locales import current_language
from meeting.models import Participation, Person

log = logging.getLogger(__name__)
SHELLS_KEPT = 4096  # people whose calendar lines a dispatcher process keeps
_shells: OrderedDict[tuple, tuple[list[bytes], list[bytes]]] = OrderedDict()
_shells_lock = threading.Lock()  # the scheduler's thread and an organizer's "send now"
_state = {"splice": True}  # False once a spliced file differed from icalendar's


def person_calendar(person: Person, participation: Participation, links: Links) -> bytes:
    """icalendar's file for one person and one session, made from scratch (the reference)."""
    return serialize(build_person_calendar(person, [participation], links))


class CalendarFiles:
    """The calendar files of one batch: call it with (person, participation, links)."""

    def __init__(self):
        self._events: dict[tuple, tuple[list[bytes], int, int] | None] = {}
        self._checked = False

    def __call__(self, person: Person, participation: Participation, links: Links) -> bytes:
        if not _state["splice"]:
            return person_calendar(person, participation, links)
        # build_person_calendar writes in the person's language: its event lines are theirs too.
        key = (participation.session_id, links.programme, current_language(), person.language)
        if key not in self._events:
            data = person_calendar(person, participation, links)
            self._events[key] = self._learn(person, links, data)
            return data
        template = self._events[key]
        if template is None:  # not a file of one event with one UID and one DESCRIPTION
            return person_calendar(person, participation, links)
        lines, uid, description = template
        event = list(lines)
        event[uid] = _line("uid", invite_uid(participation.session, person))
        with in_language(person.language):  # as build_person_calendar writes it
            event[description] = _line("description", personal_description(participation, links))
        head, tail = self._shell(person, links)
        data = b"".join([*head, *event, *tail])
        if not self._checked:
            self._checked = True
            expected = person_calendar(person, participation, links)
            if data != expected:
                log.warning("reminders: a spliced calendar file differed from icalendar's; "
                            "icalendar makes every file from now on")
                _state["splice"] = False
                return expected
        return data

    def _learn(self, person: Person, links: Links, data: bytes) -> tuple[list[bytes], int, int] | None:
        lines = _content_lines(data)
        names = [_name(line) for line in lines]
        if names.count(b"BEGIN:VEVENT") != 1:
            return None
        begin, end = names.index(b"BEGIN:VEVENT"), names.index(b"END:VEVENT")
        _remember_shell(_shell_key(person, links), lines[:begin], lines[end + 1:])
        # The event's own properties come before its alarm (its first component).
        own = names[begin + 1:next((i for i in range(begin + 1, end) if names[i].startswith(b"BEGIN:")),
                                   end)]
        if own.count(b"UID") != 1 or own.count(b"DESCRIPTION") != 1:
            return None
        return (lines[begin:end + 1], own.index(b"UID") + 1, own.index(b"DESCRIPTION") + 1)

    def _shell(self, person: Person, links: Links) -> tuple[list[bytes], list[bytes]]:
        key = _shell_key(person, links)
        with _shells_lock:
            shell = _shells.get(key)
            if shell is not None:
                _shells.move_to_end(key)
                return shell
        lines = _content_lines(serialize(build_person_calendar(person, [], links)))
        return _remember_shell(key, lines[:-1], lines[-1:])  # all but END:VCALENDAR


def _shell_key(person: Person, links: Links) -> tuple:
    # Everything the person's calendar lines could be made of: their row, the links, the language.
    columns = repr(tuple(getattr(person, attribute.key) for attribute in inspect(Person).column_attrs))
    return (columns, links, current_language())


def _remember_shell(key: tuple, head: list[bytes], tail: list[bytes]) -> tuple[list[bytes], list[bytes]]:
    with _shells_lock:
        _shells[key] = (head, tail)
        _shells.move_to_end(key)
        while len(_shells) > SHELLS_KEPT:
            _shells.popitem(last=False)
    return head, tail


def _line(name: str, value: str) -> bytes:
    # icalendar's own content line for the property, as Event.add and Component.to_ical make it.
    encoded = Event.types_factory.for_property(name)(value)
    line = Contentline.from_parts(name.upper(), encoded.params, encoded, sorted=True)
    return (fold_line(line) + "\r\n").encode()


def _content_lines(data: bytes) -> list[bytes]:
    """The file's content lines, each with its folded continuations and its CRLF."""
    lines: list[bytes] = []
    for physical in data.split(b"\r\n")[:-1]:
        if physical[:1] in (b" ", b"\t") and lines:
            lines[-1] += physical + b"\r\n"
        else:
            lines.append(physical + b"\r\n")
    return lines


def _name(line: bytes) -> bytes:
    # "BEGIN:VEVENT" and "END:VALARM" whole, otherwise the property name.
    if line.startswith((b"BEGIN:", b"END:")):
        return line.rstrip(b"\r\n")
    cut = min((i for i in (line.find(b":"), line.find(b";")) if i >= 0), default=len(line))
    return line[:cut].upper()
