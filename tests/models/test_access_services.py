"""A session's live captions (CART) and interpretation platform: checked on the model, recorded, copied."""

from datetime import date

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Session
from meeting.programme.editing import edit_session, save_programme
from meeting.programme.history import history
from meeting.programme.segments import duplicate_segment

ACCESS = {"captioning": ["en", "fr"], "captioning_url": "https://www.streamtext.net/player?event=IS2020",
          "interpretation_platform": "KUDO", "interpretation_url": "https://live.kudoway.com/k/IS2020"}


@pytest.mark.parametrize(("name", "value", "message"), [
    ("captioning_url", "javascript:alert(1)",
     "captioning url: 'javascript:alert(1)' is not an http:// or https:// address"),
    ("interpretation_url", "ftp://example.org/rsi",
     "interpretation url: 'ftp://example.org/rsi' is not an http:// or https:// address"),
    ("captioning", ["en", "English"], "captioning: 'English' is not a language code like en"),
])
def test_session_access_checked_on_the_model_naming_the_field(make_session, name, value, message):
    session = make_session()
    with pytest.raises(ValueError) as info:
        setattr(session, name, value)
    assert str(info.value) == message


def test_session_access_saved_and_read_back(make_session):
    session = make_session(**ACCESS)
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(Session, session.id)
    assert {name: getattr(again, name) for name in ACCESS} == ACCESS


def test_session_without_access_has_no_captioning_and_no_links(make_session):
    session = make_session()
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(Session, session.id)
    assert (again.captioning, again.captioning_url, again.interpretation_platform,
            again.interpretation_url) == ([], None, None, None)


def test_access_change_recorded_naming_the_fields_revision_kept(make_session):
    session = make_session()
    edit_session(session, "officer@un.org", **ACCESS)
    save_programme(session.segment)
    entry = history(session.segment, session)[0]
    assert entry.summary == ("live captions changed; "
                             "live captions link — → https://www.streamtext.net/player?event=IS2020; "
                             "interpretation platform — → KUDO; "
                             "interpretation link — → https://live.kudoway.com/k/IS2020")
    assert db.session.scalar(select(Session.revision).where(Session.id == session.id)) == 0


def test_duplicated_segment_keeps_each_sessions_access_services(make_session):
    session = make_session(**ACCESS)
    copy = duplicate_segment(session.segment, "copy", "Copy", date(2021, 7, 5), "officer@un.org")
    (copied,) = copy.sessions
    assert {name: getattr(copied, name) for name in ACCESS} == ACCESS
