"""APScheduler as the clock of the reminder dispatcher (the tables are the truth).

One interval job, in UTC, coalesced, never two at once in a process. It runs as its own
process (`flask --app wsgi meeting scheduler`, the production way) or inside the
development server (`meeting serve`). Web workers never start it.
"""

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from meeting.extensions import db
from meeting.invitations.replies import poll_inbox
from meeting.models import utcnow

from .dispatch import beat, dispatch_due, worker_name

log = logging.getLogger(__name__)
JOB_ID = "dispatch-reminders"


def run_once(app: Flask, interval_seconds: int, worker: str) -> None:
    """One tick: say we are alive, send what is due, then read the replies that came in."""
    with app.app_context():
        try:
            now = utcnow()
            beat(now, interval_seconds, worker)
            report = dispatch_due(now, worker)
            if report.sent or report.failed or report.flagged or report.skipped:
                log.info("reminders: %d sent, %d retrying, %d failed, %d skipped, %d flagged",
                         len(report.sent), len(report.retrying), len(report.failed),
                         len(report.skipped), len(report.flagged))
        except Exception:  # a bad tick must not stop the clock; the next one tries again
            log.exception("reminder dispatch failed")
            db.session.rollback()
        finally:
            db.session.remove()
        _read_replies()


def _read_replies() -> None:
    # Apart from the reminders: an unreachable inbox must not hold up what is due.
    try:
        report = poll_inbox()
        if report.total:
            log.info("calendar replies: %s", report.summary())
    except Exception:
        log.exception("reading the calendar replies failed")
        db.session.rollback()
    finally:
        db.session.remove()


def make_scheduler(app: Flask, blocking: bool = False):
    """A scheduler with the one dispatch job, not yet started."""
    interval = int(app.config.get("REMINDER_INTERVAL_SECONDS", 30))
    scheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone="UTC")
    scheduler.add_job(run_once, "interval", seconds=interval, id=JOB_ID,
                      args=(app, interval, worker_name()), coalesce=True, max_instances=1,
                      misfire_grace_time=interval, next_run_time=utcnow())
    return scheduler
