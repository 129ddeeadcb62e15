"""Host, producer and backup phone in the browser: the session editor and the directory's person form."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Person, Session
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture: a 2030 segment)
from tests.views.test_directory import organizer, token  # noqa: F401  (fixture: the default programme)
from tests.views.test_session_editor import fields, login, url

CONTACTS = {"host_name": "Conference Management Service", "host_email": "cms@un.org",
            "host_phone": "+1 212 963 7349", "producer_name": "Kwame Mensah",
            "producer_email": "k.mensah@un.org", "producer_phone": "+1 917 555 0142 ext. 3"}


@pytest.fixture
def s1(client, programme):  # noqa: F811
    login(client)
    return db.session.scalar(select(Session).where(Session.code == "S1"))


def contacts_of(session_id: int) -> dict:
    db.session.expire_all()
    session = db.session.get(Session, session_id)
    return {name: getattr(session, name) for name in CONTACTS}


def test_session_editor_saves_host_and_producer_and_shows_them_again(client, s1):
    form = fields(client, url(s1)) | CONTACTS
    assert client.post(url(s1), data=form).status_code == 302
    assert contacts_of(s1.id) == CONTACTS
    page = lxml.html.fromstring(client.get(url(s1)).data)
    assert {name: page.xpath(f"//input[@name='{name}']/@value")[0] for name in CONTACTS} == CONTACTS
    assert page.xpath("//input[@name='host_email']/@type") == ["email"]
    history = " ".join(page.get_element_by_id("history").text_content().split())
    assert "host — → Conference Management Service; host e-mail changed; host phone changed" in history
    assert "963 7349" not in history


@pytest.mark.parametrize(("field", "value", "message"), [
    ("host_phone", "ask at the desk",
     "host phone: 'ask at the desk' is not a phone number (digits, spaces, + - ( ) . and x "
     "or ext. for an extension, e.g. +1 212 963 1234 ext. 5)"),
    ("producer_phone", "+1 212 963 1234 ext. 5 then 6 then 7 and 8", "producer phone: at most 40 characters"),
    ("host_email", "cms@", "host e-mail: 'cms@' is not an e-mail address"),
    ("producer_email", "k mensah@un.org", "producer e-mail: 'k mensah@un.org' is not an e-mail address"),
])
def test_session_editor_bad_contact_refused_field_named_nothing_saved(client, s1, field, value, message):
    form = fields(client, url(s1)) | CONTACTS | {field: value, "title": "A title not to be saved"}
    response = client.post(url(s1), data=form)
    assert response.status_code == 400
    page = lxml.html.fromstring(response.data)
    # The one error of the form, under the row of the field it names.
    assert page.xpath("//span[@class='field-error']/text()") == [message]
    assert page.xpath(f"//input[@name='{field}']/ancestor::div[1]/following-sibling::span"
                      "[@class='field-error'][1]/text()") == [message]
    assert page.xpath(f"//input[@name='{field}']/@value") == [value]  # what was typed stays
    assert contacts_of(s1.id) == dict.fromkeys(CONTACTS)
    assert db.session.get(Session, s1.id).title == "Food systems"


def test_session_editor_without_csrf_changes_nothing(client, s1):
    form = fields(client, url(s1)) | CONTACTS
    del form["csrf_token"]
    assert client.post(url(s1), data=form).status_code == 400
    assert contacts_of(s1.id) == dict.fromkeys(CONTACTS)


def _person_form(client, key: str) -> dict:
    page = lxml.html.fromstring(client.get(f"/organizer/directory/{key}").data)
    form = page.xpath("//form[.//input[@name='backup_phone']]")[0]
    values = dict(form.form_values())
    values["organization"] = (form.xpath(".//select[@name='organization']/option[@selected]/@value")
                              or [""])[0]
    return values


def test_person_form_saves_backup_phone(client, organizer):  # noqa: F811
    form = _person_form(client, "dg-who") | {"backup_phone": " +41 22 791 2111 "}
    assert client.post("/organizer/directory/dg-who", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Person.backup_phone).where(Person.key == "dg-who")) == "+41 22 791 2111"
    page = lxml.html.fromstring(client.get("/organizer/directory/dg-who").data)
    assert page.xpath("//input[@name='backup_phone']/@value") == ["+41 22 791 2111"]
    form = _person_form(client, "dg-who") | {"backup_phone": ""}
    assert client.post("/organizer/directory/dg-who", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Person.backup_phone).where(Person.key == "dg-who")) is None


def test_person_form_bad_backup_phone_refused_field_named_nothing_saved(client, organizer):  # noqa: F811
    form = _person_form(client, "dg-who") | {"backup_phone": "WhatsApp only",
                                             "position": "Not to be saved"}
    response = client.post("/organizer/directory/dg-who", data=form)
    assert response.status_code == 400
    page = lxml.html.fromstring(response.data)
    flashed = [" ".join(e.text_content().split()) for e in page.xpath("//p[@class='flash flash-error']")]
    assert flashed == ["Not saved: backup phone: 'WhatsApp only' is not a phone number (digits, spaces, "
                       "+ - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5)"]
    assert page.xpath("//input[@name='backup_phone']/@value") == ["WhatsApp only"]
    db.session.expire_all()
    person = db.session.scalar(select(Person).where(Person.key == "dg-who"))
    assert (person.backup_phone, person.position) == (None, "Director-General")


def test_person_form_without_csrf_changes_nothing(client, organizer):  # noqa: F811
    form = _person_form(client, "dg-who") | {"backup_phone": "+41 22 791 2111"}
    del form["csrf_token"]
    assert client.post("/organizer/directory/dg-who", data=form).status_code == 400
    db.session.expire_all()
    assert db.session.scalar(select(Person.backup_phone).where(Person.key == "dg-who")) is None


def test_portal_shows_the_person_their_own_backup_phone(client, organizer):  # noqa: F811
    from meeting.people.portal import portal_token

    person = db.session.scalar(select(Person).where(Person.key == "dg-who"))
    person.backup_phone = "+41 22 791 2111"
    db.session.commit()
    page = lxml.html.fromstring(client.get(f"/p/{portal_token(person)}/").data)
    assert " ".join(page.get_element_by_id("backup-phone").text_content().split()) == (
        "If your video link drops, the moderator will call you on your backup phone: "
        "+41 22 791 2111. If that number is wrong, tell the secretariat.")
