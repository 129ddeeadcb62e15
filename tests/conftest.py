"""Fixtures: an app on a real database (SQLite, or PostgreSQL when MEETING_TEST_DATABASE_URL
is set), CLI runner, client, and factories for the domain objects."""

import os
from datetime import date, datetime, timezone
from itertools import count
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from meeting import PROJECT_ROOT, create_app
from meeting.exchange import import_file
from meeting.extensions import db
from meeting.lib.caches import LruCache
from meeting.models import Organization, Participation, Person, Segment, Session
from meeting.site.publishing import publish_segment
from tests.smtp_server import smtp_server  # noqa: F401  (fixture: a real SMTP server on 127.0.0.1)

DEFAULT_PROGRAMME = PROJECT_ROOT / "schedules" / "ecosoc-2020-integration-segment.yaml"


def load_published(path=DEFAULT_PROGRAMME) -> Segment:
    """Import a programme file and publish its segment, as `meeting serve` does on first run."""
    report = import_file(path)
    segment = db.session.scalar(select(Segment).where(Segment.slug == report.segment))
    publish_segment(segment, by="tests")
    return segment


# Seeded by the migration; the other tables are emptied between tests.
KEEP_TABLES = {"tag", "alembic_version"}


def _test_database_url(tmp_dir: Path) -> str:
    return os.environ.get("MEETING_TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A migrated, empty database for the whole run."""
    tmp = tmp_path_factory.mktemp("db")
    url = _test_database_url(tmp)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp / "instance", "TESTING": True})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return url


def _empty_tables():
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with db.engine.begin() as conn:
        for table in tables:
            conn.execute(table.delete())


@pytest.fixture
def app(database_url, tmp_path):
    """The app bound to the test database, with an instance folder of its own."""
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": tmp_path / "instance",
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()
    # Emptied tables hand out the same ids again: no cached page or feed may survive.
    LruCache.clear_all()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `flask meeting …`."""
    return app.test_cli_runner()


@pytest.fixture
def dialect(app) -> str:
    """'sqlite' or 'postgresql'."""
    return db.engine.dialect.name


_seq = count(1)


@pytest.fixture
def make_segment(app):
    """Factory: a published segment in New York, 6–7 July 2020 unless overridden."""

    def make(**overrides) -> Segment:
        n = next(_seq)
        values = {
            "slug": f"segment-{n}",
            "title": f"Segment {n}",
            "timezone": "America/New_York",
            "start_date": date(2020, 7, 6),
            "end_date": date(2020, 7, 7),
            "published": True,
        }
        values.update(overrides)
        segment = Segment(**values)
        db.session.add(segment)
        db.session.commit()
        return segment

    return make


@pytest.fixture
def make_person(app):
    """Factory: a person (with an organization) in the zone given, New York by default."""

    def make(**overrides) -> Person:
        n = next(_seq)
        values = {"key": f"person-{n}", "name": f"Chair, Commission {n}",
                  "timezone": "America/New_York", "languages": ["en"]}
        if "organization" not in overrides:
            values["organization"] = Organization(key=f"org-{n}", name=f"Commission {n}",
                                                  kind="functional-commission")
        values.update(overrides)
        person = Person(**values)
        db.session.add(person)
        db.session.commit()
        return person

    return make


@pytest.fixture
def make_session(app, make_segment):
    """Factory: a 60-minute confirmed session at 2020-07-06 13:00 UTC (09:00 in New York)."""

    def make(**overrides) -> Session:
        n = next(_seq)
        values = {
            "code": f"S{n}",
            "title": f"Session {n}",
            "kind": "thematic",
            "start": datetime(2020, 7, 6, 13, 0, tzinfo=timezone.utc),
            "duration_minutes": 60,
            "status": "confirmed",
            "revision": 0,
        }
        values.update(overrides)
        if "segment" not in values:
            values["segment"] = make_segment()
        session = Session(**values)
        db.session.add(session)
        db.session.commit()
        return session

    return make


@pytest.fixture
def make_participation(app, make_session, make_person):
    """Factory: a person in a session as a panelist."""

    def make(**overrides) -> Participation:
        values = {"role": "panelist", "position": 1, "minutes": 5, "status": "invited"}
        values.update(overrides)
        values.setdefault("session", make_session())
        values.setdefault("person", make_person())
        participation = Participation(**values)
        db.session.add(participation)
        db.session.commit()
        return participation

    return make
