"""Configuration: defaults, then instance/config.py, then the environment."""

import os
import secrets
from pathlib import Path

DEFAULTS = {
    "MAIL_URL": "maildir:outbox",
    "MAIL_FROM": "meeting <meeting@localhost>",
    # Where replies to invitations are read (meeting.lib.inbox): a Maildir under instance/ by
    # default, or imaps://user:password@host/INBOX.
    "INBOX_URL": "maildir:inbox",
    "MAX_REPLY_BYTES": 5 * 1024 * 1024,  # a bigger message is refused before it is parsed
    # Base of every link in an e-mail (portal links, programme): mail is also sent by the
    # scheduler, outside any web request, so it cannot be taken from the request.
    "PUBLIC_URL": "http://127.0.0.1:5000",
    "CALENDAR_ALARM_MINUTES": 15,
    "REMINDER_INTERVAL_SECONDS": 30,
    # The live view's countdown turns amber, then red, this many minutes before a cue ends.
    "RUNOFSHOW_WARN_MINUTES": [2, 1],
    # A speaker screen's event stream ends after this long and the browser reconnects, so a
    # closed screen never holds a web worker for longer; a comment line every
    # LIVE_HEARTBEAT_SECONDS keeps proxies from cutting it and finds a screen that has gone.
    "LIVE_STREAM_SECONDS": 55,
    "LIVE_HEARTBEAT_SECONDS": 10,
    "MAX_PROGRAMME_BYTES": 8 * 1024 * 1024,
    "MAX_UPLOAD_BYTES": 25 * 1024 * 1024,  # one document file (meeting.lib.uploads)
    "MAX_UNPACKED_BYTES": 256 * 1024 * 1024,  # what an Office file may unpack to
    "DEFAULT_PROGRAMME": "ecosoc-2020-integration-segment.yaml",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
}

# Unprefixed names that deployments conventionally set (twelve-factor style).
PLAIN_ENV = ("DATABASE_URL", "MAIL_URL", "INBOX_URL", "SECRET_KEY")


def load_config(app, test_config=None):
    """Fill app.config from defaults, instance/config.py, environment, then test_config."""
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = "sqlite:///" + str(Path(app.instance_path) / "meeting.sqlite")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MEETING")
    for name in PLAIN_ENV:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["DATABASE_URL"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def normalise_database_url(url: str) -> str:
    """Point postgres URLs at the psycopg 3 driver, which is the one we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def instance_secret_key(instance: Path) -> str:
    """Return the secret key kept in instance/, generating it on first use."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two processes starting at once must not end up with different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key
