"""Median server time of the public programme page and the open-format exports, 1,000 sessions.

    .venv/bin/python bench/public_timing.py
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/public_timing.py

1,000 sessions and 3,000 participations (bench/make_programme.py), published, requests
through the Flask test client. "nothing cached" is the first answer after a process start
(every page, export and session-block cache emptied before the request);
"after a change" is a full answer right after one session changed (the other sessions'
blocks come from the fragment cache; everything is read from the database again); "next
visitor" is another request for that same version without a copy (pages and exports are
kept by ETag); "304" is a client revalidating the version it has. Targets (issue 7):
programme page under 100 ms, 304 under 5 ms. Compare the figures of one run with each
other: the machine is noisy.
"""

import gc
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
from meeting.lib.caches import LruCache  # noqa: E402
from meeting.models import Segment, Session  # noqa: E402
from meeting.programme.editing import save_programme, update_session  # noqa: E402
from meeting.site.publishing import publish_segment  # noqa: E402

RUNS = 15
BASE = "/segments/bench-1000"
URLS = [
    ("programme page (list)", f"{BASE}/"),
    ("programme page (grid)", f"{BASE}/?view=grid"),
    ("session page", f"{BASE}/sessions/S500/"),
    ("frab schedule.xml", f"{BASE}/schedule.xml"),
    ("frab schedule.json", f"{BASE}/schedule.json"),
    ("programme.csv", f"{BASE}/programme.csv"),
    ("JSON API segment", "/api/v1/segments/bench-1000"),
]


def change_programme(app, i: int) -> None:
    """Rename one session, as an organizer would: every public page gets a new version."""
    with app.app_context():
        session = db.session.scalar(db.select(Session).order_by(Session.id).limit(1))
        update_session(session, title=f"Session 1 ({i})")
        save_programme(session.segment)
        db.session.remove()


def timed(client, url, headers=None, status=200) -> tuple[float, object]:
    start = time.perf_counter()
    response = client.get(url, headers=headers or {})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == status, (url, response.status_code)
    return elapsed, response


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = fresh_app(Path(tmp))
        with app.app_context():
            import_programme(dump_text(programme(1000)).encode(), "bench.yaml", 64 << 20)
            publish_segment(db.session.scalar(db.select(Segment)), by="bench")
            dialect = db.engine.dialect.name
            db.session.remove()
        client = app.test_client()
        gc.collect()
        gc.freeze()  # as wsgi.py does once the app is loaded
        for label, url in URLS:
            timed(client, url)  # imports, template compilation: once per process
            cold, changed, again, revalidate, size = [], [], [], [], 0
            for i in range(RUNS):
                change_programme(app, i)
                LruCache.clear_all()
                cold.append(timed(client, url)[0])
                change_programme(app, RUNS + i)
                elapsed, response = timed(client, url)
                changed.append(elapsed)
                again.append(timed(client, url)[0])
                size = len(response.data)
                etag = response.headers["ETag"]
                revalidate.append(timed(client, url, {"If-None-Match": etag}, 304)[0])
            print(f"{dialect}: {label:22} nothing cached {statistics.median(cold):6.1f} ms · "
                  f"after a change {statistics.median(changed):6.1f} ms · "
                  f"next visitor {statistics.median(again):5.1f} ms · "
                  f"304 {statistics.median(revalidate):4.2f} ms ({size / 1024:5.0f} KiB)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
