"""APScheduler as the clock: one coalesced interval job in UTC that beats and dispatches."""

import time

from apscheduler.schedulers.background import BackgroundScheduler

from meeting.extensions import db
from meeting.models import Heartbeat, ReminderDelivery
from meeting.reminders.dispatch import HEARTBEAT
from meeting.reminders.scheduler import JOB_ID, make_scheduler
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture)


def test_scheduler_has_one_coalesced_utc_interval_job(app):
    scheduler = make_scheduler(app)
    assert isinstance(scheduler, BackgroundScheduler)
    assert str(scheduler.timezone) == "UTC"
    jobs = scheduler.get_jobs()
    assert [j.id for j in jobs] == [JOB_ID]
    job = jobs[0]
    assert (job.coalesce, job.max_instances) == (True, 1)
    assert job.trigger.interval.total_seconds() == 30


def test_scheduler_running_beats_and_dispatches(app, programme, smtp_server):  # noqa: F811
    # Everything is due "now" only in 2030; what this checks is the clock wiring: a tick
    # records the heartbeat and runs the dispatcher (which finds nothing due yet).
    app.config["REMINDER_INTERVAL_SECONDS"] = 1
    scheduler = make_scheduler(app)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            db.session.expire_all()
            if db.session.get(Heartbeat, HEARTBEAT) is not None:
                break
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)
    beat = db.session.get(Heartbeat, HEARTBEAT)
    assert beat is not None and beat.interval_seconds == 1
    assert {r.status for r in db.session.scalars(db.select(ReminderDelivery))} == {"pending"}
    assert smtp_server.messages == []


def test_web_app_starts_no_scheduler(app):
    import threading

    names = [t.name for t in threading.enumerate()]
    assert not any("APScheduler" in n for n in names)


def test_scheduler_tick_reads_calendar_replies(app):
    from meeting.models import Participation
    from meeting.reminders.scheduler import run_once
    from tests.invitations.reply_setup import drop, fixture, invite_jane

    jane = invite_jane()
    drop(fixture("rfc5546_accepted.eml"))
    run_once(app, 30, "tests")
    db.session.expire_all()
    assert db.session.get(Participation, jane.id).status == "confirmed"


def test_scheduler_tick_with_unreadable_inbox_still_beats(app, caplog):
    from meeting.reminders.scheduler import run_once

    app.config["INBOX_URL"] = "imap://replies:s3cret@127.0.0.1:1/INBOX"
    run_once(app, 30, "tests")
    assert db.session.get(Heartbeat, HEARTBEAT) is not None
    assert "reading the calendar replies failed" in caplog.text
    assert "s3cret" not in caplog.text
