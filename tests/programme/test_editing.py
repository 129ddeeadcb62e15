"""Session edits: revision for calendar SEQUENCE, version for optimistic locking."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError

from meeting.extensions import db
from meeting.models import Session
from meeting.programme.editing import update_session


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", datetime(2020, 7, 6, 14, 0, tzinfo=timezone.utc)),
        ("duration_minutes", 90),
        ("status", "cancelled"),
        ("join_url", "https://example.org/join/new"),
    ],
)
def test_update_session_calendar_field_raises_revision(make_session, field, value):
    session = make_session()
    changed = update_session(session, **{field: value})
    db.session.commit()
    assert changed == {field}
    assert session.revision == 1


def test_update_session_title_keeps_revision(make_session):
    session = make_session()
    assert update_session(session, title="New title", passcode="1234") == {"title", "passcode"}
    db.session.commit()
    assert session.revision == 0


def test_update_session_same_value_changes_nothing(make_session):
    session = make_session()
    version = session.version
    assert update_session(session, start=session.start, title=session.title) == set()
    db.session.commit()
    assert (session.revision, session.version) == (0, version)


def test_update_session_new_session_stays_at_revision_zero(make_segment):
    session = Session(code="N1", segment=make_segment(), title="t", kind="thematic",
                      start=datetime(2020, 7, 6, 13, 0, tzinfo=timezone.utc),
                      duration_minutes=30, revision=0)
    update_session(session, start=session.start + timedelta(hours=1))
    assert session.revision == 0


def test_update_session_unknown_field_refused(make_session):
    with pytest.raises(ValueError) as info:
        update_session(make_session(), code="X", revision=7)
    assert str(info.value) == "not an editable session field: code, revision"


def test_session_version_increments_on_every_update(make_session):
    session = make_session()
    assert session.version == 1
    update_session(session, title="Second")
    db.session.commit()
    assert session.version == 2


def test_session_stale_version_refused(make_session):
    session = make_session()
    assert session.version == 1  # loaded by this organizer
    # Another organizer saves first, through another connection.
    with db.engine.begin() as other:
        other.execute(update(Session).where(Session.id == session.id).values(version=2))
    update_session(session, title="Mine")
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
