"""Time importing programme files of 100, 1,000 and 5,000 sessions.

    .venv/bin/python bench/import_timing.py            # SQLite in a temporary folder
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/import_timing.py

For each size: the file's size, the first import (everything created), a second import of
the same file (everything compared, nothing written) and an export. The PostgreSQL run
drops and recreates the database's public schema. Machine noise is large here: compare
the ratios between sizes within one run rather than absolute times across runs.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_programme import programme  # noqa: E402

from meeting import create_app  # noqa: E402
from meeting.exchange import export_segment, import_programme  # noqa: E402
from meeting.exchange.yamlio import dump_text  # noqa: E402
from meeting.extensions import db  # noqa: E402
from meeting.models import Segment  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,5000").split(",")]


def fresh_app(tmp: Path, database: str | None = None):
    """An app on an empty, migrated database: `database`, BENCH_DATABASE_URL or SQLite in tmp."""
    url = database or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite'}"
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
    return app


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main():
    rows = []
    for n in SIZES:
        raw = dump_text(programme(n)).encode()
        with tempfile.TemporaryDirectory() as tmp:
            app = fresh_app(Path(tmp))
            with app.app_context():
                dialect = db.engine.dialect.name
                first, report = timed(import_programme, raw, f"bench-{n}.yaml", 64 << 20)
                assert report.created["sessions"] == n, report.summary()
                again, report = timed(import_programme, raw, f"bench-{n}.yaml", 64 << 20)
                assert report.unchanged["sessions"] == n, report.summary()
                db.session.expire_all()
                seg = db.session.scalar(select(Segment))
                export, _ = timed(export_segment, seg)
                db.session.remove()
                db.engine.dispose()
        rows.append((n, len(raw), first, again, export))
        print(f"{dialect:10} {n:>6} sessions  {len(raw) / 1e6:6.2f} MB  first import {first:7.2f} s"
              f"  re-import {again:7.2f} s  export {export:6.2f} s", flush=True)
    base_n, _, base_first, _, _ = rows[0]
    for n, _, first, _, _ in rows[1:]:
        print(f"first import: {n} sessions take {first / base_first:.1f}x the time of "
              f"{base_n} ({n / base_n:.0f}x the sessions)")


if __name__ == "__main__":
    main()
