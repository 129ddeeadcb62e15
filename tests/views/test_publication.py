"""The organizer's publication page: publish, publish again, unpublish, and what would change."""

from datetime import datetime, timezone

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Publication
from meeting.programme.editing import save_programme, update_session
from meeting.site.publishing import publish_segment
from tests.views.pages import csrf as token
from tests.views.pages import login

PAGE = "/organizer/segments/is-2020/publication/"
PUBLIC = "/segments/is-2020/"


def text(element) -> str:
    return " ".join(element.text_content().split())


def page(client, url=PAGE):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.data)


def flashes(doc) -> list[tuple[str, str]]:
    return [(p.get("class"), text(p)) for p in doc.xpath("//p[contains(@class, 'flash')][@role='status']")]


def post(client, action: str):
    return client.post(PAGE + action, data={"csrf_token": token(client, PAGE)})


def segment_session(segment, code):
    return next(s for s in segment.sessions if s.code == code)


def recorded() -> list[tuple[int, str, str]]:
    return [(p.number, p.action, p.by) for p in db.session.scalars(
        select(Publication).order_by(Publication.number))]


@pytest.fixture
def segment(make_segment, make_session):
    segment = make_segment(slug="is-2020", title="Integration Segment 2020", published=False)
    make_session(segment=segment, code="S1", title="Opening")
    return segment


@pytest.fixture
def organizer(client, segment):
    login(client)
    return client


def test_publication_page_unpublished_says_not_published(organizer, segment):
    doc = page(organizer)
    assert text(doc.xpath("//p[@class='lead']")[0]) == (
        "not published The public pages, feeds and exports of this segment answer “not found”.")
    assert "Never published: publishing records the first entry of the changelog." in text(doc)
    assert [text(b) for b in doc.xpath("//div[@class='answer']//button")] == ["Publish"]
    assert doc.xpath("//table") == []


def test_publication_page_lists_pending_changes_exactly_and_history(organizer, segment, make_session):
    first = publish_segment(segment, by="ana@un.org")
    first.at = datetime(2020, 6, 30, 14, 5, tzinfo=timezone.utc)
    db.session.commit()
    update_session(segment_session(segment, "S1"), start=datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc))
    make_session(segment=segment, code="S2", title="Closing",
                 start=datetime(2020, 7, 6, 20, 0, tzinfo=timezone.utc))
    save_programme(segment)
    doc = page(organizer)
    assert text(doc.xpath("//p[@class='lead']/span")[0]) == "published"
    assert text(doc.xpath("//h2")[0]) == "Changes since the last publication (2)"
    assert [text(li) for li in doc.xpath("//ul[@class='changes']/li")] == [
        "S1 Opening: Moved from Mon 6 Jul 2020 09:00 EDT (60 min) to Mon 6 Jul 2020 09:30 EDT (60 min)",
        "S2 Closing: Added: Mon 6 Jul 2020 16:00 EDT (60 min)",
    ]
    assert [text(b) for b in doc.xpath("//div[@class='answer']//button")] == ["Publish again", "Unpublish"]
    assert [[text(c) for c in tr.xpath("th|td")] for tr in doc.xpath("//table//tr")] == [
        ["#", "When (America/New_York)", "What", "By"],
        ["1", "30 Jun 2020 10:05", "published", "ana@un.org"],
    ]


def test_publication_page_published_without_changes(organizer, segment):
    publish_segment(segment, by="ana@un.org")
    doc = page(organizer)
    assert "No change to sessions, times or speakers since the last publication." in text(doc)
    assert doc.xpath("//ul[@class='changes']") == []


def test_publish_then_unpublish_flips_published_and_public_page(organizer, segment):
    assert organizer.get(PUBLIC).status_code == 404
    response = post(organizer, "publish")
    assert (response.status_code, response.headers["Location"]) == (302, PAGE)
    assert segment.published is True
    assert recorded() == [(1, "published", "organizer@un.org")]
    assert flashes(page(organizer)) == [("flash flash-info", "Published (publication 1): the public pages, "
                                                             "feeds and exports show this programme.")]
    assert organizer.get(PUBLIC).status_code == 200

    response = post(organizer, "unpublish")
    assert (response.status_code, response.headers["Location"]) == (302, PAGE)
    db.session.expire_all()
    assert segment.published is False
    assert recorded() == [(1, "published", "organizer@un.org"), (2, "unpublished", "organizer@un.org")]
    doc = page(organizer)
    assert flashes(doc) == [("flash flash-info", "Unpublished: the public pages, feeds and exports of "
                                                 "this segment answer 404.")]
    assert [[text(c) for c in tr.xpath("td")][::2] for tr in doc.xpath("//table/tbody/tr")] == [
        ["2", "unpublished"], ["1", "published"]]
    assert organizer.get(PUBLIC).status_code == 404


def test_publish_again_records_publication_2_and_changes_page_shows_it(organizer, segment):
    post(organizer, "publish")
    update_session(segment_session(segment, "S1"), status="cancelled")
    save_programme(segment)
    response = post(organizer, "publish")
    assert response.status_code == 302
    assert flashes(page(organizer)) == [("flash flash-info", "Published again (publication 2): the public "
                                                             "pages, feeds and exports show this programme.")]
    assert recorded() == [(1, "published", "organizer@un.org"), (2, "published", "organizer@un.org")]
    changes = page(organizer, PUBLIC + "changes/")
    assert [text(li) for li in changes.xpath("//section[@id='publication-2']//ul[@class='changes']/li")] == [
        "S1 Opening: Cancelled"]
    assert changes.xpath("//section[@id='publication-2']//a/@href") == [f"{PUBLIC}sessions/S1/"]


def test_publication_viewer_post_is_403_nothing_changed(client, segment):
    login(client, "viewer")
    assert client.get(PAGE).status_code == 200
    for action in ("publish", "unpublish"):
        assert post(client, action).status_code == 403
    db.session.expire_all()
    assert (segment.published, recorded()) == (False, [])


@pytest.mark.parametrize(("action", "published"), [("publish", False), ("unpublish", True)])
def test_publication_post_without_csrf_token_400_nothing_changed(organizer, segment, action, published):
    if published:
        publish_segment(segment, by="ana@un.org")
    before = recorded()
    response = organizer.post(PAGE + action, data={})
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.data.decode()
    db.session.expire_all()
    assert (segment.published, recorded()) == (published, before)


def test_unpublish_when_not_published_flashes_and_records_nothing(organizer, segment):
    response = post(organizer, "unpublish")
    assert (response.status_code, response.headers["Location"]) == (302, PAGE)
    assert flashes(page(organizer)) == [("flash flash-error",
                                         "This segment is not published: nothing to withdraw.")]
    db.session.expire_all()
    assert (segment.published, recorded()) == (False, [])
