"""Invitations, updates and cancellations e-mailed to a real SMTP server on 127.0.0.1."""

from datetime import timedelta
from email import message_from_bytes, policy

import icalendar
import pytest
import vobject
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.formats.ical import invite_uid
from meeting.invitations.invites import (
    CANCEL_OWED,
    CURRENT,
    DECLINED,
    NOT_SENT,
    OUTDATED,
    count_outdated,
    invitation_states,
    send_invitations,
)
from meeting.models import Invitation, Person, Segment, Session
from meeting.programme.editing import update_session
from tests.conftest import DEFAULT_PROGRAMME


@pytest.fixture
def segment(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    app.config["MAIL_FROM"] = "ECOSOC Secretariat <secretariat@example.org>"
    import_file(DEFAULT_PROGRAMME)
    return db.session.scalar(select(Segment))


def session(code: str) -> Session:
    return db.session.scalar(select(Session).where(Session.code == code))


def received(smtp_server):
    return [message_from_bytes(m.content, policy=policy.default) for m in smtp_server.messages]


def calendar_of(message):
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return part, part.get_payload(decode=True)


def send(segment, code, states):
    return send_invitations(segment, [st for st in invitation_states(segment, session(code))
                                      if st.state in states], sent_by="officer@un.org")


def test_invite_session_each_participant_gets_request(segment, smtp_server):
    report = send(segment, "S2", {NOT_SENT})
    # S2 has six participants; the President of IFAD declined.
    assert report.summary() == "5 sent"
    messages = received(smtp_server)
    assert sorted(m["To"].addresses[0].addr_spec for m in messages) == sorted(
        p.person.email for p in session("S2").participations if p.status != "declined")
    fao = next(m for m in messages if m["To"].addresses[0].addr_spec == "dg.fao@example.org")
    assert [p.get_content_type() for p in fao.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
        "text/calendar", "application/ics"]
    part, ics = calendar_of(fao)
    assert (part.get_param("method"), part.get_content_charset()) == ("REQUEST", "utf-8")
    raw = next(m.content for m in smtp_server.messages if b"dg.fao@example.org" in m.content)
    # Python's e-mail package quotes parameter values; MIME treats both spellings alike.
    assert b'Content-Type: text/calendar; method="REQUEST"; charset="UTF-8"\r\n' in raw
    attachment = next(p for p in fao.walk() if p.get_content_type() == "application/ics")
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_payload(decode=True) == ics
    s2, fao_person = session("S2"), db.session.scalar(select(Person).where(Person.key == "dg-fao"))
    uid = invite_uid(s2, fao_person)
    assert fao["Message-ID"] == f"<{uid.split('@')[0]}.0.request@example.org>"
    assert fao["Subject"] == ("[Invitation] S2 · Mon 6 Jul 15:30 CEST · HQ Mon 6 Jul 09:30 EDT · "
                              "COVID-19 preparedness, response and recovery through...")
    text = fao.get_body(preferencelist=("plain",)).get_content()
    assert "Your time:          Monday 06 July 2020, 15:30–17:00 CEST (Europe/Rome)" in text
    assert "Headquarters time:  Monday 06 July 2020, 09:30–11:00 EDT (America/New_York)" in text
    assert "Passcode:    IS2020" in text
    assert "Tech check:         Mon 06 Jul, 14:30 CEST your time" in text
    vevent = vobject.readOne(ics.decode()).vevent
    assert vevent.uid.value == uid
    assert vevent.sequence.value == "0"
    assert icalendar.Calendar.from_ical(ics)["METHOD"] == "REQUEST"
    assert smtp_server.messages[0].mail_from == "secretariat@example.org"


def test_invite_moved_session_outdated_then_update_replaces(segment, smtp_server):
    send(segment, "S3", {NOT_SENT})
    first = {m["To"].addresses[0].addr_spec: calendar_of(m)[1] for m in received(smtp_server)}
    s3 = session("S3")
    update_session(s3, start=s3.start + timedelta(hours=1))
    db.session.commit()
    assert count_outdated(segment) == len(first)
    assert {st.state for st in invitation_states(segment, s3)} == {OUTDATED}
    report = send(segment, "S3", {OUTDATED, CANCEL_OWED})
    assert len(report.sent) == len(first)
    updates = received(smtp_server)[len(first):]
    for message in updates:
        old = vobject.readOne(first[message["To"].addresses[0].addr_spec].decode()).vevent
        new = vobject.readOne(calendar_of(message)[1].decode()).vevent
        assert new.uid.value == old.uid.value
        assert (old.sequence.value, new.sequence.value) == ("0", "1")
        assert new.dtstart.value - old.dtstart.value == timedelta(hours=1)
        assert message["Subject"].startswith("[Updated] S3 · ")
    assert count_outdated(segment) == 0


def test_invite_removed_person_gets_cancel_with_higher_sequence(segment, smtp_server):
    send(segment, "S1", {NOT_SENT})
    s1 = session("S1")
    removed = next(p for p in s1.participations if p.role == "panelist")
    person_id, uid = removed.person_id, invite_uid(s1, removed.person)
    s1.participations.remove(removed)
    db.session.commit()
    owed = [st for st in invitation_states(segment, s1) if st.state == CANCEL_OWED]
    assert [st.person.id for st in owed] == [person_id]
    send(segment, "S1", {CANCEL_OWED})
    cancel = received(smtp_server)[-1]
    part, ics = calendar_of(cancel)
    assert part.get_param("method") == "CANCEL"
    assert b'Content-Type: text/calendar; method="CANCEL"; charset="UTF-8"\r\n' in (
        smtp_server.messages[-1].content)
    vevent = vobject.readOne(ics.decode()).vevent
    assert (vevent.uid.value, vevent.sequence.value, vevent.status.value) == (uid, "1", "CANCELLED")
    assert "valarm" not in vevent.contents
    assert cancel["Subject"].startswith("[Cancelled] S1 · ")
    assert "You are no longer expected" in cancel.get_body(preferencelist=("plain",)).get_content()
    assert [st for st in invitation_states(segment, s1) if st.state == CANCEL_OWED] == []


def test_invite_cancelled_session_owes_everyone_a_cancel(segment, smtp_server):
    send(segment, "S5", {NOT_SENT})
    invited = len(smtp_server.messages)
    s5 = session("S5")
    update_session(s5, status="cancelled")
    db.session.commit()
    assert {st.state for st in invitation_states(segment, s5)} - {DECLINED, CURRENT} == {CANCEL_OWED}
    report = send(segment, "S5", {CANCEL_OWED})
    assert len(report.sent) == invited
    for message in received(smtp_server)[invited:]:
        vevent = vobject.readOne(calendar_of(message)[1].decode()).vevent
        assert vevent.sequence.value == "2"  # revision 1 after cancelling, one above it
        assert "has been cancelled" in message.get_body(preferencelist=("plain",)).get_content()


def test_invite_readded_after_cancel_sequence_never_lowered(segment, smtp_server):
    send(segment, "S1", {NOT_SENT})
    s1 = session("S1")
    keynote = next(p for p in s1.participations if p.role == "keynote")
    person = keynote.person
    s1.participations.remove(keynote)
    db.session.commit()
    send(segment, "S1", {CANCEL_OWED})
    from meeting.models import Participation

    s1.participations.append(Participation(person=person, role="keynote", position=3,
                                           status="confirmed"))
    db.session.commit()
    send(segment, "S1", {NOT_SENT})
    sequences = [int(vobject.readOne(calendar_of(m)[1].decode()).vevent.sequence.value)
                 for m in received(smtp_server)
                 if m["To"].addresses[0].addr_spec == person.email]
    assert sequences == [0, 1, 2]


def test_invite_smtp_refusal_reported_and_not_recorded(segment, smtp_server):
    smtp_server.reply_next("550 5.1.1 mailbox unavailable")
    report = send(segment, "S1", {NOT_SENT})
    assert len(report.failed) == 1
    assert "550 5.1.1 mailbox unavailable" in report.failed[0][1]
    assert len(report.sent) == 2
    failed_person = report.failed[0][0].person
    recorded = db.session.scalars(select(Invitation.person_id)).all()
    assert failed_person.id not in recorded
    states = {st.person.id: st.state for st in invitation_states(segment, session("S1"))}
    assert states[failed_person.id] == NOT_SENT


def test_invite_person_without_email_skipped(segment, smtp_server):
    s1 = session("S1")
    s1.participations[0].person.email = None
    db.session.commit()
    report = send(segment, "S1", {NOT_SENT})
    assert report.summary() == "2 sent, 1 skipped (no e-mail address)"


def test_invite_names_interpretation_and_the_tech_checks_own_connection(segment, smtp_server):
    s2 = session("S2")
    india = next(p for p in s2.participations if p.person.key == "min-india")
    send_invitations(segment, [st for st in invitation_states(segment, s2)
                               if st.participation is india], sent_by="officer@un.org")
    (message,) = received(smtp_server)
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "  Interpretation:     Arabic, Chinese, English, French, Russian, Spanish\n" in text
    assert ("    (its own connection: Microsoft Teams; https://example.org/join/ecosoc-is-2020-tc1b; "
            "meeting ID 938 5521 0102; passcode TC2020; dial-in +1 646 555 0102)\n") in text
    html = message.get_body(("html",)).get_content()
    assert '<a href="https://example.org/join/ecosoc-is-2020-tc1b">' in html
    assert "<td>Arabic, Chinese, English, French, Russian, Spanish</td>" in html


def _update_s2_for_fao_and_desa(segment, smtp_server):
    s2 = session("S2")
    wanted = {"dg-fao", "usg-desa"}
    send_invitations(segment, [st for st in invitation_states(segment, s2)
                               if st.person.key in wanted], sent_by="officer@un.org")
    who = next(p for p in s2.participations if p.person.key == "dg-who")
    s2.participations.remove(who)
    fao = next(p for p in s2.participations if p.person.key == "dg-fao")
    fao.minutes, fao.position = 10, max(p.position for p in s2.participations) + 1  # speaks last
    update_session(s2, start=s2.start + timedelta(minutes=90), duration_minutes=60,
                   join_url="https://example.org/join/ecosoc-is-2020-s2-moved")
    db.session.commit()
    send_invitations(segment, [st for st in invitation_states(segment, s2)
                               if st.person.key in wanted and st.state == OUTDATED],
                     sent_by="officer@un.org")
    return {m["To"].addresses[0].addr_spec: m for m in received(smtp_server)[2:]}


def test_invite_update_says_what_changed_in_the_persons_zone_and_hq(segment, smtp_server):
    fao = _update_s2_for_fao_and_desa(segment, smtp_server)["dg.fao@example.org"]
    assert fao["Subject"] == ("[Updated] S2 · Mon 6 Jul 17:00 CEST · HQ Mon 6 Jul 11:00 EDT · "
                              "COVID-19 preparedness, response and recovery through...")
    assert len(fao["Subject"].split(" · COVID")[0]) == 60  # under 78 before the title
    text = fao.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert ("What changed since your last invitation:\n\n"
            "  Your time: Mon 06 Jul 15:30–17:00 CEST\n"
            "           → Mon 06 Jul 17:00–18:00 CEST\n"
            "  Headquarters time: Mon 06 Jul 09:30–11:00 EDT\n"
            "                   → Mon 06 Jul 11:00–12:00 EDT\n"
            "  Duration: 90 minutes\n"
            "          → 60 minutes\n"
            "  Join link: https://example.org/join/ecosoc-is-2020-s2\n"
            "           → https://example.org/join/ecosoc-is-2020-s2-moved\n"
            "  Speaking order: speaking 2nd\n"
            "                → speaking 4th\n"
            "  Your speaking time: 8 minutes\n"
            "                    → 10 minutes\n") in text
    description = str(icalendar.Calendar.from_ical(calendar_of(fao)[1]).walk("VEVENT")[0]["DESCRIPTION"])
    assert description.startswith(
        "What changed since your last invitation:\n"
        "- Your time: Mon 06 Jul 15:30–17:00 CEST → Mon 06 Jul 17:00–18:00 CEST\n"
        "- Headquarters time: Mon 06 Jul 09:30–11:00 EDT → Mon 06 Jul 11:00–12:00 EDT\n"
        "- Duration: 90 minutes → 60 minutes\n"
        "- Join link: https://example.org/join/ecosoc-is-2020-s2 → "
        "https://example.org/join/ecosoc-is-2020-s2-moved\n"
        "- Speaking order: speaking 2nd → speaking 4th\n"
        "- Your speaking time: 8 minutes → 10 minutes\n\n"
        "Your role: Panelist, speaking 4th for 10 minutes\n")
    html = fao.get_body(("html",)).get_content()
    assert ('<th align="left">Duration</th><td><s>90 minutes</s></td>'
            '<td><strong>60 minutes</strong></td>') in html


def test_invite_update_at_headquarters_gives_one_time(segment, smtp_server):
    desa = _update_s2_for_fao_and_desa(segment, smtp_server)["usg.desa@example.org"]
    assert desa["Subject"] == ("[Updated] S2 · Mon 6 Jul 11:00 EDT · COVID-19 preparedness, response "
                               "and recovery through the GSDR entry points (I)...")
    text = desa.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "  Your time: Mon 06 Jul 09:30–11:00 EDT\n           → Mon 06 Jul 11:00–12:00 EDT\n" in text
    assert "Headquarters time: Mon 06 Jul 09:30" not in text
    assert "Speaking order" not in text  # the moderator does not take a turn
