"""A dispatcher process killed mid-batch: what it had sent is never sent again, the rest once."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy

from meeting import PROJECT_ROOT
from meeting.extensions import db
from meeting.lib.emails import message_id
from meeting.reminders.dispatch import STALE_AFTER, dispatch_due, flag_stale
from tests.reminders.test_reminders import DAY, START, crowded, deliveries, programme  # noqa: F401

BATCH = 10  # 33 reminders due: batches of 10, 10, 10 and 3


def _received(smtp_server) -> Counter:
    return Counter(message_from_bytes(m.content, policy=policy.default)["Message-ID"]
                   for m in smtp_server.messages)


def _due_by_status(now) -> Counter:
    return Counter(r.status for r in deliveries() if r.due_at <= now)  # not the later policies


def _start_dispatcher(app, database_url, smtp_server, tmp_path, now) -> subprocess.Popen:
    config = {"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path / "dispatcher"),
              "TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"], "MAIL_URL": smtp_server.url,
              "MAIL_FROM": app.config["MAIL_FROM"]}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reminders.dispatcher_process", json.dumps(config),
         now.isoformat(), str(BATCH), "doomed"],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when_held(process: subprocess.Popen, held, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not held.wait(0.05):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate()
            raise AssertionError(f"the dispatcher never reached the held DATA: {err.decode()[-2000:]}")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_dispatcher_killed_mid_batch_sent_never_resent_rest_once(
        app, database_url, crowded, smtp_server, tmp_path):  # noqa: F811
    now = START - 7 * DAY  # the 33 "7 days before" reminders are due
    db.session.commit()
    # The first batch (10) goes through and is recorded; of the second, 5 are accepted and
    # the 6th hangs in DATA when the process is killed.
    held = smtp_server.hold_data_after(15)
    _kill_when_held(_start_dispatcher(app, database_url, smtp_server, tmp_path, now), held)

    assert _due_by_status(now) == {"sent": 10, "sending": 10, "pending": 13}
    in_flight = {r.id for r in deliveries("sending")}
    assert {r.claimed_by for r in deliveries("sending")} == {"doomed"}
    received_before = _received(smtp_server)
    assert sum(received_before.values()) == 15

    smtp_server.release_data()
    later = now + STALE_AFTER + timedelta(seconds=1)
    assert set(flag_stale(later)) == in_flight
    report = dispatch_due(later, worker="after")
    assert len(report.sent) == 13 and report.flagged == []

    received = _received(smtp_server)
    assert max(received.values()) == 1  # nothing received twice
    assert sum(received.values()) == 28  # 15 before the kill, then the 13 never claimed
    attention = deliveries("needs-attention")
    assert {r.id for r in attention} == in_flight
    # Of the rows in flight, 5 had been accepted by the server and 5 had not: none again.
    assert sum(message_id(r.message_id) in received for r in attention) == 5
    sent = deliveries("sent")
    assert len(sent) == 23
    assert all(received[message_id(r.message_id)] == 1 for r in sent)
    assert _due_by_status(now) == {"sent": 23, "needs-attention": 10}
