"""Programme files carry a person's preferred language (their e-mails and portal), round trip."""

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.models import Participation, Person, Segment, Session
from tests.conftest import DEFAULT_PROGRAMME
from tests.exchange.test_import import SMALL


def test_preferred_language_export_then_import_is_byte_identical(app):
    import_file(DEFAULT_PROGRAMME)
    db.session.scalar(select(Person).where(Person.key == "dg-fao")).preferred_language = "fr"
    db.session.commit()
    first = export_segment(db.session.scalar(select(Segment)))
    assert "    languages: [en, zh]\n    preferred_language: fr\n" in first
    assert first.count("preferred_language:") == 1
    for model in (Participation, Session, Segment, Person):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    person = db.session.scalar(select(Person).where(Person.key == "dg-fao"))
    assert (person.preferred_language, person.language) == ("fr", "fr")
    assert export_segment(db.session.scalar(select(Segment))) == first


def test_preferred_language_absent_means_english(app):
    import_programme(SMALL.encode(), "small.yaml")
    person = db.session.scalar(select(Person).where(Person.key == "es-escap"))
    assert (person.preferred_language, person.language) == (None, "en")


def test_preferred_language_unknown_refused_naming_line_and_field(app):
    text = SMALL.replace("    timezone: Asia/Bangkok\n",
                         "    timezone: Asia/Bangkok\n    preferred_language: de\n")
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "small.yaml")
    assert str(info.value) == ("small.yaml: line 18: person es-escap: preferred_language 'de' is not "
                               "one of: ar, zh, en, fr, ru, es")
    assert db.session.scalar(select(func.count(Person.id))) == 0
