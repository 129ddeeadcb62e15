"""Segment pages: create, settings, duplicate; cancel or delete a session. Bad input saves nothing."""

from datetime import date, datetime, timezone

import lxml.html
import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import ChangeLog, Invitation, ReminderPolicy, Segment, Session
from tests.views.pages import csrf, login

NEW = "/organizer/new-segment"
GOOD = {"title": "2021 Integration Segment", "slug": "is-2021", "timezone": "America/New_York",
        "start_date": "2021-07-06", "end_date": "2021-07-07", "theme": "Recovering better",
        "civil_start": "07:00", "civil_end": "22:00", "unconfirmed_days": "5",
        "contact_name": "Amina Mohammed", "contact_email": "is-secretariat@un.org",
        "contact_phone": "+1 212 963 1234"}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def errors(response) -> dict[str, list[str]]:
    """Field errors on the page, by the name of the input they follow."""
    page = lxml.html.fromstring(response.data)
    found: dict[str, list[str]] = {}
    for span in page.xpath("//span[@class='field-error']"):
        label = span.getprevious()
        while label is not None and label.tag != "label" and label.tag != "div":
            label = label.getprevious()
        names = label.xpath(".//input/@name | .//textarea/@name")
        found.setdefault(" ".join(names), []).append(span.text_content())
    return found


def post(client, url, **changes):
    data = {**GOOD, **changes, "csrf_token": csrf(client, url)}
    return client.post(url, data={k: v for k, v in data.items() if v is not None})


def test_segment_pages_need_login(client, make_segment):
    make_segment(slug="s")
    for url in (NEW, "/organizer/segments/s/settings", "/organizer/segments/s/duplicate"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_segment_new_without_csrf_refused(client):
    login(client)
    response = client.post(NEW, data=GOOD)
    assert response.status_code == 400
    assert count(Segment) == 0


def test_segment_new_viewer_refused(client):
    login(client, "viewer")
    response = client.post(NEW, data={**GOOD, "csrf_token": csrf(client, NEW)})
    assert response.status_code == 403
    assert count(Segment) == 0


def test_segment_new_created_and_linked_from_home(client):
    login(client)
    home = lxml.html.fromstring(client.get("/organizer/").data)
    assert home.xpath("//a[text()='New segment']/@href") == [NEW]
    response = post(client, NEW)
    assert response.status_code == 302
    assert response.headers["Location"] == "/organizer/segments/is-2021/"
    segment = db.session.scalar(select(Segment))
    assert (segment.title, segment.timezone, segment.start_date, segment.end_date, segment.theme,
            segment.unconfirmed_days, segment.contact_text, segment.published) == (
        "2021 Integration Segment", "America/New_York", date(2021, 7, 6), date(2021, 7, 7),
        "Recovering better", 5, "Amina Mohammed, is-secretariat@un.org, +1 212 963 1234", False)
    assert count(ReminderPolicy) == 3
    dashboard = lxml.html.fromstring(client.get(response.headers["Location"]).data)
    assert "Created 2021 Integration Segment (not published)." in dashboard.xpath(
        "string(//p[@class='flash flash-info'])")
    assert dashboard.xpath("//a[text()='Tue 6 Jul']/@href") == [
        "/organizer/segments/is-2021/days/2021-07-06"]


BAD = [
    ({"start_date": "2021-02-29", "end_date": "2021-03-01"},
     {"start_date end_date": ["'2021-02-29' is not a date (write it as YYYY-MM-DD, e.g. 2021-07-06)"]}),
    ({"end_date": "2021-07-05"}, {"start_date end_date": ["2021-07-05 is before the start date 2021-07-06"]}),
    ({"timezone": "America/NewYork"},
     {"timezone": ["unknown time zone 'America/NewYork': did you mean 'America/New_York'?"]}),
    ({"contact_email": "is-secretariat@un"},
     {"contact_email": ["'is-secretariat@un' is not an e-mail address"]}),
    # New York skips 02:00–03:00 on 14 March 2021: civil hours from 02:30 do not exist that day.
    ({"start_date": "2021-03-13", "end_date": "2021-03-14", "civil_start": "02:30"},
     {"civil_start civil_end": ["2021-03-14 02:30 does not exist in America/New_York: the clocks "
                                "skip it when daylight saving time starts"]}),
    ({"civil_end": "25:00"}, {"civil_start civil_end": ["'25:00' is not a time (write it as HH:MM)"]}),
    ({"title": ""}, {"title": ["give the segment a title"]}),
    ({"unconfirmed_days": "a week"}, {"unconfirmed_days": ["a whole number of days from 0 to 365"]}),
]


@pytest.mark.parametrize(("changes", "expected"), BAD)
def test_segment_new_bad_input_names_field_saves_nothing(client, changes, expected):
    login(client)
    response = post(client, NEW, **changes)
    assert response.status_code == 400
    assert errors(response) == expected
    page = lxml.html.fromstring(response.data)
    assert page.xpath("string(//p[@id='not-saved'])") == (
        "Nothing was saved: correct the fields marked below.")
    # What the organizer typed is kept.
    assert page.xpath("//input[@name='contact_phone']/@value") == ["+1 212 963 1234"]
    assert (count(Segment), count(ReminderPolicy), count(ChangeLog)) == (0, 0, 0)


def test_segment_new_taken_slug_refused(client, make_segment):
    make_segment(slug="is-2021")
    login(client)
    response = post(client, NEW)
    assert response.status_code == 400
    assert errors(response) == {"slug": ["is-2021 is already used by another segment"]}
    assert count(Segment) == 1


def test_segment_settings_saved_slug_kept(client, make_segment):
    segment = make_segment(slug="is-2021", title="Old title")
    login(client)
    url = "/organizer/segments/is-2021/settings"
    form = lxml.html.fromstring(client.get(url).data)
    assert form.xpath("//input[@name='title']/@value") == ["Old title"]
    response = post(client, url, slug="renamed", contact_phone="")
    assert response.status_code == 302
    db.session.expire_all()
    segment = db.session.get(Segment, segment.id)
    assert (segment.slug, segment.title, segment.contact_phone, segment.contact_email) == (
        "is-2021", "2021 Integration Segment", None, "is-secretariat@un.org")
    assert db.session.scalar(select(ChangeLog.summary)).startswith("settings changed: title, ")


def test_segment_settings_zone_change_with_sessions_refused(client, make_session):
    session = make_session()
    slug = session.segment.slug
    login(client)
    response = post(client, f"/organizer/segments/{slug}/settings", timezone="Europe/Zurich",
                    start_date="2020-07-06", end_date="2020-07-07")
    assert response.status_code == 400
    assert errors(response) == {"timezone": [
        "the sessions were typed in America/New_York; a new zone would move every one of them "
        "(duplicate the segment instead)"]}
    db.session.expire_all()
    assert db.session.scalar(select(Segment.timezone)) == "America/New_York"


def test_segment_duplicate_shifts_and_redirects(client, make_session):
    # 09:00 EST on 2 March 2020; the copy a week later meets at 09:00 EDT.
    session = make_session(start=datetime(2020, 3, 2, 14, 0, tzinfo=timezone.utc))
    source = session.segment
    source.start_date, source.end_date = date(2020, 3, 2), date(2020, 3, 3)
    db.session.commit()
    login(client)
    url = f"/organizer/segments/{source.slug}/duplicate"
    response = client.post(url, data={"csrf_token": csrf(client, url), "title": "Copy",
                                      "slug": "copy", "start_date": "2020-03-09"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/organizer/segments/copy/"
    copy = db.session.scalar(select(Segment).where(Segment.slug == "copy"))
    assert [(s.code, s.start, s.status) for s in copy.sessions] == [
        (session.code, datetime(2020, 3, 9, 13, 0, tzinfo=timezone.utc), "draft")]


def test_segment_duplicate_bad_date_and_taken_slug_saves_nothing(client, make_session):
    source = make_session().segment
    login(client)
    url = f"/organizer/segments/{source.slug}/duplicate"
    response = client.post(url, data={"csrf_token": csrf(client, url), "title": "Copy",
                                      "slug": source.slug, "start_date": "2021-07-06"})
    assert response.status_code == 400
    assert errors(response) == {"slug": [f"{source.slug} is already used by another segment"]}
    response = client.post(url, data={"csrf_token": csrf(client, url), "title": "Copy",
                                      "slug": "copy", "start_date": "6 July"})
    assert errors(response) == {"start_date": [
        "'6 July' is not a date (write it as YYYY-MM-DD, e.g. 2021-07-06)"]}
    assert (count(Segment), count(Session)) == (1, 1)


def test_session_delete_draft_then_gone(client, make_session):
    session = make_session(status="draft")
    login(client)
    url = f"/organizer/sessions/{session.id}/edit"
    page = lxml.html.fromstring(client.get(url).data)
    assert page.xpath("//button[text()='Delete this draft']")
    response = client.post(f"/organizer/sessions/{session.id}/delete",
                           data={"csrf_token": csrf(client, url)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organizer/segments/{session.segment.slug}/"
    assert count(Session) == 0


def test_session_delete_invited_refused_cancel_with_reason(client, make_participation):
    p = make_participation()
    session = p.session
    session.status = "draft"
    db.session.add(Invitation(session=session, person=p.person, uid="u@meeting", method="REQUEST",
                              sequence=0, revision=0, sent_at=datetime(2020, 7, 1, tzinfo=timezone.utc),
                              message_id="<m@x>"))
    db.session.commit()
    login(client)
    url = f"/organizer/sessions/{session.id}/edit"
    assert not lxml.html.fromstring(client.get(url).data).xpath("//button[text()='Delete this draft']")
    response = client.post(f"/organizer/sessions/{session.id}/delete",
                           data={"csrf_token": csrf(client, url)})
    assert response.status_code == 400
    assert count(Session) == 1
    page = lxml.html.fromstring(client.get(url).data)
    assert page.xpath("string(//p[@class='flash flash-error'])") == (
        f"Not deleted: {session.code} cannot be deleted: invitations to it were sent; cancel it instead")
    response = client.post(f"/organizer/sessions/{session.id}/cancel",
                           data={"csrf_token": csrf(client, url), "reason": ""})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Session, session.id).status == "draft"
    response = client.post(f"/organizer/sessions/{session.id}/cancel",
                           data={"csrf_token": csrf(client, url), "reason": "Moved to 2021."})
    assert response.status_code == 302
    db.session.expire_all()
    cancelled = db.session.get(Session, session.id)
    assert (cancelled.status, cancelled.cancellation_reason, cancelled.revision) == (
        "cancelled", "Moved to 2021.", 1)
    invitations = lxml.html.fromstring(client.get(response.headers["Location"].split("#")[0]).data)
    assert "cancellation owed" in invitations.text_content()


def test_segment_settings_bad_compilation_symbol_names_field(client, make_segment):
    segment = make_segment(slug="is-2021", title="IS 2021")
    login(client, "organizer")
    url = f"/organizer/segments/{segment.slug}/settings"
    page = lxml.html.fromstring(client.get(url).data)
    data = {i.get("name"): i.get("value") or "" for i in page.xpath("//form[@method='post']//input")}
    data.update({"theme": "", "compilation_symbol": "E/HLPF/2021/CRP", "compilation_date": "2021-07-02"})
    response = client.post(url, data=data)
    assert response.status_code == 400
    errors = lxml.html.fromstring(response.data).xpath("//span[@class='field-error']/text()")
    assert errors == ["'E/HLPF/2021/CRP': 'CRP' is not a document number (e.g. 55, L.1, CRP.2)"]
    db.session.expire_all()
    assert db.session.get(Segment, segment.id).compilation_symbol is None
    data["compilation_symbol"] = "E/HLPF/2021/CRP.1"
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Segment, segment.id)
    assert (saved.compilation_symbol, saved.compilation_date) == ("E/HLPF/2021/CRP.1", date(2021, 7, 2))
