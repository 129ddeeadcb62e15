"""The organizer adds, changes and removes translations of sessions and key messages; bad
input is refused with an error naming the field and nothing saved; every form needs CSRF."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import KeyMessage, KeyMessageTranslation, Session, SessionTranslation
from tests.conftest import load_published
from tests.views.pages import csrf, login

SLUG = "ecosoc-2020-integration-segment"


@pytest.fixture
def s4(client):
    load_published()
    login(client)
    return db.session.scalar(select(Session).where(Session.code == "S4"))


def editor(session) -> str:
    return f"/organizer/sessions/{session.id}/edit"


def _post(client, session, **data):
    return client.post(f"/organizer/sessions/{session.id}/translations",
                       data={"csrf_token": csrf(client, editor(session)), **data})


def _saved(session_id: int) -> list[tuple]:
    db.session.expire_all()
    return [(t.language, t.title, t.description) for t in db.session.scalars(
        select(SessionTranslation).where(SessionTranslation.session_id == session_id)
        .order_by(SessionTranslation.language))]


def test_translation_editor_adds_french_title_and_description(client, s4):
    response = _post(client, s4, language="fr", title="Dialogue interactif", description="Un dialogue.")
    assert (response.status_code, response.headers["Location"]) == (302, editor(s4) + "#translations")
    assert _saved(s4.id) == [("fr", "Dialogue interactif", "Un dialogue.")]
    html = lxml.html.fromstring(client.get(editor(s4)).data)
    form = html.xpath("//form[@id='translation-fr']")[0]
    assert form.xpath(".//input[@name='title']/@value") == ["Dialogue interactif"]
    assert form.xpath(".//input[@name='title']/@lang") == ["fr"]
    assert html.xpath("//form[@id='translation-new']//select[@name='language']/option/@value") == [
        "ar", "zh", "ru", "es"]


def test_translation_editor_changes_and_removes(client, s4):
    _post(client, s4, language="es", title="Diálogo", description="")
    _post(client, s4, language="es", title="Diálogo interactivo", description="")
    assert _saved(s4.id) == [("es", "Diálogo interactivo", None)]
    response = client.post(f"/organizer/sessions/{s4.id}/translations/es/delete",
                           data={"csrf_token": csrf(client, editor(s4))})
    assert response.status_code == 302 and _saved(s4.id) == []


@pytest.mark.parametrize(("data", "error"), [
    ({"language": "de", "title": "Dialog"},
     "Translation not saved: language: 'de' is not one of the six UN languages (ar, zh, en, fr, ru, es)"),
    ({"language": "en", "title": "Dialogue"},
     "Translation not saved: language: English is the original language of this segment; change "
     "the text itself, not a translation"),
    ({"language": "fr", "title": "  ", "description": "Un dialogue."},
     "Translation not saved: title: write the translated text (it is empty)"),
])
def test_translation_editor_refuses_bad_input_naming_the_field(client, s4, data, error):
    response = _post(client, s4, **data)
    assert response.status_code == 400
    html = lxml.html.fromstring(response.data)
    assert html.xpath("//p[@id='translation-error']/text()") == [error]
    assert _saved(s4.id) == []


def test_translation_editor_refused_input_is_shown_again(client, s4):
    response = _post(client, s4, language="fr", title="", description="Gardé")
    html = lxml.html.fromstring(response.data)
    assert html.xpath("//form[@id='translation-new']//textarea[@name='description']/text()") == ["Gardé"]
    assert html.xpath("//form[@id='translation-new']//option[@selected]/@value") == ["fr"]


def test_translation_editor_needs_csrf_token(client, s4):
    response = client.post(f"/organizer/sessions/{s4.id}/translations",
                           data={"language": "fr", "title": "Dialogue"})
    assert response.status_code == 400 and _saved(s4.id) == []
    _post(client, s4, language="fr", title="Dialogue")
    response = client.post(f"/organizer/sessions/{s4.id}/translations/fr/delete")
    assert response.status_code == 400 and len(_saved(s4.id)) == 1


def test_translation_editor_viewer_may_not_save(client):
    load_published()
    login(client, "viewer")
    session = db.session.scalar(select(Session).where(Session.code == "S4"))
    assert _post(client, session, language="fr", title="Dialogue").status_code == 403


def _message() -> KeyMessage:
    return db.session.scalars(select(KeyMessage).where(KeyMessage.status == "published")
                              .order_by(KeyMessage.id)).first()


def test_translation_editor_key_message_in_french_on_french_compilation(client, s4):
    message = _message()
    page = f"/organizer/segments/{SLUG}/key-messages/{message.id}"
    response = client.post(f"{page}/translations", data={
        "csrf_token": csrf(client, page), "language": "fr", "text": "Un message clé."})
    assert (response.status_code, response.headers["Location"]) == (302, page + "#translations")
    assert [(t.language, t.text) for t in db.session.scalars(select(KeyMessageTranslation))] == [
        ("fr", "Un message clé.")]
    html = lxml.html.fromstring(client.get(f"/segments/{SLUG}/key-messages/?lang=fr").data)
    texts = html.xpath(f"//article[contains(@id, 'message-{message.id}')]//div[@class='km-text']")[0]
    assert texts.xpath("p/text()") == ["Un message clé."]
    other = html.xpath(f"//article[not(contains(@id, 'message-{message.id}'))]//div[@class='km-text']")[0]
    assert other.xpath("div[@class='original']/@lang") == ["en"]
    assert other.xpath("p[@class='original-label muted']/text()") == ["(original : anglais)"]


def test_translation_editor_key_message_empty_text_refused(client, s4):
    message = _message()
    page = f"/organizer/segments/{SLUG}/key-messages/{message.id}"
    response = client.post(f"{page}/translations", data={
        "csrf_token": csrf(client, page), "language": "es", "text": ""})
    assert response.status_code == 400
    assert lxml.html.fromstring(response.data).xpath("//p[@id='translation-error']/text()") == [
        "Translation not saved: text: write the translated text (it is empty)"]
    assert db.session.scalars(select(KeyMessageTranslation)).all() == []


def _settings(client) -> dict:
    page = lxml.html.fromstring(client.get(f"/organizer/segments/{SLUG}/settings").data)
    return dict(page.xpath("//form[contains(@class, 'narrow')]")[0].form_values())


def test_translation_editor_segment_settings_set_original_language(client, s4):
    values = _settings(client)
    assert values["original_language"] == "en"
    response = client.post(f"/organizer/segments/{SLUG}/settings", data={**values, "original_language": "ru"})
    assert response.status_code == 302
    db.session.expire_all()
    assert s4.segment.original_language == "ru"
    refused = _post(client, s4, language="ru", title="Диалог")
    assert lxml.html.fromstring(refused.data).xpath("//p[@id='translation-error']/text()") == [
        "Translation not saved: language: Russian is the original language of this segment; change "
        "the text itself, not a translation"]


def test_translation_editor_segment_original_language_with_translations_in_it_refused(client, s4):
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    values = _settings(client)
    response = client.post(f"/organizer/segments/{SLUG}/settings", data={**values, "original_language": "zh"})
    assert response.status_code == 302
    _post(client, s1, language="en", title="Opening")
    values = _settings(client)
    response = client.post(f"/organizer/segments/{SLUG}/settings", data={**values, "original_language": "en"})
    assert response.status_code == 400
    assert "1 session or key message has a translation into English; remove it first" in lxml.html.fromstring(
        response.data).xpath("//span[@class='field-error']/text()")


def test_translation_editor_segment_original_language_with_two_translations_refused(client, s4):
    _post(client, s4, language="es", title="Diálogo")  # S1 has one already (the default programme)
    values = _settings(client)
    response = client.post(f"/organizer/segments/{SLUG}/settings", data={**values, "original_language": "es"})
    assert response.status_code == 400
    errors = lxml.html.fromstring(response.data).xpath(
        "//select[@name='original_language']/ancestor::label/following-sibling::*[1]//text()")
    assert "2 sessions or key messages have a translation into Spanish; remove those first" in errors
    db.session.expire_all()
    assert s4.segment.original_language == "en"
