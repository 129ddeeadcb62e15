"""meeting: run a fully virtual meeting segment end to end."""

import os
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import load_config
from .extensions import csrf, db, login_manager, migrate

PACKAGE_DIR = Path(__file__).resolve().parent
# In a checkout, templates/, static/, schedules/ and migrations/ sit beside the package.
PROJECT_ROOT = PACKAGE_DIR.parent
# An installed wheel carries them inside the package (pyproject.toml maps them there).
INSTALLED = (PACKAGE_DIR / "templates").is_dir()


def resource_dir(name: str) -> Path:
    """Where templates/, static/, schedules/ or migrations/ are: in the package if installed."""
    return (PACKAGE_DIR if INSTALLED else PROJECT_ROOT) / name


def default_instance_path() -> str | None:
    """instance/ of the checkout; for an installed package, Flask's own (<prefix>/var/meeting-instance)."""
    return None if INSTALLED else str(PROJECT_ROOT / "instance")


def create_app(test_config=None):
    """Build the Flask application."""
    instance = os.environ.get("MEETING_INSTANCE_PATH") or default_instance_path()
    if test_config and "INSTANCE_PATH" in test_config:
        instance = str(test_config["INSTANCE_PATH"])
    app = Flask(
        __name__,
        instance_path=instance,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        instance_relative_config=True,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_config(app, test_config)
    app.config.setdefault("SCHEDULES_DIR", str(resource_dir("schedules")))

    db.init_app(app)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")))
    login_manager.init_app(app)
    csrf.init_app(app)

    from . import models  # noqa: F401  (registers the tables)
    from .cli import meeting_cli
    from .lib.symbols import symbol_url
    from .lib.text import register_filters
    from .models.floor import FLOOR_KINDS, entry_status, speaker_level, statement_type
    from .programme import changes  # noqa: F401  (registers the change hook)
    from .programme.roles import role_label
    from .reminders import policies, sync  # noqa: F401  (policies for new segments; reminders follow saves)
    from .views import register_blueprints
    from .views.languages import init_languages
    from .views.security import install_security_headers

    init_languages(app)
    register_filters(app)
    app.add_template_filter(role_label)
    app.add_template_filter(symbol_url)
    for label in (entry_status, speaker_level, statement_type):
        app.add_template_filter(label)
    app.jinja_env.globals["floor_kinds"] = FLOOR_KINDS
    register_blueprints(app)
    install_security_headers(app)
    app.cli.add_command(meeting_cli)
    return app


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """Foreign keys on and WAL for SQLite (docs/architecture.md, Decisions)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
