"""segment.changed_at moves on every change to what a segment's programme shows."""

from datetime import timedelta

import pytest

from meeting.extensions import db
from meeting.models import Participation
from meeting.programme.editing import update_session


@pytest.fixture
def setup(make_segment, make_session, make_person):
    segment, other = make_segment(), make_segment()
    session = make_session(segment=segment)
    person = make_person()
    session.participations.append(Participation(person=person, role="panelist", position=1))
    db.session.commit()
    return segment, other, session, person


def stamps(*segments):
    db.session.expire_all()
    return [s.changed_at for s in segments]


@pytest.mark.parametrize("change", ["title", "move", "add", "remove", "reorder", "rename"])
def test_changed_at_moves_on_programme_change_only_for_its_segment(setup, change, make_person):
    segment, other, session, person = setup
    newcomer = make_person()
    before, other_before = stamps(segment, other)
    if change == "title":
        update_session(session, title="New title")
    elif change == "move":
        update_session(session, start=session.start + timedelta(minutes=15))
    elif change == "add":
        session.participations.append(Participation(person=newcomer, role="moderator",
                                                    position=2))
    elif change == "remove":
        session.participations.remove(session.participations[0])
    elif change == "reorder":
        session.participations[0].position = 5
    elif change == "rename":
        person.name = "Chair, Statistical Commission (acting)"
    db.session.commit()
    after, other_after = stamps(segment, other)
    assert after > before
    assert other_after == other_before


def test_changed_at_unchanged_when_nothing_changes(setup):
    segment, _other, session, _person = setup
    before = stamps(segment)[0]
    update_session(session, title=session.title)
    db.session.commit()
    assert stamps(segment)[0] == before
