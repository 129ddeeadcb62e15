"""meeting: run a fully virtual meeting segment end to end."""

import os
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import load_config
from .extensions import csrf, db, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the Flask application."""
    instance = os.environ.get("MEETING_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")
    if test_config and "INSTANCE_PATH" in test_config:
        instance = str(test_config["INSTANCE_PATH"])
    app = Flask(
        __name__,
        instance_path=instance,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_config(app, test_config)
    app.config.setdefault("SCHEDULES_DIR", str(PROJECT_ROOT / "schedules"))

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)

    from . import models  # noqa: F401  (registers the tables)
    from .cli import meeting_cli
    from .lib.text import register_filters
    from .programme import changes  # noqa: F401  (registers the change hook)
    from .programme.roles import role_label
    from .reminders import sync  # noqa: F401  (keeps reminders in line after each save)
    from .views import register_blueprints

    register_filters(app)
    app.add_template_filter(role_label)
    register_blueprints(app)
    app.cli.add_command(meeting_cli)
    return app


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """Foreign keys on and WAL for SQLite, as DESIGN.md decides."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
