"""Which language a page is in: the bar, the cookie, the organizer's own choice, and the areas."""

import lxml.html
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import User
from tests.conftest import load_published
from tests.views.pages import csrf, login

BAR = ["عربي", "中文", "English", "Français", "Русский", "Español"]


def page(response):
    return lxml.html.fromstring(response.data)


def test_language_bar_lists_six_languages_in_un_order_each_linking_to_this_page(client):
    load_published()
    html = page(client.get("/segments/ecosoc-2020-integration-segment/?view=grid"))
    links = html.xpath("//nav[@class='language-bar']//a")
    assert [a.text for a in links] == BAR
    assert [a.get("hreflang") for a in links] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert links[3].get("href") == "/segments/ecosoc-2020-integration-segment/?view=grid&lang=fr"
    assert [a.get("aria-current") for a in links] == [None, None, "true", None, None, None]


def test_language_query_parameter_translates_page_and_is_remembered_in_cookie(client):
    response = client.get("/?lang=fr")
    html = page(response)
    assert (html.get("lang"), html.get("dir")) == ("fr", "ltr")
    assert html.xpath("//header[@class='site-header']/nav/a/text()")[0] == "Programmes"
    assert html.xpath("//header[@class='site-header']/nav/a/text()")[-1] == "Se connecter"
    assert "lang=fr;" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    again = page(client.get("/"))
    assert (again.get("lang"), again.xpath("//header[@class='site-header']/nav/a/text()")[-1]) == (
        "fr", "Se connecter")


def test_language_arabic_page_is_right_to_left(client):
    html = page(client.get("/?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert html.xpath("//header[@class='site-header']/nav/a/text()") == ["البرامج", "تسجيل الدخول"]


def test_language_accept_language_chosen_when_nothing_else_says(client):
    html = page(client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}))
    assert (html.get("lang"), html.xpath("//header[@class='site-header']/nav/a/text()")[-1]) == (
        "es", "Iniciar sesión")


def test_language_unknown_code_ignored(client):
    response = client.get("/?lang=de", headers={"Accept-Language": "de"})
    assert page(response).get("lang") == "en" and "Set-Cookie" not in response.headers


def test_language_public_responses_vary_and_etag_differs_per_language(client):
    load_published()
    english = client.get("/segments/ecosoc-2020-integration-segment/")
    french = client.get("/segments/ecosoc-2020-integration-segment/", headers={"Accept-Language": "fr"})
    assert english.headers["Vary"] == "Accept-Language, Cookie"
    assert english.headers["ETag"] != french.headers["ETag"]
    assert page(french).get("lang") == "fr"
    assert client.get("/segments/ecosoc-2020-integration-segment/", headers={
        "If-None-Match": english.headers["ETag"], "Accept-Language": "fr"}).status_code == 200


def test_language_organizer_pages_never_in_a_language_they_do_not_speak(client):
    login(client)
    client.get("/?lang=ar")
    html = page(client.get("/organizer/"))
    assert (html.get("lang"), html.get("dir")) == ("en", "ltr")
    buttons = html.xpath("//form[contains(@class,'language-bar')]/button")
    assert [(b.text, b.get("value")) for b in buttons] == [("English", "en"), ("Français", "fr")]


def test_language_organizer_choice_kept_on_account_and_applies_after_new_login(client):
    login(client)
    response = client.post("/account/language", data={
        "csrf_token": csrf(client, "/organizer/"), "language": "fr", "next": "/organizer/?x=1"})
    assert (response.status_code, response.headers["Location"]) == (302, "/organizer/?x=1")
    assert db.session.scalar(select(User.language).where(User.email == "organizer@un.org")) == "fr"
    client.delete_cookie("lang")
    html = page(client.get("/organizer/"))
    assert html.get("lang") == "fr"
    assert html.xpath("//header[@class='site-header']/nav/a/text()")[1:4] == [
        "Organisation", "Répertoire", "Boîte d'envoi"]


def test_language_choice_refuses_other_sites_and_other_languages(client):
    login(client)
    response = client.post("/account/language", data={
        "csrf_token": csrf(client, "/organizer/"), "language": "ar", "next": "//evil.example/"})
    assert (response.status_code, response.headers["Location"]) == (302, "/organizer/")
    assert db.session.scalar(select(User.language).where(User.email == "organizer@un.org")) is None


def test_language_choice_needs_csrf_token(client):
    login(client)
    assert client.post("/account/language", data={"language": "fr"}).status_code == 400


def test_language_machine_readable_outputs_stay_english_whatever_the_browser_asks(client):
    load_published()
    base = "/segments/ecosoc-2020-integration-segment"
    french = {"Accept-Language": "fr", "Cookie": "lang=fr"}
    api = client.get("/api/v1/segments/ecosoc-2020-integration-segment", headers=french).get_json()
    roles = {speaker["role_label"] for session in api["sessions"] for speaker in session["speakers"]}
    assert "Panelist" in roles and "Panéliste" not in roles
    for path in ("programme.csv", "programme.ics"):
        english = client.get(f"{base}/{path}")
        assert english.status_code == 200 and b"Panelist" in english.data
        assert client.get(f"{base}/{path}", headers=french).data == english.data


def test_language_headquarters_zone_also_named_by_its_city_in_the_page_language(client):
    load_published()
    base = "/segments/ecosoc-2020-integration-segment/"
    muted = "//header[@class='segment-header']/p[@class='muted']"
    spanish = page(client.get(base + "?lang=es")).xpath(muted)[0].text_content()
    english = page(client.get(base + "?lang=en")).xpath(muted)[0].text_content()
    assert spanish.split("·")[-1].strip().endswith("America/New_York (Nueva York)")
    assert english.split("·")[-1].strip() == "headquarters time: America/New_York"
