"""The speaker's private page in their preferred language, and the language bar for a visit."""

import icalendar
import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Person
from meeting.people.portal import portal_token
from tests.conftest import DEFAULT_PROGRAMME


@pytest.fixture
def escap(app):
    import_file(DEFAULT_PROGRAMME)
    person = db.session.scalar(select(Person).where(Person.key == "es-escap"))  # in Bangkok
    person.preferred_language = "fr"
    db.session.commit()
    return person


def url(person: Person, path: str = "") -> str:
    return f"/p/{portal_token(person)}/{path}"


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_portal_french_by_preference(client, escap):
    page = lxml.html.fromstring(client.get(url(escap)).data)
    assert page.get("lang") == "fr"
    assert text_of(page.find(".//h1")) == "Vos séances"
    first = page.xpath("//article")[0]
    # S4 starts at 14:00 in New York: 01:00 the next day in Bangkok.
    assert text_of(first.find_class("when")[0]) == (
        "mar. 7 juil. 01:00–02:30 UTC+07:00 votre heure "
        "lun. 6 juil., 14:00–15:30 EDT Siège (America/New_York)")
    assert text_of(first.find_class("meta")[0]).endswith("· séance S4")
    join = {text_of(dt): text_of(dt.getnext()) for dt in first.xpath(".//dl[@class='join']/dt")}
    assert join["Code d'accès"] == "IS2020"
    labels = [text_of(label) for label in page.xpath("//form[contains(@action, 'profile')]//label")]
    assert labels[0] == "Titre de civilité"
    button = page.xpath("//form[contains(@action, 'profile')]//button")[0]
    assert text_of(button) == "Enregistrer mes coordonnées"


def test_portal_language_bar_english_for_the_visit(client, escap):
    response = client.get(url(escap, "?lang=en"))
    page = lxml.html.fromstring(response.data)
    assert page.get("lang") == "en"
    assert text_of(page.find(".//h1")) == "Your sessions"
    # The choice is remembered for the visit; the person's preference is unchanged.
    again = lxml.html.fromstring(client.get(url(escap)).data)
    assert text_of(again.find(".//h1")) == "Your sessions"
    assert db.session.get(Person, escap.id).preferred_language == "fr"


def test_portal_arabic_right_to_left(client, escap):
    escap.preferred_language = "ar"
    db.session.commit()
    page = lxml.html.fromstring(client.get(url(escap)).data)
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert text_of(page.find(".//h1")) == "جلساتكم"


def test_portal_answer_thanks_in_french(client, escap):
    page = lxml.html.fromstring(client.get(url(escap)).data)
    token = page.xpath("//input[@name='csrf_token']/@value")[0]
    participation = escap.participations[0]
    response = client.post(url(escap, f"participations/{participation.id}"),
                           data={"csrf_token": token, "answer": "decline"}, follow_redirects=True)
    title = participation.session.title
    assert f"Merci : vous avez décliné votre participation à « {title} »." in text_of(
        lxml.html.fromstring(response.data))


def test_portal_calendar_file_in_the_preferred_language(client, escap):
    cal = icalendar.Calendar.from_ical(client.get(url(escap, "sessions.ics")).data)
    assert str(cal["X-WR-CALNAME"]) == "Mes séances : Executive Secretary, ESCAP"
    event = cal.walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]).splitlines()[1].startswith(
        "Votre heure : mardi 7 juillet 2020, 01:00–02:30")


def test_portal_invalid_link_in_browser_language(client, escap):
    response = client.get("/p/forged-token/", headers={"Accept-Language": "es"})
    assert response.status_code == 403
    page = lxml.html.fromstring(response.data)
    assert text_of(page.find(".//h1")) == "No se puede mostrar esta página"
    assert text_of(page.xpath("//h1/following-sibling::p")[0]) == (
        "Este enlace no es válido o ha sido sustituido por otro más reciente. "
        "Utilice el enlace del último correo electrónico de la secretaría.")
