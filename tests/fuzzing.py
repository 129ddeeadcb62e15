"""Helpers for the fuzz tests: a dump of the whole database, and Hypothesis settings."""

from hypothesis import HealthCheck, settings
from sqlalchemy import select

from meeting.extensions import db

# Bounded: each fuzz test runs for seconds, on SQLite and on PostgreSQL alike.
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def database_dump() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, to compare before and after."""
    db.session.expire_all()
    dump = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        dump[table.name] = sorted((tuple(str(v) for v in row) for row in rows))
    return dump
