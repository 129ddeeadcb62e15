"""Accounts: admins manage them in the UI; logins are throttled."""

import re
from datetime import timedelta

import lxml.html
import pytest

from meeting.extensions import db
from meeting.models import User, utcnow
from meeting.people.accounts import LoginRefused, authenticate, create_user

PASSWORD = "correct horse battery"


def token(client, url):
    return lxml.html.fromstring(client.get(url).data).xpath("//input[@name='csrf_token']/@value")[0]


def login(client, email, password=PASSWORD):
    return client.post("/login", data={"csrf_token": token(client, "/login"), "email": email,
                                       "password": password})


@pytest.fixture
def admin(app, client):
    user, _ = create_user("admin@un.org", "admin", PASSWORD)
    login(client, "admin@un.org")
    return user


def test_login_locked_after_five_failures_then_unlocked(app):
    create_user("desk@un.org", "organizer", PASSWORD)
    now = utcnow()
    for _ in range(5):
        assert authenticate("desk@un.org", "wrong", now) is None
    with pytest.raises(LoginRefused) as info:
        authenticate("desk@un.org", PASSWORD, now + timedelta(minutes=1))
    assert str(info.value) == "Too many failed attempts: this account is locked for 14 more minute(s)."
    assert authenticate("desk@un.org", PASSWORD, now + timedelta(minutes=16)).email == "desk@un.org"


def test_locked_login_page_says_so_with_429(client, app):
    create_user("desk@un.org", "organizer", PASSWORD)
    for _ in range(5):
        assert login(client, "desk@un.org", "wrong").status_code == 401
    response = login(client, "desk@un.org")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.data.decode()


def test_admin_creates_account_password_shown_once_and_works(client, admin):
    url = "/organizer/accounts/"
    response = client.post(url, data={"csrf_token": token(client, url), "email": "New@UN.org",
                                      "role": "viewer"}, follow_redirects=True)
    text = response.data.decode()
    password = re.search(r"Password \(shown only now\): (\S+)<", text).group(1)
    assert db.session.scalar(db.select(User.role).where(User.email == "new@un.org")) == "viewer"
    assert authenticate("new@un.org", password).role == "viewer"
    assert password not in client.get(url).data.decode()


def test_admin_cannot_demote_self(client, admin):
    url = "/organizer/accounts/"
    response = client.post(f"{url}{admin.id}", data={"csrf_token": token(client, url),
                                                    "role": "viewer", "active": "yes"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == "admin"


def test_admin_new_password_replaces_old(client, admin):
    other, _ = create_user("desk@un.org", "organizer", PASSWORD)
    url = "/organizer/accounts/"
    response = client.post(f"{url}{other.id}", data={"csrf_token": token(client, url),
                                                    "do": "password"}, follow_redirects=True)
    new = re.search(r"New password for desk@un.org \(shown only now\): (\S+)<",
                    response.data.decode()).group(1)
    assert authenticate("desk@un.org", PASSWORD) is None
    assert authenticate("desk@un.org", new).email == "desk@un.org"


def test_organizer_cannot_manage_accounts(client, app):
    create_user("desk@un.org", "organizer", PASSWORD)
    login(client, "desk@un.org")
    assert client.get("/organizer/accounts/").status_code == 403
