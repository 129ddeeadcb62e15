"""Which text a page shows for the organizer's content: the translation, or the original marked."""

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import ChangeLog, SessionTranslation
from meeting.programme.public import load_public_sessions
from meeting.programme.translations import (
    Localized,
    TranslationError,
    localized,
    remove_session_translation,
    set_session_translation,
)


@pytest.fixture
def session(make_session):
    session = make_session(title="Opening", description="Remarks by the President.")
    db.session.add(SessionTranslation(session=session, language="fr", title="Ouverture",
                                      description="Allocution de la Présidente."))
    db.session.commit()
    return session


def test_localized_translation_present_is_shown_in_its_language(session):
    assert localized(session, "title", "fr") == Localized("Ouverture", "fr", False, False)
    assert localized(session, "description", "fr") == Localized(
        "Allocution de la Présidente.", "fr", False, False)


def test_localized_translation_missing_gives_original_marked_foreign(session):
    assert localized(session, "title", "es") == Localized("Opening", "en", True, True)
    assert localized(session, "title", "ar") == Localized("Opening", "en", True, True)


def test_localized_page_in_original_language_needs_no_label(session):
    assert localized(session, "title", "en") == Localized("Opening", "en", True, False)


def test_localized_missing_translated_description_falls_back_to_original_field_by_field(session):
    set_session_translation(session, "es", "Apertura", "", "organizer@un.org")
    assert localized(session, "title", "es") == Localized("Apertura", "es", False, False)
    assert localized(session, "description", "es") == Localized(
        "Remarks by the President.", "en", True, True)


def test_localized_empty_original_needs_no_label(make_session):
    session = make_session(description=None)
    assert localized(session, "description", "fr") == Localized(None, "en", True, False)


def test_localized_segment_in_french_shows_french_original_on_french_page(make_segment, make_session):
    segment = make_segment(original_language="fr")
    session = make_session(segment=segment, title="Ouverture")
    assert localized(session, "title", "fr") == Localized("Ouverture", "fr", True, False)
    assert localized(session, "title", "en") == Localized("Ouverture", "fr", True, True)


def test_localized_public_rows_carry_only_the_language_asked_for(session):
    set_session_translation(session, "es", "Apertura", None, "organizer@un.org")
    row = load_public_sessions(session.segment, language="es")[0]
    assert (row.original_language, row.translations) == (
        "en", {"es": {"title": "Apertura", "description": None}})
    assert load_public_sessions(session.segment)[0].translations == {}
    assert localized(row, "title", "es") == Localized("Apertura", "es", False, False)
    assert localized(row, "title", "fr") == Localized("Opening", "en", True, True)


def test_set_translation_unknown_language_refused_naming_the_field(session):
    with pytest.raises(TranslationError) as refused:
        set_session_translation(session, "de", "Eröffnung", None, "organizer@un.org")
    assert str(refused.value) == "language: 'de' is not one of the six UN languages (ar, zh, en, fr, ru, es)"


def test_set_translation_in_original_language_refused(session):
    with pytest.raises(TranslationError) as refused:
        set_session_translation(session, "en", "Opening", None, "organizer@un.org")
    assert str(refused.value) == ("language: English is the original language of this segment; "
                                  "change the text itself, not a translation")


def test_set_translation_empty_title_refused_and_nothing_saved(session):
    with pytest.raises(TranslationError) as refused:
        set_session_translation(session, "es", "  ", "Palabras", "organizer@un.org")
    assert str(refused.value) == "title: write the translated text (it is empty)"
    db.session.rollback()
    assert db.session.scalars(select(SessionTranslation.language)).all() == ["fr"]


def test_set_translation_changes_existing_and_moves_change_stamp(session):
    before = session.segment.changed_at
    set_session_translation(session, "fr", "Séance d'ouverture", None, "organizer@un.org")
    assert [(t.language, t.title, t.description) for t in session.translations] == [
        ("fr", "Séance d'ouverture", None)]
    assert session.segment.changed_at > before
    assert db.session.scalars(select(ChangeLog.summary)).all() == [f"{session.code}: fr translation changed"]


def test_remove_translation_moves_change_stamp(session):
    before = session.segment.changed_at
    assert remove_session_translation(session, "fr", "organizer@un.org") is True
    assert db.session.scalars(select(SessionTranslation)).all() == []
    assert session.segment.changed_at > before
    assert remove_session_translation(session, "fr", "organizer@un.org") is False
