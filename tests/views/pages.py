"""Helpers for page tests: log in through the real form, read a form's CSRF token."""

import lxml.html

from meeting.people.accounts import create_user

PASSWORD = "correct horse battery"


def csrf(client, url: str) -> str:
    """The CSRF token of the (first) form on the page at url."""
    return lxml.html.fromstring(client.get(url).data).xpath("//input[@name='csrf_token']/@value")[0]


def login(client, role: str = "organizer") -> None:
    """Create <role>@un.org with that role and log the client in through /login."""
    create_user(f"{role}@un.org", role, PASSWORD)
    client.post("/login", data={"csrf_token": csrf(client, "/login"), "email": f"{role}@un.org",
                                "password": PASSWORD})
