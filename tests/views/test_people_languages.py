"""A person's preferred language in the directory (edit form, person page, CSV import), and the
directory and login pages in French for an organizer who chose French."""

import io

import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Person
from meeting.people.accounts import create_user
from tests.conftest import DEFAULT_PROGRAMME
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture)
from tests.views.pages import PASSWORD, csrf, login

EDIT = "/organizer/directory/dg-who"
WHO = {"name": "Director-General, WHO", "honorific": "Dr.", "position": "Director-General",
       "email": "dg.who@example.org", "timezone": "Europe/Zurich", "languages": "en"}


@pytest.fixture
def organizer(app, client):
    import_file(DEFAULT_PROGRAMME)
    create_user("organizer@un.org", "organizer", PASSWORD)
    client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": "organizer@un.org",
                                "password": PASSWORD})


@pytest.fixture
def french(client, organizer):
    """The organizer chose Français on the language bar (kept on their account)."""
    response = client.post("/account/language", data={
        "csrf_token": csrf(client, "/organizer/directory/"), "language": "fr",
        "next": "/organizer/directory/"})
    assert response.status_code == 302


def page(response):
    return lxml.html.fromstring(response.data)


def text(element) -> str:
    return " ".join(element.text_content().split())


def flashes(doc, category):
    return [text(p) for p in doc.xpath(f"//p[@role='status'][contains(@class, 'flash-{category}')]")]


def preferred(key="dg-who"):
    db.session.expire_all()
    return db.session.scalar(select(Person.preferred_language).where(Person.key == key))


def upload(client, content: str):
    return client.post("/organizer/directory/import", data={
        "csrf_token": csrf(client, "/organizer/directory/"),
        "file": (io.BytesIO(content.encode()), "people.csv")}, content_type="multipart/form-data")


def confirm(client, preview):
    doc = page(preview)
    return client.post("/organizer/directory/import/confirm", data={
        "csrf_token": doc.xpath("//input[@name='csrf_token']/@value")[0],
        "payload": doc.xpath("//input[@name='payload']/@value")[0]})


def test_edit_form_offers_six_languages_by_native_name(client, organizer):
    doc = page(client.get(EDIT))
    options = [(o.get("value"), o.text) for o in doc.xpath("//select[@name='preferred_language']/option")]
    assert options == [("", "—"), ("ar", "عربي"), ("zh", "中文"), ("en", "English"),
                       ("fr", "Français"), ("ru", "Русский"), ("es", "Español")]
    # None set: nothing marked, so the first choice, "—" (English), is the one shown.
    assert doc.xpath("//select[@name='preferred_language']/option[@selected]/@value") == []


def test_edit_person_sets_preferred_language_fr(client, organizer):
    response = client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "fr"})
    assert response.status_code == 302
    assert preferred() == "fr"
    doc = page(client.get(EDIT))
    assert doc.xpath("//select[@name='preferred_language']/option[@selected]/@value") == ["fr"]
    shown = page(client.get("/organizer/people/dg-who"))
    assert [text(p) for p in shown.xpath("//main/p[not(@class)]")][0] == "Preferred language: Français"


def test_edit_person_empty_choice_clears_to_english(client, organizer):
    client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "es"})
    assert preferred() == "es"
    response = client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": ""})
    assert response.status_code == 302
    assert preferred() is None
    shown = page(client.get("/organizer/people/dg-who"))
    assert "Preferred language: English" in [text(p) for p in shown.xpath("//main/p")]


def test_edit_person_invalid_preferred_language_refused_field_named(client, organizer):
    response = client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "name": "Renamed",
                                       "preferred_language": "de"})
    assert response.status_code == 400
    assert flashes(page(response), "error") == [
        "Not saved: preferred language: 'de' is not one of the six UN languages (ar, zh, en, fr, ru, es)"]
    assert preferred() is None
    assert db.session.scalar(select(Person.name).where(Person.key == "dg-who")) == "Director-General, WHO"


def test_edit_person_without_the_field_keeps_preferred_language(client, organizer):
    client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "ru"})
    client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO})
    assert preferred() == "ru"


def test_csv_import_sets_preferred_language(client, organizer):
    content = ("key,name,timezone,preferred_language\r\n"
               "dg-who,\"Director-General, WHO\",Europe/Zurich,FR\r\n"
               "ministre-civ,\"Ministre de l'Économie, Côte d'Ivoire\",Africa/Abidjan,fr\r\n"
               "chair-csw,\"Chair, Commission on the Status of Women\",America/New_York,\r\n")
    preview = upload(client, content)
    assert preview.status_code == 200
    assert "preferred_language" in [text(th) for th in page(preview).xpath("//thead/tr/th")]
    assert preferred("ministre-civ") is None  # nothing written by the preview
    assert confirm(client, preview).status_code == 302
    assert (preferred("dg-who"), preferred("ministre-civ"), preferred("chair-csw")) == ("fr", "fr", None)


def test_csv_import_without_the_column_keeps_preferred_language(client, organizer):
    client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "zh"})
    preview = upload(client, "key,name,timezone\r\ndg-who,\"Director-General, WHO\",Europe/Zurich\r\n")
    assert confirm(client, preview).status_code == 302
    assert preferred() == "zh"


def test_csv_import_unknown_preferred_language_refused_by_row_and_column(client, organizer):
    content = ("key,name,timezone,preferred_language\r\n"
               "dg-who,\"Director-General, WHO\",Europe/Zurich,fr\r\n"
               "ministre-civ,\"Ministre de l'Économie, Côte d'Ivoire\",Africa/Abidjan,french\r\n")
    response = upload(client, content)
    assert response.status_code == 400
    rows = [[text(td) for td in tr.xpath("td")]
            for tr in page(response).xpath("//tbody/tr[@class='row-error']")]
    assert [(row[0], row[-1]) for row in rows] == [
        ("3", "preferred_language: 'french' is not one of the six UN languages (ar, zh, en, fr, ru, es)")]
    assert "Nothing will be imported until every problem is fixed." in response.data.decode()
    assert preferred() is None
    assert db.session.scalar(select(Person.id).where(Person.key == "ministre-civ")) is None


def test_people_page_in_french_for_french_organizer(client, french):
    doc = page(client.get("/organizer/directory/"))
    assert doc.xpath("/html/@lang") == ["fr"]
    assert doc.findtext(".//title") == "Répertoire · meeting"
    assert text(doc.xpath("//h1")[0]) == "Répertoire"
    assert [text(th) for th in doc.xpath("//thead/tr/th")] == [
        "Nom", "Organisation", "Courriel", "Fuseau horaire", ""]
    assert text(doc.xpath("//form[@role='search']/label")[0]) == "Rechercher des personnes"
    assert doc.xpath("//input[@name='q']/@placeholder") == ["nom, clé, courriel ou organisation"]
    assert text(doc.xpath("//h2")[0]) == "Importer des personnes depuis un fichier CSV"
    assert [text(b) for b in doc.xpath("//main//button")] == ["Rechercher", "Vérifier le fichier"]
    assert text(doc.xpath("//tbody/tr/td[5]")[0]) == "Modifier · Lien privé"
    nobody = page(client.get("/organizer/directory/?q=zzz"))
    assert text(nobody.xpath("//tbody/tr/td")[0]) == "Personne ne correspond à « zzz »."


def test_edit_page_and_messages_in_french(client, french):
    doc = page(client.get(EDIT))
    labels = [" ".join((label.text or "").split()) for label in doc.xpath("//form[@method='post']/label")]
    assert labels[-2:] == ["Langue préférée (de ses courriels et de sa page personnelle)", "Biographie"]
    refused = client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "de"})
    assert flashes(page(refused), "error") == [
        "Non enregistré : langue préférée : 'de' n'est pas l'une des six langues officielles de l'ONU "
        "(ar, zh, en, fr, ru, es)"]
    saved = client.post(EDIT, data={"csrf_token": csrf(client, EDIT), **WHO, "preferred_language": "fr"},
                        follow_redirects=True)
    assert flashes(page(saved), "info") == ["Director-General, WHO : modifications enregistrées."]
    shown = page(client.get("/organizer/people/dg-who"))
    assert "Langue préférée : Français" in [text(p) for p in shown.xpath("//main/p")]
    assert text(shown.xpath("//h2")[0]) == "Lien privé"


def test_csv_problems_in_french(client, french):
    response = upload(client, "name,timezone,preferred_language\r\nA,Europe/Rome,xx\r\n")
    doc = page(response)
    assert [text(th) for th in doc.xpath("//thead/tr/th")][:2] == ["Ligne", "Action"]
    assert [text(td) for td in doc.xpath("//tbody/tr/td")][1] == "création"
    assert text(doc.xpath("//td[@class='problem']")[0]) == (
        "preferred_language : 'xx' n'est pas l'une des six langues officielles de l'ONU "
        "(ar, zh, en, fr, ru, es)")
    assert text(doc.xpath("//main/p[not(@class)]")[-1]) == (
        "Rien ne sera importé tant que tous les problèmes ne seront pas résolus. "
        "Corrigez le fichier et vérifiez-le de nouveau.")


def test_login_page_in_french_after_french_organizer_logs_out(client, french):
    logout = client.post("/logout", data={"csrf_token": csrf(client, "/organizer/directory/")},
                         follow_redirects=True)
    assert flashes(page(logout), "info") == ["Déconnecté."]
    doc = page(client.get("/login"))
    assert doc.xpath("/html/@lang") == ["fr"]
    assert doc.findtext(".//title") == "Se connecter · meeting"
    assert text(doc.xpath("//h1")[0]) == "Se connecter"
    assert [" ".join((label.text or "").split()) for label in doc.xpath("//main//label")] == [
        "Courriel", "Mot de passe"]
    assert text(doc.xpath("//main//button[@type='submit']")[0]) == "Se connecter"
    wrong = client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": "organizer@un.org",
                                        "password": "not the password"})
    assert wrong.status_code == 401
    assert flashes(page(wrong), "error") == ["Le courriel ou le mot de passe est incorrect."]
    right = client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": "organizer@un.org",
                                        "password": PASSWORD}, follow_redirects=True)
    assert flashes(page(right), "info") == ["Connecté en tant que organizer@un.org."]


def test_login_page_in_english_by_default(client, app):
    doc = page(client.get("/login"))
    assert doc.xpath("/html/@lang") == ["en"]
    assert text(doc.xpath("//h1")[0]) == "Log in"
    assert [" ".join((label.text or "").split()) for label in doc.xpath("//main//label")] == [
        "E-mail", "Password"]


SEGMENT = "/organizer/segments/ecosoc-2020-integration-segment"


@pytest.mark.parametrize(("url", "title"), [
    ("/organizer/directory/organizations/", "Organisations"),
    (SEGMENT + "/invitations", "Invitations : 2020 ECOSOC Integration Segment"),
    (SEGMENT + "/reminders/", "Rappels : 2020 ECOSOC Integration Segment"),
    (SEGMENT + "/reminders/policies/new", "Nouvelle règle de rappel"),
    ("/organizer/replies", "Réponses des agendas"),
    ("/organizer/outbox", "Boîte d'envoi"),
])
def test_organizer_pages_in_french(client, french, url, title):
    response = client.get(url)
    assert response.status_code == 200
    doc = page(response)
    assert doc.xpath("/html/@lang") == ["fr"]
    assert text(doc.xpath("//h1")[0]) == title


def test_invitation_summary_and_reminder_policies_in_french(client, french):
    doc = page(client.get(SEGMENT + "/invitations"))
    summary = [text(span) for span in doc.xpath("//p[@class='summary']/span")]
    assert summary[1:] == ["0 à jour", "0 périmée", "0 annulation due", "1 déclinée"]
    assert summary[0].endswith(" non envoyées")
    form = page(client.get(SEGMENT + "/reminders/policies/new"))
    assert [o.text for o in form.xpath("//select[@name='unit']/option")] == ["minutes", "heures", "jours"]
    anchors = [o.text for o in form.xpath("//select[@name='anchor']/option")]
    assert anchors == ["la séance", "l'essai technique"]


def test_accounts_page_in_french_for_french_admin(client, app):
    create_user("admin@un.org", "admin", PASSWORD)
    client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": "admin@un.org",
                                "password": PASSWORD})
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/accounts/"),
                                            "language": "fr"})
    doc = page(client.get("/organizer/accounts/"))
    assert text(doc.xpath("//h1")[0]) == "Comptes"
    assert [o.text for o in doc.xpath("//form[@class='form narrow']//select[@name='role']/option")] == [
        "administrateur", "organisateur", "lecteur", "interprète"]
    assert [text(th) for th in doc.xpath("//thead/tr/th")] == ["Courriel", "Rôle", "État", ""]


def test_reminders_page_with_policies_in_french(client, programme):  # noqa: F811
    login(client)
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/outbox"), "language": "fr"})
    doc = page(client.get("/organizer/segments/is-2030/reminders/"))
    whens = [text(tr.xpath("td")[1]) for tr in doc.xpath("(//table)[1]/tbody/tr")]
    assert whens == ["7 jours avant la séance", "1 jour avant la séance", "1 heure avant l'essai technique"]
    assert text(doc.xpath("//section[@id='pending']/h2")[0]) == "Prochains envois (9)"
    first = doc.xpath("//section[@id='pending']//tbody/tr/td")[0]
    assert text(first) == "mer. 13 mars 2030, 09:00 EDT"


def test_login_required_message_and_field_errors_in_french(client, app):
    redirected = client.get("/organizer/directory/?lang=fr", follow_redirects=True)
    doc = page(redirected)
    assert text(doc.xpath("//h1")[0]) == "Se connecter"
    assert flashes(doc, "info") == ["Veuillez vous connecter pour accéder à cette page."]
    empty = client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": "", "password": ""})
    assert empty.status_code == 400
    assert [text(e) for e in page(empty).xpath("//span[@class='field-error']")] == [
        "Ce champ est requis.", "Ce champ est requis."]
