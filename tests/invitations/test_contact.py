"""The secretariat contact: ORGANIZER of invites, Reply-To and a named contact in every e-mail.

Messages are read back from the real SMTP server on 127.0.0.1; calendars with icalendar.
"""

from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import icalendar
import pytest

from meeting.extensions import db
from meeting.invitations.invites import CANCEL_OWED, NOT_SENT, invitation_states, send_invitations
from meeting.models import Participation, Person
from meeting.programme.editing import cancel_session, save_programme
from meeting.reminders.dispatch import dispatch_due
from meeting.reminders.policies import add_default_policies
from meeting.reminders.wording import reminder_context, reminder_text

UTC = timezone.utc
START = datetime(2030, 7, 8, 13, 0, tzinfo=UTC)  # 09:00 EDT in New York, 16:00 EAT in Nairobi


@pytest.fixture
def programme(app, smtp_server, make_segment, make_session):
    app.config["MAIL_URL"] = smtp_server.url
    app.config["MAIL_FROM"] = "Meeting tool <meeting@example.org>"
    segment = make_segment(slug="is-2030", title="2030 Integration Segment",
                           contact_name="Amina Mohammed", contact_email="is-secretariat@un.org",
                           contact_phone="+1 212 963 1234")
    session = make_session(segment=segment, code="S1", title="Food systems", start=START,
                           duration_minutes=90)
    for position, person in enumerate([
        Person(key="unep", name="Inger Andersen", honorific="Ms.", timezone="Africa/Nairobi",
               email="ed.unep@example.org", position="Executive Director"),
        Person(key="chair", name="Chair, Statistical Commission", timezone="Europe/Zurich",
               email="chair@example.org")], start=1):
        session.participations.append(Participation(person=person, role="panelist",
                                                    position=position, status="invited"))
    db.session.commit()
    return segment


def received(smtp_server):
    return [message_from_bytes(m.content, policy=policy.default) for m in smtp_server.messages]


def to(messages, address):
    return next(m for m in messages if m["To"].addresses[0].addr_spec == address)


def plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def event_of(message):
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]


def send(segment, wanted):
    return send_invitations(segment, [st for st in invitation_states(segment) if st.state in wanted])


def test_contact_invite_organizer_and_reply_to_read_back(programme, smtp_server):
    assert send(programme, {NOT_SENT}).summary() == "2 sent"
    message = to(received(smtp_server), "ed.unep@example.org")
    assert smtp_server.messages[0].mail_from == "meeting@example.org"
    assert str(message["From"]) == "Meeting tool <meeting@example.org>"
    assert str(message["Reply-To"]) == "Amina Mohammed <is-secretariat@un.org>"
    organizer = event_of(message)["ORGANIZER"]
    assert str(organizer) == "mailto:is-secretariat@un.org"
    assert organizer.params["CN"] == "Amina Mohammed"
    text = plain(message)
    assert text.startswith("Dear Ms. Inger Andersen,\n")
    assert ("Questions? Your secretariat contact: Amina Mohammed, is-secretariat@un.org, "
            "+1 212 963 1234\n\n2030 Integration Segment secretariat") in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert ('<p>Questions? Your secretariat contact: Amina Mohammed, '
            '<a href="mailto:is-secretariat@un.org">is-secretariat@un.org</a>, +1 212 963 1234</p>') in html
    chair = to(received(smtp_server), "chair@example.org")
    assert plain(chair).startswith("Dear colleague,\n")


def test_contact_missing_organizer_is_mail_from_no_reply_to(programme, smtp_server):
    programme.contact_name = programme.contact_email = programme.contact_phone = None
    db.session.commit()
    send(programme, {NOT_SENT})
    message = to(received(smtp_server), "ed.unep@example.org")
    assert message["Reply-To"] is None
    organizer = event_of(message)["ORGANIZER"]
    assert (str(organizer), organizer.params["CN"]) == (
        "mailto:meeting@example.org", "Meeting tool (2030 Integration Segment)")
    assert "secretariat contact" not in plain(message)


def test_contact_cancellation_gives_both_times_reason_and_contact(programme, smtp_server):
    send(programme, {NOT_SENT})
    cancel_session(programme.sessions[0], "The panel joins the HLPF opening instead.", "officer@un.org")
    smtp_server.messages.clear()
    assert send(programme, {CANCEL_OWED}).summary() == "2 sent"
    message = to(received(smtp_server), "ed.unep@example.org")
    assert message["Subject"] == ("[Cancelled] S1 · Mon 8 Jul 16:00 EAT · HQ Mon 8 Jul 09:00 EDT · "
                                  "Food systems")
    assert str(message["Reply-To"]) == "Amina Mohammed <is-secretariat@un.org>"
    assert plain(message) == (
        "Dear Ms. Inger Andersen,\n\n"
        "The following session of the 2030 Integration Segment has been cancelled:\n\n"
        "  Food systems\n"
        "  Your time:          Monday 08 July 2030, 16:00 EAT (Africa/Nairobi)\n"
        "  Headquarters time:  Monday 08 July 2030, 09:00 EDT (America/New_York)\n\n"
        "Reason: The panel joins the HLPF opening instead.\n\n"
        "The attached calendar message removes it from your calendar.\n\n"
        "Questions? Your secretariat contact: Amina Mohammed, is-secretariat@un.org, +1 212 963 1234\n\n"
        "2030 Integration Segment secretariat\n")
    event = event_of(message)
    assert (str(event["ORGANIZER"]), str(event["STATUS"])) == ("mailto:is-secretariat@un.org", "CANCELLED")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<p>Reason: The panel joins the HLPF opening instead.</p>" in html
    assert "09:00 EDT headquarters time (America/New_York)" in html


def test_contact_reminder_reply_to_salutation_and_contact_line(programme, smtp_server):
    add_default_policies(programme)
    save_programme(programme)
    dispatch_due(START - timedelta(days=1))
    messages = received(smtp_server)
    unep, chair = to(messages, "ed.unep@example.org"), to(messages, "chair@example.org")
    assert str(unep["Reply-To"]) == "Amina Mohammed <is-secretariat@un.org>"
    assert str(unep["From"]) == "Meeting tool <meeting@example.org>"
    text = plain(unep)
    assert text.startswith("Dear Ms. Inger Andersen,\n\nThis is a reminder")
    assert text.endswith("\n\nQuestions? Your secretariat contact: Amina Mohammed, "
                         "is-secretariat@un.org, +1 212 963 1234\n")
    assert plain(chair).startswith("Dear colleague,\n")


def test_contact_reminder_short_template_gets_times_then_contact(programme):
    session = programme.sessions[0]
    chair = next(p for p in session.participations if p.person.key == "chair")
    context = reminder_context(session, chair.person, chair)
    body = "{salutation}, see you on {session}.".format_map(context)
    assert reminder_text(body, context) == (
        "Dear colleague, see you on Food systems.\n\n"
        "Your time: Monday 08 July 2030, 15:00 CEST (Europe/Zurich)\n"
        "Headquarters time: Monday 08 July 2030, 09:00 EDT (America/New_York)\n\n"
        "Questions? Your secretariat contact: Amina Mohammed, is-secretariat@un.org, "
        "+1 212 963 1234\n")
    # A template that names the contact itself is not followed by it again.
    named = f"{body} Write to {context['contact']}."
    assert reminder_text(named, context).count("is-secretariat@un.org") == 1
