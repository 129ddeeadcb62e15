"""Time the public segment feed for a programme of 1,000 sessions: uncached and 304.

    .venv/bin/python bench/feed_timing.py
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/feed_timing.py

Requests go through the Flask test client (server time without the network). Targets from
the issue: under 150 ms for a feed that must be built, under 5 ms for a 304. Four cases:
built from nothing (both caches empty: the first request after a restart), a new version
after one session changed (the usual case: only that event is rebuilt), the same version
fetched again without an ETag (body cache), and a 304. Prints medians of repeated
runs; compare within one run, the machine is noisy.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_timing import fresh_app  # noqa: E402
from make_programme import programme  # noqa: E402

from meeting.exchange import import_programme  # noqa: E402
from meeting.exchange.yamlio import dump_text  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.models import Segment, Session  # noqa: E402
from meeting.programme.editing import update_session  # noqa: E402
from meeting.site.publishing import publish_segment  # noqa: E402
from meeting.views.public import EVENT_CACHE, FEED_CACHE  # noqa: E402

N = int(os.environ.get("BENCH_SESSIONS", "1000"))
RUNS = int(os.environ.get("BENCH_RUNS", "21"))


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = fresh_app(Path(tmp))
        with app.app_context():
            import_programme(dump_text(programme(N)).encode(), "bench.yaml", 64 << 20)
            # Only a published segment has a public feed.
            publish_segment(db.session.scalar(select(Segment)), by="bench")
            dialect = db.engine.dialect.name
            db.session.remove()
        client = app.test_client()
        url = f"/segments/bench-{N}/feed.ics"
        first = client.get(url)
        assert first.status_code == 200, first.status
        etag = first.headers["ETag"]

        def cold():
            FEED_CACHE.clear()
            EVENT_CACHE.clear()
            assert client.get(url).status_code == 200

        def one_changed():
            # A new version of the feed after one session moved: its event is rebuilt, the
            # other 999 come from the event cache.
            with app.app_context():
                session = db.session.scalar(select(Session).order_by(Session.id).limit(1))
                update_session(session, start=session.start + timedelta(minutes=5))
                db.session.commit()
            assert client.get(url).status_code == 200

        def warm():
            assert client.get(url).status_code == 200

        def not_modified():
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

        cold_ms, warm_ms, cached_ms = median_ms(cold), median_ms(warm), median_ms(not_modified)
        changed_ms = median_ms(one_changed)
        print(f"{dialect}: feed of {N} sessions, {len(first.data) / 1e6:.2f} MB")
        print(f"  built from nothing        median {cold_ms:7.1f} ms  (target < 150 ms)")
        print(f"  new version, 1 changed    median {changed_ms:7.1f} ms  (target < 150 ms)")
        print(f"  same version, no ETag     median {warm_ms:7.1f} ms  (body from the ETag cache)")
        print(f"  304 Not Modified          median {cached_ms:7.2f} ms  (target < 5 ms)")
        print(f"  a 304 costs {cached_ms / cold_ms:.2%} of a feed built from nothing")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
