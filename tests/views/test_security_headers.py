"""Security headers on every route, for every kind of visitor, and Secure cookies on https."""

import pytest
from sqlalchemy import select

from meeting import create_app
from meeting.extensions import db
from meeting.models import (
    Cue,
    Document,
    KeyMessage,
    Participation,
    Person,
    ReminderDelivery,
    ReminderPolicy,
    Session,
    SpeakerEntry,
)
from meeting.people.accounts import create_user
from meeting.people.portal import portal_token
from meeting.views.security import CONTENT_SECURITY_POLICY
from tests.conftest import _empty_tables, load_published
from tests.views.pages import PASSWORD, csrf, login

EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def _first(model):
    return db.session.scalar(select(model.id).order_by(model.id).limit(1)) or 1


def _values() -> dict[str, object]:
    """A real value for every URL argument the app's routes take (default programme)."""
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    person = db.session.scalar(select(Person).where(Person.key == "sg-un"))
    document = db.session.scalar(select(Document).order_by(Document.id).limit(1))
    return {
        "slug": s2.segment.slug, "code": "S2", "session_id": s2.id, "day": "2020-07-06",
        "key": person.key, "token": portal_token(person), "doc_slug": document.slug,
        "doc_id": document.id, "message_id": _first(KeyMessage), "policy_id": _first(ReminderPolicy),
        "delivery_id": _first(ReminderDelivery), "cue_id": _first(Cue),
        "participation_id": _first(Participation), "entry_id": _first(SpeakerEntry),
        "user_id": 1, "filename": "css/app.css",
        "fmt": "pdf", "direction": "up", "action": "confirm", "rest": "nothing-here", "language": "fr",
    }


def _urls(app) -> list[tuple[str, str, str]]:
    values = _values()
    found = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", str(values[name]))
            for converter in ("int", "path", "string"):
                url = url.replace(f"<{converter}:{name}>", str(values[name]))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, url))
    return found


@pytest.mark.parametrize("visitor", ["anonymous", "viewer", "interpreter", "organizer"])
def test_security_headers_on_every_route_for_every_visitor(app, visitor):
    load_published()
    client = app.test_client()
    if visitor != "anonymous":
        login(client, visitor)
    missing, errors = {}, []
    for endpoint, method, url in _urls(app):
        response = client.open(url, method=method)
        if response.status_code >= 500:
            errors.append(f"{method} {url}: {response.status_code}")
        expected = dict(EXPECTED)
        if endpoint.startswith(("portal.", "screen.", "floor_public.")):
            expected["Referrer-Policy"] = "no-referrer"
        got = {name: response.headers.get(name) for name in expected}
        if got != expected:
            missing[f"{method} {url}"] = {k: v for k, v in got.items() if v != expected[k]}
        response.close()
    assert errors == []
    assert missing == {}
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_security_headers_https_deployment_sends_hsts_and_secure_cookies(database_url, tmp_path):
    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": tmp_path / "instance",
                      "TESTING": True, "SECRET_KEY": "test", "PUBLIC_URL": "https://meeting.example.org"})
    with app.app_context():
        client = app.test_client()
        create_user("organizer@un.org", "organizer", PASSWORD)
        try:
            response = client.post("/login", data={"csrf_token": csrf(client, "/login"),
                                                   "email": "organizer@un.org", "password": PASSWORD,
                                                   "remember": "y"})
            cookies = response.headers.getlist("Set-Cookie")
            assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
            assert cookies and all("; Secure" in c for c in cookies)
        finally:
            db.session.remove()
            _empty_tables()
            db.engine.dispose()
