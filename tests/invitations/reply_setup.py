"""The invitation the reply fixtures answer: Jane Doe, panelist in HLP1 of segment replies-2020."""

from datetime import date, datetime, timezone
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

from meeting.extensions import db
from meeting.invitations.invites import invitation_states, send_invitations
from meeting.models import Organization, Participation, Person, Segment, Session

FIXTURES = Path(__file__).parent / "replies"
UID = "04f52c8d-22d9-57d8-8830-327446ef45d2@meeting"


def invite_jane() -> Participation:
    """Create the segment, session and person, and send the REQUEST (SEQUENCE 0) to the outbox."""
    current_app.config["MAIL_URL"] = "maildir:outbox"
    current_app.config["MAIL_FROM"] = "ECOSOC Secretariat <secretariat@example.org>"
    segment = Segment(slug="replies-2020", title="Integration Segment 2020", timezone="America/New_York",
                      start_date=date(2020, 7, 6), end_date=date(2020, 7, 7), published=True)
    session = Session(segment=segment, code="HLP1", title="High-level panel", kind="high-level-panel",
                      start=datetime(2020, 7, 6, 13, 0, tzinfo=timezone.utc), duration_minutes=60,
                      status="confirmed", revision=0)
    person = Person(key="jane-doe", name="Jane Doe", email="Jane.Doe@example.org",
                    timezone="Europe/Zurich", languages=["en"],
                    organization=Organization(key="unhabitat", name="UN-Habitat", kind="fund-programme"))
    participation = Participation(session=session, person=person, role="panelist", position=1,
                                  minutes=5, status="invited")
    db.session.add_all([segment, participation])
    db.session.commit()
    report = send_invitations(segment, invitation_states(segment), sent_by="tests")
    assert report.summary() == "1 sent"
    return participation


def fixture(name: str) -> bytes:
    """One of the reply files in tests/invitations/replies/."""
    return (FIXTURES / name).read_bytes()


def drop(data: bytes, name: str = "1593604800.M1P1Q1.test") -> Path:
    """Put a message in the inbox Maildir's new/, as a mail delivery agent would."""
    new = Path(current_app.instance_path) / "inbox" / "new"
    new.mkdir(parents=True, exist_ok=True)
    (new / name).write_bytes(data)
    return new / name


def reply_message(ics: str | bytes, message_id: str = "<reply-1@example.org>",
                  sender: str = "jane.doe@example.org", method: str = "REPLY") -> bytes:
    """A plain iMIP message carrying `ics` as its text/calendar part."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "secretariat@example.org"
    message["Subject"] = "Reply"
    message["Message-ID"] = message_id
    data = ics.encode() if isinstance(ics, str) else ics
    message.set_content(data, maintype="text", subtype="calendar", params={"method": method})
    return bytes(message)


def reply_ics(partstat: str = "ACCEPTED", uid: str = UID, sequence: int = 0,
              attendee: str = "jane.doe@example.org", method: str = "REPLY", events: int = 1) -> str:
    """A minimal RFC 5546 REPLY, written by hand so that each field can be made wrong."""
    event = (f"BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20200701T120000Z\r\n"
             f"ATTENDEE;PARTSTAT={partstat}:mailto:{attendee}\r\n"
             "ORGANIZER:mailto:secretariat@example.org\r\nEND:VEVENT\r\n")
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nMETHOD:{method}\r\n"
            + event * events + "END:VCALENDAR\r\n")
