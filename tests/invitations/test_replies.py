"""Calendar replies read back through the Maildir inbox: applied, or recorded with their reason."""

from datetime import datetime, timezone
from pathlib import Path

import icalendar
import pytest
import vobject
from flask import current_app
from sqlalchemy import select

from meeting.extensions import db
from meeting.invitations.invites import invitation_states, send_invitations
from meeting.invitations.replies import count_to_review, poll_inbox, tentative_marks
from meeting.models import CalendarReply, ChangeLog, Participation, Session
from meeting.programme.editing import save_programme
from tests.invitations.reply_setup import UID, drop, fixture, invite_jane, reply_ics, reply_message


@pytest.fixture
def jane(app):
    return invite_jane()


def status_of(participation: Participation) -> str:
    db.session.expire_all()
    return db.session.get(Participation, participation.id).status


def replies() -> list[CalendarReply]:
    db.session.expire_all()
    return list(db.session.scalars(select(CalendarReply).order_by(CalendarReply.id)))


def inbox(sub: str) -> list[str]:
    return sorted(p.name for p in (Path(current_app.instance_path) / "inbox" / sub).iterdir())


@pytest.mark.parametrize(("name", "status", "partstat", "reason"), [
    ("rfc5546_accepted.eml", "confirmed", "ACCEPTED", "accepted: confirmed in HLP1 as panelist"),
    ("outlook_accepted.eml", "confirmed", "ACCEPTED", "accepted: confirmed in HLP1 as panelist"),
    ("outlook_declined_qp.eml", "declined", "DECLINED", "declined: declined in HLP1 as panelist"),
    ("google_accepted.eml", "confirmed", "ACCEPTED", "accepted: confirmed in HLP1 as panelist"),
    ("apple_tentative.eml", "invited", "TENTATIVE",
     "tentatively accepted: already invited in HLP1, nothing changed"),
])
def test_reply_fixture_dropped_in_maildir_sets_status(jane, name, status, partstat, reason):
    drop(fixture(name))
    report = poll_inbox()
    assert report.summary() == "1 applied, 0 rejected, 0 counter"
    assert status_of(jane) == status
    [reply] = replies()
    assert (reply.outcome, reply.partstat, reply.attendee, reply.uid, reply.sequence, reply.method) == (
        "applied", partstat, "jane.doe@example.org", UID, 0, "REPLY")
    assert reply.reason == reason
    assert (reply.session_id, reply.person_id) == (jane.session_id, jane.person_id)
    assert reply.raw_size == len(fixture(name))
    assert inbox("new") == [] and inbox("cur") == ["1593604800.M1P1Q1.test:2,S"]


def test_reply_accepted_records_history_line(jane):
    drop(fixture("outlook_accepted.eml"))
    poll_inbox()
    changes = [(c.by, c.summary) for c in db.session.scalars(select(ChangeLog))]
    assert changes == [("Jane Doe (calendar reply)", "confirmed HLP1 as panelist")]


def test_reply_tentative_after_accept_returns_to_unconfirmed_with_mark(jane):
    drop(fixture("google_accepted.eml"), "1.M1P1Q1.test")
    drop(fixture("apple_tentative.eml"), "2.M1P1Q1.test")
    assert poll_inbox().summary() == "2 applied, 0 rejected, 0 counter"
    assert status_of(jane) == "invited"
    assert replies()[1].reason == (
        "tentatively accepted: invited in HLP1 as panelist (stays not yet confirmed)")
    segment = db.session.get(Session, jane.session_id).segment
    assert tentative_marks(segment) == {(jane.session_id, jane.person_id)}


def test_reply_read_twice_is_recorded_once(jane):
    drop(fixture("outlook_accepted.eml"), "1.M1P1Q1.test")
    poll_inbox()
    # The process died after recording it, before moving it: the same message is in new/ again.
    drop(fixture("outlook_accepted.eml"), "2.M1P1Q1.test")
    jane_row = db.session.get(Participation, jane.id)
    jane_row.status = "declined"  # changed on the portal since: the old reply must not undo it
    db.session.commit()
    report = poll_inbox()
    assert report.summary() == "0 applied, 0 rejected, 0 counter, 1 already read"
    assert len(replies()) == 1
    assert status_of(jane) == "declined"
    assert inbox("new") == []


def test_reply_counter_recorded_with_proposed_time_not_applied(jane):
    drop(fixture("outlook_counter.eml"))
    assert poll_inbox().summary() == "0 applied, 0 rejected, 1 counter"
    assert status_of(jane) == "invited"
    [reply] = replies()
    assert (reply.outcome, reply.method, reply.proposed_start, reply.proposed_end) == (
        "counter", "COUNTER", datetime(2020, 7, 6, 15, 0, tzinfo=timezone.utc),
        datetime(2020, 7, 6, 16, 0, tzinfo=timezone.utc))
    assert reply.reason == ("proposes a new time: 2020-07-06 15:00 UTC – 2020-07-06 16:00 UTC; not applied: "
                            "change the session and send updates, or answer the person")
    assert count_to_review(db.session.get(Session, jane.session_id).segment) == 1


def _bump_and_resend(jane):
    session = db.session.get(Session, jane.session_id)
    session.revision = 1
    save_programme(session.segment)
    assert send_invitations(session.segment, invitation_states(session.segment)).summary() == "1 sent"


# A valid acceptance, padded past 5 MB: refused all the same, before it is parsed.
BIG = reply_message(reply_ics() + "X-PAD:" + "x" * (5 * 1024 * 1024) + "\r\n")


NOT_TEXT = ("From: jane.doe@example.org\r\nMessage-ID: <plain@example.org>\r\nSubject: Accepted\r\n"
            "Content-Type: text/plain\r\n\r\nYes, I will come.\r\n").encode()


@pytest.mark.parametrize(("message", "reason"), [
    (reply_message(reply_ics(uid="00000000-0000-5000-8000-000000000000@meeting")),
     "unknown UID: no invitation was sent with this UID"),
    (reply_message(reply_ics(attendee="intruder@example.com")),
     "forged: the attendee intruder@example.com was not invited to this UID (it was sent to Jane Doe)"),
    (reply_message("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n"),
     "malformed calendar: it holds no complete VCALENDAR"),
    (reply_message("hello world"),
     "malformed calendar: Content line could not be parsed into parts: 'hello world': Invalid content line"),
    (reply_message(reply_ics().replace("SEQUENCE:0", "SEQUENCE:x")),
     "malformed calendar: SEQUENCE 'x' is not a number"),
    (reply_message(reply_ics().replace(f"UID:{UID}", "UID")), "malformed calendar: the event has no UID"),
    (reply_message(b"\xff\xfe not utf-8"), "malformed calendar: the calendar part is not utf-8 text"),
    (NOT_TEXT, "not text/calendar: the message has no calendar part"),
    (BIG, f"over 5 MB ({len(BIG)} bytes): refused without reading it"),
    (reply_message(reply_ics(events=2)), "2 VEVENTs in the calendar: a reply answers one event"),
    (reply_message(reply_ics(method="REQUEST"), method="REQUEST"),
     "METHOD:REQUEST is not a reply (expected METHOD:REPLY)"),
    (reply_message(reply_ics(partstat="NEEDS-ACTION")),
     "PARTSTAT NEEDS-ACTION is not an answer (expected ACCEPTED, DECLINED or TENTATIVE)"),
    (reply_message(reply_ics(partstat="DELEGATED")),
     "PARTSTAT DELEGATED is not an answer (expected ACCEPTED, DECLINED or TENTATIVE)"),
])
def test_reply_bad_input_recorded_with_reason_nothing_applied(jane, message, reason):
    drop(message)
    assert poll_inbox().summary() == "0 applied, 1 rejected, 0 counter"
    [reply] = replies()
    assert (reply.outcome, reply.reason) == ("rejected", reason)
    assert reply.raw_size == len(message)
    assert status_of(jane) == "invited"
    assert db.session.scalars(select(ChangeLog)).all() == []
    assert inbox("new") == []


def test_reply_stale_sequence_rejected(jane):
    _bump_and_resend(jane)
    drop(fixture("outlook_accepted.eml"))  # answers SEQUENCE 0; SEQUENCE 1 has been sent since
    poll_inbox()
    [reply] = replies()
    assert (reply.outcome, reply.reason) == (
        "rejected", "stale: it answers SEQUENCE 0, the last invitation sent was SEQUENCE 1")
    assert status_of(jane) == "invited"


def test_reply_current_sequence_after_update_applied(jane):
    _bump_and_resend(jane)
    drop(reply_message(reply_ics(sequence=1)))
    poll_inbox()
    assert [r.outcome for r in replies()] == ["applied"]
    assert status_of(jane) == "confirmed"


def test_reply_after_cancellation_rejected(jane):
    session = db.session.get(Session, jane.session_id)
    session.status, session.revision = "cancelled", 1
    save_programme(session.segment)
    assert send_invitations(session.segment, invitation_states(session.segment)).summary() == "1 sent"
    drop(reply_message(reply_ics(sequence=2)))
    poll_inbox()
    [reply] = replies()
    assert reply.reason == "the invitation was cancelled (SEQUENCE 2): nothing to answer"


def test_reply_attendee_address_matched_case_insensitively(jane):
    drop(reply_message(reply_ics(attendee="JANE.DOE@EXAMPLE.ORG")))
    poll_inbox()
    assert status_of(jane) == "confirmed"


def test_reply_without_message_id_keyed_by_content(jane):
    data = reply_message(reply_ics()).replace(b"Message-ID: <reply-1@example.org>\n", b"")
    assert b"Message-ID" not in data
    drop(data, "1.M1P1Q1.test")
    drop(data, "2.M1P1Q1.test")
    assert poll_inbox().summary() == "1 applied, 0 rejected, 0 counter, 1 already read"
    assert replies()[0].message_id.startswith("<sha256-")


def test_reply_built_by_icalendar_applied(jane):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//icalendar tests//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    event = icalendar.Event()
    event.add("uid", UID)
    event.add("sequence", 0)
    event.add("dtstamp", datetime(2020, 7, 1, 12, tzinfo=timezone.utc))
    attendee = icalendar.vCalAddress("MAILTO:Jane.Doe@example.org")
    attendee.params["PARTSTAT"] = "DECLINED"
    attendee.params["CN"] = "Jane Doe"
    event.add("attendee", attendee)
    cal.add_component(event)
    drop(reply_message(cal.to_ical()))
    poll_inbox()
    assert status_of(jane) == "declined"


def test_reply_built_by_vobject_applied(jane):
    cal = vobject.iCalendar()
    cal.add("method").value = "REPLY"
    event = cal.add("vevent")
    event.add("uid").value = UID
    event.add("sequence").value = "0"
    event.add("dtstamp").value = datetime(2020, 7, 1, 12, tzinfo=vobject.icalendar.utc)
    attendee = event.add("attendee")
    attendee.value = "mailto:jane.doe@example.org"
    attendee.params["PARTSTAT"] = ["ACCEPTED"]
    drop(reply_message(cal.serialize()))
    poll_inbox()
    assert status_of(jane) == "confirmed"


def test_reply_person_removed_from_session_rejected(jane):
    db.session.delete(db.session.get(Participation, jane.id))
    db.session.commit()
    drop(fixture("rfc5546_accepted.eml"))
    poll_inbox()
    assert replies()[0].reason == "Jane Doe is no longer in session HLP1"


def test_fetch_replies_command_reads_inbox(jane, runner):
    drop(fixture("google_accepted.eml"))
    result = runner.invoke(args=["meeting", "fetch-replies"])
    assert result.exit_code == 0, result.output
    assert result.output == "Calendar replies from maildir:inbox: 1 applied, 0 rejected, 0 counter.\n"
    assert status_of(jane) == "confirmed"


def test_fetch_replies_command_unreachable_imap_hides_password(app, runner, unused_port):
    app.config["INBOX_URL"] = f"imap://replies:s3cret-pw@127.0.0.1:{unused_port}/INBOX"
    result = runner.invoke(args=["meeting", "fetch-replies"])
    assert result.exit_code == 1
    assert "s3cret-pw" not in result.output
    assert f"could not reach imap://replies:***@127.0.0.1:{unused_port}/INBOX" in result.output


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reply_declined_cancels_pending_reminder_after_poll(jane):
    from meeting.models import ReminderDelivery, ReminderPolicy
    from meeting.reminders.sync import sync_deliveries

    session = db.session.get(Session, jane.session_id)
    session.start = datetime(2030, 7, 6, 13, tzinfo=timezone.utc)  # reminders only for what is ahead
    db.session.add(ReminderPolicy(segment_id=session.segment_id, name="1 day before", minutes_before=1440,
                                  roles=["panelist"], subject_template="Tomorrow", body_template="See you"))
    db.session.commit()
    sync_deliveries(session.segment)
    assert db.session.scalars(select(ReminderDelivery.status)).all() == ["pending"]
    drop(fixture("outlook_declined_qp.eml"))
    poll_inbox()
    db.session.expire_all()
    assert db.session.scalars(select(ReminderDelivery.status)).all() == ["cancelled"]


def test_reply_with_control_characters_recorded_without_them(jane):
    data = reply_message(reply_ics()).replace(b"Subject: Reply", b"Subject: =?utf-8?q?Accepted=00=07_yes?=")
    drop(data)
    assert poll_inbox().summary() == "1 applied, 0 rejected, 0 counter"
    assert replies()[0].subject == "Accepted yes"
    assert inbox("new") == []


def test_reply_failing_to_record_stays_unread_and_others_go_on(jane, monkeypatch):
    import meeting.invitations.replies as replies_module

    real = replies_module._decide

    def broken_for_one(facts, reply):
        if facts.message_id == "<boom@example.org>":
            db.session.add(CalendarReply(message_id=None, outcome="x", reason="x", raw_size=0))
            db.session.flush()  # NOT NULL message_id: the database refuses it
        return real(facts, reply)

    monkeypatch.setattr(replies_module, "_decide", broken_for_one)
    drop(reply_message(reply_ics(), message_id="<boom@example.org>"), "1.M1P1Q1.test")
    drop(fixture("google_accepted.eml"), "2.M1P1Q1.test")
    assert poll_inbox().summary() == "1 applied, 0 rejected, 0 counter"
    assert inbox("new") == ["1.M1P1Q1.test"]
    assert status_of(jane) == "confirmed"
