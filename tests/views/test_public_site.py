"""The public website of a segment: grid, filters, session, speaker, organization, changes."""

from datetime import datetime, timezone

import icalendar
import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import KeyMessage, Organization, Segment, Session
from meeting.programme.editing import save_programme, update_session
from meeting.site.publishing import publish_segment, unpublish_segment
from tests.conftest import load_published
from tests.views.pages import login

BASE = "/segments/ecosoc-2020-integration-segment"


@pytest.fixture
def programme(app) -> Segment:
    return load_published()


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.data)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_programme_filter_entry_point_keeps_tagged_sessions(client, programme):
    page = html(client, f"{BASE}/?entry-point=entry-point-1")
    assert [a.get("id") for a in page.xpath("//article")] == ["session-S2"]
    page = html(client, f"{BASE}/?action-area=action-area-d&sdg=sdg-17")
    assert [a.get("id") for a in page.xpath("//article")] == ["session-S5", "session-S10"]
    selected = page.xpath("//select[@name='sdg']/option[@selected]")
    assert [o.get("value") for o in selected] == ["sdg-17"]


def test_programme_filter_unknown_tag_is_400(client, programme):
    response = client.get(f"{BASE}/?sdg=sdg-99")
    assert response.status_code == 400
    assert b"No sdg &#39;sdg-99&#39; in this programme." in response.data


def test_programme_grid_places_sessions_by_hq_time(client, programme):
    page = html(client, f"{BASE}/?view=grid")
    assert [text_of(h) for h in page.xpath("//section[@class='tt-day']/h2")] == [
        "Mon 6 Jul", "Tue 7 Jul"]
    s1 = page.get_element_by_id("session-S1")
    # 09:00 is the first hour shown: S1 starts on row 1 and spans two 15-minute rows.
    assert s1.get("style") == "grid-row: 1 / span 2; grid-column: 1"
    assert text_of(s1.find_class("tt-time")[0]) == "09:00–09:30"
    assert s1.get("href") == f"{BASE}/sessions/S1/"
    s2 = page.get_element_by_id("session-S2")
    assert s2.get("style") == "grid-row: 3 / span 6; grid-column: 1"


def test_session_page_speakers_in_speaking_order(client, programme):
    page = html(client, f"{BASE}/sessions/S11/")
    assert text_of(page.xpath("//h1")[0]) == "Closing of the 2020 Integration Segment"
    assert [text_of(li) for li in page.xpath("//ol[@class='speakers']/li")] == [
        "Rapporteur Director, Office of Intergovernmental Support and Coordination for "
        "Sustainable Development, DESA, UN DESA",
        "Keynote H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA",
        "Chair H.E. Vice-President, ECOSOC, Vice-President of ECOSOC and Permanent Representative "
        "of Armenia to the United Nations",
    ]
    assert page.xpath("//ol[@class='speakers']/li[3]/a/@href") == [
        f"{BASE}/people/vp-ecosoc/"]


def test_session_page_ics_is_one_public_event(client, programme):
    page = html(client, f"{BASE}/sessions/S2/")
    link = page.xpath("//a[text()='Add to my calendar (.ics)']/@href")
    assert link == [f"{BASE}/sessions/S2.ics"]
    response = client.get(link[0])
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="ecosoc-2020-integration-segment-S2.ics"')
    calendar = icalendar.Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert [(str(e["SUMMARY"])[:11], e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        ("COVID-19 pr", datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc),
         datetime(2020, 7, 6, 15, 0, tzinfo=timezone.utc))]
    assert "ATTENDEE" not in events[0]
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_session_page_unknown_or_tech_check_is_404(client, programme):
    assert client.get(f"{BASE}/sessions/S99/").status_code == 404
    assert client.get(f"{BASE}/sessions/TC1A/").status_code == 404
    assert client.get(f"{BASE}/sessions/TC1A.ics").status_code == 404


def test_person_page_lists_sessions_and_roles_without_email(client, programme):
    page = html(client, f"{BASE}/people/vp-ecosoc/")
    assert text_of(page.xpath("//h1")[0]) == "H.E. Vice-President, ECOSOC"
    assert text_of(page.xpath("//p[@class='lead']")[0]) == (
        "Vice-President of ECOSOC and Permanent Representative of Armenia to the United Nations, "
        "Economic and Social Council")
    rows = [text_of(li) for li in page.xpath("//ul[@class='session-list']/li")]
    assert rows[0] == "Mon 6 Jul, 09:00–09:30 EDT 13:00–13:30 UTC S1 Opening of the 2020 " \
                      "Integration Segment — Chair"
    assert [(r.split("UTC ")[1].split(" ")[0], r.split(" — ")[1]) for r in rows] == [
        ("S1", "Chair"), ("S5", "Chair"), ("S6", "Chair"), ("S10", "Chair"), ("S11", "Chair")]
    assert b"example.org" not in client.get(f"{BASE}/people/vp-ecosoc/").data


def test_person_page_declined_only_or_unknown_is_404(client, programme):
    # The President of IFAD declined S2, their only session.
    assert client.get(f"{BASE}/people/pres-ifad/").status_code == 404
    assert client.get(f"{BASE}/people/nobody/").status_code == 404


def test_people_and_organizations_indexes_link_every_speaker(client, programme):
    page = html(client, f"{BASE}/people/")
    links = page.xpath("//ul[@class='directory-list']/li/a[1]/@href")
    assert f"{BASE}/people/sg-un/" in links
    assert f"{BASE}/people/pres-ifad/" not in links
    orgs = html(client, f"{BASE}/organizations/")
    assert text_of(orgs.xpath("//ul[@class='directory-list']/li[a/@href='"
                              f"{BASE}/organizations/fao/']")[0]) == (
        "Food and Agriculture Organization of the United Nations (FAO) · 1 speaker · 1 document · "
        "1 key message")


def test_organization_page_lists_speakers_and_sessions(client, programme):
    page = html(client, f"{BASE}/organizations/desa/")
    assert [text_of(a) for a in page.xpath("//ul[@class='directory-list']/li/a")] == [
        "Director, Office of Intergovernmental Support and Coordination for Sustainable "
        "Development, DESA",
        "H.E. Under-Secretary-General for Economic and Social Affairs"]
    assert [a.split("/")[-2] for a in page.xpath("//ul[@class='session-list']//a/@href")] == [
        "S2", "S6", "S7", "S9", "S11"]
    assert client.get(f"{BASE}/organizations/ifad/").status_code == 404


def test_changes_page_lists_changes_between_publications(client, programme):
    s4 = db.session.scalar(select(Session).where(Session.code == "S4"))
    update_session(s4, status="cancelled")
    save_programme(programme)
    publish_segment(programme, by="ana@un.org")
    page = html(client, f"{BASE}/changes/")
    assert [text_of(h).split(" — ")[1] for h in page.xpath("//section/h2")] == [
        "published again", "first published"]
    assert [text_of(li) for li in page.xpath("//ul[@class='changes']/li")] == [
        "S4 COVID-19 preparedness, response and recovery through the GSDR entry points (III): "
        "urban and peri-urban development; global environmental commons: Cancelled"]


@pytest.mark.parametrize("path", [
    "/", "/?view=grid", "/sessions/S1/", "/sessions/S1.ics", "/people/", "/people/sg-un/",
    "/organizations/", "/organizations/fao/", "/changes/", "/feed.ics", "/programme.ics",
])
def test_public_pages_unpublished_segment_is_404(client, programme, path):
    assert client.get(BASE + path).status_code == 200
    unpublish_segment(programme, by="ana@un.org")
    assert client.get(BASE + path).status_code == 404


def test_public_pages_unpublished_segment_not_listed(client, programme):
    unpublish_segment(programme, by="ana@un.org")
    assert b"ecosoc-2020" not in client.get("/").data


@pytest.mark.parametrize("path", ["/", "/?view=grid", "/sessions/S1/", "/people/sg-un/",
                                  "/organizations/fao/", "/changes/"])
def test_public_pages_answer_304_until_something_changes(client, programme, path):
    first = client.get(BASE + path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert client.get(BASE + path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(BASE + path, headers={"If-Modified-Since": modified}).status_code == 304
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    update_session(s1, title="Opening, renamed")
    save_programme(programme)
    again = client.get(BASE + path, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag


def test_programme_filters_have_their_own_etag(client, programme):
    all_sessions = client.get(f"{BASE}/").headers["ETag"]
    filtered = client.get(f"{BASE}/?sdg=sdg-17")
    assert filtered.headers["ETag"] != all_sessions
    assert client.get(f"{BASE}/?sdg=sdg-17",
                      headers={"If-None-Match": all_sessions}).status_code == 200


def test_public_page_logged_in_copy_never_confirmed_to_visitors(client, programme):
    anonymous = client.get(f"{BASE}/")
    assert anonymous.headers["Cache-Control"] == "no-cache"
    login(client, "organizer")
    mine = client.get(f"{BASE}/")
    assert b"organizer@un.org" in mine.data
    assert mine.headers["Cache-Control"] == "private, no-cache"
    assert mine.headers["ETag"] != anonymous.headers["ETag"]
    # The organizer's browser revalidating its anonymous copy gets the page with their name.
    again = client.get(f"{BASE}/", headers={"If-None-Match": anonymous.headers["ETag"]})
    assert again.status_code == 200
    assert b"organizer@un.org" in again.data


def test_public_page_etag_names_the_host(client, programme):
    one = client.get(f"{BASE}/open-data/", base_url="http://meeting.example.org")
    other = client.get(f"{BASE}/open-data/", base_url="http://127.0.0.1:5000")
    assert one.headers["ETag"] != other.headers["ETag"]
    assert b"http://meeting.example.org/segments/" in one.data


def test_changes_page_publishing_again_is_a_new_version(client, programme):
    first = client.get(f"{BASE}/changes/")
    s4 = db.session.scalar(select(Session).where(Session.code == "S4"))
    update_session(s4, status="cancelled")
    save_programme(programme)
    middle = client.get(f"{BASE}/changes/")
    publish_segment(programme, by="ana@un.org")
    after = client.get(f"{BASE}/changes/", headers={"If-None-Match": middle.headers["ETag"],
                                                   "If-Modified-Since": middle.headers["Last-Modified"]})
    assert after.status_code == 200
    assert b"Cancelled" in after.data
    assert first.headers["ETag"] != middle.headers["ETag"] != after.headers["ETag"]


def test_public_page_two_changes_in_one_second_two_dates(client, programme):
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    update_session(s1, title="First rename")
    save_programme(programme)
    first = client.get(f"{BASE}/sessions/S1/")
    update_session(s1, title="Second rename")
    save_programme(programme)
    # A client that revalidates by date alone (no ETag) must not keep the first title.
    again = client.get(f"{BASE}/sessions/S1/",
                       headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 200
    assert b"Second rename" in again.data
    assert again.headers["Last-Modified"] != first.headers["Last-Modified"]


def test_organization_with_only_key_messages_has_a_page(client, make_segment, make_session):
    segment = make_segment(slug="km")
    make_session(segment=segment)
    body = Organization(key="cpd", name="Commission on Population and Development",
                        kind="functional-commission")
    db.session.add_all([
        KeyMessage(segment=segment, organization=body, text="Count everyone.", status="published"),
        KeyMessage(segment=segment, organization=body, text="DRAFT ONLY", status="draft"),
    ])
    db.session.commit()
    index = html(client, "/segments/km/organizations/")
    assert [text_of(li) for li in index.xpath("//ul[@class='directory-list']/li")] == [
        "Commission on Population and Development · 1 key message"]
    page = client.get("/segments/km/organizations/cpd/")
    assert page.status_code == 200
    assert [text_of(li) for li in lxml.html.fromstring(page.data).xpath(
        "//ul[@class='key-messages']/li")] == ["Count everyone."]
    assert b"DRAFT ONLY" not in page.data
