"""The public website in the six UN languages: the programme, a session and a speaker's page in
French, Arabic (right to left) and Spanish; the choice remembered; nothing left in English."""

import fnmatch
import io
from pathlib import Path

import docx
import lxml.html
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from sqlalchemy import select

from meeting.extensions import db
from meeting.floor.links import inscription_token
from meeting.floor.lists import inscribe, open_list, save_list
from meeting.lib.catalogues import KEYWORDS, is_translated
from meeting.lib.locales import current_language
from meeting.models import Organization, Session, User
from meeting.runofshow.live import screen_token
from meeting.site.publishing import diff_snapshots, programme_snapshot
from tests.conftest import load_published
from tests.views.pages import login

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = "/segments/ecosoc-2020-integration-segment/"
SESSION = PROGRAMME + "sessions/S2/"
PERSON = PROGRAMME + "people/admin-undp/"
BAR = ["عربي", "中文", "English", "Français", "Русский", "Español"]
# The files whose texts the public pages show (issue 15, the public side).
PUBLIC_FILES = ("templates/public/*", "templates/_macros.html", "templates/_live_next.html",
                "templates/_language_bar.html", "meeting/views/public.py", "meeting/views/documents.py",
                "meeting/views/key_messages.py", "meeting/views/inscription.py", "meeting/site/*",
                "meeting/programme/roles.py", "meeting/models/floor.py")


@pytest.fixture
def programme(app):
    load_published()


def page(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.data)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def texts(html, xpath: str) -> list[str]:
    return [text_of(e) for e in html.xpath(xpath)]


def test_programme_in_french_has_french_headings_days_roles_and_kinds(client, programme):
    html = page(client.get(PROGRAMME + "?lang=fr"))
    assert (html.get("lang"), html.get("dir")) == ("fr", "ltr")
    assert texts(html, "//main/h1") == ["Programme"]
    assert texts(html, "//nav[@class='segment-nav']/a") == [
        "Programme", "Orateurs", "Organisations", "Modifications", "Documents", "Messages clés",
        "Données ouvertes"]
    assert texts(html, "//section[@class='day']/h2") == [
        "lundi 6 juillet 2020 (America/New_York)", "mardi 7 juillet 2020 (America/New_York)"]
    s2 = html.get_element_by_id("session-S2")
    assert texts(s2, ".//span[@class='role-label']") == [
        "Modérateur/Modératrice", "Panélistes", "Intervenant(e) principal(e)"]
    assert texts(s2, ".//p[@class='meta']") == [
        "réunion-débat de haut niveau · Interprefy · interprétation : arabe, chinois, anglais, "
        "français, russe, espagnol · sous-titrage en direct (CART) : anglais"]
    assert text_of(s2.find_class("hq-when")[0]) == "09:30–11:00 EDT"  # times keep their digits
    assert texts(html, "//p[@class='calendar-links']/a") == [
        "S'abonner dans votre calendrier", "Télécharger le programme (.ics)"]


def test_programme_in_arabic_is_right_to_left_with_the_bar_in_un_order(client, programme):
    html = page(client.get(PROGRAMME + "?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    links = html.xpath("//header[@class='site-header']/nav[@class='language-bar']//a")
    assert [a.text for a in links] == BAR
    assert [a.get("aria-current") for a in links] == ["true", None, None, None, None, None]
    assert [a.get("lang") for a in links] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert texts(html, "//main/h1") == ["البرنامج"]
    assert texts(html, "//section[@class='day']/h2") == [
        "الاثنين، 6 يوليو 2020 (America/New_York)", "الثلاثاء، 7 يوليو 2020 (America/New_York)"]
    s2 = html.get_element_by_id("session-S2")
    assert texts(s2, ".//span[@class='role-label']") == [
        "مدير الحوار", "أعضاء فريق النقاش", "المحاور الرئيسي"]
    assert texts(s2, ".//span[@class='code']") == ["S2"]
    assert texts(s2, ".//p[@class='meta']") == [
        "حلقة نقاش رفيعة المستوى · Interprefy · الترجمة الشفوية: العربية، الصينية، الإنجليزية، الفرنسية، "
        "الروسية، الإسبانية · الترجمة النصية المباشرة (CART): الإنجليزية"]


def test_programme_grid_in_chinese_names_days_the_chinese_way(client, programme):
    html = page(client.get(PROGRAMME + "?view=grid&lang=zh"))
    assert texts(html, "//section[@class='tt-day']/h2") == ["7月6日周一", "7月7日周二"]
    assert html.xpath("//section[@class='tt-day']/@aria-label") == [
        "2020年7月6日星期一", "2020年7月7日星期二"]
    assert texts(html, "//div[@class='tt-hours']/div[@class='tt-head']") == ["总部时间"]


def test_session_page_in_arabic_translates_headings_and_date(client, programme):
    html = page(client.get(SESSION + "?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert texts(html, "//article//p[@class='muted']")[0] == "S2 · حلقة نقاش رفيعة المستوى"
    assert texts(html, "//p[@class='when-line']/strong") == ["الاثنين، 6 يوليو 2020"]
    assert texts(html, "//article/h2") == ["المتكلمون، حسب ترتيب الكلمات", "المواضيع", "الوثائق ذات الصلة"]
    assert texts(html, "//ol[@class='speakers']/li/span[@class='role-label']")[:2] == [
        "مدير الحوار", "عضو فريق النقاش"]
    assert texts(html, "//p[@class='calendar-links']/a") == ["إضافة إلى تقويمي (.ics)", "مشاهدة البث الشبكي",
                                                             "متابعة الترجمة النصية المباشرة"]


def test_session_page_in_french_gives_the_date_in_french(client, programme):
    html = page(client.get(SESSION + "?lang=fr"))
    assert texts(html, "//p[@class='when-line']/strong") == ["lundi 6 juillet 2020"]
    assert texts(html, "//article/h2") == ["Orateurs, dans l'ordre des interventions", "Thèmes",
                                          "Documents connexes"]


def test_person_page_in_french_lists_sessions_with_french_days_and_role(client, programme):
    html = page(client.get(PERSON + "?lang=fr"))
    assert texts(html, "//main/h2") == ["Séances"]
    items = texts(html, "//ul[@class='session-list']/li")
    assert [item.split(" UTC ")[0] for item in items] == [
        "lun. 6 juil., 11:15–12:45 EDT 15:15–16:45", "mar. 7 juil., 09:30–11:00 EDT 13:30–15:00"]
    assert [item.rsplit(" — ", 1)[1] for item in items] == ["Panéliste", "Panéliste"]


def test_person_page_in_arabic_is_right_to_left(client, programme):
    html = page(client.get(PERSON + "?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert texts(html, "//main/h2") == ["الجلسات"]
    assert texts(html, "//ul[@class='session-list']/li/span[@class='when']") == [
        "الاثنين، 6 يوليو، 11:15–12:45 EDT 15:15–16:45 UTC",
        "الثلاثاء، 7 يوليو، 09:30–11:00 EDT 13:30–15:00 UTC"]
    assert [item.rsplit(" — ", 1)[1] for item in texts(html, "//ul[@class='session-list']/li")] == [
        "عضو فريق النقاش", "عضو فريق النقاش"]


def test_language_chosen_once_is_remembered_by_the_cookie(client, programme):
    first = client.get(PROGRAMME + "?lang=fr")
    assert "lang=fr;" in first.headers["Set-Cookie"]
    html = page(client.get(SESSION))
    assert html.get("lang") == "fr"
    assert texts(html, "//p[@class='when-line']/strong") == ["lundi 6 juillet 2020"]


def test_accept_language_spanish_gives_the_programme_in_spanish(client, programme):
    html = page(client.get(PROGRAMME, headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.4"}))
    assert (html.get("lang"), texts(html, "//main/h1")) == ("es", ["Programa"])
    assert texts(html, "//section[@class='day']/h2")[0] == "lunes, 6 de julio de 2020 (America/New_York)"


def test_organizer_language_never_applied_to_public_pages(client, programme):
    login(client)
    user = db.session.scalar(select(User).where(User.email == "organizer@un.org"))
    user.language = "fr"
    db.session.commit()
    assert page(client.get("/organizer/")).get("lang") == "fr"
    html = page(client.get(PROGRAMME))
    assert (html.get("lang"), texts(html, "//main/h1")) == ("en", ["Programme"])


def test_english_pages_keep_their_english(client, programme):
    html = page(client.get(PERSON))
    assert (html.get("lang"), html.get("dir")) == ("en", "ltr")
    assert texts(html, "//main/h2") == ["Sessions"]
    assert texts(html, "//ul[@class='session-list']/li")[0].startswith("Mon 6 Jul, 11:15–12:45 EDT")


def public_msgids() -> set[str]:
    """Every text the public files mark, extracted as the catalogues are (babel.cfg)."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        if any(fnmatch.fnmatch(filename, pattern) for pattern in PUBLIC_FILES):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", ["fr", "ar", "zh", "ru", "es"])
def test_every_public_text_translated_in_each_catalogue(language):
    msgids = public_msgids()
    assert {"Speakers, in speaking order", "Panelists", "Head of State or Government"} <= msgids
    with open(ROOT / "meeting" / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalogue = read_po(f, locale=language)
    done = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if is_translated(m)}
    assert sorted(msgids - done) == []


@pytest.fixture
def s5_list(app):
    """S5's list of speakers with Guyana for the G77 and Brazil, and Brazil's inscription link."""
    segment = load_published()
    session = next(s for s in segment.sessions if s.code == "S5")
    db.session.add(Organization(key="guyana", name="Guyana", kind="member-state"))
    speakers = open_list(session)
    orgs = {o.key: o for o in db.session.scalars(select(Organization))}
    inscribe(speakers, orgs["guyana"], speaker_name="H.E. Ms. Rodrigues-Birkett", level="minister",
             statement_type="group", on_behalf_of="the Group of 77 and China", by="test")
    inscribe(speakers, orgs["brazil"], speaker_name="H.E. Mr. França", level="head-of-delegation",
             statement_type="national", on_behalf_of=None, by="test")
    save_list(speakers)
    return f"/inscribe/{inscription_token(speakers, orgs['brazil'])}/"


def test_public_list_of_speakers_in_french(client, s5_list):
    html = page(client.get(PROGRAMME + "sessions/S5/?lang=fr"))
    section = html.get_element_by_id("speakers")
    assert texts(section, "./h2")[0].startswith("Liste des orateurs au ")
    assert texts(section, ".//thead/tr/th") == [
        "#", "Délégation", "Niveau", "Temps de parole", "", "Déclaration"]
    assert [" ".join(" ".join(row.itertext()).split()) for row in section.xpath(".//tbody/tr")] == [
        "1 Guyana (au nom de the Group of 77 and China) Ministre 5 min",
        "2 Brazil Chef de délégation 3 min"]


def test_inscription_page_in_arabic_is_right_to_left_and_translated(client, s5_list):
    html = page(client.get(s5_list + "?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert texts(html, "//main//h2") == ["تسجيلكم", "البيان المكتوب"]
    assert texts(html, "//p[@id='statement-on-file']") == []
    assert texts(html, "//form[@id='statement-form']/button") == ["إرسال البيان"]
    your_entry = texts(html, "//section[@id='your-entry']/p")[0]
    assert your_entry == "سُجِّل Brazil تحت الرقم 2: H.E. Mr. França (رئيس الوفد), وطني, 3 دقائق. الحالة: مسجَّل."


def test_key_messages_page_in_french_and_its_downloads_stay_the_english_original(client, programme):
    html = page(client.get(PROGRAMME + "key-messages/?lang=fr"))
    assert texts(html, "//main/h1") == ["Compilation des messages clés"]
    assert texts(html, "//nav[@class='km-contents']/h2") == ["Table des matières par organe"]
    assert texts(html, "//nav[@class='km-contents']//li")[0] == (
        "Statistical Commission: paragraphes 1 et 9 1 9")
    body = client.get(PROGRAMME.rstrip("/") + "/key-messages.docx").data  # the cookie says French
    document = docx.Document(io.BytesIO(body))
    assert document.core_properties.title == "Compilation of key messages: 2020 ECOSOC Integration Segment"
    assert document.paragraphs[[p.style.name for p in document.paragraphs].index("Title")].text == (
        "Compilation of key messages")


def test_changelog_said_in_the_page_language_from_english_snapshots(app):
    def snap(start, *speakers):
        return {"sessions": {"S1": {
            "title": "Panel", "status": "confirmed", "minutes": 30, "start": start,
            "speakers": [{"key": k, "name": n, "role": r} for k, n, r in speakers]}}}

    old = snap("2020-07-06T13:00:00+00:00", ("fao", "Director-General, FAO", "Panelist"))
    new = snap("2020-07-07T13:00:00+00:00", ("fao", "Director-General, FAO", "Moderator"))
    with app.test_request_context("/?lang=fr"):
        changes = [c.text for c in diff_snapshots(old, new, "America/New_York")]
    assert changes == [
        "Déplacée du lun. 6 juil. 2020, 09:00 EDT (30 min) au mar. 7 juil. 2020, 09:00 EDT (30 min)",
        "Orateurs modifiés — ajoutés : Director-General, FAO (modérateur/modératrice); "
        "retirés : Director-General, FAO (panéliste)"]


def test_snapshot_keeps_roles_in_english_whoever_publishes(app):
    segment = load_published()
    with app.test_request_context("/organizer/?lang=fr"):
        assert current_language() == "fr"
        sessions = programme_snapshot(segment)["sessions"].values()
    roles = {p["role"] for s in sessions for p in s["speakers"]}
    assert roles == {"Chair", "Moderator", "Keynote", "Panelist", "Lead discussant", "Respondent",
                     "Rapporteur"}


def test_speaker_screen_in_arabic_gives_its_script_the_translated_texts(client, programme):
    session = db.session.scalar(select(Session).where(Session.code == "S2"))
    html = page(client.get(f"/screen/{screen_token(session)}/?lang=ar"))
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    live = html.get_element_by_id("live")
    assert (live.get("data-text-press-start"), live.get("data-text-position")) == (
        "اضغط على «بدء» عند بدء الجلسة", "(الفقرة {n} من {total})")
    assert texts(html, "//div[@class='live-next']/div[@class='live-label']") == ["التالي"]
    assert text_of(html.get_element_by_id("now-who")) == "اضغط على «بدء» عند بدء الجلسة"
