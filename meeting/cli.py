"""`flask --app wsgi meeting …` commands."""

import re
import shutil
import sys
from pathlib import Path

import click
from alembic.migration import MigrationContext
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.serving import WSGIRequestHandler, run_simple

from meeting.invitations.replies import poll_inbox
from meeting.lib.catalogues import missing as missing_translations
from meeting.lib.catalogues import update as update_catalogues
from meeting.lib.inbox import InboxError, redact_inbox_url
from meeting.people.accounts import AccountError, count_users, create_user
from meeting.reminders.scheduler import make_scheduler
from meeting.site.publishing import publish_segment, unpublish_segment

from .exchange import ProgrammeError, document_files, export_segment, import_file, programme_files
from .extensions import db
from .models import USER_ROLES, Segment

meeting_cli = AppGroup("meeting", help="Manage the meeting database, programmes and accounts.")

FIRST_ORGANIZER = "organizer@example.org"


def _max_bytes() -> int:
    return int(current_app.config["MAX_PROGRAMME_BYTES"])


def _import(path: Path, publish: bool) -> None:
    try:
        report = import_file(path, _max_bytes())
    except ProgrammeError as exc:
        raise click.ClickException(f"nothing imported.\n{exc}") from None
    click.echo(f"Imported {path} into segment {report.segment!r}:\n{report.summary()}")
    if publish:
        publish_segment(_segment(report.segment), by="command line")
        click.echo(f"Published segment {report.segment!r}: its public pages are online.")


def _segment(slug: str) -> Segment:
    seg = db.session.scalar(select(Segment).where(Segment.slug == slug))
    if seg is None:
        slugs = ", ".join(db.session.scalars(select(Segment.slug).order_by(Segment.slug))) or "none"
        raise click.ClickException(f"no segment {slug!r} (segments: {slugs})")
    return seg


def _schema_revision() -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def init_database() -> str:
    """Create or upgrade the schema to the newest migration; returns what happened."""
    before = _schema_revision()
    upgrade()
    after = _schema_revision()
    url = db.engine.url.render_as_string(hide_password=True)
    if before == after:
        return f"{url} (schema {after}, up to date)"
    return f"{url} (schema {after}, upgraded from {before or 'empty'})"


@meeting_cli.command("init")
def init_command():
    """Create the database, or upgrade it to the newest schema."""
    click.echo(f"Database ready: {init_database()}")


@meeting_cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--publish", is_flag=True, help="Publish the segment once imported.")
def import_command(file: Path, publish: bool):
    """Import a programme file (creates or updates; all or nothing)."""
    _import(file, publish)


@meeting_cli.command("publish")
@click.argument("segment")
def publish_command(segment: str):
    """Publish SEGMENT (its slug), or publish it again to record a new changelog entry."""
    publication = publish_segment(_segment(segment), by="command line")
    click.echo(f"Published segment {segment!r} (publication {publication.number}).")


@meeting_cli.command("unpublish")
@click.argument("segment")
def unpublish_command(segment: str):
    """Hide SEGMENT (its slug) from the public."""
    unpublish_segment(_segment(segment), by="command line")
    click.echo(f"Unpublished segment {segment!r}: its public pages answer 404.")


@meeting_cli.command("export")
@click.argument("segment")
@click.argument("file", required=False, type=click.Path(path_type=Path))
def export_command(segment: str, file: Path | None):
    """Export SEGMENT (its slug) as a programme file, to FILE or standard output.

    Uploaded document files are written beside FILE (files/<document key>.<ext>), statements of
    the lists of speakers under files/statements/; standard output cannot hold them, so there
    they are named but not included.
    """
    seg = _segment(segment)
    documents = document_files(seg)
    files = programme_files(seg)
    statements = len(files) - len(documents)
    if file is None:
        sys.stdout.write(export_segment(seg, files_included=False))
        if documents:
            click.echo(f"Warning: {len(documents)} document file(s) not included in standard output "
                       f"({', '.join(relative for relative, _ in documents)}); export to a FILE to "
                       "write them beside it.", err=True)
        if statements:
            click.echo(f"Warning: {statements} statement file(s) not included in standard output; "
                       "export to a FILE to write them beside it.", err=True)
        return
    missing = [relative for relative, stored in files if not stored.is_file()]
    if missing:
        raise click.ClickException(f"nothing exported: the stored file of {', '.join(missing)} "
                                   "is missing from the uploads folder")
    text = export_segment(seg)
    for relative, stored in files:
        target = file.parent / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stored, target)
    file.write_text(text, encoding="utf-8")
    click.echo(f"Exported segment {segment!r} ({len(seg.sessions)} sessions) to {file}")
    if documents:
        click.echo(f"Wrote {len(documents)} document file(s) to {file.parent / 'files'}")
    if statements:
        click.echo(f"Wrote {statements} statement file(s) to {file.parent / 'files' / 'statements'}")


@meeting_cli.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(USER_ROLES), default="organizer", show_default=True)
def create_user_command(email: str, role: str):
    """Create an account with a generated password, printed once."""
    try:
        user, password = create_user(email, role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {user.role} {user.email} with password: {password}")
    click.echo("The password is shown only now; keep it somewhere safe.")


def first_run() -> list[str]:
    """Bring a fresh instance to life: schema, default programme, first account. Returns messages."""
    messages = [f"Database ready: {init_database()}"]
    if not db.session.scalar(select(func.count(Segment.id))):
        default = Path(current_app.config["SCHEDULES_DIR"]) / current_app.config["DEFAULT_PROGRAMME"]
        report = import_file(default, _max_bytes())
        publish_segment(db.session.scalar(select(Segment).where(Segment.slug == report.segment)),
                        by="first run")
        messages.append(f"Loaded and published the programme {default.name} "
                        f"(segment {report.segment!r}).")
    if not count_users():
        user, password = create_user(FIRST_ORGANIZER, "admin")
        messages.append(
            "Created the first organizer account (shown only this once):\n"
            f"    e-mail:   {user.email}\n    password: {password}"
        )
    return messages


@meeting_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(host: str, port: int):
    """First-run setup, then the development server (for one organizer's machine)."""
    try:
        for message in first_run():
            click.echo(message)
    except (ProgrammeError, AccountError) as exc:
        raise click.ClickException(str(exc)) from None
    scheduler = make_scheduler(current_app._get_current_object())
    scheduler.start()
    click.echo("Reminder dispatcher running inside the development server "
               f"(every {current_app.config['REMINDER_INTERVAL_SECONDS']} s).")
    click.echo(f"Open http://{host}:{port}/ (Ctrl+C stops the server)")
    # Flask refuses app.run() inside its own CLI; Werkzeug's server is what it would run.
    # Werkzeug itself reports a port in use ("Port 5000 is in use by another program") and
    # exits with status 1.
    try:
        run_simple(host, port, current_app._get_current_object(), threaded=True,
                   request_handler=RedactingRequestHandler)
    finally:
        scheduler.shutdown(wait=True)


@meeting_cli.command("scheduler")
def scheduler_command():
    """Run the reminder dispatcher in the foreground (one per deployment is enough; more are safe)."""
    init_database()
    interval = current_app.config["REMINDER_INTERVAL_SECONDS"]
    click.echo(f"Reminder dispatcher started: sending what is due and reading calendar replies "
               f"every {interval} s (Ctrl+C stops it).")
    try:
        make_scheduler(current_app._get_current_object(), blocking=True).start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("Reminder dispatcher stopped.")


@meeting_cli.command("fetch-replies")
def fetch_replies_command():
    """Read the calendar replies waiting in INBOX_URL once (the dispatcher does it every interval)."""
    shown = redact_inbox_url(current_app.config["INBOX_URL"])
    try:
        report = poll_inbox()
    except (InboxError, ValueError) as exc:
        raise click.ClickException(f"nothing read: {exc}") from None
    click.echo(f"Calendar replies from {shown}: {report.summary()}.")


PORTAL_PATH = re.compile(r"/p/[^/?\s]+")


class RedactingRequestHandler(WSGIRequestHandler):
    """The development server's access log, without the secret tokens of portal links."""

    def log_request(self, code="-", size="-"):
        """Log the request with `/p/<token>` shown as `/p/…`."""
        self.path = PORTAL_PATH.sub("/p/…", self.path)
        super().log_request(code, size)


@meeting_cli.group("translations")
def translations_group():
    """The language catalogues (docs/languages.md): run in a checkout."""


def _checkout() -> Path:
    root = Path(current_app.root_path).parent
    if not (root / "babel.cfg").is_file():
        raise click.ClickException(f"no babel.cfg in {root}: run this in a checkout of meeting")
    return root


@translations_group.command("update")
def translations_update_command():
    """Extract the marked texts, update every language's catalogue, compile them."""
    for language, (done, total) in update_catalogues(_checkout()).items():
        click.echo(f"{language}: {done} of {total} texts translated")


@translations_group.command("check")
def translations_check_command():
    """Fail when a language lacks a text it owes (French: all; the others: the public ones)."""
    owed = missing_translations(_checkout())
    for language, texts in owed.items():
        click.echo(f"{language}: {len(texts)} missing")
        for text in texts:
            click.echo(f"  {text!r}")
    if any(owed.values()):
        raise click.ClickException("some texts are not translated")
