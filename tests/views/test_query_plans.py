"""PostgreSQL reads a speaker's, a session's and a person's page through indexes.

Every SQL statement those pages send is captured (SQLAlchemy's before_cursor_execute) and
EXPLAINed against two segments of 1,000 sessions each, ANALYZEd: large enough that the planner
prefers an index over reading the table whenever an index exists. A Seq Scan of
`participation` or `session` means a lookup without an index: it grows with the whole
programme, however few rows the page shows.
"""

import os
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, select, text

from meeting.exchange import import_programme
from meeting.exchange.yamlio import FlowList, dump_text
from meeting.extensions import db
from meeting.models import Person, Segment
from meeting.people.portal import portal_token
from meeting.site.publishing import publish_segment

pytestmark = pytest.mark.skipif(
    not os.environ.get("MEETING_TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="query plans are checked on PostgreSQL only (MEETING_TEST_DATABASE_URL is not PostgreSQL)")

SESSIONS = 1000
WATCHED = ("participation", "session")


def _programme(slug: str, n: int) -> dict:
    """n sessions, 20 a day half an hour apart, each with 3 of n // 2 people, a tech check every 10th."""
    people = [{"key": f"{slug}-p{i}", "name": f"Person {i}", "timezone": "Europe/Rome"}
              for i in range(n // 2)]
    sessions = []
    first = datetime(2021, 1, 11, 8, 0)
    for i in range(n):
        start = first + timedelta(days=i // 20, minutes=30 * (i % 20))
        sessions.append({
            "code": f"S{i}", "title": f"Session {i}", "kind": "thematic", "status": "confirmed",
            "start": f"{start:%Y-%m-%d %H:%M}", "end": f"{start + timedelta(minutes=30):%H:%M}",
            "tags": FlowList([f"sdg-{i % 17 + 1}"]),
            "participants": [{"person": f"{slug}-p{(i + k * 7) % (n // 2)}", "role": role}
                             for k, role in enumerate(("chair", "panelist", "lead-discussant"))],
        })
        if i % 10 == 0:
            sessions.append({"code": f"T{i}", "title": f"Tech check {i}", "kind": "tech-check",
                             "start": f"{start - timedelta(minutes=10):%Y-%m-%d %H:%M}",
                             "end": f"{start - timedelta(minutes=5):%H:%M}", "parent": f"S{i}"})
    last = first + timedelta(days=(n - 1) // 20)
    return {"format": "meeting-programme/1",
            "segment": {"slug": slug, "title": slug, "timezone": "America/New_York",
                        "start_date": f"{first:%Y-%m-%d}", "end_date": f"{last:%Y-%m-%d}"},
            "people": people, "sessions": sessions}


@pytest.fixture
def large_programme(app):
    """Two published segments of SESSIONS sessions each (the import refreshes the statistics)."""
    for slug in ("plans-a", "plans-b"):
        import_programme(dump_text(_programme(slug, SESSIONS)).encode(), f"{slug}.yaml", 16 << 20)
        publish_segment(db.session.scalar(select(Segment).where(Segment.slug == slug)), by="tests")
    db.session.commit()


def _statements(app, url: str) -> list[tuple[str, object]]:
    """Every SELECT a GET of url sends to the database, with its parameters."""
    seen = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            response = app.test_client().get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
    assert response.status_code == 200, (url, response.status)
    return seen


def _sequential_scans(statement: str, parameters) -> list[str]:
    """The watched tables a statement's plan reads in full."""
    with db.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters).scalar()
    found, nodes = [], [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        if node["Node Type"] == "Seq Scan" and node["Relation Name"] in WATCHED:
            found.append(node["Relation Name"])
        nodes.extend(node.get("Plans", []))
    return found


def _page_urls() -> dict[str, str]:
    person = db.session.scalar(select(Person).where(Person.key == "plans-a-p5"))
    return {
        "speaker portal": f"/p/{portal_token(person)}/",
        "speaker public page": "/segments/plans-a/people/plans-a-p5/",
        "session page": "/segments/plans-a/sessions/S120/",
        "session calendar file": "/segments/plans-a/sessions/S120.ics",
    }


def test_page_queries_on_postgresql_use_indexes(app, large_programme):
    # The check itself can fail: a lookup by an unindexed column reads the whole table.
    assert _sequential_scans("SELECT id FROM session WHERE title = %(t)s", {"t": "Session 5"}) == ["session"]
    scans = {}
    for page, url in _page_urls().items():
        statements = _statements(app, url)
        assert statements, url
        for statement, parameters in statements:
            if tables := _sequential_scans(statement, parameters):
                scans[page, " ".join(statement.split())[:200]] = tables
    assert scans == {}



def test_import_on_postgresql_refreshes_the_planner_statistics(app, large_programme):
    # Without them, right after a big import a speaker's page walked every session.
    rows = db.session.execute(text(
        "SELECT relname, last_analyze IS NOT NULL, n_live_tup FROM pg_stat_user_tables "
        "WHERE relname IN ('session', 'participation', 'person') ORDER BY relname")).all()
    assert [(name, analyzed) for name, analyzed, _ in rows] == [
        ("participation", True), ("person", True), ("session", True)]
    plan = db.session.execute(text(
        "EXPLAIN (FORMAT JSON) SELECT session.id FROM session WHERE session.id IN "
        "(SELECT participation.session_id FROM participation JOIN person ON person.id = "
        "participation.person_id WHERE person.key = 'plans-a-p5')")).scalar()
    assert "Seq Scan" not in str(plan)
    assert plan[0]["Plan"]["Plan Rows"] < 50  # the planner knows a speaker has few sessions
