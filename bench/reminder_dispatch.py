"""Dispatch 10,000 due reminders with 1, 2 and 4 dispatcher processes; rate, duplicates, lost.

    .venv/bin/python bench/reminder_dispatch.py                       # PostgreSQL `test`, then SQLite
    .venv/bin/python bench/reminder_dispatch.py --database-url postgresql://postgres@127.0.0.1:5432/mine \\
        --processes 1,2,4 --reminders 10000 --sqlite-processes 1

Each dispatcher is its own process (multiprocessing, spawn) running dispatch_due(), as
`flask meeting scheduler` does on several machines. The mail server is an aiosmtpd sink on
127.0.0.1 in a process of its own that offers PIPELINING (as mail servers do) and only records
Message-IDs: a duplicate is a Message-ID received twice, a lost reminder is a due row whose
Message-ID never arrived.
The rows are built once; before each run they are put back to pending. The timed part is
from the moment every dispatcher is ready (app created, database connected) until the last
one has found nothing more to send. The PostgreSQL run drops and recreates the public schema.
"""

import argparse
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # this checkout's `meeting`, and import_timing

PER_SESSION = 4
START = datetime(2031, 6, 1, 14, 0, tzinfo=timezone.utc)
NOW = START - timedelta(hours=20)  # every reminder (due a day before its session) is due
_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def sink(conn, pipelining: bool = True) -> None:
    """The SMTP sink process: serve on 127.0.0.1, answer 'ids' (and forget them) and 'stop'."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    ids: list[bytes] = []

    class Handler:
        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            session.host_name = hostname
            return [*responses[:-1], "250-PIPELINING", responses[-1]] if pipelining else responses

        async def handle_DATA(self, server, session, envelope):
            found = _MESSAGE_ID.search(envelope.content)
            ids.append(found.group(1) if found else b"")
            return "250 OK"

    class Sink(Controller):
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

        def factory(self):
            return SMTP(self.handler, loop=self.loop, hostname="sink.test")

    controller = Sink(Handler(), hostname="127.0.0.1", port=0)
    controller.start()
    conn.send(controller.port)
    cpu = time.process_time()
    while conn.recv() != "stop":
        taken, ids[:] = list(ids), []
        used, cpu = time.process_time() - cpu, time.process_time()
        conn.send(([i.decode() for i in taken], used))
    controller.stop()


def dispatcher(url: str, instance: str, mail_url: str, name: str, ready, go, done) -> None:
    """One dispatcher process: get ready, wait for the start, dispatch everything due."""
    from sqlalchemy import text

    from meeting import create_app
    from meeting.extensions import db
    from meeting.reminders.dispatch import dispatch_due

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench",
                      "MAIL_URL": mail_url})
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        ready.wait()
        go.wait()
        cpu = time.process_time()
        profile = os.environ.get("BENCH_PROFILE")  # a file for cProfile's figures of this process
        if profile:
            import cProfile
            profiler = cProfile.Profile()
            report = profiler.runcall(dispatch_due, NOW, worker=name)
            profiler.dump_stats(f"{profile}.{name}")
        else:
            report = dispatch_due(NOW, worker=name)
        done.put((name, len(report.sent), time.time(), time.process_time() - cpu))
        db.session.remove()


def build(app, reminders: int) -> None:
    """Sessions of four panelists and one '1 day before' policy: `reminders` rows, all due."""
    from meeting.extensions import db
    from meeting.models import Participation, Person, ReminderPolicy, Segment, Session
    from meeting.reminders.sync import sync_deliveries

    with app.app_context():
        segment = Segment(slug="bench", title="Bench", timezone="America/New_York",
                          start_date=START.date(), end_date=START.date())
        db.session.add(ReminderPolicy(segment=segment, name="1 day", minutes_before=1440,
                                      anchor="session", roles=["panelist"],
                                      subject_template="Tomorrow: {session}",
                                      body_template="Dear {name}, {local_start} / {hq_start}"))
        people = [Person(key=f"p{i}", name=f"Panelist {i}", timezone="Europe/Zurich",
                         email=f"p{i}@example.org") for i in range(200)]
        for n in range(reminders // PER_SESSION):
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


def reset(app) -> set[str]:
    """Every row back to pending, as if never dispatched; returns the Message-IDs expected."""
    from sqlalchemy import select, update

    from meeting.extensions import db
    from meeting.lib.emails import message_id
    from meeting.models import ReminderDelivery

    with app.app_context():
        db.session.execute(update(ReminderDelivery).values(
            status="pending", attempts=0, not_before=None, last_error=None, claimed_at=None,
            claimed_by=None, sent_at=None))
        db.session.commit()
        expected = {message_id(m) for m in db.session.scalars(select(ReminderDelivery.message_id))}
        db.session.remove()
        db.engine.dispose()
    return expected


def run(ctx, url: str, instance: str, port: int, sink_conn, processes: int, app) -> bool:
    """One timed run with `processes` dispatchers; prints its line, True when nothing was wrong."""
    from sqlalchemy import func, select

    from meeting.extensions import db
    from meeting.models import ReminderDelivery

    expected = reset(app)
    ready, go, done = ctx.Barrier(processes + 1), ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=dispatcher, args=(url, instance, f"smtp://127.0.0.1:{port}",
                                                    f"d{i}", ready, go, done)) for i in range(processes)]
    for w in workers:
        w.start()
    ready.wait()
    t0 = time.time()
    go.set()
    finished = [done.get(timeout=600) for _ in workers]
    elapsed = max(end for _, _, end, _ in finished) - t0
    for w in workers:
        w.join()
    sink_conn.send("ids")
    received, sink_cpu = sink_conn.recv()
    with app.app_context():
        statuses = dict(db.session.execute(select(ReminderDelivery.status, func.count())
                                           .group_by(ReminderDelivery.status)).all())
        dialect = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    counts = Counter(received)
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    lost = len(expected - set(counts))
    per = ", ".join(str(sent) for _, sent, _, _ in sorted(finished))
    # CPU time per message says what the code costs whatever else the machine is doing;
    # messages/s also counts waiting for a core and for the sink's replies.
    cpu = sum(used for *_, used in finished) * 1000 / max(len(received), 1)
    print(f"{dialect}, {processes} process(es): {len(received)} messages for {len(expected)} due "
          f"in {elapsed:.1f} s = {len(received) / elapsed:.0f} messages/s; duplicates {duplicates}, "
          f"lost {lost}; sent per process {per}; statuses {statuses}; CPU per message: "
          f"dispatchers {cpu:.2f} ms, sink {sink_cpu * 1000 / max(len(received), 1):.2f} ms",
          flush=True)
    return duplicates == 0 and lost == 0 and statuses == {"sent": len(expected)}


def bench(url: str | None, processes: list[int], reminders: int, ctx, port: int, sink_conn) -> bool:
    """Build the rows on `url` (None: a new SQLite file), then time each number of processes."""
    from import_timing import fresh_app

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        if url:
            os.environ["BENCH_DATABASE_URL"] = url
        else:
            os.environ.pop("BENCH_DATABASE_URL", None)
        app = fresh_app(Path(tmp))
        url = app.config["DATABASE_URL"] if url is None else url
        build(app, reminders)
        for n in processes:
            ok = run(ctx, url, tmp, port, sink_conn, n, app) and ok
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--processes", default="1,2,4", help="comma-separated dispatcher counts")
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--sqlite-processes", default="1", help="counts for an SQLite run ('' for none)")
    parser.add_argument("--no-pipelining", action="store_true", help="the sink does not offer PIPELINING")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    sink_conn, child = ctx.Pipe()
    server = ctx.Process(target=sink, args=(child, not args.no_pipelining), daemon=True)
    server.start()
    port = sink_conn.recv()
    try:
        ok = bench(args.database_url, [int(n) for n in args.processes.split(",") if n],
                   args.reminders, ctx, port, sink_conn)
        if args.sqlite_processes:
            ok = bench(None, [int(n) for n in args.sqlite_processes.split(",")],
                       args.reminders, ctx, port, sink_conn) and ok
    finally:
        sink_conn.send("stop")
        server.join(10)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
