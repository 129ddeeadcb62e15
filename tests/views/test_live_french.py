"""Organizer pages of the floor in French: the list of speakers, the live view, the statements."""

import lxml.html
import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import Organization, SpeakerEntry
from tests.conftest import load_published
from tests.views.pages import csrf, login


@pytest.fixture
def s5(app, client):
    segment = load_published()
    session = next(s for s in segment.sessions if s.code == "S5")
    db.session.add(Organization(key="ghana", name="Ghana", kind="member-state"))
    db.session.commit()
    login(client)
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "fr"})
    return session


def text(element) -> str:
    return " ".join(element.text_content().split())


def org(key: str) -> Organization:
    return db.session.scalar(select(Organization).where(Organization.key == key))


def speakers_url(session) -> str:
    return f"/organizer/sessions/{session.id}/speakers"


def inscribe(client, session, **values):
    data = {"csrf_token": csrf(client, speakers_url(session)), "speaker_name": "S.E. la Ministre",
            "level": "minister", "statement_type": "national", "on_behalf_of": "", "minutes": ""}
    data.update(values)
    return client.post(f"{speakers_url(session)}/entries", data=data)


def flashes(response) -> list[str]:
    return [text(p) for p in lxml.html.fromstring(response.data).xpath(
        "//p[contains(@class, 'flash-error')][@role='status']")]


def test_speakers_page_french_headings_and_columns(client, s5):
    inscribe(client, s5, organization_id=org("ghana").id)
    page = lxml.html.fromstring(client.get(speakers_url(s5)).data)
    assert page.get("lang") == "fr"
    assert text(page.xpath("//title")[0]) == "Liste des orateurs · S5"
    assert text(page.xpath("//h1")[0]).startswith("Liste des orateurs : S5 ")
    assert text(page.get_element_by_id("list-state")) == "Ouverte"
    assert [text(th) for th in page.xpath("//table[@id='speakers']/thead/tr/th")] == [
        "", "#", "Délégation", "Orateur/Oratrice", "Niveau", "Déclaration", "Temps de parole", "Statut",
        "Déclaration écrite", ""]
    assert text(page.xpath("//tr[@data-id]/td[7]")[0]) == "3 min"
    assert [text(h2) for h2 in page.xpath("//h2")] == [
        "Déclarations écrites", "Inscrire une délégation", "Temps de parole et clôture",
        "Liens d'inscription"]
    muted = text(page.xpath("//h1/following-sibling::p[@class='muted']")[0])
    assert muted.startswith("lundi 6 juillet 2020, 15:45 EDT (America/New_York) · ")
    assert "temps de parole : 3 min à titre national, 5 min au nom d'un groupe" in muted


@pytest.mark.parametrize(("values", "message"), [
    ({"speaker_name": ""}, "Non enregistré : Orateur/Oratrice : Ce champ est requis."),
    ({"statement_type": "group"},
     "Non enregistré : Au nom de : une déclaration au nom d'un groupe doit nommer le groupe"),
])
def test_speakers_refusal_french_names_the_field(client, s5, values, message):
    answer = inscribe(client, s5, organization_id=org("ghana").id, **values)
    assert answer.status_code == 400
    assert flashes(answer) == [message]
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 0


def test_speakers_refusal_french_twice_for_one_delegation(client, s5):
    inscribe(client, s5, organization_id=org("ghana").id)
    answer = inscribe(client, s5, organization_id=org("ghana").id, speaker_name="Quelqu'un d'autre")
    assert flashes(answer) == ["Non enregistré : Délégation : Ghana est déjà inscrit(e) sur cette liste"]


def test_live_view_french_controls_and_script_texts(client, s5):
    page = lxml.html.fromstring(client.get(f"/organizer/sessions/{s5.id}/live").data)
    assert text(page.xpath("//title")[0]) == "En direct · S5"
    assert [text(b) for b in page.xpath("//div[@class='live-controls']/button")] == [
        "Démarrer", "◀ Retour", "Suivant ▶ (espace)", "Réinitialiser"]
    live = page.get_element_by_id("live")
    assert live.get("data-text-recorded") == "Enregistré."
    assert (live.get("data-text-on-time"), live.get("data-text-over")) == (
        "dans les temps", "{clock} de dépassement")
    assert live.get("data-text-retry-many") == "Pas encore enregistré ({n} actions) ; nouvel essai…"
    assert live.get("data-text-reset") == (
        "Réinitialiser le chronomètre ? Le minutage de chaque étape de ce passage sera perdu.")
    assert text(page.xpath("//details[@class='live-screen']/summary")[0]) == "Écran de l'orateur"


def test_live_view_english_has_no_text_attributes(client, s5):
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "en"})
    page = lxml.html.fromstring(client.get(f"/organizer/sessions/{s5.id}/live").data)
    live = page.get_element_by_id("live")
    assert [name for name in live.attrib if name.startswith("data-text")] == []
    assert text(live.xpath(".//button[@id='start']")[0]) == "Start"


def test_statements_pages_french(client, s5):
    inscribe(client, s5, organization_id=org("ghana").id)
    index = lxml.html.fromstring(client.get("/organizer/statements/").data)
    assert text(index.xpath("//h1")[0]) == "Déclarations des listes des orateurs"
    page = lxml.html.fromstring(client.get(f"/organizer/segments/{s5.segment.slug}/statements").data)
    assert [text(th) for th in page.xpath("//section[@id='session-S5']//thead/tr/th")] == [
        "#", "Délégation", "Orateur/Oratrice", "Langue de l'original", "Déclaration", "Vidéo", "État"]
    heading = text(page.xpath("//section[@id='session-S5']/p[@class='muted']")[0])
    assert heading.startswith("lundi 6 juillet 2020, 15:45 EDT")
    assert " · déclarations attendues pour " in text(page.xpath("//section[@id='session-S5']/p")[0])
