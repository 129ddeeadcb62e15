"""Calendar replies read from a real IMAP server: Debian's Dovecot on 127.0.0.1, started per test."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.invitations.replies import poll_inbox
from meeting.lib.inbox import InboxError
from meeting.models import CalendarReply, Participation
from tests.invitations.reply_setup import fixture, invite_jane, reply_ics, reply_message

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "replies", "imap-test-pw"

CONFIG = """\
base_dir = {base}
state_dir = {base}/state
log_path = {log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = {uid}
mail_location = maildir:{mail}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {passwd}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _accounts() -> tuple[str, str, str, int, int]:
    """internal user and group, login user, mail uid and gid."""
    me = pwd.getpwuid(os.getuid())
    if os.getuid() != 0:
        group = me.pw_name
        return me.pw_name, group, me.pw_name, me.pw_uid, me.pw_gid
    # Dovecot refuses to run its login and mail processes as root: Debian's own users then.
    try:
        dovecot, dovenull = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull")
    except KeyError:
        pytest.skip("running as root and Debian's dovecot/dovenull users are missing")
    return "dovecot", "dovecot", dovenull.pw_name, dovecot.pw_uid, dovecot.pw_gid


@pytest.fixture
def dovecot(tmp_path):
    """An IMAP server on 127.0.0.1 with one user; yields (port, log path). Skips if it cannot start."""
    if not os.path.exists(DOVECOT):
        pytest.skip(f"{DOVECOT} is missing: install Debian's dovecot-imapd to run the IMAP tests")
    internal, internal_group, login, uid, gid = _accounts()
    # Sockets need a short path, and the auth and mail processes (other users when we are root)
    # must reach the user list and the mail: pytest's tmp_path is private to us, so those go in
    # a folder of /tmp; the configuration and the log stay in tmp_path.
    base = Path(tempfile.mkdtemp(prefix="dovecot-"))
    mail = base / "mail"
    mail.mkdir()
    os.chmod(base, 0o711)  # noqa: S103  (the dovecot user passes through; it lists nothing)
    os.chown(mail, uid, gid)
    port = _free_port()
    (base / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    config = tmp_path / "dovecot.conf"
    log = tmp_path / "dovecot.log"
    config.write_text(CONFIG.format(base=base, log=log, internal=internal, internal_group=internal_group,
                                    login=login, uid=uid, gid=gid, mail=mail, port=port,
                                    passwd=base / "passwd"))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.PIPE,  # noqa: S603
                               stderr=subprocess.STDOUT)
    try:
        _wait_for_greeting(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stdout:
            process.stdout.close()
        shutil.rmtree(base, ignore_errors=True)


def _wait_for_greeting(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            pytest.skip(f"dovecot did not start (exit {process.returncode}): {output.strip()[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    tail = log.read_text(errors="replace")[-500:] if log.exists() else "(no log)"
    pytest.skip(f"dovecot did not answer on 127.0.0.1:{port} within 15 s: {tail}")


def _imap(port: int) -> imaplib.IMAP4:
    imap = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    try:
        imap.login(USER, PASSWORD)
    except imaplib.IMAP4.error:
        imap.shutdown()
        raise
    return imap


def append(port: int, data: bytes) -> None:
    imap = _imap(port)
    try:
        status, _ = imap.append("INBOX", None, None, data)
        assert status == "OK"
    finally:
        imap.logout()


def flags(port: int) -> list[bytes]:
    imap = _imap(port)
    try:
        imap.select("INBOX", readonly=True)
        _, data = imap.fetch("1:*", "(FLAGS)")
        return [line for line in data if line]
    finally:
        imap.logout()


@pytest.fixture
def jane(app, dovecot):
    app.config["INBOX_URL"] = f"imap://{USER}:{PASSWORD}@127.0.0.1:{dovecot}/INBOX"
    return invite_jane()


def test_reply_over_imap_applied_and_flagged_seen(jane, dovecot):
    append(dovecot, fixture("outlook_accepted.eml"))
    assert poll_inbox().summary() == "1 applied, 0 rejected, 0 counter"
    db.session.expire_all()
    assert db.session.get(Participation, jane.id).status == "confirmed"
    assert flags(dovecot) == [b"1 (FLAGS (\\Seen))"]
    # Read: the next poll finds nothing new.
    assert poll_inbox().total == 0
    assert len(db.session.scalars(select(CalendarReply)).all()) == 1


def test_reply_over_imap_oversized_refused_from_its_header(app, jane, dovecot):
    app.config["MAX_REPLY_BYTES"] = 4096
    message = reply_message(reply_ics() + "X-PAD:" + "x" * 8000 + "\r\n", message_id="<big@example.org>")
    append(dovecot, message)
    poll_inbox()
    [reply] = db.session.scalars(select(CalendarReply)).all()
    assert (reply.outcome, reply.message_id, reply.from_address) == (
        "rejected", "<big@example.org>", "jane.doe@example.org")
    # The size is the server's (RFC822.SIZE): the message as stored, CRLF line ends.
    assert reply.reason == f"over 4096 bytes ({reply.raw_size} bytes): refused without reading it"
    assert reply.raw_size > 8000
    assert flags(dovecot) == [b"1 (FLAGS (\\Seen))"]


def test_reply_over_imap_wrong_password_never_shown(app, jane, dovecot):
    app.config["INBOX_URL"] = f"imap://{USER}:not-the-pw@127.0.0.1:{dovecot}/INBOX"
    with pytest.raises(InboxError) as caught:
        poll_inbox()
    assert "not-the-pw" not in str(caught.value)
    assert str(caught.value).startswith(
        f"imap://{USER}:***@127.0.0.1:{dovecot}/INBOX refused the login of {USER}: ")
