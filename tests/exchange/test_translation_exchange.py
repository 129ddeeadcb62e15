"""Translations in programme files: the segment's original language and each session's and key
message's translations, written only when set, read back byte for byte, bad ones refused."""

import pytest
from sqlalchemy import select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.models import KeyMessage, KeyMessageTranslation, Segment, Session, SessionTranslation
from tests.conftest import DEFAULT_PROGRAMME
from tests.exchange.test_import import SMALL


def _translations() -> list[tuple]:
    return [(s.code, t.language, t.title, t.description) for s, t in db.session.execute(
        select(Session, SessionTranslation).join(SessionTranslation)
        .order_by(Session.code, SessionTranslation.language))]


def test_default_programme_has_french_and_spanish_translations(app):
    import_file(DEFAULT_PROGRAMME)
    found = [(code, language, title) for code, language, title, _ in _translations()]
    assert found == [
        ("S1", "es", "Apertura de la serie de sesiones de integración de 2020"),
        ("S1", "fr", "Ouverture du débat consacré à l’intégration de 2020"),
        ("S2", "fr", "Préparation, riposte et relèvement face à la COVID-19 selon les points d’entrée du "
                     "Rapport mondial sur le développement durable (I) : bien-être et capacités des "
                     "personnes ; systèmes alimentaires et modes de nutrition"),
    ]
    assert _translations()[1][3].startswith("Déclaration liminaire du Vice-Président")


def test_export_translations_in_un_order_and_round_trip_byte_identical(app):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    message = db.session.scalars(select(KeyMessage).order_by(KeyMessage.id)).first()
    message.translations.append(KeyMessageTranslation(language="ru", text="Ключевое сообщение."))
    message.translations.append(KeyMessageTranslation(language="ar", text="رسالة رئيسية."))
    db.session.commit()
    first = export_segment(segment)
    assert "original_language" not in first
    assert "    translations:\n      fr:\n        title: Ouverture du débat" in first
    s1 = first.split("  - code: S1\n")[1].split("  - code: S2\n")[0]
    assert s1.index("      fr:\n") < s1.index("      es:\n")
    assert "    translations:\n      ar: رسالة رئيسية.\n      ru: Ключевое сообщение.\n" in first
    assert first.count("translations:") == 3
    import_programme(first.encode(), "first.yaml")
    db.session.expire_all()
    assert export_segment(db.session.scalar(select(Segment))) == first


def test_export_original_language_written_when_not_english_and_read_back(app):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    french = select(SessionTranslation).where(SessionTranslation.language == "fr")
    for translation in db.session.scalars(french):
        db.session.delete(translation)
    segment.original_language = "fr"
    db.session.commit()
    first = export_segment(segment)
    assert "  original_language: fr\n" in first
    for model in (SessionTranslation, KeyMessageTranslation):
        db.session.execute(model.__table__.delete())
    segment.original_language = "en"
    db.session.commit()
    import_programme(first.encode(), "first.yaml")
    db.session.expire_all()
    segment = db.session.scalar(select(Segment))
    assert segment.original_language == "fr"
    assert [(c, lang) for c, lang, _, _ in _translations()] == [("S1", "es")]
    assert export_segment(segment) == first


def test_import_without_translations_keeps_them_with_replaces_them(app):
    text = SMALL.replace("    title: Opening\n", "    title: Opening\n    translations:\n"
                         "      fr:\n        title: Ouverture\n      es:\n        title: Apertura\n")
    import_programme(text.encode(), "small.yaml")
    assert _translations() == [("S1", "es", "Apertura", None), ("S1", "fr", "Ouverture", None)]
    import_programme(SMALL.encode(), "small.yaml")
    assert len(_translations()) == 2
    only_french = text.replace("      es:\n        title: Apertura\n", "")
    import_programme(only_french.encode(), "small.yaml")
    db.session.expire_all()
    assert _translations() == [("S1", "fr", "Ouverture", None)]


@pytest.mark.parametrize(("translations", "message"), [
    ("      de:\n        title: Eröffnung\n",
     "line 26: session S1: translations: 'de' is not one of the six UN languages (ar, zh, en, fr, ru, es)"),
    ("      en:\n        title: Opening\n",
     "line 23: session S1: translations: en is the segment's original language; write that text in "
     "the entry itself"),
    ("      fr:\n        description: Sans titre\n",
     "line 27: session S1: translations: fr: title is missing"),
    ("      fr: Ouverture\n",
     "line 26: session S1: translations: fr must be a mapping with title and description"),
])
def test_import_bad_translation_refused_and_nothing_changed(app, translations, message):
    text = SMALL.replace("    title: Opening\n", "    title: Opening\n    translations:\n" + translations)
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "small.yaml")
    assert str(info.value) == f"small.yaml: {message}"
    assert db.session.scalars(select(Session)).all() == []


def test_import_bad_original_language_refused(app):
    text = SMALL.replace("  end_date: 2020-07-09\n", "  end_date: 2020-07-09\n  original_language: de\n")
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "small.yaml")
    assert str(info.value) == ("small.yaml: line 8: segment: original_language 'de' is not one of: "
                               "ar, zh, en, fr, ru, es")


def test_import_key_message_translation_into_original_language_refused(app):
    text = SMALL + ("key_messages:\n  - organization: escap\n    text: Data for everyone.\n"
                    "    translations:\n      en: Data for everyone.\n")
    with pytest.raises(ProgrammeError) as info:
        import_programme(text.encode(), "small.yaml")
    assert str(info.value) == ("small.yaml: line 50: key message 1: translations: en is the segment's "
                               "original language; write that text in the entry itself")


def test_import_key_message_translations_applied(app):
    text = SMALL + ("key_messages:\n  - organization: escap\n    text: Data for everyone.\n"
                    "    translations:\n      fr: Des données pour tous.\n")
    import_programme(text.encode(), "small.yaml")
    assert [(t.language, t.text) for t in db.session.scalars(select(KeyMessageTranslation))] == [
        ("fr", "Des données pour tous.")]
