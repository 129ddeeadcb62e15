"""The reminder pages' refusals and outcomes for a French organizer (the English ones:
test_reminder_pages)."""

import lxml.html
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import ReminderDelivery
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture)
from tests.views.pages import csrf, login

PAGE = "/organizer/segments/is-2030/reminders/"


def french(client):
    login(client)
    client.post("/account/language", data={"csrf_token": csrf(client, "/organizer/"), "language": "fr"})


def flashes(response) -> list[str]:
    doc = lxml.html.fromstring(response.data)
    shown = doc.xpath("//p[contains(@class, 'flash')][@role='status']")
    return [" ".join(p.text_content().split()) for p in shown]


def policy_form(client, **values) -> dict:
    url = PAGE + "policies/new"
    return {"csrf_token": csrf(client, url), "name": "Deux heures", "amount": "2", "unit": "hours",
            "anchor": "session", "roles": ["chair"], "subject": "Bientôt : {session}",
            "body": "Bonjour {name}", "active": "y", "do": "save", **values}


def test_policy_refusals_french(client, programme):  # noqa: F811
    french(client)
    url = PAGE + "policies/new"
    response = client.post(url, data=policy_form(client, subject="Bientôt : {sesion}"))
    assert response.status_code == 400
    assert flashes(response) == [
        "objet : champ à remplacer inconnu {sesion} ; utilisez l'un de ceux-ci : {name}, {salutation}, "
        "{role}, {order}, {minutes}, {session}, {segment}, {local_start}, {local_time}, {hq_start}, "
        "{tech_check}, {join}, {portal}, {contact}"]
    response = client.post(url, data=policy_form(client, body="Bonjour {name"))
    assert flashes(response) == [
        "message : le modèle n'est pas valide : expected '}' before end of string"]
    response = client.post(url, data=policy_form(client, roles=[]))
    assert flashes(response) == ["destinataires : choisissez au moins un rôle"]


def test_delivery_actions_french(client, programme):  # noqa: F811
    french(client)
    row = db.session.scalar(select(ReminderDelivery).order_by(ReminderDelivery.id))
    name = row.person.name
    response = client.post(f"{PAGE}deliveries/{row.id}/cancel", data={"csrf_token": csrf(client, PAGE)},
                           follow_redirects=True)
    assert flashes(response) == [f"Rappel à {name} annulé."]
    response = client.post(f"{PAGE}deliveries/{row.id}/cancel", data={"csrf_token": csrf(client, PAGE)})
    assert response.status_code == 409
    assert flashes(client.get(PAGE)) == ["un rappel annulé ne peut pas être annulé"]
    client.post(f"{PAGE}deliveries/{row.id}/retry", data={"csrf_token": csrf(client, PAGE)})
    assert flashes(client.get(PAGE)) == [
        "seuls les rappels en échec ou à vérifier peuvent être relancés, pas un rappel annulé"]
