"""`flask meeting …` commands."""

import pytest
from sqlalchemy import func, select

from meeting.cli import FIRST_ORGANIZER, first_run
from meeting.extensions import db
from meeting.models import Publication, Segment, User
from meeting.people.accounts import authenticate
from tests.conftest import DEFAULT_PROGRAMME


def test_init_on_migrated_database_reports_ready(runner, database_url):
    result = runner.invoke(args=["meeting", "init"])
    assert result.exit_code == 0
    assert result.output.startswith("Database ready: ")


def test_import_prints_what_it_did(runner):
    result = runner.invoke(args=["meeting", "import", str(DEFAULT_PROGRAMME)])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "  organizations: 30 created",
        "  people: 33 created",
        "  sessions: 15 created",
        "  participations: 66 created",
        "  documents: 4 created",
        "  key messages: 9 created",
    ]


def test_export_to_stdout_matches_export_to_file(runner, tmp_path):
    runner.invoke(args=["meeting", "import", str(DEFAULT_PROGRAMME)])
    out = runner.invoke(args=["meeting", "export", "ecosoc-2020-integration-segment"])
    target = tmp_path / "out.yaml"
    saved = runner.invoke(args=["meeting", "export", "ecosoc-2020-integration-segment", str(target)])
    assert out.exit_code == 0 and saved.exit_code == 0
    assert target.read_text(encoding="utf-8") == out.output
    assert out.output.startswith("format: meeting-programme/1\nsegment:\n")
    assert saved.output == (
        f"Exported segment 'ecosoc-2020-integration-segment' (15 sessions) to {target}\n"
    )


def test_export_unknown_segment_lists_known_ones(runner):
    runner.invoke(args=["meeting", "import", str(DEFAULT_PROGRAMME)])
    result = runner.invoke(args=["meeting", "export", "ecosoc-2021"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no segment 'ecosoc-2021' (segments: ecosoc-2020-integration-segment)\n"
    )


def test_create_user_prints_generated_password_that_works(runner):
    result = runner.invoke(args=["meeting", "create-user", "Desk.Officer@UN.org", "--role", "viewer"])
    assert result.exit_code == 0
    first_line = result.output.splitlines()[0]
    assert first_line.startswith("Created viewer desk.officer@un.org with password: ")
    password = first_line.rsplit(" ", 1)[1]
    assert len(password) == 16
    user = authenticate("desk.officer@un.org", password)
    assert (user.email, user.role) == ("desk.officer@un.org", "viewer")
    assert password not in user.password_hash


def test_create_user_twice_refused(runner):
    runner.invoke(args=["meeting", "create-user", "a@un.org"])
    result = runner.invoke(args=["meeting", "create-user", "a@un.org"])
    assert result.exit_code == 1
    assert result.output == "Error: an account for a@un.org already exists\n"


def test_create_user_bad_email_refused(runner):
    result = runner.invoke(args=["meeting", "create-user", "not-an-address"])
    assert result.exit_code == 1
    assert result.output == "Error: 'not-an-address' is not an e-mail address\n"


def test_first_run_loads_programme_and_prints_password_once(app):
    messages = first_run()
    assert messages[1] == "Loaded and published the programme ecosoc-2020-integration-segment.yaml " \
                          "(segment 'ecosoc-2020-integration-segment')."
    password = messages[2].rsplit("password: ", 1)[1]
    assert authenticate(FIRST_ORGANIZER, password).role == "admin"
    again = first_run()
    assert len(again) == 1 and again[0].startswith("Database ready: ")
    assert db.session.scalar(select(func.count(Segment.id))) == 1
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_serve_port_in_use_says_so(runner):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(args=["meeting", "serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Port {port} is in use by another program. Either identify and stop that program, "
        "or start the server with a different port."
    )


def test_serve_access_log_hides_portal_tokens(caplog):
    import logging

    from meeting.cli import RedactingRequestHandler

    handler = RedactingRequestHandler.__new__(RedactingRequestHandler)
    handler.path = "/p/eyJwIjoxLCJnIjowfQ.SECRET/sessions.ics?x=1"
    handler.command, handler.request_version = "GET", "HTTP/1.1"
    handler.client_address = ("127.0.0.1", 1234)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        handler.log_request(200, 10)
    assert "SECRET" not in caplog.text
    assert '"GET /p/…/sessions.ics?x=1 HTTP/1.1" 200' in caplog.text


def _publications() -> list[tuple[int, str, str]]:
    return [(p.number, p.action, p.by) for p in db.session.scalars(
        select(Publication).order_by(Publication.number))]


def test_publish_command_publishes_then_publishes_again(runner, client, make_segment):
    segment = make_segment(slug="is-2020", published=False)
    assert client.get("/segments/is-2020/").status_code == 404
    result = runner.invoke(args=["meeting", "publish", "is-2020"])
    assert (result.exit_code, result.output) == (0, "Published segment 'is-2020' (publication 1).\n")
    again = runner.invoke(args=["meeting", "publish", "is-2020"])
    assert (again.exit_code, again.output) == (0, "Published segment 'is-2020' (publication 2).\n")
    db.session.expire_all()
    assert segment.published is True
    assert _publications() == [(1, "published", "command line"), (2, "published", "command line")]
    assert client.get("/segments/is-2020/").status_code == 200


def test_unpublish_command_hides_segment(runner, client, make_segment):
    segment = make_segment(slug="is-2020", published=False)
    runner.invoke(args=["meeting", "publish", "is-2020"])
    result = runner.invoke(args=["meeting", "unpublish", "is-2020"])
    assert (result.exit_code, result.output) == (
        0, "Unpublished segment 'is-2020': its public pages answer 404.\n")
    db.session.expire_all()
    assert segment.published is False
    assert _publications() == [(1, "published", "command line"), (2, "unpublished", "command line")]
    assert client.get("/segments/is-2020/").status_code == 404


def test_import_with_publish_flag_publishes_segment(runner, client):
    slug = "ecosoc-2020-integration-segment"
    result = runner.invoke(args=["meeting", "import", str(DEFAULT_PROGRAMME), "--publish"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == f"Published segment '{slug}': its public pages are online."
    assert db.session.scalar(select(Segment.published).where(Segment.slug == slug)) is True
    assert _publications() == [(1, "published", "command line")]
    assert client.get(f"/segments/{slug}/").status_code == 200


def test_import_without_publish_flag_leaves_segment_unpublished(runner, client):
    slug = "ecosoc-2020-integration-segment"
    result = runner.invoke(args=["meeting", "import", str(DEFAULT_PROGRAMME)])
    assert result.exit_code == 0
    assert "Published" not in result.output
    assert db.session.scalar(select(Segment.published).where(Segment.slug == slug)) is False
    assert _publications() == []
    assert client.get(f"/segments/{slug}/").status_code == 404


@pytest.mark.parametrize("command", ["publish", "unpublish"])
def test_publish_commands_unknown_segment_lists_known_ones(runner, make_segment, command):
    make_segment(slug="is-2020", published=False)
    make_segment(slug="is-2019", published=False)
    result = runner.invoke(args=["meeting", command, "is-2021"])
    assert result.exit_code == 1
    assert result.output == "Error: no segment 'is-2021' (segments: is-2019, is-2020)\n"
    assert _publications() == []
