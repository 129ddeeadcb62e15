"""Configuration order and the generated secret key."""

from meeting import create_app


def _app(tmp_path, **extra):
    return create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": "sqlite://", **extra})


def test_secret_key_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("MEETING_SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": "sqlite://"})
    second = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": "sqlite://"})
    key = first.config["SECRET_KEY"]
    assert len(key) == 64
    assert second.config["SECRET_KEY"] == key
    assert (tmp_path / "secret_key").read_text() == key + "\n"
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_config_instance_file_then_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text(
        "MAIL_URL = 'smtp://127.0.0.1:2525'\nMAX_PROGRAMME_BYTES = 1000\n"
    )
    monkeypatch.setenv("MEETING_MAX_PROGRAMME_BYTES", "2000")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.delenv("MAIL_URL", raising=False)
    app = create_app({"INSTANCE_PATH": tmp_path})
    assert app.config["MAIL_URL"] == "smtp://127.0.0.1:2525"
    assert app.config["MAX_PROGRAMME_BYTES"] == 2000
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'meeting.sqlite'}"


def test_config_postgres_url_uses_psycopg3(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    app = create_app({"INSTANCE_PATH": tmp_path})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )


def test_session_cookie_httponly_and_samesite(tmp_path):
    app = _app(tmp_path)
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
