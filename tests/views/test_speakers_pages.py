"""Lists of speakers through the pages: the organizer's list, a delegation's link, the public list."""

from datetime import datetime, timezone

import lxml.html
import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.floor.links import inscription_token, revoke_links
from meeting.floor.lists import open_list
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Organization, SpeakerEntry, SpeakersList
from tests.conftest import load_published
from tests.views.pages import csrf, login


@pytest.fixture
def s5(app):
    segment = load_published()
    session = next(s for s in segment.sessions if s.code == "S5")
    segment.contact_name, segment.contact_email = "Integration Segment secretariat", "ecosoc-is@un.org"
    for key, name in (("guyana", "Guyana"), ("ghana", "Ghana")):  # Brazil is in the programme
        db.session.add(Organization(key=key, name=name, kind="member-state"))
    db.session.commit()
    return session


def org(key: str) -> Organization:
    return db.session.scalar(select(Organization).where(Organization.key == key))


def page_of(client, s5):
    return f"/organizer/sessions/{s5.id}/speakers"


def inscribe(client, s5, **values):
    data = {"csrf_token": csrf(client, page_of(client, s5)), "speaker_name": "H.E. Minister",
            "level": "minister", "statement_type": "national", "on_behalf_of": "", "minutes": ""}
    data.update(values)
    return client.post(f"{page_of(client, s5)}/entries", data=data)


def numbers(client, s5) -> list[str]:
    html = lxml.html.fromstring(client.get(page_of(client, s5)).data)
    return [" ".join(" ".join(row.xpath("./td[3]")[0].itertext()).split())
            for row in html.xpath("//tbody[@id='speakers-order']/tr[@data-id]")]


def test_speakers_page_orders_group_before_higher_level_national(client, s5):
    login(client)
    assert inscribe(client, s5, organization_id=org("ghana").id, level="head-of-state").status_code == 302
    assert inscribe(client, s5, organization_id=org("brazil").id).status_code == 302
    assert inscribe(client, s5, organization_id=org("guyana").id, statement_type="group",
                    on_behalf_of="the Group of 77 and China").status_code == 302
    assert numbers(client, s5) == ["Guyana on behalf of the Group of 77 and China", "Ghana", "Brazil"]
    limits = [e.time_limit for e in db.session.scalars(select(SpeakerEntry).order_by(SpeakerEntry.id))]
    assert limits == [3, 3, 5]


@pytest.mark.parametrize(("values", "message"), [
    ({"level": "ambassador"}, "Level: Not a valid choice."),
    ({"minutes": "0"}, "Time limit (minutes; blank: the list's): Number must be between 1 and 60."),
    ({"minutes": "61"}, "Time limit (minutes; blank: the list's): Number must be between 1 and 60."),
    ({"statement_type": "group"},
     "on_behalf_of: a statement on behalf of a group names the group"),
])
def test_speakers_page_bad_inscription_names_the_field_and_saves_nothing(client, s5, values, message):
    login(client)
    answer = inscribe(client, s5, organization_id=org("brazil").id, **values)
    assert answer.status_code == 400
    flashes = lxml.html.fromstring(answer.data).xpath(
        "//p[contains(@class, 'flash-error')][@role='status']/text()")
    assert flashes == [f"Not saved: {message}"]
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 0


def test_speakers_page_twice_for_one_delegation_is_refused(client, s5):
    login(client)
    inscribe(client, s5, organization_id=org("brazil").id)
    answer = inscribe(client, s5, organization_id=org("brazil").id, speaker_name="Someone else")
    assert answer.status_code == 400
    assert b"Not saved: organization: Brazil is already inscribed on this list" in answer.data
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 1


def test_speakers_drag_pins_an_entry_and_not_present_moves_it_to_the_end(client, s5):
    login(client)
    for key in ("ghana", "brazil", "guyana"):
        inscribe(client, s5, organization_id=org(key).id)
    html = lxml.html.fromstring(client.get(page_of(client, s5)).data)
    body = html.get_element_by_id("speakers-order")
    guyana = db.session.scalar(select(SpeakerEntry)
                               .where(SpeakerEntry.organization_id == org("guyana").id))
    moved = client.post(body.get("data-order-url"), json={"entry": guyana.id, "number": 1},
                        headers={"X-CSRFToken": body.get("data-csrf")})
    assert moved.get_json() == {"ok": True, "entry": guyana.id, "number": 1}
    assert numbers(client, s5) == ["Guyana", "Ghana", "Brazil"]
    assert b"(by precedence: 3)" in client.get(page_of(client, s5)).data
    ghana = db.session.scalar(select(SpeakerEntry)
                              .where(SpeakerEntry.organization_id == org("ghana").id))
    client.post(f"{page_of(client, s5)}/entries/{ghana.id}/status",
                data={"csrf_token": csrf(client, page_of(client, s5)), "status": "not-present"})
    assert numbers(client, s5) == ["Guyana", "Brazil", "Ghana"]
    refused = client.post(body.get("data-order-url"), json={"entry": guyana.id, "number": 7},
                          headers={"X-CSRFToken": body.get("data-csrf")})
    assert (refused.status_code, refused.get_json()) == (
        400, {"error": "position: a place from 1 to 2, not 7"})


def test_speakers_page_for_a_thematic_session_is_not_found(client, s5):
    login(client)
    s2 = next(s for s in s5.segment.sessions if s.code == "S2")
    assert client.get(f"/organizer/sessions/{s2.id}/speakers").status_code == 404


def test_speakers_page_needs_a_login(client, s5):
    answer = client.get(page_of(client, s5))
    assert (answer.status_code, answer.headers["Location"].split("?")[0]) == (302, "/login")


def test_inscription_link_inscribes_acknowledges_and_shows_the_place(client, s5):
    speakers = open_list(s5)
    db.session.commit()
    link = f"/inscribe/{inscription_token(speakers, org('brazil'))}/"
    data = {"csrf_token": csrf(client, link), "speaker_name": "H.E. Mr. Carlos França",
            "level": "minister", "statement_type": "national", "on_behalf_of": "", "minutes": "",
            "contact_email": "delbrasonu@itamaraty.gov.br"}
    answer = client.post(link, data=data)
    assert (answer.status_code, answer.headers["Location"]) == (302, link)
    shown = lxml.html.fromstring(client.get(link).data)
    assert shown.get_element_by_id("your-number").text == "1"
    entry = db.session.scalar(select(SpeakerEntry))
    assert (entry.inscribed_by, entry.contact_email) == ("inscription link", "delbrasonu@itamaraty.gov.br")
    [sent] = outbox_messages()
    message = outbox_message(sent.key)
    assert message["Subject"] == "[Inscribed] S5 · List of speakers · Brazil"
    assert message["Reply-To"] == "Integration Segment secretariat <ecosoc-is@un.org>"
    body = message.get_content()
    assert "  Time limit:         3 minutes\n" in body
    assert "  Place on the list:  1 " in body
    assert f"http://127.0.0.1:5000{link}" in body
    again = client.post(link, data=data)  # the same form sent twice
    assert again.status_code == 400
    assert b"Not inscribed: organization: Brazil is already inscribed on this list" in again.data
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 1


def test_inscription_link_refused_when_closed_and_when_revoked(client, s5):
    speakers = open_list(s5)
    speakers.closed = True
    db.session.commit()
    link = f"/inscribe/{inscription_token(speakers, org('ghana'))}/"
    page = lxml.html.fromstring(client.get(link).data)
    assert page.get_element_by_id("closed").text.startswith(
        "The list of speakers is closed (closed by the secretariat).")
    answer = client.post(link, data={"csrf_token": "x", "speaker_name": "A", "level": "minister",
                                     "statement_type": "national", "contact_email": "a@b.org"})
    assert answer.status_code == 400
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 0
    revoke_links(speakers)
    db.session.commit()
    assert client.get(link).status_code == 403
    assert client.get("/inscribe/forged/").status_code == 403


def test_public_session_shows_the_rolling_list_as_at_hq_time(client, s5):
    login(client)
    inscribe(client, s5, organization_id=org("guyana").id, statement_type="group",
             on_behalf_of="the Group of 77 and China")
    inscribe(client, s5, organization_id=org("brazil").id)
    speakers = db.session.scalar(select(SpeakersList))
    speakers.changed_at = datetime(2020, 7, 6, 22, 30, tzinfo=timezone.utc)
    db.session.commit()
    client.get("/logout")
    html = lxml.html.fromstring(client.get(f"/segments/{s5.segment.slug}/sessions/S5/").data)
    section = html.get_element_by_id("speakers")
    assert section.xpath("./h2/span/text()") == ["as at 18:30 EDT, Monday 6 July 2020"]
    rows = [" ".join(" ".join(r.itertext()).split()) for r in section.xpath(".//tbody/tr")]
    assert rows == ["1 Guyana (on behalf of the Group of 77 and China) Minister 5 min",
                    "2 Brazil Minister 3 min"]
    assert b"H.E. Minister" not in client.get(f"/segments/{s5.segment.slug}/sessions/S5/").data


def test_speakers_place_by_number_pins_and_a_bad_number_is_refused(client, s5):
    login(client)
    for key in ("ghana", "brazil", "guyana"):
        inscribe(client, s5, organization_id=org(key).id)
    guyana = db.session.scalar(select(SpeakerEntry)
                               .where(SpeakerEntry.organization_id == org("guyana").id))
    url = f"{page_of(client, s5)}/entries/{guyana.id}/place"
    answer = client.post(url, data={"csrf_token": csrf(client, page_of(client, s5)), "number": "1"})
    assert answer.status_code == 302
    assert numbers(client, s5) == ["Guyana", "Ghana", "Brazil"]
    refused = client.post(url, data={"csrf_token": csrf(client, page_of(client, s5)), "number": "0"})
    assert refused.status_code == 400
    assert b"Not saved: position: a place from 1 to 3, not 0" in refused.data
    assert numbers(client, s5) == ["Guyana", "Ghana", "Brazil"]


def test_inscription_link_refuses_a_name_that_would_add_mail_headers(client, s5):
    speakers = open_list(s5)
    db.session.commit()
    link = f"/inscribe/{inscription_token(speakers, org('brazil'))}/"
    answer = client.post(link, data={
        "csrf_token": csrf(client, link), "speaker_name": "H.E. Minister\r\nBcc: everyone@example.org",
        "level": "minister", "statement_type": "national", "contact_email": "mission@example.org"})
    assert answer.status_code == 400
    assert b"Not inscribed: speaker_name: line breaks and control characters are not allowed" in answer.data
    assert (db.session.scalar(select(func.count(SpeakerEntry.id))), outbox_messages()) == (0, [])
