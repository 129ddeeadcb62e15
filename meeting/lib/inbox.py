"""Reading mail in: the inbox the replies to our invitations arrive in, wherever INBOX_URL points:
`maildir:PATH` (under the instance folder; the default, where a reply file dropped in `new/` is
read), `imaps://user:password@host[:port][/FOLDER]` or `imap://…` (a local server, no TLS).

A message is handed to the caller first and marked read only afterwards (moved to `cur/`, or
flagged \\Seen): a crash in between leaves it to be read again, never lost, so the caller must
recognise a message it has already recorded (by its Message-ID).
"""

from __future__ import annotations

import imaplib
import logging
import os
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .mail import redact_mail_url

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"imap": 143, "imaps": 993}
HEADER_BYTES = 64 * 1024  # what is read of a message too large to read whole
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_FETCH_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class InboxError(Exception):
    """The inbox could not be read (the message never holds a password)."""


@dataclass(frozen=True)
class InboxTarget:
    """Where INBOX_URL reads mail from."""

    scheme: str
    path: Path | None = None
    host: str = ""
    port: int = 0
    user: str = ""
    password: str = field(default="", repr=False)
    folder: str = "INBOX"


@dataclass(frozen=True)
class InboxMessage:
    """One message as read: `data` is the whole message, or only its header when over the limit."""

    key: str
    size: int
    data: bytes
    complete: bool


def redact_inbox_url(url: str) -> str:
    """Return `url` with its password, if it has one, replaced by ***."""
    return redact_mail_url(url)


def parse_inbox_url(url: str, instance_path: str | Path) -> InboxTarget:
    """Parse INBOX_URL, raising ValueError (never quoting the password) for what we cannot use."""
    scheme, colon, rest = (url or "").partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        raise ValueError("INBOX_URL needs a scheme: maildir:PATH, imaps://USER:PASSWORD@HOST/INBOX")
    scheme = scheme.lower()
    if scheme == "maildir":
        if not rest:
            raise ValueError("INBOX_URL maildir: needs a path, for example maildir:inbox")
        return InboxTarget("maildir", path=Path(instance_path) / rest)
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"INBOX_URL scheme {scheme!r} is not supported: use maildir:, imaps:// or imap://")
    shown = redact_inbox_url(url)
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise ValueError(f"INBOX_URL {shown} is not a valid URL (is the port a number?)") from None
    if not rest.startswith("//") or not parts.hostname or not parts.username or parts.query \
            or parts.fragment:
        raise ValueError(f"INBOX_URL {shown} is not {scheme}://user:password@host[:port][/FOLDER]; "
                         "percent-encode / ? # @ : in the user name and password")
    folder = unquote(parts.path.strip("/")) or "INBOX"
    return InboxTarget(scheme, host=parts.hostname, port=port, user=unquote(parts.username),
                       password=unquote(parts.password or ""), folder=folder)


def read_inbox(url: str, instance_path: str | Path, handle: Callable[[InboxMessage], None],
               max_bytes: int, timeout: float = 30) -> int:
    """Hand each unread message to `handle`, then mark it read; returns how many were handled.

    A message `handle` raises on stays unread (and is logged): the next poll tries it again.
    """
    target = parse_inbox_url(url, instance_path)
    if target.scheme == "maildir":
        return _read_maildir(target.path, handle, max_bytes)
    return _read_imap(target, redact_inbox_url(url), handle, max_bytes, timeout)


def _read_maildir(path: Path, handle: Callable[[InboxMessage], None], max_bytes: int) -> int:
    for sub in ("tmp", "new", "cur"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    done = 0
    # Delivery order: Maildir names start with the delivery time.
    for name in sorted(os.listdir(path / "new")):
        source = path / "new" / name
        if name.startswith(".") or not source.is_file():
            continue
        try:
            size = source.stat().st_size
            with source.open("rb") as fh:
                data = fh.read(max_bytes if size <= max_bytes else HEADER_BYTES)
        except FileNotFoundError:  # another reader took it
            continue
        if not _handled(handle, InboxMessage(name, size, data, size <= max_bytes)):
            continue
        # cur/ with the Seen flag, as a mail client would leave a message it has read.
        target = path / "cur" / (name if ":2," in name else f"{name}:2,S")
        try:
            os.rename(source, target)
        except FileNotFoundError:
            pass
        done += 1
    return done


def _handled(handle: Callable[[InboxMessage], None], message: InboxMessage) -> bool:
    try:
        handle(message)
    except Exception:  # one message must not stop the others; it stays unread for the next poll
        log.exception("inbox message %s not handled; it stays unread", message.key)
        return False
    return True


def _read_imap(target: InboxTarget, shown: str, handle: Callable[[InboxMessage], None],
               max_bytes: int, timeout: float) -> int:
    try:
        if target.scheme == "imaps":
            imap = imaplib.IMAP4_SSL(target.host, target.port, ssl_context=ssl.create_default_context(),
                                     timeout=timeout)
        else:
            imap = imaplib.IMAP4(target.host, target.port, timeout=timeout)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise InboxError(f"could not reach {shown}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return _read_folder(imap, target, shown, handle, max_bytes)
    except (OSError, imaplib.IMAP4.error) as exc:
        # imaplib's messages quote the server's answers, never the password we sent.
        raise InboxError(f"{shown}: {exc}") from None
    finally:
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _read_folder(imap: imaplib.IMAP4, target: InboxTarget, shown: str,
                 handle: Callable[[InboxMessage], None], max_bytes: int) -> int:
    try:
        imap.login(target.user, target.password)
    except imaplib.IMAP4.error as exc:
        raise InboxError(f"{shown} refused the login of {target.user}: {exc}") from None
    status, answer = imap.select(_quoted(target.folder))
    if status != "OK":
        raise InboxError(f"{shown} has no folder {target.folder}: {_text(answer)}")
    status, answer = imap.uid("SEARCH", None, "UNSEEN")
    if status != "OK":
        raise InboxError(f"{shown} refused the search for unread messages: {_text(answer)}")
    done = 0
    for uid in (answer[0] or b"").split():
        key = uid.decode()
        # PEEK: reading does not set \Seen; only a handled message is flagged, below.
        size = _size(imap, key)
        part = "BODY.PEEK[]" if size <= max_bytes else "BODY.PEEK[HEADER]"
        status, fetched = imap.uid("FETCH", key, f"({part})")
        data = next((item[1] for item in fetched or () if isinstance(item, tuple)), None)
        if status != "OK" or data is None:
            continue  # expunged meanwhile
        if _handled(handle, InboxMessage(key, size, data, size <= max_bytes)):
            imap.uid("STORE", key, "+FLAGS", "(\\Seen)")
            done += 1
    return done


def _size(imap: imaplib.IMAP4, key: str) -> int:
    status, fetched = imap.uid("FETCH", key, "(RFC822.SIZE)")
    for item in fetched or ():
        line = item[0] if isinstance(item, tuple) else item
        match = _FETCH_SIZE.search(line or b"")
        if status == "OK" and match:
            return int(match.group(1))
    return 0


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(answer) -> str:
    return " ".join(a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in answer or ())
