"""Backup phones and host/producer contacts stay private: no public page, feed, open format or API."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Person, Session
from meeting.people.portal import portal_token
from meeting.site.publishing import publish_segment
from tests.conftest import load_published

SLUG = "ecosoc-2020-integration-segment"
BACKUP, HOST_PHONE, PRODUCER_EMAIL = "+39 06 5705 3152", "+1 212 963 7349", "producer.s2@example.net"
PUBLIC = [
    "/", f"/segments/{SLUG}/", f"/segments/{SLUG}/sessions/S2/", f"/segments/{SLUG}/sessions/S2.ics",
    f"/segments/{SLUG}/people/", f"/segments/{SLUG}/people/dg-fao/", f"/segments/{SLUG}/feed.ics",
    f"/segments/{SLUG}/programme.ics", f"/segments/{SLUG}/programme.xcs", f"/segments/{SLUG}/schedule.xml",
    f"/segments/{SLUG}/schedule.json", f"/segments/{SLUG}/programme.csv", f"/segments/{SLUG}/changes/",
    f"/api/v1/segments/{SLUG}", "/api/v1/segments/" + SLUG + "/sessions/S2",
]


def test_backup_phone_and_contacts_never_public_but_in_the_persons_portal(app, client):
    segment = load_published()
    fao = db.session.scalar(select(Person).where(Person.key == "dg-fao"))
    fao.backup_phone = BACKUP
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    s2.host_name, s2.host_phone = "Conference Management Service", HOST_PHONE
    s2.producer_name, s2.producer_email = "Kwame Mensah", PRODUCER_EMAIL
    db.session.commit()
    publish_segment(segment, by="tests")  # the published snapshot is taken after the contacts are set
    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.data.decode("utf-8-sig")
        for secret in (BACKUP, HOST_PHONE, PRODUCER_EMAIL, "Kwame Mensah", "Conference Management"):
            assert secret not in body, f"{secret} on {path}"
    assert f"<strong>{BACKUP}</strong>" in client.get(f"/p/{portal_token(fao)}/").data.decode()
