"""The organizer pages in French: an organizer's own language, forms, errors, dates and flashes.

These pass once the catalogues are built with the French of the organizer pages
(/work/i18n/merge.py, or `meeting translations update` after the lead's merge).
"""

import re

import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session, User
from tests.conftest import DEFAULT_PROGRAMME
from tests.views.pages import csrf, login

SLUG = "ecosoc-2020-integration-segment"
DASHBOARD = f"/organizer/segments/{SLUG}/"
NEW = "/organizer/new-segment"
GOOD = {"title": "2021 Integration Segment", "slug": "is-2021", "timezone": "America/New_York",
        "start_date": "2021-07-06", "end_date": "2021-07-07", "civil_start": "07:00",
        "civil_end": "22:00", "unconfirmed_days": "5", "statements_due_hours": "24"}


@pytest.fixture
def programme(app):
    import_file(DEFAULT_PROGRAMME)


def page(response):
    return lxml.html.fromstring(response.data)


def text(element) -> str:
    return " ".join(element.text_content().split())


def choose(client, language: str) -> None:
    """The organizer's own choice on the bar at the top of every organizer page."""
    response = client.post("/account/language", data={
        "csrf_token": csrf(client, "/organizer/"), "language": language, "next": "/organizer/"})
    assert response.status_code == 302


def in_french(client, role: str = "organizer") -> None:
    """Log in as an organizer whose account says French."""
    login(client, role)
    db.session.execute(User.__table__.update().where(User.email == f"{role}@un.org").values(language="fr"))
    db.session.commit()


def session_id(code: str) -> int:
    return db.session.scalar(select(Session.id).where(Session.code == code))


def test_organizer_french_account_dashboard_in_french_with_french_dates(client, programme):
    in_french(client)
    html = page(client.get(DASHBOARD))
    assert html.get("lang") == "fr"
    assert text(html.xpath("//main/p[@class='muted']")[0]).startswith(
        "6 juillet 2020 – 7 juillet 2020 · heure du Siège America/New_York · non publié · Publication · "
        "Paramètres · Dupliquer")
    counts = [text(li) for li in html.xpath("//ul[@class='counts']/li")]
    assert counts[0] == "11 séances, 4 essais techniques"
    assert counts[2] == "0 invitation périmée · Invitations"
    assert html.xpath("//h2[text()='Jours']/following-sibling::ul[1]/li/a[1]/text()") == [
        "lundi 6 juillet", "mardi 7 juillet"]
    assert html.xpath("//table[@id='sessions']/thead//th/text()") == [
        "Code", "Début (America/New_York)", "Titre", "Statut"]
    first = html.xpath("//table[@id='sessions']/tbody/tr[1]/td/text()")
    assert first[0] == "lun. 6 juil., 08:00 EDT"
    assert html.xpath("//table[@id='sessions']/tbody/tr/td[4]/text()")[9:11] == ["brouillon", "confirmée"]
    assert html.xpath("//h2/text()")[:4] == ["Jours", "Séances ", "Pas encore confirmés ", "Conflits "]


def test_organizer_french_chosen_on_the_bar_session_editor_in_french(client, programme):
    login(client)
    choose(client, "fr")
    html = page(client.get(f"/organizer/sessions/{session_id('S2')}/edit"))
    assert html.get("lang") == "fr"
    form = html.xpath("//form[contains(@class,'session-form')]")[0]
    assert form.xpath(".//button[@type='submit']/text()") == ["Enregistrer"]
    labels = [" ".join(t.split()) for t in form.xpath(".//label/text()[1]")]
    assert labels[:5] == ["Titre", "Début (America/New_York)", "Durée (minutes)", "Type", "Statut"]
    assert form.xpath(".//fieldset/legend/text()")[:2] == ["Canal virtuel", "Hôte et régisseur "]
    assert form.xpath(".//select[@name='kind']/option[@value='high-level-panel']/text()") == [
        "réunion-débat de haut niveau"]
    assert form.xpath(".//select[@name='status']/option/text()") == ["brouillon", "confirmée", "annulée"]
    answers = html.xpath("//tbody[@id='participants']/tr[1]/td[5]/select/option/text()")
    assert answers == ["invité(e)", "confirmé(e)", "décliné(e)"]
    assert html.xpath("//section[@id='people']/h2/text()") == ["Personnes "]
    assert html.xpath("//table[contains(@class,'participants')]/thead//th/text()") == [
        "Personne", "Rôle", "Minutes", "Réponse", "Leur heure", "Retirer"]
    # The participant's own time, in French words: Monday 09:30 in New York.
    assert html.xpath("//tbody[@id='participants']/tr[1]/td[6]/text()") == ["lun., 09:30 EDT"]
    assert html.xpath("//section[@id='people']//button/text()") == ["Enregistrer les participants",
                                                                    "Créer et ajouter"]


def test_organizer_french_session_editor_error_in_french(client, programme):
    in_french(client)
    url = f"/organizer/sessions/{session_id('S2')}/edit"
    html = page(client.get(url))
    data = {i.get("name"): i.get("value") or "" for i in html.xpath(
        "//form[contains(@class,'session-form')]//input[@name]")}
    data.update({"title": "S2", "kind": "thematic", "status": "confirmed", "start": "2020-07-06 9:30",
                 "duration": ""})
    response = client.post(url, data=data)
    assert response.status_code == 400
    errors = page(response).xpath("//span[@class='field-error']/text()")
    assert errors == ["écrivez-le sous la forme AAAA-MM-JJ HH:MM", "indiquez une durée de 1 à 1 440 minutes"]


def test_organizer_french_segment_form_in_french(client, app):
    in_french(client)
    html = page(client.get(NEW))
    assert html.xpath("//h1/text()") == ["Nouveau débat"]
    labels = [" ".join(t.split()) for t in html.xpath("//main//form//label/text()[1]")]
    assert labels[:6] == ["Titre", "Identifiant (dans les adresses publiques ; ne pourra plus changer)",
                          "Fuseau horaire du Siège (IANA, par ex. America/New_York)", "Premier jour",
                          "Dernier jour", "Thème"]
    assert html.xpath("//input[@name='start_date']/@placeholder") == ["AAAA-MM-JJ"]
    assert html.xpath("//main//form//button/text()") == ["Créer le débat"]


def test_organizer_french_segment_end_before_start_refused_naming_the_field(client, app):
    in_french(client)
    response = client.post(NEW, data={**GOOD, "end_date": "2021-07-05", "csrf_token": csrf(client, NEW)})
    assert response.status_code == 400
    html = page(response)
    assert html.xpath("//p[@id='not-saved']/text()") == [
        "Rien n'a été enregistré : corrigez les champs signalés ci-dessous."]
    assert html.xpath("//span[@class='field-error']/text()") == [
        "la date 2021-07-05 est antérieure à la date de début (2021-07-06)"]
    # The error follows the row of the two dates, whose labels say which is which.
    row = html.xpath("//span[@class='field-error']/preceding-sibling::div[1]")[0]
    assert [" ".join(t.split()) for t in row.xpath("./label/text()[1]")] == ["Premier jour", "Dernier jour"]


def test_organizer_french_flash_and_conflicts_in_french(client, programme):
    in_french(client)
    settings = f"/organizer/segments/{SLUG}/settings"
    form = page(client.get(settings))
    data = {i.get("name"): i.get("value") or "" for i in form.xpath("//main//form//input[@name]")}
    data.update({t.get("name"): t.text or "" for t in form.xpath("//main//form//textarea")})
    response = client.post(settings, data=data, follow_redirects=True)
    html = page(response)
    assert html.xpath("//p[contains(@class,'flash-info')]/text()") == ["Aucune modification."]
    panel = html.xpath("//div[@id='conflicts-panel']")[0]
    assert panel.xpath("h2/text()") == ["Conflits "]
    notices = [text(li) for li in panel.xpath(".//li[@data-kind='night']")]
    assert "remarque 01:00 à Bangkok pour Executive Secretary, ESCAP (S4)" in notices


def test_organizer_french_findings_cached_per_language(client, programme):
    in_french(client)
    url = f"/organizer/segments/{SLUG}/conflicts"
    french = [text(td) for td in page(client.get(url)).xpath("//tr/td[2]")]
    assert "01:00 à Bangkok pour Executive Secretary, ESCAP (S4)" in french
    choose(client, "en")
    english = [text(td) for td in page(client.get(url)).xpath("//tr/td[2]")]
    assert "01:00 in Bangkok for Executive Secretary, ESCAP (S4)" in english
    assert len(english) == len(french)


def _without_tokens(data: bytes) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', data.decode())


@pytest.mark.parametrize("url", [DASHBOARD, "/organizer/", f"/organizer/segments/{SLUG}/days/2020-07-06",
                                 f"/organizer/segments/{SLUG}/settings"])
def test_organizer_french_back_to_english_gives_the_english_page_unchanged(client, programme, url):
    login(client)
    client.get("/organizer/")  # the flash of the login
    before = client.get(url).data
    choose(client, "fr")
    assert page(client.get(url)).get("lang") == "fr"
    choose(client, "en")
    after = client.get(url).data
    assert _without_tokens(after) == _without_tokens(before)
    assert page(client.get(url)).get("lang") == "en"


def test_organizer_french_refusal_of_the_programme_layer_flashed_in_french(client, programme):
    in_french(client)
    url = f"/organizer/sessions/{session_id('S2')}/edit"
    response = client.post(f"/organizer/sessions/{session_id('S2')}/delete",
                           data={"csrf_token": csrf(client, url)})
    assert response.status_code == 400
    flashes = page(client.get(url)).xpath(
        "//p[contains(@class,'flash-error')][not(contains(@class,'banner'))]/text()")
    assert flashes == ["Non supprimée : S2 ne peut pas être supprimée : ce n'est pas un brouillon ; "
                       "annulez-la plutôt"]


def test_organizer_french_timeline_refusal_in_french(client, programme):
    in_french(client)
    day = f"/organizer/segments/{SLUG}/days/2020-07-06"
    response = client.post(f"/organizer/segments/{SLUG}/sessions", headers={"X-CSRFToken": csrf(client, day)},
                           json={"start": "2020-07-06 10:00", "code": "S1", "duration": 30,
                                 "title": "Side event"})
    assert response.status_code == 400
    assert response.json == {"error": "code : S1 est déjà utilisé dans ce débat"}
