"""Organizer pages: invitations, private links, outbox; login and roles enforced."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Invitation
from meeting.people.portal import person_for_token
from tests.conftest import DEFAULT_PROGRAMME
from tests.views.pages import csrf, login

INVITATIONS = "/organizer/segments/ecosoc-2020-integration-segment/invitations"


@pytest.fixture
def programme(app):
    import_file(DEFAULT_PROGRAMME)


def test_organizer_pages_need_login(client, programme):
    for url in ("/organizer/", INVITATIONS, "/organizer/outbox", "/organizer/people/dg-fao"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_organizer_unauthenticated_post_refused(client, programme):
    response = client.post(INVITATIONS, data={"what": "invites"})
    assert response.status_code in (302, 400)
    assert db.session.scalar(select(Invitation)) is None


def test_organizer_send_invites_for_session_goes_to_outbox(client, app, programme):
    login(client, "organizer")
    response = client.post(INVITATIONS, data={"csrf_token": csrf(client, INVITATIONS),
                                              "what": "invites", "session": "S1"})
    assert response.status_code == 302
    assert response.headers["Location"] == INVITATIONS + "#session-S1"
    page = lxml.html.fromstring(client.get(INVITATIONS).data)
    assert "Invitations: 3 sent." in page.xpath("string(//p[@class='flash flash-info'])")
    outbox = lxml.html.fromstring(client.get("/organizer/outbox").data)
    subjects = outbox.xpath("//table//td[3]/a/text()")
    assert len(subjects) == 3
    assert all(s.startswith("[Invitation] S1 · ") and s.endswith(" · Opening of the 2020 Integration Segment")
               for s in subjects)
    first = outbox.xpath("//table//td[3]/a/@href")[0]
    entry = client.get(first).data.decode()
    assert "METHOD:REQUEST" in entry


def test_organizer_viewer_cannot_send(client, programme):
    login(client, "viewer")
    assert client.get(INVITATIONS).status_code == 200
    response = client.post(INVITATIONS, data={"csrf_token": csrf(client, INVITATIONS),
                                              "what": "all"})
    assert response.status_code == 403
    assert db.session.scalar(select(Invitation)) is None


def test_organizer_send_without_csrf_refused(client, programme):
    login(client, "organizer")
    response = client.post(INVITATIONS, data={"what": "all"})
    assert response.status_code == 400
    assert db.session.scalar(select(Invitation)) is None


def test_organizer_revoke_link_issues_new_one(client, programme):
    login(client, "admin")
    url = "/organizer/people/dg-fao"
    old_link = lxml.html.fromstring(client.get(url).data).xpath("//input[@class='link-field']/@value")[0]
    response = client.post(url + "/revoke", data={"csrf_token": csrf(client, url)})
    assert response.status_code == 302
    new_link = lxml.html.fromstring(client.get(url).data).xpath("//input[@class='link-field']/@value")[0]
    assert new_link != old_link
    assert new_link.startswith("http://127.0.0.1:5000/p/")
    token = lambda link: link.split("/p/")[1].rstrip("/")  # noqa: E731
    assert person_for_token(token(old_link)) is None
    assert person_for_token(token(new_link)).key == "dg-fao"


def test_organizer_dashboard_counts_outdated_invites(client, programme):
    login(client, "organizer")
    client.post(INVITATIONS, data={"csrf_token": csrf(client, INVITATIONS), "what": "invites",
                                   "session": "S3"})
    from meeting.models import Session
    from meeting.programme.editing import update_session

    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    update_session(s3, join_url="https://example.org/join/new-s3")
    db.session.commit()
    page = lxml.html.fromstring(client.get("/organizer/").data)
    assert page.xpath("string(//table//tr[td]/td[3])").strip() == str(
        len([p for p in s3.participations if p.status != "declined"]))


def test_conflicts_page_lists_findings_errors_first(client, programme):
    login(client, "viewer")
    page = lxml.html.fromstring(client.get(
        "/organizer/segments/ecosoc-2020-integration-segment/conflicts").data)
    rows = page.xpath("//tr[starts-with(@class, 'finding ')]")
    assert rows
    severities = [r.get("class").split("finding-")[1] for r in rows]
    assert severities == sorted(severities, key=["error", "warning", "notice"].index)
    messages = [" ".join(r.xpath("string(td[2])").split()) for r in rows]
    assert "Panelist, President, IFAD declined S2" in messages
    assert "01:00 in Bangkok for Executive Secretary, ESCAP (S4)" in messages


def test_dashboard_counts_days_unconfirmed_and_conflicts(client, programme):
    login(client, "viewer")
    page = lxml.html.fromstring(client.get(
        "/organizer/segments/ecosoc-2020-integration-segment/").data)
    counts = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='counts']/li")]
    assert counts[0] == "11 sessions, 4 tech checks"
    assert counts[2].startswith("0 outdated invitations")
    days = page.xpath("//h2[text()='Days']/following-sibling::ul[1]/li/a[1]/text()")
    assert days == ["Monday 6 July", "Tuesday 7 July"]
    assert page.xpath("//div[@id='conflicts-panel']//li")
