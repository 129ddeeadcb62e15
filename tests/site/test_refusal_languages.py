"""The documents library's and the key messages' refusals in the reader's language, the
field named first as in English ('title: …' → 'titre : …')."""

import pytest

from meeting.lib.emails import in_language
from meeting.site.documents import DocumentFields, check_document_fields, check_link, document_library
from meeting.site.key_messages import KeyMessageError, KeyMessageInput, check_key_message


def refusal(call, language: str, error=ValueError) -> str:
    with in_language(language), pytest.raises(error) as caught:
        call()
    return str(caught.value)


def test_document_refusals_english_unchanged(app, make_segment):
    segment = make_segment()
    assert refusal(lambda: check_document_fields(segment, DocumentFields(kind="memo", title="A")), "en") == (
        "kind: choose one of Case study, Presentation, Input from a subsidiary body")
    assert refusal(lambda: check_link("ftp://example.org/a"), "en") == (
        "link: 'ftp://example.org/a' is not an http:// or https:// address")
    assert refusal(lambda: check_document_fields(segment, DocumentFields(
        kind="case-study", title="A", sessions=["S9"])), "en") == (
        f"related sessions: no session S9 in {segment.title}")


def test_document_refusals_french(app, make_segment):
    segment = make_segment()
    assert refusal(lambda: check_document_fields(segment, DocumentFields(kind="memo", title="A")), "fr") == (
        "type : choisissez parmi Étude de cas, Présentation, Contribution d'un organe subsidiaire")
    assert refusal(lambda: check_document_fields(segment, DocumentFields(kind="input", title=" ")), "fr") == (
        "titre : donnez un titre au document")
    assert refusal(lambda: check_document_fields(segment, DocumentFields(
        kind="input", title="x" * 301)), "fr") == "titre : 300 caractères au plus (celui-ci en compte 301)"
    assert refusal(lambda: check_link("ftp://example.org/a"), "fr") == (
        "lien : 'ftp://example.org/a' n'est pas une adresse http:// ou https://")
    assert refusal(lambda: check_document_fields(segment, DocumentFields(
        kind="case-study", title="A", tags=["nope"])), "fr") == "étiquettes : étiquette inconnue nope"


def test_document_library_refusals_in_the_public_languages(app, make_segment):
    segment = make_segment()
    found = {language: refusal(lambda: document_library(segment, tag="sdg-99"), language)
             for language in ("ar", "zh", "ru", "es")}
    assert found == {
        "ar": "الوسم: لا توجد في هذه المكتبة وثائق تحمل الوسم 'sdg-99'",
        "zh": "标签：本文库中没有带 'sdg-99' 标签的文件",
        "ru": "метка: в этой библиотеке нет документов с меткой 'sdg-99'",
        "es": "etiqueta: no hay documentos con la etiqueta 'sdg-99' en esta biblioteca"}


def test_key_message_refusals_french_and_spanish(app, make_segment):
    segment = make_segment()
    check = lambda: check_key_message(segment, KeyMessageInput(None, "Text"))  # noqa: E731
    assert refusal(check, "fr", KeyMessageError) == "organe : choisissez l'organe dont émane ce message"
    assert refusal(check, "es", KeyMessageError) == "órgano: elija el órgano del que procede el mensaje"
    assert refusal(check, "en", KeyMessageError) == "body: choose the body whose message it is"
