"""Time the conflict engine on 1,000 sessions and 3,000 participations (target: under 50 ms).

    .venv/bin/python bench/conflict_timing.py
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/conflict_timing.py

Loading the sessions is timed apart from the engine itself; medians of repeated runs, and
the ratio between 1,000 and 4,000 sessions to show how it grows.
"""

import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_timing import fresh_app  # noqa: E402
from make_programme import programme  # noqa: E402

from meeting.exchange import import_programme  # noqa: E402
from meeting.exchange.yamlio import dump_text  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.programme.conflicts import find_conflicts  # noqa: E402
from meeting.programme.queries import find_segment, load_sessions  # noqa: E402

NOW = datetime(2021, 1, 1, tzinfo=timezone.utc)


def median_ms(fn, *args, runs=11) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    results = {}
    for n in (1000, 4000):
        with tempfile.TemporaryDirectory() as tmp:
            app = fresh_app(Path(tmp))
            with app.app_context():
                import_programme(dump_text(programme(n)).encode(), "bench.yaml", 64 << 20)
                segment = find_segment(f"bench-{n}")
                load_ms = median_ms(load_sessions, segment, runs=5)
                sessions = load_sessions(segment)
                parts = sum(len(s.participations) for s in sessions)
                found = find_conflicts(segment, sessions, NOW)
                engine_ms = median_ms(find_conflicts, segment, sessions, NOW)
                dialect = db.engine.dialect.name
                db.engine.dispose()
        results[n] = engine_ms
        print(f"{dialect}: {n} sessions, {parts} participations, {len(found)} findings: "
              f"engine {engine_ms:.1f} ms (target < 50 ms for 1,000), loading {load_ms:.0f} ms")
    print(f"4x the sessions: {results[4000] / results[1000]:.1f}x the engine time")


if __name__ == "__main__":
    main()
