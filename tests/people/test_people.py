"""People: printed names, the directory and portal links, without a request."""

import pytest

from meeting.extensions import db
from meeting.models import Organization, Participation
from meeting.people.directory import create_person
from meeting.people.portal import person_for_token, portal_token, revoke_link
from meeting.programme.public import load_public_sessions


def test_printed_name_model_and_public_row_agree(make_person, make_session):
    fao = Organization(key="fao", name="Food and Agriculture Organization", acronym="FAO",
                       kind="specialized-agency")
    named_by_function = make_person(name="Director-General, FAO", honorific="H.E.", organization=fao,
                                    position="Director-General")
    named = make_person(name="Amina Mohammed", honorific="H.E.", organization=fao,
                        position="Deputy Secretary-General")
    session = make_session()
    db.session.add_all([
        Participation(session=session, person=named_by_function, role="keynote", position=1),
        Participation(session=session, person=named, role="panelist", position=2)])
    db.session.commit()
    (public,) = load_public_sessions(session.segment)
    rows = {s.key: s for s in public.speakers}
    for person, printed, position in (
            (named_by_function, "H.E. Director-General, FAO", None),
            (named, "H.E. Amina Mohammed, FAO", "Deputy Secretary-General")):
        row = rows[person.key]
        assert (person.with_organization, row.with_organization) == (printed, printed)
        assert (person.position_shown, row.position_shown) == (position, position)


def test_portal_token_round_trip_then_revoked(make_person):
    person = make_person()
    token = portal_token(person)
    assert person_for_token(token) is person
    fresh = revoke_link(person)
    assert person_for_token(token) is None
    assert person_for_token(fresh) is person
    assert person_for_token(token[:-2] + "xx") is None


def test_create_person_geneva_zone_refused(app):
    with pytest.raises(ValueError, match="Europe/Zurich"):
        create_person("Chair, Human Rights Council", "Europe/Geneva")
