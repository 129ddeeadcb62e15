"""The session editor: saving, optimistic locking, bad input refused with nothing changed."""

from datetime import datetime, timezone

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import ReminderDelivery, Session
from meeting.people.accounts import create_user
from meeting.programme.editing import edit_session, save_programme
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture: a 2030 segment)

PASSWORD = "correct horse battery"


def login(client, role="organizer"):
    create_user(f"{role}@un.org", role, PASSWORD)
    client.post("/login", data={"csrf_token": fields(client, "/login")["csrf_token"],
                                "email": f"{role}@un.org", "password": PASSWORD})


def fields(client, url) -> dict:
    """The form's current values, as a browser would submit them."""
    page = lxml.html.fromstring(client.get(url).data)
    form = (page.xpath("//form[contains(@class, 'session-form')]") or page.forms)[0]
    values = {k: v for k, v in form.form_values()}
    values["tags"] = [o.get("value") for o in page.xpath("//select[@name='tags']/option[@selected]")]
    return values


@pytest.fixture
def s1(client, programme):  # noqa: F811
    login(client)
    return db.session.scalar(select(Session).where(Session.code == "S1"))


def url(session):
    return f"/organizer/sessions/{session.id}/edit"


def test_editor_shows_hq_start_and_saves_a_move(client, s1):
    form = fields(client, url(s1))
    assert form["start"] == "2030-03-20 09:00"  # 13:00 UTC in New York (EDT)
    form["start"] = "2030-03-21 10:30"
    response = client.post(url(s1), data=form)
    assert response.status_code == 302
    db.session.expire_all()
    session = db.session.get(Session, s1.id)
    assert session.start == datetime(2030, 3, 21, 14, 30, tzinfo=timezone.utc)
    assert session.revision == 1
    # The reminders followed: "1 day before" is now a day before the new time.
    due = db.session.scalars(select(ReminderDelivery.due_at).where(
        ReminderDelivery.session_id == s1.id, ReminderDelivery.status == "pending")).all()
    assert datetime(2030, 3, 20, 14, 30, tzinfo=timezone.utc) in due


def test_second_save_on_stale_version_refused_and_input_kept(client, s1):
    mine = fields(client, url(s1))
    # A colleague saves first, through the same functions the editor uses. (A second test
    # client cannot be used here: the app fixture's context shares `g`, and with it one
    # cached CSRF token, between the two.)
    edit_session(s1, "colleague@un.org", title="Food systems and nutrition")
    save_programme(s1.segment)
    mine["title"] = "My new title"
    response = client.post(url(s1), data=mine)
    assert response.status_code == 409
    page = lxml.html.fromstring(response.data)
    message = page.get_element_by_id("conflict").text_content()
    assert message.startswith("This session changed while you were editing: colleague@un.org "
                              "changed title Food systems → Food systems and nutrition at ")
    assert page.xpath("//form[contains(@class, 'session-form')]//input[@name='title']/@value") == [
        "My new title"]
    db.session.expire_all()
    assert db.session.get(Session, s1.id).title == "Food systems and nutrition"


def test_history_lists_who_changed_what(client, s1):
    form = fields(client, url(s1))
    form["start"], form["duration"] = "2030-03-20 10:00", "60"
    client.post(url(s1), data=form)
    page = lxml.html.fromstring(client.get(url(s1)).data)
    lines = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='history']/li")]
    assert lines[0].endswith("organizer@un.org: start Wed 20 Mar 09:00 EDT → Wed 20 Mar 10:00 "
                             "EDT; duration 90 → 60 min")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("start", "2030-03-10 02:30", "does not exist in America/New_York"),
    ("start", "2030-03-20 25:00", "is not a time"),
    ("duration", "0", "give a duration of 1 to 1440 minutes"),
    ("duration", "1441", "from 1 minute to 24 hours"),
    ("join_url", "javascript:alert(1)", "must be an http:// or https:// address"),
    ("interpretation", "English", "language codes like en, fr"),
])
def test_bad_input_refused_nothing_changed(client, s1, field, value, message):
    before = (s1.start, s1.duration_minutes, s1.join_url, s1.revision)
    form = fields(client, url(s1))
    form[field] = value
    response = client.post(url(s1), data=form)
    assert response.status_code == 400
    assert message in response.data.decode()
    db.session.expire_all()
    s = db.session.get(Session, s1.id)
    assert (s.start, s.duration_minutes, s.join_url, s.revision) == before


def test_script_in_title_is_text(client, s1):
    form = fields(client, url(s1))
    form["title"] = "<script>alert(1)</script>"
    client.post(url(s1), data=form)
    html = client.get(url(s1)).data.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_viewer_cannot_save(client, programme):  # noqa: F811
    login(client, "viewer")
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    form = fields(client, url(s1))
    form["title"] = "Viewer title"
    assert client.post(url(s1), data=form).status_code == 403
    db.session.expire_all()
    assert db.session.get(Session, s1.id).title == "Food systems"


def test_without_csrf_refused(client, s1):
    form = fields(client, url(s1))
    form.pop("csrf_token")
    form["title"] = "No token"
    assert client.post(url(s1), data=form).status_code == 400
    db.session.expire_all()
    assert db.session.get(Session, s1.id).title == "Food systems"



def people_form(client, session) -> dict:
    page = lxml.html.fromstring(client.get(url(session)).data)
    form = page.xpath("//section[@id='people']/form")[0]
    values = {}
    for key, value in form.form_values():
        values.setdefault(key, []).append(value)
    return values


def participants(session_id):
    db.session.expire_all()
    session = db.session.get(Session, session_id)
    return [(p.person.key, p.role, p.position, p.minutes, p.status)
            for p in sorted(session.participations, key=lambda p: p.position)]


def test_people_reorder_change_remove_and_add(client, s1):
    form = people_form(client, s1)
    pids = form["pid"]
    chair, fao, escap = pids
    form["pid"] = [escap, fao, chair]  # new speaking order
    form[f"minutes-{fao}"] = ["12"]
    form[f"remove-{chair}"] = ["yes"]
    form["new_person"], form["new_role"], form["new_minutes"] = ["chair"], ["moderator"], ["4"]
    response = client.post(url(s1) .replace("/edit", "/people"), data=form)
    assert response.status_code == 302
    assert participants(s1.id) == [
        ("es-escap", "panelist", 1, 8, "confirmed"),
        ("dg-fao", "panelist", 2, 12, "confirmed"),
        ("chair", "moderator", 3, 4, "invited"),
    ]
    # Reminders go to people, not roles: the former chair, now moderator, keeps theirs.
    rows = db.session.scalars(select(ReminderDelivery).where(
        ReminderDelivery.session_id == s1.id)).all()
    assert sorted((r.person.key, r.status) for r in rows) == sorted(
        [(k, "pending") for k in ("chair", "dg-fao", "es-escap") for _ in range(3)])


def test_people_same_person_twice_in_role_refused(client, s1):
    before = participants(s1.id)
    form = people_form(client, s1)
    form["new_person"], form["new_role"] = ["dg-fao"], ["panelist"]
    response = client.post(url(s1).replace("/edit", "/people"), data=form)
    assert response.status_code == 400
    assert participants(s1.id) == before


def test_people_unknown_person_refused(client, s1):
    before = participants(s1.id)
    form = people_form(client, s1)
    form["new_person"] = ["nobody"]
    response = client.post(url(s1).replace("/edit", "/people"), data=form, follow_redirects=False)
    assert response.status_code == 400
    assert participants(s1.id) == before


def test_create_person_on_the_spot(client, s1):
    token = people_form(client, s1)["csrf_token"][0]
    response = client.post(url(s1).replace("/edit", "/people/new"), data={
        "csrf_token": token, "name": "Chair, Commission for Social Development",
        "timezone": "America/New_York", "email": "csocd@example.org", "role": "respondent",
        "minutes": "4"})
    assert response.status_code == 302
    added = participants(s1.id)[-1]
    assert added == ("chair-commission-for-social-development", "respondent", 4, 4, "invited")


def test_create_person_geneva_refused(client, s1):
    before = participants(s1.id)
    token = people_form(client, s1)["csrf_token"][0]
    response = client.post(url(s1).replace("/edit", "/people/new"), data={
        "csrf_token": token, "name": "Director-General, WHO (2)", "timezone": "Europe/Geneva",
        "role": "panelist"})
    assert response.status_code == 400
    assert participants(s1.id) == before


def test_people_stale_list_from_second_organizer_refused_409_naming_who_input_kept(app, s1):
    # Each organizer's requests in an app context of their own: Flask-Login keeps the user
    # of a request in g, which the test's outer app context would otherwise share.
    first, other = app.test_client(), app.test_client()
    create_user("second@un.org", "organizer", PASSWORD)
    before = participants(s1.id)
    with app.app_context():
        login(first, "admin")
        mine = people_form(first, s1)
    with app.app_context():
        other.post("/login", data={"csrf_token": fields(other, "/login")["csrf_token"],
                                   "email": "second@un.org", "password": PASSWORD})
        theirs = people_form(other, s1)
    chair, fao, escap = mine["pid"]
    assert mine["participants_stamp"] == theirs["participants_stamp"]

    mine[f"minutes-{fao}"] = ["12"]
    with app.app_context():
        assert first.post(url(s1).replace("/edit", "/people"), data=mine).status_code == 302
    theirs[f"status-{escap}"] = ["declined"]
    theirs["new_person"], theirs["new_minutes"] = ["chair"], ["3"]
    with app.app_context():
        refused = other.post(url(s1).replace("/edit", "/people"), data=theirs)

    assert refused.status_code == 409
    page = lxml.html.fromstring(refused.data)
    assert page.get_element_by_id("conflict").text_content().startswith(
        "The participants of S1 changed while you were editing: admin@un.org changed participants")
    # Their input is shown again over the current list: ESCAP declined, the new person typed.
    assert page.xpath(f"//select[@name='status-{escap}']/option[@selected]/@value") == ["declined"]
    assert page.xpath("//input[@name='new_person']/@value") == ["chair"]
    assert page.xpath(f"//input[@name='minutes-{fao}']/@value") == ["8"]
    # Nothing of theirs was saved; the first organizer's edit stands.
    assert participants(s1.id) == [before[0], ("dg-fao", "panelist", 2, 12, "confirmed"), before[2]]
    # Saved again from the refreshed form, it goes through.
    with app.app_context():
        again = people_form(other, s1)
        again[f"status-{escap}"] = ["declined"]
        assert other.post(url(s1).replace("/edit", "/people"), data=again).status_code == 302
    assert participants(s1.id)[2] == (*before[2][:4], "declined")
