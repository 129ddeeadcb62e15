"""The organizer's content on public pages in each language: the translation, or the original
inside lang/dir with a visible "(original: …)" label; and no query per session."""

import lxml.html
from sqlalchemy import event, select

from meeting.extensions import db
from meeting.models import Segment, Session, SessionTranslation
from tests.conftest import load_published

PROGRAMME = "/segments/ecosoc-2020-integration-segment/"


def page(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.data)


def _translate(code: str, language: str, title: str, description: str | None = None) -> None:
    session = db.session.scalar(select(Session).where(Session.code == code))
    db.session.add(SessionTranslation(session=session, language=language, title=title,
                                      description=description))
    db.session.commit()


def _title(html, code: str):
    return html.xpath(f"//article[@id='session-{code}']//h3")[0]


def test_content_programme_in_french_shows_french_title_and_marks_english_one(client):
    load_published()
    _translate("S3", "fr", "Dialogue interactif : systèmes alimentaires")
    html = page(client.get(PROGRAMME + "?lang=fr"))
    assert _title(html, "S3").xpath("a")[0].text_content() == "Dialogue interactif : systèmes alimentaires"
    assert _title(html, "S3").xpath(".//*[@lang]") == []
    s4 = _title(html, "S4")
    original = s4.xpath("a/span[@class='original']")[0]
    assert (original.get("lang"), original.get("dir")) == ("en", "ltr")
    assert original.text == db.session.scalar(select(Session.title).where(Session.code == "S4"))
    assert s4.xpath("span[@class='original-label muted']/text()") == ["(original : anglais)"]


def test_content_programme_in_english_has_no_label(client):
    load_published()
    _translate("S3", "fr", "Dialogue interactif")
    html = page(client.get(PROGRAMME + "?lang=en"))
    assert html.xpath("//*[contains(@class, 'original-label')]") == []
    assert html.xpath("//span[@class='original']") == []


def test_content_session_page_in_french_translated_title_and_description(client):
    load_published()
    _translate("S3", "fr", "Systèmes alimentaires", "Un dialogue interactif.")
    html = page(client.get(PROGRAMME + "sessions/S3/?lang=fr"))
    assert html.xpath("//h1")[0].text_content().split() == ["Systèmes", "alimentaires"]
    assert html.xpath("//div[@class='description']/p/text()") == ["Un dialogue interactif."]
    assert html.xpath("//title/text()")[0].startswith("S3 Systèmes alimentaires · ")


def test_content_session_page_in_french_without_translation_marks_title_and_description(client):
    load_published()
    html = page(client.get(PROGRAMME + "sessions/S4/?lang=fr"))
    title = db.session.scalar(select(Session.title).where(Session.code == "S4"))
    h1 = html.xpath("//h1")[0]
    assert h1.xpath("span[@class='original']")[0].get("lang") == "en"
    assert h1.xpath("span[@class='original']/text()") == [title]
    assert h1.xpath("span[@class='original-label muted']/text()") == ["(original : anglais)"]
    description = html.xpath("//div[@class='description']")[0]
    assert description.xpath("div[@class='original']/@lang") == ["en"]
    assert description.xpath("p[@class='original-label muted']/text()") == ["(original : anglais)"]
    assert html.xpath("//title/text()")[0].startswith(f"S4 {title} (original : anglais) · ")


def test_content_session_page_in_arabic_keeps_english_original_left_to_right(client):
    load_published()
    html = page(client.get(PROGRAMME + "sessions/S4/?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    original = html.xpath("//h1/span[@class='original']")[0]
    assert (original.get("lang"), original.get("dir")) == ("en", "ltr")
    assert html.xpath("//h1/span[@class='original-label muted']/text()") == ["(النص الأصلي: الإنجليزية)"]


def test_content_arabic_translation_shown_without_label(client):
    load_published()
    _translate("S4", "ar", "حوار تفاعلي")
    html = page(client.get(PROGRAMME + "sessions/S4/?lang=ar"))
    assert html.xpath("//h1")[0].text_content().split() == ["حوار", "تفاعلي"]
    assert html.xpath("//h1/span") == []


def test_content_translation_edit_changes_the_cached_french_page(client):
    load_published()
    first = page(client.get(PROGRAMME + "?lang=fr"))
    assert _title(first, "S3").xpath("a/span[@class='original']")
    etag = client.get(PROGRAMME + "?lang=fr").headers["ETag"]
    _translate("S3", "fr", "Systèmes alimentaires")
    response = client.get(PROGRAMME + "?lang=fr", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert _title(page(response), "S3").xpath("a")[0].text_content() == "Systèmes alimentaires"


def test_content_segment_in_french_labels_french_original_on_english_page(client):
    load_published()
    segment = db.session.scalar(select(Segment))
    segment.original_language = "fr"
    db.session.commit()
    html = page(client.get(PROGRAMME + "sessions/S4/?lang=en"))
    assert html.xpath("//h1/span[@class='original']/@lang") == ["fr"]
    assert html.xpath("//h1/span[@class='original-label muted']/text()") == ["(original: French)"]


def _programme_queries(client, language: str) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page(client.get(PROGRAMME + f"?lang={language}&view=list"))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_content_programme_page_queries_do_not_grow_with_translations_or_sessions(client):
    load_published()
    english = _programme_queries(client, "en")
    _translate("S3", "fr", "Systèmes alimentaires")
    french = _programme_queries(client, "fr")
    for code in ("S4", "S5", "S6"):
        _translate(code, "fr", f"Séance {code}")
    assert (english, french, _programme_queries(client, "fr")) == (english, english + 1, english + 1)


def test_content_default_programme_in_spanish_shows_its_spanish_title_and_marks_the_others(client):
    load_published()
    html = page(client.get(PROGRAMME + "?lang=es"))
    assert _title(html, "S1").xpath("a")[0].text_content() == (
        "Apertura de la serie de sesiones de integración de 2020")
    assert _title(html, "S2").xpath("span[@class='original-label muted']/text()") == ["(original: inglés)"]
    assert len(html.xpath("//span[@class='original-label muted']")) == len(html.xpath("//article")) - 1


def test_content_changelog_in_french_marks_titles_recorded_in_english(client):
    from meeting.programme.editing import save_programme, update_session
    from meeting.site.publishing import publish_segment

    segment = load_published()
    s4 = db.session.scalar(select(Session).where(Session.code == "S4"))
    update_session(s4, status="cancelled")
    save_programme(segment)
    publish_segment(segment, by="ana@un.org")
    item = page(client.get(PROGRAMME + "changes/?lang=fr")).xpath("//ul[@class='changes']/li")[0]
    assert item.xpath("a/span[@class='original']/@lang") == ["en"]
    assert item.xpath("span[@class='original-label muted']/text()") == ["(original : anglais)"]
    english = page(client.get(PROGRAMME + "changes/?lang=en")).xpath("//ul[@class='changes']/li")[0]
    assert english.xpath(".//span") == []
