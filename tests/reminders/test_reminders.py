"""Reminders: deliveries follow the programme; dispatch sends each exactly once."""

import threading
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Organization, Participation, Person, ReminderDelivery, Session
from meeting.programme.editing import save_programme, update_session
from meeting.reminders import dispatch
from meeting.reminders.dispatch import (
    STALE_AFTER,
    beat,
    claim_due,
    dispatch_due,
    dispatcher_stale,
    send_now,
)
from meeting.reminders.policies import add_default_policies
from meeting.reminders.sync import sync_deliveries
from meeting.reminders.wording import TemplateError, check_template

UTC = timezone.utc
START = datetime(2030, 3, 20, 13, 0, tzinfo=UTC)  # 09:00 in New York, 14:00 in Geneva (CET)
DAY = timedelta(days=1)


@pytest.fixture
def programme(app, smtp_server, make_segment):
    """A future segment: S1 with a chair in Geneva and two panelists, and a tech check."""
    app.config["MAIL_URL"] = smtp_server.url
    app.config["MAIL_FROM"] = "Secretariat <secretariat@example.org>"
    segment = make_segment(slug="is-2030", title="2030 Integration Segment")
    add_default_policies(segment)
    org = Organization(key="statcom", name="Statistical Commission", kind="functional-commission")
    people = [
        Person(key="chair", name="Chair, Statistical Commission", timezone="Europe/Zurich",
               email="chair@example.org", organization=org),
        Person(key="dg-fao", name="Director-General, FAO", timezone="Europe/Rome",
               email="dg.fao@example.org"),
        Person(key="es-escap", name="Executive Secretary, ESCAP", timezone="Asia/Bangkok",
               email="es.escap@example.org"),
    ]
    s1 = Session(segment=segment, code="S1", title="Food systems", kind="high-level-panel",
                 start=START, duration_minutes=90, status="confirmed", revision=0,
                 join_url="https://example.org/join/s1", passcode="4711")
    Session(segment=segment, code="TC1", title="Tech check", kind="tech-check",
            start=START - timedelta(minutes=60), duration_minutes=30, status="confirmed",
            revision=0, parent=s1)
    for position, (person, role) in enumerate(zip(people, ["chair", "panelist", "panelist"],
                                                  strict=True), start=1):
        s1.participations.append(Participation(person=person, role=role, position=position,
                                               minutes=8, status="confirmed"))
    db.session.add(s1)
    save_programme(segment)
    return segment


def deliveries(status=None):
    query = select(ReminderDelivery).order_by(ReminderDelivery.id)
    if status:
        query = query.where(ReminderDelivery.status == status)
    db.session.expire_all()
    return list(db.session.scalars(query))


def s1() -> Session:
    return db.session.scalar(select(Session).where(Session.code == "S1"))


def message_ids(smtp_server):
    return [message_from_bytes(m.content, policy=policy.default)["Message-ID"]
            for m in smtp_server.messages]


def test_default_policies_schedule_each_person_at_the_right_time(programme):
    rows = deliveries()
    # 7 days and 1 day before, to everyone (3 people); 1 hour before the tech check (3 people).
    assert sorted((r.policy.name, r.person.key, r.due_at) for r in rows) == sorted(
        [("7 days before, to everyone", k, START - 7 * DAY) for k in ("chair", "dg-fao", "es-escap")]
        + [("1 day before, to everyone", k, START - DAY) for k in ("chair", "dg-fao", "es-escap")]
        + [("1 hour before the tech check, to chairs, moderators and speakers", k,
            START - timedelta(hours=2)) for k in ("chair", "dg-fao", "es-escap")])
    assert {r.status for r in rows} == {"pending"}


def test_sync_twice_changes_nothing(programme):
    before = [(r.id, r.due_at, r.status) for r in deliveries()]
    assert sync_deliveries(programme).changed == 0
    assert [(r.id, r.due_at, r.status) for r in deliveries()] == before


def test_dispatch_sends_each_reminder_once_at_its_time(programme, smtp_server):
    assert dispatch_due(START - 7 * DAY - timedelta(minutes=1)).sent == []
    first = dispatch_due(START - 7 * DAY)
    assert len(first.sent) == 3
    assert dispatch_due(START - 7 * DAY + timedelta(minutes=5)).sent == []
    assert len(dispatch_due(START - DAY).sent) == 3
    assert len(dispatch_due(START - timedelta(hours=2)).sent) == 3
    ids = message_ids(smtp_server)
    assert len(ids) == 9 and len(set(ids)) == 9
    assert {m.rcpt_tos[0] for m in smtp_server.messages} == {
        "chair@example.org", "dg.fao@example.org", "es.escap@example.org"}


def test_reminder_email_times_in_both_zones_and_own_ics(programme, smtp_server):
    dispatch_due(START - 7 * DAY)
    smtp_server.messages.clear()
    dispatch_due(START - DAY)
    chair = next(message_from_bytes(m.content, policy=policy.default)
                 for m in smtp_server.messages if m.rcpt_tos == ["chair@example.org"])
    assert chair["Subject"] == "Tomorrow: Food systems (Wed 20 Mar 2030, 14:00 CET)"
    text = chair.get_body(preferencelist=("plain",)).get_content()
    assert "Your time:          Wednesday 20 March 2030, 14:00 CET (Europe/Zurich)" in text
    assert "Headquarters time:  Wednesday 20 March 2030, 09:00 EDT (America/New_York)" in text
    assert "Tech check:         Wednesday 20 March 2030, 13:00 CET" in text
    assert "Passcode: 4711" in text
    ics = next(p for p in chair.walk() if p.get_content_type() == "text/calendar")
    assert ics.get_filename() == "session.ics"
    body = ics.get_payload(decode=True).decode()
    assert "DTSTART:20300320T130000Z" in body and "METHOD:PUBLISH" in body


@pytest.fixture
def crowded(programme):
    """30 more panelists, so one week before there are 33 reminders due: more than a batch of 25."""
    session = s1()
    for i in range(30):
        session.participations.append(Participation(
            person=Person(key=f"p{i}", name=f"Panelist {i}", timezone="Africa/Nairobi",
                          email=f"p{i}@example.org"),
            role="panelist", position=i + 4, status="confirmed"))
    save_programme(programme)
    return programme


def test_restart_with_reminders_due_sends_each_once(crowded, smtp_server):
    now = START - 7 * DAY
    first = dispatch_due(now, worker="a", max_batches=1, batch_size=25)  # stopped after one batch
    assert len(first.sent) == 25
    second = dispatch_due(now, worker="b", batch_size=25)  # started again
    assert len(second.sent) == 8
    assert dispatch_due(now + timedelta(minutes=1), worker="c").sent == []
    assert len(set(message_ids(smtp_server))) == len(smtp_server.messages) == 33


def test_dispatch_batch_sent_over_one_connection(crowded, smtp_server):
    report = dispatch_due(START - 7 * DAY)
    assert len(report.sent) == 33
    assert len({m.peer for m in smtp_server.messages}) == 1


def test_dispatch_connection_closed_mid_batch_reopened_each_sent_once(crowded, smtp_server):
    # The server accepts 5 messages, then says 421 (closing) to the 6th: the dispatcher
    # reconnects and sends the 6th again, once, on the new connection.
    smtp_server.reply_next("421 4.3.2 service shutting down", "DATA", after=5)
    report = dispatch_due(START - 7 * DAY)
    assert (len(report.sent), report.retrying, report.failed) == (33, [], [])
    ids = message_ids(smtp_server)
    assert len(ids) == len(set(ids)) == 33
    peers = [m.peer for m in smtp_server.messages]
    assert len(set(peers[:5])) == len(set(peers[5:])) == 1 and peers[0] != peers[5]


def test_batch_past_its_send_budget_hands_unsent_rows_back(crowded, smtp_server, monkeypatch):
    monkeypatch.setattr(dispatch, "SEND_BUDGET", timedelta(0))  # a server slow beyond the budget
    now = START - 7 * DAY
    first = dispatch_due(now, max_batches=1)
    assert len(first.sent) == 1  # the first message of a batch always goes
    back = [r for r in deliveries("pending") if r.due_at <= now]
    assert len(back) == 32
    assert {(r.attempts, r.not_before, r.last_error) for r in back} == {(0, None, None)}
    assert len(smtp_server.messages) == 1


def test_overdue_reminder_superseded_by_later_one(programme, smtp_server):
    report = dispatch_due(START - DAY)  # "one week before" was never sent: downtime
    assert len(report.sent) == 3
    assert len(report.skipped) == 3
    assert {r.policy.name for r in deliveries("skipped")} == {"7 days before, to everyone"}
    assert {r.last_error for r in deliveries("skipped")} == {
        "superseded by a later reminder that was due too"}


def test_overdue_reminders_superseded_batch_by_batch_dispatch_goes_on(programme, smtp_server):
    # Batches of one: the first three batches hold only superseded rows, and are skipped whole.
    report = dispatch_due(START - DAY, batch_size=1)
    assert (len(report.sent), len(report.skipped)) == (3, 3)
    assert {r.policy.name for r in deliveries("skipped")} == {"7 days before, to everyone"}
    assert {(r.attempts, r.claimed_by) for r in deliveries("skipped")} == {(0, None)}  # never claimed
    assert {r.policy.name for r in deliveries("sent")} == {"1 day before, to everyone"}
    assert len(smtp_server.messages) == 3


def test_send_now_sends_a_superseded_reminder_all_the_same(programme, smtp_server):
    week = next(r for r in deliveries() if r.policy.name == "7 days before, to everyone")
    report = send_now(week.id, now=START - DAY)  # the organizer asked for this one
    assert (report.sent, report.skipped) == ([week.id], [])


def test_two_dispatchers_at_once_no_duplicate_none_lost(crowded, smtp_server, app):
    now, errors = START - 7 * DAY, []

    def run(name):
        try:
            with app.app_context():
                dispatch_due(now, worker=name)
                db.session.remove()
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    ids = message_ids(smtp_server)
    assert len(ids) == 33
    assert len(set(ids)) == 33
    assert len(deliveries("sent")) == 33


def test_crash_between_claim_and_send_needs_attention_not_resent(programme, smtp_server):
    now = START - 7 * DAY
    claimed = claim_due(now, "crashed-worker")  # claimed, then the process died
    assert len(claimed) == 3
    later = dispatch_due(now + STALE_AFTER + timedelta(seconds=1))
    assert sorted(later.flagged) == sorted(claimed)
    assert later.sent == []  # nothing else is due yet
    rows = {r.id: r for r in deliveries()}
    assert {rows[i].status for i in claimed} == {"needs-attention"}
    assert smtp_server.messages == []


def test_move_session_moves_pending_reminders(programme):
    session = s1()
    update_session(session, start=START + 2 * DAY)
    save_programme(programme)
    # The tech check did not move: its reminder stays two hours before the old start.
    assert sorted({r.due_at for r in deliveries("pending")}) == [
        START - timedelta(days=5), START - timedelta(hours=2), START + DAY]


def test_remove_person_cancels_their_reminders(programme):
    session = s1()
    gone = next(p for p in session.participations if p.person.key == "dg-fao")
    session.participations.remove(gone)
    save_programme(programme)
    assert {r.person.key for r in deliveries("cancelled")} == {"dg-fao"}
    assert len(deliveries("cancelled")) == 3


def test_decline_cancels_and_reconfirm_revives(programme):
    from meeting.people.portal import respond

    p = next(p for p in s1().participations if p.person.key == "es-escap")
    respond(p.person, p.id, "decline")
    assert {r.person.key for r in deliveries("cancelled")} == {"es-escap"}
    respond(p.person, p.id, "confirm")
    assert deliveries("cancelled") == []
    assert len(deliveries("pending")) == 9


def test_cancel_session_cancels_all(programme):
    update_session(s1(), status="cancelled")
    save_programme(programme)
    assert len(deliveries("cancelled")) == 9
    assert deliveries("pending") == []


def test_add_person_schedules_theirs(programme):
    session = s1()
    session.participations.append(Participation(
        person=Person(key="lead", name="Minister, Fiji", timezone="Pacific/Fiji",
                      email="minister@example.org"),
        role="lead-discussant", position=4, status="invited"))
    save_programme(programme)
    assert len([r for r in deliveries("pending") if r.person.key == "lead"]) == 3


def test_session_moved_into_past_sends_nothing(programme, smtp_server):
    now = datetime.now(UTC)
    update_session(s1(), start=now - timedelta(hours=1))
    save_programme(programme)
    report = dispatch_due(now)
    assert report.sent == []
    assert smtp_server.messages == []
    assert deliveries("pending") == []


def test_started_session_is_skipped_by_dispatcher(programme, smtp_server):
    report = dispatch_due(START + timedelta(minutes=1))  # everything overdue
    assert len(report.skipped) == 9 and report.sent == []
    assert {r.last_error for r in deliveries("skipped") if r.policy.anchor == "tech-check"} == {
        "the session had already started: a late reminder is not sent"}


def test_smtp_4xx_retried_then_sent_once(programme, smtp_server):
    now = START - 7 * DAY
    smtp_server.reply_next("451 4.3.0 try again later", "DATA")
    first = dispatch_due(now)
    assert len(first.retrying) == 1 and len(first.sent) == 2
    row = next(r for r in deliveries("pending") if r.id in first.retrying)
    assert row.last_error.endswith("refused the message: 451 4.3.0 try again later")
    assert row.not_before == now + timedelta(minutes=1)
    assert dispatch_due(now + timedelta(seconds=30)).sent == []  # backoff respected
    again = dispatch_due(now + timedelta(minutes=1))
    assert again.sent == first.retrying
    assert len(message_ids(smtp_server)) == len(set(message_ids(smtp_server))) == 3


def test_smtp_5xx_fails_at_once_with_error(programme, smtp_server):
    smtp_server.reply_next("550 5.1.1 mailbox unavailable")
    report = dispatch_due(START - 7 * DAY)
    assert len(report.failed) == 1
    row = deliveries("failed")[0]
    assert "550 5.1.1 mailbox unavailable" in row.last_error
    assert row.attempts == 1


def test_send_now_sends_one_pending_reminder(programme, smtp_server):
    row = deliveries("pending")[0]
    report = send_now(row.id, now=START - 10 * DAY)
    assert report.sent == [row.id]
    assert send_now(row.id, now=START - 10 * DAY).sent == []  # already sent: no second copy
    assert len(smtp_server.messages) == 1


def test_heartbeat_stale_after_two_intervals(programme):
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert dispatcher_stale(now) is True
    beat(now, 30, "w")
    assert dispatcher_stale(now + timedelta(seconds=60)) is False
    assert dispatcher_stale(now + timedelta(seconds=61)) is True


@pytest.mark.parametrize("template", ["{name.__class__}", "{nope}", "{0}", "{name"])
def test_template_unknown_or_unsafe_placeholder_refused(template):
    with pytest.raises(TemplateError):
        check_template(template)
