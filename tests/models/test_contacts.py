"""A session's host and producer, a person's backup phone: phones checked, texts joined, history."""

from datetime import date

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.lib.phones import clean_phone
from meeting.models import Person, Session
from meeting.programme.editing import edit_session, save_programme
from meeting.programme.history import history
from meeting.programme.segments import duplicate_segment


@pytest.mark.parametrize(("typed", "kept"), [
    ("+1 212 963 1234", "+1 212 963 1234"),
    ("  (212) 963-1234 ", "(212) 963-1234"),
    ("+41.22.917.12.34", "+41.22.917.12.34"),
    ("+1 212 963 1234 ext. 5", "+1 212 963 1234 ext. 5"),
    ("212 963 1234 x12", "212 963 1234 x12"),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_clean_phone_keeps_numbers_as_typed(typed, kept):
    assert clean_phone(typed, "host phone") == kept


@pytest.mark.parametrize(("typed", "message"), [
    ("call the office", "host phone: 'call the office' is not a phone number (digits, spaces, "
                        "+ - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5)"),
    ("+1 212 <b>963</b>", "host phone: '+1 212 <b>963</b>' is not a phone number"),
    ("212\nx12", "host phone: '212\\nx12' is not a phone number"),
    ("12", "host phone: '12' is not a phone number"),
    ("+1 212 963 1234 ext. 5 then 6 then 7 and 8", "host phone: at most 40 characters"),
])
def test_clean_phone_refuses_what_is_not_a_number_naming_the_field(typed, message):
    with pytest.raises(ValueError) as info:
        clean_phone(typed, "host phone")
    assert str(info.value).startswith(message)


def test_session_phone_checked_on_the_model_naming_the_field(make_session):
    session = make_session()
    with pytest.raises(ValueError, match=r"^producer phone: 'ask Kwame' is not a phone number"):
        session.producer_phone = "ask Kwame"
    session.host_phone = " +1 212 963 7349 "
    assert session.host_phone == "+1 212 963 7349"


def test_person_backup_phone_checked_on_the_model(make_person):
    person = make_person()
    with pytest.raises(ValueError, match=r"^backup phone: 'none' is not a phone number"):
        person.backup_phone = "none"
    person.backup_phone = "+39 06 5705 1"
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Person, person.id).backup_phone == "+39 06 5705 1"


def test_host_and_producer_texts_leave_out_what_is_not_set(make_session):
    session = make_session(host_name="Conference Management Service", host_email="cms@un.org",
                           host_phone="+1 212 963 7349", producer_name="Kwame Mensah")
    db.session.expire_all()
    session = db.session.get(Session, session.id)
    assert session.host_text == "Conference Management Service, cms@un.org, +1 212 963 7349"
    assert session.producer_text == "Kwame Mensah"
    session.producer_name = None
    assert session.producer_text == ""


def test_contact_change_recorded_with_names_but_not_phones_or_addresses(make_session):
    session = make_session()
    edit_session(session, "officer@un.org", host_name="DGACM", host_phone="+1 212 963 7349",
                 producer_email="producer@un.org")
    save_programme(session.segment)
    entry = history(session.segment, session)[0]
    assert entry.summary == "host — → DGACM; host phone changed; producer e-mail changed"
    assert db.session.scalar(select(Session.revision).where(Session.id == session.id)) == 0


def test_duplicated_segment_keeps_each_sessions_host_and_producer(make_session):
    session = make_session(host_name="DGACM", host_phone="+1 212 963 7349", producer_name="Kwame Mensah")
    copy = duplicate_segment(session.segment, "copy", "Copy", date(2021, 7, 5), "officer@un.org")
    (copied,) = copy.sessions
    assert (copied.host_text, copied.producer_text) == ("DGACM, +1 212 963 7349", "Kwame Mensah")
