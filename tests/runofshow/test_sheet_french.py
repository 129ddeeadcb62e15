"""The run of show in French: a French organizer's editor, printed sheet and day booklet."""

import io

import lxml.html
import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from tests.conftest import DEFAULT_PROGRAMME
from tests.views.pages import csrf, login

TITLE = ("COVID-19 preparedness, response and recovery through the GSDR entry points (I): "
         "human well-being and capabilities; food systems and nutrition patterns")


@pytest.fixture
def s2(app, client):
    import_file(DEFAULT_PROGRAMME)
    login(client)
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "fr"})
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def text(element) -> str:
    return " ".join(element.text_content().split())


def editor_url(session) -> str:
    return f"/organizer/sessions/{session.id}/run-of-show"


def test_runofshow_editor_french_headings_dates_and_generated_cues(client, s2):
    page = lxml.html.fromstring(client.get(editor_url(s2)).data)
    assert page.get("lang") == "fr"
    assert text(page.xpath("//title")[0]) == "Déroulé de séance · S2"
    assert text(page.xpath("//h1")[0]) == f"Déroulé de séance : S2 {TITLE}"
    assert text(page.xpath("//p[@class='muted']")[0]).startswith(
        "lundi 6 juillet 2020, 09:30–11:00 EDT (America/New_York) · 13:30–15:00 UTC · "
        "créneau de 90 min, 51 min prévues : 39 min d'avance")
    whats = [text(w) for w in page.xpath("//span[@class='cue-who']")]
    assert whats[0] == ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA"
                        "Présentation des orateurs · 5 min")
    assert whats[-1].endswith("Clôture · 3 min")
    assert text(page.xpath("//span[@class='cue-latest']")[0]) == "au plus tard 10:09marge de +39 min"
    assert [text(a) for a in page.xpath("//h1/following-sibling::p[2]/a")] == [
        "Imprimer la feuille", "PDF", "XLSX", "CSV", "Vue en direct"]


def test_runofshow_refusal_french_names_the_field(client, s2):
    url = editor_url(s2)
    client.get(url)
    response = client.post(url + "/cues", data={"csrf_token": csrf(client, url), "who": "", "what": "Vidéo",
                                                "minutes": "3", "connection": ""})
    assert response.status_code == 400
    page = lxml.html.fromstring(client.get(url).data)
    assert [text(p) for p in page.xpath("//p[@class='flash flash-error']")] == [
        "Non enregistré : Qui : Ce champ est requis."]


def test_runofshow_printed_sheet_french(client, s2):
    page = lxml.html.fromstring(client.get(editor_url(s2) + "/sheet").data)
    assert page.get("lang") == "fr"
    assert text(page.xpath("//title")[0]) == f"Déroulé de séance · S2 {TITLE}"
    facts = [text(span) for span in page.xpath("//div[@class='facts'][1]/span")]
    assert facts[0] == "lundi 6 juillet 2020"
    assert facts[3] == "Fin prévue 10:21 EDT"
    assert facts[4] == "Créneau de 90 min · 51 min prévues · 39 min d'avance"
    leads = [text(span) for span in page.xpath("//div[@class='facts'][2]/span")]
    assert leads[0] == ("Modérateur/Modératrice : H.E. Under-Secretary-General for Economic and Social "
                        "Affairs, UN DESA")
    assert leads[1].startswith("Essai technique 08:30–09:00 EDT")
    assert [text(th) for th in page.xpath("//thead/tr[2]/th")] == [
        "#", "Début EDT", "UTC", "Min", "Qui", "Quoi", "Leur heure", "Marge", "Langue", "Connexion",
        "Solution de repli", "Consigne technique", "Début réel"]
    assert {text(td) for td in page.xpath("//td[@class='conn']")} == {"vidéo"}
    assert [text(td) for td in page.xpath("//td[@class='what']")][-2:] == [
        "Dialogue interactif (questions-réponses)", "Clôture"]
    assert text(page.xpath("//span[@class='legend']")[0]) == (
        "■ début impératif : l'étape doit commencer à cette heure · marge : de combien l'étape "
        "pourrait commencer plus tard sans que la séance finisse en retard")
    assert text(page.xpath("//p[@class='screen-only']")[0]) == (
        "← Retour · Imprimer · PDF · Tableur (XLSX) · CSV")


def test_runofshow_day_booklet_cover_french(client, s2):
    slug = s2.segment.slug
    page = lxml.html.fromstring(client.get(f"/organizer/segments/{slug}/days/2020-07-06/run-of-show").data)
    cover = page.get_element_by_id("day-at-a-glance")
    assert text(cover.xpath("h2")[0]) == (
        "La journée en un coup d'œil · lundi 6 juillet 2020 · EDT (America/New_York) et UTC")
    assert [text(th) for th in cover.xpath(".//thead/th|.//thead/tr/th")] == [
        "EDT", "UTC", "Code", "Séance", "Sous la conduite de"]
    sheets = len(page.xpath("//section[starts-with(@id, 'sheet-')]"))
    assert text(cover.xpath("p[@class='muted']")[0]).startswith(
        f"{sheets} feuilles de séance suivent, une par page. Imprimé le 20")


def test_runofshow_timing_problem_french(client, s2):
    url = editor_url(s2)
    client.get(url)
    client.post(url + "/cues", data={"csrf_token": csrf(client, url), "who": "Vidéo", "what": "Film",
                                     "minutes": "3", "hard_start": "2020-07-06 09:40", "connection": ""})
    page = lxml.html.fromstring(client.get(url).data)
    assert [text(p) for p in page.xpath("//div[@class='problem']")] == [
        "⚠ l'étape 8 a un début impératif, mais les étapes précédentes empiètent de "
        "41 minutes sur elle"]


def test_runofshow_english_organizer_unchanged(client, s2):
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "en"})
    page = lxml.html.fromstring(client.get(editor_url(s2) + "/sheet").data)
    assert page.get("lang") == "en"
    assert text(page.xpath("//div[@class='facts'][1]/span")[0]) == "Monday 6 July 2020"
    assert [text(td) for td in page.xpath("//td[@class='what']")][-1] == "Closing"


def test_runofshow_sheet_pdf_french(client, s2):
    response = client.get(editor_url(s2) + "/sheet.pdf")
    assert response.mimetype == "application/pdf"
    words = " ".join(extract_text(io.BytesIO(response.data)).split())
    assert "lundi 6 juillet 2020" in words
    assert "Fin prévue 10:21 EDT" in words
    assert "page 1 sur 1" in words
