"""The documents library and the key messages editor for a French organizer."""

import io

import lxml.html
import pytest

from tests.conftest import load_published
from tests.views.pages import csrf, login


@pytest.fixture
def segment(app, client):
    segment = load_published()
    login(client)
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "fr"})
    return segment


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_documents_page_french(client, segment):
    page = lxml.html.fromstring(client.get(f"/organizer/segments/{segment.slug}/documents/").data)
    assert text(page.xpath("//h1")[0]) == "Documents"
    assert text(page.xpath("//h1/following-sibling::p[@class='muted']")[0]) == (
        "Études de cas, présentations et contributions des organes subsidiaires. Les brouillons sont "
        "réservés aux organisateurs ; les documents publiés figurent dans la bibliothèque publique. "
        "Heures exprimées en America/New_York.")
    assert [text(th) for th in page.xpath("//thead/tr/th")][:6] == [
        "Titre", "Type", "Organe", "Fichier / lien", "Statut", "Mis à jour"]


def test_document_refusal_french(client, segment):
    url = f"/organizer/segments/{segment.slug}/documents/"
    response = client.post(url + "new", data={"csrf_token": csrf(client, url + "new"),
                                              "kind": "case-study", "title": "Étude"})
    assert response.status_code == 400
    flash = lxml.html.fromstring(response.data).xpath("//p[contains(@class, 'flash-error')][@role='status']")
    # The reason comes from the documents library (its own catalogue texts).
    assert text(flash[0]) == (
        "Non enregistré : fichier ou lien : téléversez un fichier ou indiquez un lien (ou les deux)")


def test_document_upload_refusal_and_kinds_french(client, segment):
    url = f"/organizer/segments/{segment.slug}/documents/new"
    page = lxml.html.fromstring(client.get(url).data)
    assert text(page.xpath("//input[@type='file']/parent::label")[0]) == (
        "Fichier (PDF, DOCX, PPTX ou XLSX, 25 Mo au maximum)")
    response = client.post(url, data={"csrf_token": csrf(client, url), "kind": "case-study", "title": "Étude",
                                      "file": (io.BytesIO(b"MZ" + b"\x00" * 64), "outil.exe")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    flash = lxml.html.fromstring(response.data).xpath("//p[contains(@class, 'flash-error')][@role='status']")
    assert text(flash[0]) == ("Non enregistré : fichier : outil.exe est un fichier .exe ; téléversez un "
                              "fichier PDF, DOCX, PPTX ou XLSX")


def test_key_message_editor_french(client, segment):
    page = lxml.html.fromstring(client.get(f"/organizer/segments/{segment.slug}/key-messages/new").data)
    assert text(page.xpath("//h1")[0]) == "Nouveau message clé"
    assert [text(legend) for legend in page.xpath("//fieldset/legend")] == [
        "Points d'entrée (Rapport mondial sur le développement durable 2019)",
        "Domaines d'action (Déclaration politique du Sommet sur les ODD de 2019)"]
    assert text(page.xpath("//button[@type='submit']")[-1]) == "Ajouter comme brouillon"
