"""Median server time of the organizer's day view and dashboard for 1,000 sessions.

    .venv/bin/python bench/page_timing.py

1,000 sessions and 3,000 participations (bench/make_programme.py), requests through the
Flask test client as a logged-in organizer; targets from the issue: under 100 ms each.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_timing import fresh_app  # noqa: E402
from make_programme import programme  # noqa: E402

from meeting.exchange import import_programme  # noqa: E402
from meeting.exchange.yamlio import dump_text  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.models import Session, User  # noqa: E402
from meeting.people.accounts import create_user  # noqa: E402
from meeting.programme.editing import save_programme, update_session  # noqa: E402

RUNS = 15


def median_ms(client, url) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = fresh_app(Path(tmp))
        app.config["WTF_CSRF_ENABLED"] = False
        with app.app_context():
            import_programme(dump_text(programme(1000)).encode(), "bench.yaml", 64 << 20)
            create_user("bench@example.org", "organizer", "bench-password-long")
            user_id = db.session.scalar(db.select(User.id))
            dialect = db.engine.dialect.name
            db.session.remove()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = str(user_id)
            session["_fresh"] = True
        base = "/organizer/segments/bench-1000"
        for label, url in (("dashboard", f"{base}/"), ("day view", f"{base}/days/2021-01-11"),
                           ("day events (JSON)", f"{base}/days/2021-01-11/events.json"),
                           ("conflicts panel", f"{base}/conflicts.fragment")):
            print(f"{dialect}: {label:18} median {median_ms(client, url):7.1f} ms (target < 100 ms)")
        # After each change the conflicts are computed again once (then cached).
        times = []
        for i in range(5):
            with app.app_context():
                session = db.session.scalar(db.select(Session).order_by(Session.id).limit(1))
                update_session(session, title=f"Session 1 ({i})")
                save_programme(session.segment)
            start = time.perf_counter()
            assert client.get(f"{base}/conflicts.fragment").status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        print(f"{dialect}: conflicts panel, first request after a change: median "
              f"{statistics.median(times):.1f} ms")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
