"""Live captions (CART) and the interpretation platform on the public pages and the private page."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Person, Session
from meeting.people.portal import portal_token
from meeting.programme.editing import edit_session, save_programme
from tests.conftest import load_published

PROGRAMME_URL = "/segments/ecosoc-2020-integration-segment/"
SESSION_URL = PROGRAMME_URL + "sessions/S1/"
CAPTIONS = "https://example.org/captions/ecosoc-is-2020-s1"
RSI = "https://example.org/rsi/ecosoc-is-2020-s1"


@pytest.fixture
def programme(app):
    load_published()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def session_page(client, query=""):
    response = client.get(SESSION_URL + query)
    assert response.status_code == 200
    return response.data.decode(), lxml.html.fromstring(response.data)


def links_of(page):
    return [(a.get("href"), text_of(a)) for a in page.xpath("//p[@class='calendar-links']/a")]


def test_session_page_names_captions_and_interpretation_platform_in_english(client, programme):
    html, page = session_page(client)
    assert [text_of(p) for p in page.find_class("meta")] == [
        "Interprefy (virtual) · interpretation: Arabic, Chinese, English, French, Russian, Spanish"
        " · live captions (CART): English · interpretation platform: Interprefy"]
    assert links_of(page)[-1] == (CAPTIONS, "Follow the live captions")
    assert RSI not in html  # the interpretation link is for the invited only


def test_session_page_names_captions_and_interpretation_platform_in_french(client, programme):
    html, page = session_page(client, "?lang=fr")
    assert [text_of(p) for p in page.find_class("meta")] == [
        "Interprefy (virtuelle) · interprétation : arabe, chinois, anglais, français, russe, espagnol"
        " · sous-titrage en direct (CART) : anglais · plateforme d'interprétation : Interprefy"]
    assert links_of(page)[-1] == (CAPTIONS, "Suivre le sous-titrage en direct")
    assert RSI not in html


def test_programme_card_follows_a_change_of_captions(client, programme):
    """The cached programme block is keyed by the new fields too: a change shows at once."""
    client.get(PROGRAMME_URL + "?lang=es")
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    edit_session(s1, "officer@un.org", captioning=["en", "es"], interpretation_platform="KUDO")
    save_programme(s1.segment)
    page = lxml.html.fromstring(client.get(PROGRAMME_URL + "?lang=es").data)
    meta = text_of(page.get_element_by_id("session-S1").find_class("meta")[0])
    assert meta.endswith(" · subtitulado en directo (CART): inglés, español"
                         " · plataforma de interpretación: KUDO")


def test_session_without_captions_says_nothing_of_them(client, programme):
    response = client.get(PROGRAMME_URL + "sessions/S3/")
    assert response.status_code == 200
    text = response.data.decode()
    assert "live captions" not in text and "interpretation platform" not in text
    assert "Follow the live captions" not in text


def test_portal_shows_interpretation_platform_and_captions_with_their_links(client, programme):
    person = db.session.scalar(select(Person).where(Person.key == "vp-ecosoc"))
    person.preferred_language = None
    db.session.commit()
    page = lxml.html.fromstring(client.get(f"/p/{portal_token(person)}/").data)
    s1 = next(a for a in page.xpath("//article") if "Opening of the 2020" in text_of(a))
    pairs = dict(zip((text_of(dt) for dt in s1.xpath(".//dl[@class='join']/dt")),
                     (text_of(dd) for dd in s1.xpath(".//dl[@class='join']/dd")), strict=True))
    assert pairs["Interpretation platform"] == f"Interprefy · {RSI}"
    assert pairs["Live captions (CART)"] == f"English · {CAPTIONS}"
    assert s1.xpath(".//dl[@class='join']//a/@href")[-2:] == [RSI, CAPTIONS]


def test_portal_in_spanish_names_them_in_spanish(client, programme):
    person = db.session.scalar(select(Person).where(Person.key == "vp-ecosoc"))
    person.preferred_language = "es"
    db.session.commit()
    page = lxml.html.fromstring(client.get(f"/p/{portal_token(person)}/").data)
    # S1 has a Spanish title in the default programme: the Spanish portal shows it.
    s1 = next(a for a in page.xpath("//article") if "Apertura de la serie de sesiones" in text_of(a))
    terms = [text_of(dt) for dt in s1.xpath(".//dl[@class='join']/dt")]
    assert terms[-3:] == ["Interpretación", "Plataforma de interpretación", "Subtitulado en directo (CART)"]
    assert text_of(s1.xpath(".//dl[@class='join']/dd")[-1]) == f"inglés · {CAPTIONS}"
