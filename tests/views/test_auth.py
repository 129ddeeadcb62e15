"""Logging in and out, with CSRF on."""

import lxml.html
import pytest

from meeting.people.accounts import create_user

PASSWORD = "correct horse battery"


@pytest.fixture
def organizer(app):
    user, _ = create_user("officer@un.org", "organizer", PASSWORD)
    return user


def csrf_token(client, url="/login") -> str:
    page = lxml.html.fromstring(client.get(url).data)
    return page.xpath("//input[@name='csrf_token']/@value")[0]


def test_login_correct_password_logs_in_and_redirects(client, organizer):
    token = csrf_token(client)
    response = client.post("/login?next=/segments/x/", data={
        "csrf_token": token, "email": "Officer@UN.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/segments/x/"
    assert "officer@un.org (organizer)" in client.get("/").data.decode()


def test_login_wrong_password_refused(client, organizer):
    response = client.post("/login", data={
        "csrf_token": csrf_token(client), "email": "officer@un.org", "password": "wrong"})
    assert response.status_code == 401
    assert "E-mail or password is not correct." in response.data.decode()


def test_login_without_csrf_token_refused(client, organizer):
    response = client.post("/login", data={"email": "officer@un.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "Log out" not in client.get("/").data.decode()


def test_login_next_to_other_site_ignored(client, organizer):
    response = client.post("/login?next=//evil.example/", data={
        "csrf_token": csrf_token(client), "email": "officer@un.org", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_logout_needs_post_with_token(client, organizer):
    client.post("/login", data={
        "csrf_token": csrf_token(client), "email": "officer@un.org", "password": PASSWORD})
    assert client.get("/logout").status_code == 405
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    assert "Log in" in client.get("/").data.decode()


def test_login_session_cookie_is_httponly_and_samesite(client, organizer):
    response = client.post("/login", data={
        "csrf_token": csrf_token(client), "email": "officer@un.org", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
