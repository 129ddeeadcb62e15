"""The organizer's page of calendar replies, and what the dashboard shows of them."""

import lxml.html

from meeting.invitations.replies import poll_inbox
from tests.invitations.reply_setup import drop, fixture, invite_jane, reply_ics, reply_message
from tests.views.pages import csrf, login

REPLIES = "/organizer/replies"


def rows(html: bytes) -> list[list[str]]:
    doc = lxml.html.fromstring(html)
    return [[" ".join(" ".join(td.itertext()).split()) for td in tr.xpath("td")]
            for tr in doc.xpath("//table[contains(@class, 'replies')]/tbody/tr")]


def test_replies_page_requires_login(client):
    response = client.get(REPLIES)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_replies_page_lists_newest_first_with_outcome_and_reason(app, client):
    invite_jane()
    drop(fixture("outlook_accepted.eml"), "1.M1P1Q1.test")
    poll_inbox()
    drop(reply_message(reply_ics(attendee="intruder@example.com"), message_id="<f@x>"), "2.M1P1Q1.test")
    poll_inbox()
    login(client)
    response = client.get(REPLIES)
    assert response.status_code == 200
    table = rows(response.data)
    assert [r[5] for r in table] == ["rejected", "applied"]
    assert table[0][6] == ("forged: the attendee intruder@example.com was not invited to this UID "
                           "(it was sent to Jane Doe)")
    assert table[1][2:7] == ["HLP1 High-level panel", "Jane Doe jane.doe@example.org", "REPLY ACCEPTED #0",
                             "applied", "accepted: confirmed in HLP1 as panelist"]


def test_replies_page_escapes_subject(app, client):
    invite_jane()
    data = reply_message(reply_ics()).replace(b"Subject: Reply", b"Subject: <script>alert(1)</script>")
    drop(data)
    poll_inbox()
    login(client)
    body = client.get(REPLIES).data
    assert b"<script>alert(1)</script>" not in body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_replies_fetch_button_reads_inbox(app, client):
    invite_jane()
    drop(fixture("google_accepted.eml"))
    login(client)
    response = client.post(REPLIES + "/fetch", data={"csrf_token": csrf(client, REPLIES)},
                           follow_redirects=True)
    assert "Inbox read: 1 applied, 0 rejected, 0 counter." in response.get_data(as_text=True)
    assert rows(response.data)[0][5] == "applied"


def test_replies_fetch_without_csrf_refused(app, client):
    login(client)
    assert client.post(REPLIES + "/fetch").status_code == 400


def test_replies_fetch_by_viewer_refused(app, client):
    login(client, "viewer")
    assert b"Read the inbox now" not in client.get(REPLIES).data
    assert client.post(REPLIES + "/fetch", data={"csrf_token": csrf(client, REPLIES)}).status_code == 403


def test_dashboard_shows_confirmed_tentative_and_replies_to_review(app, client):
    invite_jane()
    drop(fixture("apple_tentative.eml"), "1.M1P1Q1.test")
    drop(fixture("outlook_counter.eml"), "2.M1P1Q1.test")
    poll_inbox()
    login(client)
    doc = lxml.html.fromstring(client.get("/organizer/segments/replies-2020/").data)
    counts = [" ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='counts']/li")]
    assert "0 confirmed, 1 not yet confirmed, 0 declined" in counts
    assert "1 calendar reply not applied · Calendar replies" in counts
    cells = [" ".join(td.text_content().split())
             for td in doc.xpath("//table[@id='unconfirmed']/tbody/tr/td")]
    assert cells[1:] == ["Jane Doe", "Panelist", "tentative (calendar reply)"]
