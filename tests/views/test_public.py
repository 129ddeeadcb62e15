"""The public programme pages."""

import lxml.html
import pytest

from tests.conftest import load_published

PROGRAMME_URL = "/segments/ecosoc-2020-integration-segment/"


@pytest.fixture
def programme(app):
    load_published()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_index_lists_segment_with_link(client, programme):
    response = client.get("/")
    assert response.status_code == 200
    page = lxml.html.fromstring(response.data)
    links = page.xpath("//ul[@class='segment-list']//a")
    assert [(a.get("href"), a.text) for a in links] == [
        (PROGRAMME_URL, "2020 ECOSOC Integration Segment")
    ]


def test_index_without_programmes_says_how_to_import(client):
    response = client.get("/")
    assert b"No programme yet" in response.data


def test_segment_page_groups_sessions_by_hq_day(client, programme):
    page = lxml.html.fromstring(client.get(PROGRAMME_URL).data)
    days = [text_of(h) for h in page.xpath("//section[@class='day']/h2")]
    assert days == ["Monday 6 July 2020 (America/New_York)", "Tuesday 7 July 2020 (America/New_York)"]


def test_segment_page_shows_hq_and_utc_times(client, programme):
    page = lxml.html.fromstring(client.get(PROGRAMME_URL).data)
    s2 = page.get_element_by_id("session-S2")
    assert text_of(s2.find_class("hq-when")[0]) == "09:30–11:00 EDT"
    # UTC until the page's script re-labels it in the visitor's zone.
    visitor = s2.find_class("visitor-when")[0]
    assert text_of(visitor) == "13:30–15:00 UTC"
    assert (visitor.get("data-start"), visitor.get("data-end"), visitor.get("data-hq-day")) == (
        "2020-07-06T13:30:00+00:00", "2020-07-06T15:00:00+00:00", "2020-07-06")
    assert s2.xpath(".//time/@datetime") == ["2020-07-06T09:30:00-04:00", "2020-07-06T11:00:00-04:00"]


def test_segment_page_lists_participants_by_role_in_order(client, programme):
    page = lxml.html.fromstring(client.get(PROGRAMME_URL).data)
    s2 = page.get_element_by_id("session-S2")
    roles = {
        text_of(div.find_class("role-label")[0]): [text_of(li) for li in div.xpath(".//li")]
        for div in s2.xpath(".//div[@class='role']")
    }
    assert roles == {
        "Moderator": ["H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA"],
        # The President of IFAD declined: the public programme leaves declines out.
        "Panelists": ["H.E. Director-General, FAO", "Dr. Director-General, WHO",
                      "H.E. Executive Director, UNICEF"],
        "Lead discussant": ["H.E. Minister of Agriculture and Farmers Welfare, India"],
    }


def test_segment_page_hides_tech_checks_and_secrets(client, programme):
    html = client.get(PROGRAMME_URL).data.decode()
    assert "session-TC1A" not in html
    assert "Technical check" not in html
    for secret in ("IS2020", "TC2020", "646 555", "938 5521", "/join/"):
        assert secret not in html


def test_segment_page_marks_draft_as_provisional(client, programme):
    page = lxml.html.fromstring(client.get(PROGRAMME_URL).data)
    s6 = page.get_element_by_id("session-S6")
    assert [text_of(b) for b in s6.find_class("badge")] == ["provisional"]


def test_segment_page_unknown_slug_is_404(client, programme):
    assert client.get("/segments/nope/").status_code == 404


def test_segment_page_escapes_user_text(client, make_session, make_segment):
    segment = make_segment(slug="xss", title="<script>alert(1)</script>")
    make_session(segment=segment, title="<img src=x onerror=alert(1)>")
    html = client.get("/segments/xss/").data.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_segment_page_names_interpretation_languages(client, programme):
    page = lxml.html.fromstring(client.get(PROGRAMME_URL).data)
    meta = text_of(page.get_element_by_id("session-S1").find_class("meta")[0])
    assert meta == ("opening · Interprefy · interpretation: Arabic, Chinese, English, French, "
                    "Russian, Spanish · live captions (CART): English · interpretation platform: Interprefy")


def test_segment_page_description_paragraphs_escaped(client, make_segment, make_session):
    segment = make_segment(slug="para", description="First line\nwraps here.\n\n<b>Second</b>")
    make_session(segment=segment)
    page = lxml.html.fromstring(client.get("/segments/para/").data)
    paragraphs = page.xpath("//div[@class='description']/p")
    assert [p.text for p in paragraphs] == ["First line wraps here.", "<b>Second</b>"]
