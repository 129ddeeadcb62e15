"""WSGI entry point: `flask --app wsgi …` and production servers import `app` from here."""

from meeting import create_app

app = create_app()
