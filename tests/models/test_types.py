"""The UTC datetime column on the real database."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import StatementError

from meeting.extensions import db
from meeting.models import Session


def test_utc_datetime_naive_value_refused(make_session):
    session = make_session()
    session.start = datetime(2020, 7, 6, 9, 0)
    with pytest.raises(StatementError) as info:
        db.session.commit()
    assert "naive datetime 2020-07-06T09:00:00 refused" in str(info.value)
    db.session.rollback()


def test_utc_datetime_other_zone_stored_as_same_instant_in_utc(make_session):
    session = make_session(start=datetime(2020, 7, 6, 9, 0, tzinfo=ZoneInfo("America/New_York")))
    session_id = session.id
    db.session.expunge_all()
    loaded = db.session.get(Session, session_id)
    assert loaded.start == datetime(2020, 7, 6, 13, 0, tzinfo=timezone.utc)
    assert loaded.start.utcoffset() == timedelta(0)
    assert loaded.end == datetime(2020, 7, 6, 14, 0, tzinfo=timezone.utc)


def test_utc_datetime_orders_by_instant_not_wall_clock(make_segment, make_session):
    segment = make_segment()
    # 09:00 in Bangkok is earlier than 08:00 in New York on the same day.
    make_session(code="NY", segment=segment,
                 start=datetime(2020, 7, 6, 8, 0, tzinfo=ZoneInfo("America/New_York")))
    make_session(code="BKK", segment=segment,
                 start=datetime(2020, 7, 6, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok")))
    codes = [s.code for s in db.session.scalars(
        db.select(Session).where(Session.segment_id == segment.id).order_by(Session.start))]
    assert codes == ["BKK", "NY"]
