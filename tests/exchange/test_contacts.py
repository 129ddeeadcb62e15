"""Programme files carry a session's host and producer and a person's backup phone, round trip."""

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.models import Participation, Person, Segment, Session
from tests.conftest import DEFAULT_PROGRAMME
from tests.exchange.test_import import SMALL

HOST_AND_PRODUCER = (
    "    host:\n"
    "      name: Conference Management Service\n"
    "      email: cms@un.org\n"
    "      phone: +1 212 963 7349\n"
    "    producer:\n"
    "      name: Kwame Mensah\n"
    "      phone: +1 917 555 0142 ext. 3\n")


def test_default_programme_export_writes_no_contact_keys(app):
    import_file(DEFAULT_PROGRAMME)
    text = export_segment(db.session.scalar(select(Segment)))
    assert ("backup_phone:" in text, "    host:" in text, "    producer:" in text) == (False, False, False)


def test_export_contacts_then_import_into_fresh_database_is_byte_identical(app):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    s2.host_name, s2.host_email = "Conference Management Service", "cms@un.org"
    s2.host_phone = "+1 212 963 7349"
    s2.producer_name, s2.producer_phone = "Kwame Mensah", "+1 917 555 0142 ext. 3"
    db.session.scalar(select(Person).where(Person.key == "dg-fao")).backup_phone = "+39 06 5705 1"
    db.session.commit()
    first = export_segment(s2.segment)
    assert ("      dial_in: +1 646 555 0100\n" + HOST_AND_PRODUCER + "    interpretation:") in first
    assert ("    email: dg.fao@example.org\n    backup_phone: +39 06 5705 1\n"
            "    timezone: Europe/Rome\n") in first
    assert first.count("backup_phone:") == 1 and first.count("    host:\n") == 1
    for model in (Participation, Session, Segment, Person):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    assert (s2.host_text, s2.producer_text) == (
        "Conference Management Service, cms@un.org, +1 212 963 7349", "Kwame Mensah, +1 917 555 0142 ext. 3")
    assert db.session.scalar(select(Person.backup_phone).where(Person.key == "dg-fao")) == "+39 06 5705 1"
    assert export_segment(s2.segment) == first


def test_import_again_without_contacts_clears_them(app):
    text = SMALL.replace("    status: confirmed\n    participants:",
                         "    status: confirmed\n" + HOST_AND_PRODUCER + "    participants:", 1)
    import_programme(text.encode(), "small.yaml")
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    assert (s1.host_phone, s1.producer_name) == ("+1 212 963 7349", "Kwame Mensah")
    import_programme(SMALL.encode(), "small.yaml")
    db.session.expire_all()
    s1 = db.session.get(Session, s1.id)
    assert (s1.host_name, s1.host_email, s1.host_phone, s1.producer_name, s1.producer_phone) == (None,) * 5


def in_s1(lines: str):
    """SMALL with `lines` added to session S1, before its participants (the first on line 29)."""
    return lambda t: t.replace("    status: confirmed\n    participants:",
                               "    status: confirmed\n" + lines + "    participants:", 1)


@pytest.mark.parametrize(("change", "message"), [
    (in_s1("    host:\n      phone: ask the desk\n"),
     "small.yaml: line 30: session S1: host: phone: 'ask the desk' is not a phone number (digits, spaces, "
     "+ - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5)"),
    (in_s1("    producer:\n      email: k.mensah@\n"),
     "small.yaml: line 30: session S1: producer: email 'k.mensah@' is not an e-mail address"),
    (in_s1("    host:\n      fone: +1 212 963 7349\n"),
     "small.yaml: line 30: session S1: host: unknown key 'fone' (did you mean 'phone'?)"),
    (lambda t: t.replace("    timezone: Asia/Bangkok\n",
                         "    timezone: Asia/Bangkok\n    backup_phone: none\n"),
     "small.yaml: line 18: person es-escap: backup_phone: 'none' is not a phone number (digits, spaces, "
     "+ - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5)"),
])
def test_import_bad_contact_refused_naming_line_and_field_nothing_written(app, change, message):
    with pytest.raises(ProgrammeError) as info:
        import_programme(change(SMALL).encode(), "small.yaml")
    assert str(info.value) == message
    assert db.session.scalar(select(func.count(Session.id))) == 0
