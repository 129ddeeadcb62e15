"""How the costs grow with the programme: S = 200, 1,000, 5,000, 20,000 sessions.

    .venv/bin/python bench/scale.py                       # SQLite in a temporary folder
    .venv/bin/python bench/scale.py --max 5000            # stop after 5,000 sessions
    .venv/bin/python bench/scale.py --database postgresql://postgres@127.0.0.1:5432/test_scale

For each size (bench/make_programme.py: about 3 participations per session, 16 sessions a
day): first import, re-import of the same file, export; the public feed built from nothing
and after one session moved; the public programme page (default view, nothing cached: ms
and bytes) and its grid; a speaker's public page and their portal page. Times are medians
of --runs runs (one for import, re-import and export). A second table gives the growth
factor from one size to the next: with every step ×5 in sessions, a linear cost reads ×5.
The PostgreSQL run drops and recreates the database's public schema.
"""

import argparse
import gc
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

# This checkout's `meeting`, not whichever one the virtualenv was installed from.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_timing  # noqa: E402
from make_programme import programme  # noqa: E402

from meeting.exchange import export_segment, import_programme  # noqa: E402
from meeting.exchange.yamlio import dump_text  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.lib.caches import LruCache  # noqa: E402
from meeting.models import Person, Segment, Session  # noqa: E402
from meeting.people.portal import portal_token  # noqa: E402
from meeting.programme.editing import save_programme, update_session  # noqa: E402
from meeting.site.publishing import publish_segment  # noqa: E402

SIZES = (200, 1000, 5000, 20000)
COLUMNS = (("import", "s"), ("re-import", "s"), ("export", "s"), ("feed cold", "ms"),
           ("feed changed", "ms"), ("page", "ms"), ("page", "KB"), ("grid", "ms"), ("grid", "KB"),
           ("speaker", "ms"), ("portal", "ms"))


def _timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status)
    return response


def measure(n: int, database: str | None, runs: int) -> dict[tuple[str, str], float]:
    """Every figure of one row of the table, for a programme of n sessions."""
    raw = dump_text(programme(n)).encode()
    row = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = import_timing.fresh_app(Path(tmp), database)
        with app.app_context():
            row["import", "s"], report = _timed(import_programme, raw, "bench.yaml", 256 << 20)
            assert report.created["sessions"] == n, report.summary()
            row["re-import", "s"], report = _timed(import_programme, raw, "bench.yaml", 256 << 20)
            assert report.unchanged["sessions"] == n, report.summary()
            db.session.expire_all()
            seg = db.session.scalar(select(Segment))
            row["export", "s"], _ = _timed(export_segment, seg)
            publish_segment(seg, by="bench")
            token = portal_token(db.session.scalar(select(Person).where(Person.key == "p-1")))
            db.session.remove()
        client = app.test_client()
        base = f"/segments/bench-{n}/"
        gc.collect()
        gc.freeze()  # as wsgi.py does once the app is loaded
        for url in (base, f"{base}?view=grid", f"{base}feed.ics", f"{base}people/p-1/", f"/p/{token}/"):
            _get(client, url)  # imports, template compilation: once per process

        def cold(url):
            def fetch():
                LruCache.clear_all()
                return _get(client, url)
            return fetch

        def move_one():
            with app.app_context():
                session = db.session.scalar(select(Session).order_by(Session.id).limit(1))
                update_session(session, start=session.start + timedelta(minutes=5))
                save_programme(session.segment)
                db.session.remove()

        def feed_after_change():
            move_one()
            start = time.perf_counter()
            _get(client, f"{base}feed.ics")
            return (time.perf_counter() - start) * 1000

        row["feed cold", "ms"] = _median_ms(cold(f"{base}feed.ics"), runs)
        _get(client, f"{base}feed.ics")
        row["feed changed", "ms"] = statistics.median(feed_after_change() for _ in range(runs))
        for label, url in (("page", base), ("grid", f"{base}?view=grid")):
            row[label, "ms"] = _median_ms(cold(url), runs)
            row[label, "KB"] = len(cold(url)().data) / 1000
        row["speaker", "ms"] = _median_ms(cold(f"{base}people/p-1/"), runs)
        row["portal", "ms"] = _median_ms(lambda: _get(client, f"/p/{token}/"), runs)
        with app.app_context():
            db.engine.dispose()
        gc.unfreeze()
    for unit_s in ("import", "re-import", "export"):
        row[unit_s, "s"] = round(row[unit_s, "s"], 2)
    return row


def _print_row(label: str, values: list[str]) -> None:
    print(f"| {label:>8} | " + " | ".join(f"{v:>9}" for v in values) + " |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=SIZES[-1], help="largest S to run (default 20000)")
    parser.add_argument("--sizes", help="comma-separated sizes instead of 200,1000,5000,20000")
    parser.add_argument("--database", help="a PostgreSQL URL (default: SQLite in a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="requests per median (default 3)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [s for s in SIZES if s <= args.max]
    print(f"database: {'PostgreSQL' if args.database else 'SQLite'}; runs per median: {args.runs}")
    _print_row("S", [f"{name} {unit}" for name, unit in COLUMNS])
    print("|" + "---:|" * (len(COLUMNS) + 1))
    rows = []
    for n in sizes:
        row = measure(n, args.database, args.runs)
        rows.append((n, row))
        _print_row(f"{n:,}", [f"{row[c]:.2f}" if c[1] == "s" else f"{row[c]:.1f}" for c in COLUMNS])
    if len(rows) > 1:
        print("\ngrowth from the previous size (×sessions → ×time or ×bytes):")
        _print_row("S", [f"{name} {unit}" for name, unit in COLUMNS])
        print("|" + "---:|" * (len(COLUMNS) + 1))
        for (n0, r0), (n1, r1) in zip(rows, rows[1:], strict=False):
            _print_row(f"×{n1 / n0:g}", [f"×{r1[c] / r0[c]:.1f}" if r0[c] else "-" for c in COLUMNS])


if __name__ == "__main__":
    main()
