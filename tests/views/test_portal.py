"""The speaker's private page: signed links, answers, corrections, own calendar."""

import icalendar
import lxml.html
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Participation, Person
from meeting.people.portal import portal_token, revoke_link
from tests.conftest import DEFAULT_PROGRAMME


@pytest.fixture
def programme(app):
    import_file(DEFAULT_PROGRAMME)


def person(key: str) -> Person:
    return db.session.scalar(select(Person).where(Person.key == key))


def url(p: Person, path: str = "") -> str:
    return f"/p/{portal_token(p)}/{path}"


def page_of(response):
    return lxml.html.fromstring(response.data)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def csrf(client, p: Person) -> str:
    return page_of(client.get(url(p))).xpath("//input[@name='csrf_token']/@value")[0]


def test_portal_shows_own_sessions_in_own_zone_and_hq(client, programme):
    es_escap = person("es-escap")  # Executive Secretary, ESCAP, in Bangkok
    response = client.get(url(es_escap))
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "private, no-store"
    page = page_of(response)
    titles = [text_of(h) for h in page.xpath("//article//h2")]
    mine = [p.session.title for p in es_escap.participations]
    assert sorted(titles) == sorted(mine)
    first = page.xpath("//article")[0]
    when = text_of(first.find_class("when")[0])
    # S4 starts at 14:00 in New York: 01:00 the next day in Bangkok.
    assert when == ("Tue 7 Jul 01:00–02:30 UTC+07:00 your time "
                    "Mon 6 Jul, 14:00–15:30 EDT headquarters (America/New_York)")
    join = {text_of(dt): text_of(dt.getnext()) for dt in first.xpath(".//dl[@class='join']/dt")}
    assert join["Passcode"] == "IS2020"
    assert join["Join"] == "https://example.org/join/ecosoc-is-2020-s4"


def test_portal_tampered_token_403_reveals_nothing(client, programme):
    token = portal_token(person("dg-fao"))
    response = client.get(f"/p/{token[:-2]}xx/")
    assert response.status_code == 403
    html = response.data.decode()
    assert "This link is not valid, or it has been replaced by a newer one." in html
    assert "FAO" not in html and "IS2020" not in html


def test_portal_revoked_link_403_and_new_link_works(client, programme):
    dg_fao = person("dg-fao")
    old = url(dg_fao)
    new_token = revoke_link(dg_fao)
    assert client.get(old).status_code == 403
    assert client.get(old + "sessions.ics").status_code == 403
    assert client.get(f"/p/{new_token}/").status_code == 200


def test_portal_token_never_shows_another_persons_sessions(client, programme):
    html = client.get(url(person("min-india"))).data.decode()
    titles = {p.session.title for p in person("min-india").participations}
    others = {p.session.title for p in person("es-escap").participations} - titles
    assert others
    for title in others:
        assert title not in html


def test_portal_confirm_updates_participation_at_once(client, programme):
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited"))
    who = invited.person
    response = client.post(url(who, f"participations/{invited.id}"),
                           data={"csrf_token": csrf(client, who), "answer": "confirm"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Participation, invited.id).status == "confirmed"
    assert "Thank you: you have confirmed" in client.get(url(who)).data.decode()


def test_portal_answer_without_csrf_refused(client, programme):
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited"))
    response = client.post(url(invited.person, f"participations/{invited.id}"),
                           data={"answer": "decline"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Participation, invited.id).status == "invited"


def test_portal_answer_for_someone_elses_participation_refused(client, programme):
    india = person("min-india")
    other = db.session.scalar(select(Participation).where(Participation.person_id != india.id))
    before = other.status
    response = client.post(url(india, f"participations/{other.id}"),
                           data={"csrf_token": csrf(client, india), "answer": "decline"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Participation, other.id).status == before


def test_portal_answer_replayed_after_revocation_refused(client, programme):
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited"))
    who = invited.person
    old_url, token = url(who, f"participations/{invited.id}"), csrf(client, who)
    revoke_link(who)
    response = client.post(old_url, data={"csrf_token": token, "answer": "confirm"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Participation, invited.id).status == "invited"


def test_portal_profile_correction_saved(client, programme):
    who = person("dg-fao")
    response = client.post(url(who, "profile"), data={
        "csrf_token": csrf(client, who), "honorific": "Dr.", "position": "Director-General",
        "timezone": "Europe/Rome", "biography": "Agronomist; <b>bold</b>"})
    assert response.status_code == 302
    db.session.expire_all()
    who = person("dg-fao")
    assert (who.honorific, who.biography) == ("Dr.", "Agronomist; <b>bold</b>")


def test_portal_profile_geneva_refused_unchanged(client, programme):
    who = person("dg-who")
    response = client.post(url(who, "profile"), data={
        "csrf_token": csrf(client, who), "honorific": "", "position": "x",
        "timezone": "Europe/Geneva", "biography": ""})
    assert response.status_code == 400
    assert "did you mean &#39;Europe/Zurich&#39;?" in response.data.decode()
    db.session.expire_all()
    assert person("dg-who").timezone == "Europe/Zurich"


def test_portal_calendar_has_own_passcode_and_304(client, programme):
    who = person("es-escap")
    response = client.get(url(who, "sessions.ics"))
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-sessions.ics"'
    cal = icalendar.Calendar.from_ical(response.data)
    events = cal.walk("VEVENT")
    active = [p for p in who.participations
              if p.session.status != "cancelled" and p.status != "declined"]
    assert len(events) == len(active)
    assert "Passcode: IS2020" in str(events[0]["DESCRIPTION"])
    feed = client.get(url(who, "feed.ics"))
    again = client.get(url(who, "feed.ics"), headers={"If-None-Match": feed.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # 09:00 in New York on the Sunday the US clocks change (already EDT).
        ("2021-03-14 13:00", "Sun 14 Mar 14:00–15:00 CET your time Sun 14 Mar, 09:00–10:00 EDT"),
        # Out of step: US on summer time, Europe not yet.
        ("2021-03-20 13:00", "Sat 20 Mar 14:00–15:00 CET your time Sat 20 Mar, 09:00–10:00 EDT"),
        # Out of step the other way: Europe back on winter time, the US not yet.
        ("2020-10-28 13:00", "Wed 28 Oct 14:00–15:00 CET your time Wed 28 Oct, 09:00–10:00 EDT"),
        # Both on summer time: the usual six hours apart.
        ("2021-04-06 13:00", "Tue 6 Apr 15:00–16:00 CEST your time Tue 6 Apr, 09:00–10:00 EDT"),
    ],
)
def test_portal_geneva_speaker_times_across_dst_mismatch(client, make_person, make_session,
                                                         make_participation, start, expected):
    from datetime import datetime, timezone

    instant = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
    who = make_person(timezone="Europe/Zurich")
    make_participation(person=who, session=make_session(start=instant))
    when = text_of(page_of(client.get(url(who))).find_class("when")[0])
    assert when == expected + " headquarters (America/New_York)"
