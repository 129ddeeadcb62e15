"""Dispatch 10,000 due reminders to a local SMTP sink; report time, rate, duplicates, lost.

    .venv/bin/python bench/reminder_dispatch.py                      # SQLite, one dispatcher
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test BENCH_DISPATCHERS=2 \\
        .venv/bin/python bench/reminder_dispatch.py                  # PostgreSQL, two

The sink is aiosmtpd on 127.0.0.1 and counts messages by Message-ID: a duplicate is a
Message-ID received twice, a lost reminder is a delivery marked sent (or still due) whose
Message-ID never arrived. The PostgreSQL run drops and recreates the public schema.
"""

import os
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from email.parser import BytesHeaderParser
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_timing import fresh_app  # noqa: E402

from meeting.extensions import db  # noqa: E402
from meeting.models import (  # noqa: E402
    Participation,
    Person,
    ReminderDelivery,
    ReminderPolicy,
    Segment,
    Session,
)
from meeting.reminders.dispatch import dispatch_due  # noqa: E402
from meeting.reminders.sync import sync_deliveries  # noqa: E402

REMINDERS = int(os.environ.get("BENCH_REMINDERS", "10000"))
DISPATCHERS = int(os.environ.get("BENCH_DISPATCHERS", "1"))
PER_SESSION = 4
START = datetime(2031, 6, 1, 14, 0, tzinfo=timezone.utc)


class Sink:
    """aiosmtpd handler that only records Message-IDs."""

    def __init__(self):
        self.ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.ids.append(BytesHeaderParser().parsebytes(envelope.content)["Message-ID"])
        return "250 OK"


class SinkController(Controller):
    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    def factory(self):
        return SMTP(self.handler, loop=self.loop, hostname="sink.test")


def build(app) -> None:
    with app.app_context():
        segment = Segment(slug="bench", title="Bench", timezone="America/New_York",
                          start_date=START.date(), end_date=START.date())
        db.session.add(ReminderPolicy(segment=segment, name="1 day", minutes_before=1440,
                                      anchor="session", roles=["panelist"],
                                      subject_template="Tomorrow: {session}",
                                      body_template="Dear {name}, {local_start} / {hq_start}"))
        people = [Person(key=f"p{i}", name=f"Panelist {i}", timezone="Europe/Zurich",
                         email=f"p{i}@example.org") for i in range(200)]
        for n in range(REMINDERS // PER_SESSION):
            session = Session(segment=segment, code=f"S{n}", title=f"Session {n}", kind="thematic",
                              start=START + timedelta(minutes=n % 60), duration_minutes=30,
                              status="confirmed", revision=0)
            for k in range(PER_SESSION):
                session.participations.append(Participation(
                    person=people[(n * PER_SESSION + k) % len(people)], role="panelist",
                    position=k + 1, status="confirmed"))
            db.session.add(session)
        db.session.commit()
        sync_deliveries(segment, now=START - timedelta(days=2))
        db.session.remove()


def main():
    sink = Sink()
    controller = SinkController(sink, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = fresh_app(Path(tmp))
            app.config["MAIL_URL"] = f"smtp://127.0.0.1:{controller.port}"
            build(app)
            now = START  # every reminder (due a day before each session) is due
            errors = []

            def run(name):
                try:
                    with app.app_context():
                        dispatch_due(now - timedelta(hours=20), worker=name)
                        db.session.remove()
                except Exception as exc:  # reported below
                    errors.append(repr(exc))

            threads = [threading.Thread(target=run, args=(f"d{i}",)) for i in range(DISPATCHERS)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
            with app.app_context():
                dialect = db.engine.dialect.name
                statuses = dict(db.session.execute(select(ReminderDelivery.status,
                                                          func.count()).group_by(ReminderDelivery.status)).all())
                expected = {f"<{mid}@localhost>" for mid in db.session.scalars(
                    select(ReminderDelivery.message_id))}
                db.engine.dispose()
    finally:
        controller.stop()
    counts = Counter(sink.ids)
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    lost = len(expected - set(counts))
    print(f"{dialect}, {DISPATCHERS} dispatcher(s): {len(sink.ids)} messages for "
          f"{len(expected)} reminders in {elapsed:.1f} s = {len(sink.ids) / elapsed:.0f} messages/s")
    print(f"  duplicates {duplicates} (must be 0), lost {lost} (must be 0), statuses {statuses}")
    if errors:
        print("  errors:", errors)
    sys.exit(1 if duplicates or lost or errors else 0)


if __name__ == "__main__":
    main()
