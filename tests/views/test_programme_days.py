"""A long programme is shown one day at a time, with a way to every other day.

The 2020 segment has 11 public sessions over two days (5 and 6): the limits are lowered
for these tests so that it counts as long.
"""

import lxml.html
import pytest

from meeting.programme import public
from tests.conftest import load_published

BASE = "/segments/ecosoc-2020-integration-segment/"


@pytest.fixture
def programme(app):
    return load_published()


@pytest.fixture
def long_programme(programme, monkeypatch):
    monkeypatch.setattr(public, "ALL_DAYS_LIMIT", 10)
    return programme


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status)
    return lxml.html.fromstring(response.data)


def _days_shown(page) -> list[str]:
    return page.xpath("//section[@class='day']/@id")


def test_programme_days_short_programme_shows_every_day_with_anchors(client, programme):
    page = _page(client, BASE)
    assert _days_shown(page) == ["day-2020-07-06", "day-2020-07-07"]
    nav = page.xpath("//nav[@class='day-nav']//li")
    assert [" ".join(li.text_content().split()) for li in nav] == [
        "All days", "Mon 6 Jul (5)", "Tue 7 Jul (6)"]
    assert page.xpath("//nav[@class='day-nav']//a/@href") == ["#day-2020-07-06", "#day-2020-07-07"]


def test_programme_days_long_programme_opens_on_its_first_day_once_over(client, long_programme):
    page = _page(client, BASE)
    assert _days_shown(page) == ["day-2020-07-06"]
    assert len(page.xpath("//article[@class='session status-confirmed' or "
                          "@class='session status-draft' or @class='session status-cancelled']")) == 5
    assert page.xpath("//nav[@class='day-nav']//strong[@aria-current='page']/text()") == ["Mon 6 Jul"]
    # "All days" is not offered: it would pass the page's budget.
    assert page.xpath("//nav[@class='day-nav']//a/@href") == [f"{BASE}?day=2020-07-07"]


def test_programme_days_long_programme_day_asked_for_is_shown(client, long_programme):
    page = _page(client, f"{BASE}?day=2020-07-07")
    assert _days_shown(page) == ["day-2020-07-07"]
    assert page.xpath("//span[@class='view-switch']/a/@href") == [f"{BASE}?view=grid&day=2020-07-07"]


def test_programme_days_long_programme_all_days_refused_with_a_notice(client, long_programme):
    page = _page(client, f"{BASE}?day=all")
    assert _days_shown(page) == ["day-2020-07-06"]
    assert page.xpath("//nav[@class='day-nav']/p[@class='notice']/text()") == [
        "The whole programme is too long for one page: it is shown one day at a time."]


def test_programme_days_grid_of_one_day_keeps_the_view_in_day_links(client, long_programme):
    page = _page(client, f"{BASE}?view=grid&day=2020-07-07")
    assert [h.text_content() for h in page.xpath("//section[@class='tt-day']/h2")] == ["Tue 7 Jul"]
    assert page.xpath("//nav[@class='day-nav']//a/@href") == [f"{BASE}?view=grid&day=2020-07-06"]


def test_programme_days_many_days_get_previous_next_and_a_date_field(client, long_programme, monkeypatch):
    monkeypatch.setattr(public, "DAY_LINKS_LIMIT", 1)
    page = _page(client, f"{BASE}?day=2020-07-06")
    nav = page.xpath("//nav[@class='day-nav']")[0]
    assert nav.xpath(".//a[@rel='next']/@href") == [f"{BASE}?day=2020-07-07"]
    assert nav.xpath(".//a[@rel='prev']") == []
    field = nav.xpath(".//input[@name='day']")[0]
    assert (field.get("type"), field.get("value"), field.get("min"), field.get("max")) == (
        "date", "2020-07-06", "2020-07-06", "2020-07-07")


def test_programme_days_day_without_sessions_says_so(client, long_programme):
    page = _page(client, f"{BASE}?day=2020-07-09")
    assert _days_shown(page) == []
    assert "No session on this day." in page.text_content()


def test_programme_days_not_a_date_is_refused(client, programme):
    response = client.get(f"{BASE}?day=tuesday")
    assert response.status_code == 400
    assert b"No day &#39;tuesday&#39;: a day is written as 2021-07-06." in response.data
