"""The directory: search, edit, and CSV import with a preview before anything is written."""

import io
import re

import lxml.html
import pytest
from sqlalchemy import func, select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Person
from meeting.people.accounts import create_user
from tests.conftest import DEFAULT_PROGRAMME

PASSWORD = "correct horse battery"
GOOD = ("name,organization,email,timezone,languages\r\n"
        "\"Chair, Commission on the Status of Women\",,csw.chair@example.org,America/New_York,en es\r\n"
        "\"Ministre de l'Économie, Côte d'Ivoire\",,ministre.civ@example.org,Africa/Abidjan,fr\r\n")


def token(client, url):
    return lxml.html.fromstring(client.get(url).data).xpath("//input[@name='csrf_token']/@value")[0]


@pytest.fixture
def organizer(app, client):
    import_file(DEFAULT_PROGRAMME)
    create_user("organizer@un.org", "organizer", PASSWORD)
    client.post("/login", data={"csrf_token": token(client, "/login"), "email": "organizer@un.org",
                                "password": PASSWORD})


def people_count():
    return db.session.scalar(select(func.count(Person.id)))


def upload(client, content: bytes, name="people.csv"):
    return client.post("/organizer/directory/import", data={
        "csrf_token": token(client, "/organizer/directory/"),
        "file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def test_search_finds_by_organization(client, organizer):
    page = lxml.html.fromstring(client.get("/organizer/directory/?q=escap").data)
    names = [" ".join(td.text_content().split()) for td in page.xpath("//tbody/tr/td[1]")]
    assert names == ["H.E. Executive Secretary, ESCAP es-escap"]


def test_edit_person_geneva_refused_nothing_changed(client, organizer):
    url = "/organizer/directory/dg-who"
    response = client.post(url, data={"csrf_token": token(client, url), "name": "Director-General, WHO",
                                      "timezone": "Europe/Geneva", "email": "dg.who@example.org"})
    assert response.status_code == 400
    assert "did you mean &#39;Europe/Zurich&#39;?" in response.data.decode()
    db.session.expire_all()
    assert db.session.scalar(select(Person.timezone).where(Person.key == "dg-who")) == "Europe/Zurich"


def test_edit_person_duplicate_email_refused(client, organizer):
    url = "/organizer/directory/dg-who"
    response = client.post(url, data={"csrf_token": token(client, url), "name": "Director-General, WHO",
                                      "timezone": "Europe/Zurich", "email": "dg.fao@example.org"})
    assert response.status_code == 400
    assert "already belongs to someone else" in response.data.decode()


def test_csv_preview_then_confirm_imports(client, organizer):
    before = people_count()
    response = upload(client, GOOD.encode("utf-8-sig"))
    assert response.status_code == 200
    assert people_count() == before  # nothing written by the preview
    page = lxml.html.fromstring(response.data)
    payload = page.xpath("//input[@name='payload']/@value")[0]
    confirm = client.post("/organizer/directory/import/confirm", data={
        "csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0], "payload": payload})
    assert confirm.status_code == 302
    assert people_count() == before + 2
    person = db.session.scalar(select(Person).where(Person.email == "ministre.civ@example.org"))
    assert (person.name, person.timezone, person.languages) == (
        "Ministre de l'Économie, Côte d'Ivoire", "Africa/Abidjan", ["fr"])


def test_csv_windows_1252_read_and_flagged(client, organizer):
    response = upload(client, GOOD.encode("cp1252"))
    html = response.data.decode()
    assert "it was read as Windows-1252" in html
    assert "Ministre de l&#39;Économie" in html


@pytest.mark.parametrize(("content", "message"), [
    ("nom,timezone\r\nX,Europe/Rome\r\n", "unknown column(s): nom"),
    ("name,timezone,email\r\nA,Europe/Rome,a@example.org\r\nB,Europe/Rome,a@example.org\r\n",
     "email a@example.org is also on line 2"),
    ("name,timezone,email\r\nA,Europe/Rome,dg.fao@example.org\r\n",
     "email dg.fao@example.org already belongs to Director-General, FAO (dg-fao)"),
    ("name,timezone\r\nA,Europe/Geneva\r\n", "did you mean &#39;Europe/Zurich&#39;?"),
])
def test_csv_bad_file_refused_nothing_written(client, organizer, content, message):
    before = people_count()
    response = upload(client, content.encode())
    assert response.status_code == 400
    assert message in response.data.decode()
    assert "Nothing will be imported" in response.data.decode()
    assert people_count() == before


def test_csv_confirm_with_tampered_payload_refused(client, organizer):
    before = people_count()
    bad = "name,timezone\r\nA,Europe/Geneva\r\n".encode()
    import base64

    response = client.post("/organizer/directory/import/confirm", data={
        "csrf_token": token(client, "/organizer/directory/"),
        "payload": base64.b64encode(bad).decode()})
    assert response.status_code == 400
    assert people_count() == before


def test_viewer_cannot_import(client, app):
    import_file(DEFAULT_PROGRAMME)
    create_user("viewer@un.org", "viewer", PASSWORD)
    client.post("/login", data={"csrf_token": token(client, "/login"), "email": "viewer@un.org",
                                "password": PASSWORD})
    before = people_count()
    assert upload(client, GOOD.encode()).status_code == 403
    assert people_count() == before
    assert re.search("Check the file", client.get("/organizer/directory/").data.decode()) is None


def test_organization_create_edit_and_duplicate_key_refused(client, organizer):
    url = "/organizer/directory/organizations/"
    created = client.post(url, data={"csrf_token": token(client, url), "key": "unfpa",
                                     "name": "United Nations Population Fund", "acronym": "UNFPA",
                                     "kind": "fund-programme"})
    assert created.status_code == 302
    again = client.post(url, data={"csrf_token": token(client, url), "key": "unfpa",
                                   "name": "Twice", "kind": "other"})
    assert again.status_code == 400
    edit = url + "unfpa"
    client.post(edit, data={"csrf_token": token(client, edit), "name": "UNFPA, the UN sexual and "
                            "reproductive health agency", "acronym": "UNFPA", "kind": "fund-programme"})
    from meeting.models import Organization

    db.session.expire_all()
    org = db.session.scalar(select(Organization).where(Organization.key == "unfpa"))
    assert (org.name, org.acronym) == ("UNFPA, the UN sexual and reproductive health agency", "UNFPA")
