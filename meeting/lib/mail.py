"""Mail transport: every message leaves through a MailSession (send_message() for one message),
to wherever MAIL_URL points:
`maildir:PATH` (under the instance folder; the default keeps an outbox the organizer reads),
`smtp://[user[:password]@]host[:port][?starttls=true]` or `smtps://[user[:password]@]host[:port]`."""

from __future__ import annotations

import copy
import logging
import mailbox
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from flask import current_app

from .smtp import once, transfer

log = logging.getLogger(__name__)

DEFAULT_FROM = "meeting <meeting@localhost>"
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_FLAGS = {"true": True, "false": False}
# What mailbox.Maildir generates: "<seconds>.M<microseconds>P<pid>Q<count>.<host>".
_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._=,-]*")
_KEY_NUMBERS = re.compile(r"(\d+)\.M(\d+)P(\d+)Q(\d+)")
_REFUSED = {smtplib.SMTPConnectError: "the connection", smtplib.SMTPHeloError: "the greeting",
            smtplib.SMTPAuthenticationError: "the login", smtplib.SMTPSenderRefused: "the sender",
            smtplib.SMTPDataError: "the message"}


class MailError(Exception):
    """A message was not delivered; `temporary` says whether trying again later may help."""

    def __init__(self, message: str, temporary: bool, smtp_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.temporary = temporary
        self.smtp_code = smtp_code


@dataclass(frozen=True)
class MailTarget:
    """Where MAIL_URL sends mail."""

    scheme: str
    path: Path | None = None
    host: str = ""
    port: int = 0
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False


@dataclass(frozen=True)
class OutboxEntry:
    """One message of the Maildir outbox as the organizer's list shows it."""

    key: str
    message_id: str | None
    date: datetime
    sender: str
    to: tuple[str, ...]  # To, Cc and Bcc: everyone the message went to
    subject: str
    has_calendar: bool
    calendar_method: str | None


def redact_mail_url(url: str) -> str:
    """Return `url` with its password, if it has one, replaced by ***."""
    scheme, sep, rest = url.partition("://")
    # Split at the last "@", as urlsplit does, so that a password holding a raw "@", "/" or
    # "#" is hidden whole: redacting too much is harmless, showing part of a password is not.
    userinfo, at, hostport = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return url
    return f"{scheme}://{userinfo.partition(':')[0]}:***@{hostport}"


def parse_mail_url(url: str, instance_path: str | Path) -> MailTarget:
    """Parse MAIL_URL, raising ValueError (never quoting the password) for what we cannot use."""
    scheme, colon, rest = (url or "").partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        raise ValueError("MAIL_URL needs a scheme: maildir:PATH, smtp://HOST or smtps://HOST")
    scheme = scheme.lower()
    if scheme == "maildir":
        if not rest:
            raise ValueError("MAIL_URL maildir: needs a path, for example maildir:outbox")
        return MailTarget("maildir", path=Path(instance_path) / rest)
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"MAIL_URL scheme {scheme!r} is not supported: use maildir:, smtp:// or smtps://")
    shown = redact_mail_url(url)
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS[scheme]
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        # urlsplit's own message may quote part of a password that holds a raw "/" or "?".
        raise ValueError(f"MAIL_URL {shown} is not a valid URL (is the port a number?)") from None
    if not rest.startswith("//") or not parts.hostname or parts.path not in ("", "/") or parts.fragment:
        raise ValueError(f"MAIL_URL {shown} is not {scheme}://[user[:password]@]host[:port]; "
                         "percent-encode / ? # @ : in the user name and password")
    starttls = False
    for name, value in query:
        if name != "starttls" or scheme != "smtp" or value.lower() not in _FLAGS:
            raise ValueError("MAIL_URL takes one parameter, starttls=true|false, and only for smtp://")
        starttls = _FLAGS[value.lower()]
    return MailTarget(scheme, host=parts.hostname, port=port,
                      user=unquote(parts.username) if parts.username else None,
                      password=unquote(parts.password) if parts.password is not None else None,
                      starttls=starttls)


def send_message(message: Message) -> str:
    """Fill in a missing From, Date and Message-ID, deliver the message, return its Message-ID."""
    with MailSession() as mail:
        return mail.send(message)


class MailSession:
    """Where MAIL_URL points, held open across messages: one SMTP connection for many.

        with MailSession() as mail:
            for message in batch:
                mail.send(message)      # MailError for this message; the next one still goes

    The connection opens with the first message. If it is gone when a message is sent (the
    server closed an idle connection, said 421, or hung up), a new one is opened and that
    message tried once more on it. A connection that cannot be opened at all is not tried
    again by this session: the rest of its messages fail at once with the same temporary
    error, so an unreachable server costs one time-out, not one per message. The Maildir
    target takes the same calls and holds nothing open.
    """

    def __init__(self):
        self._url = current_app.config["MAIL_URL"]
        self._target = parse_mail_url(self._url, current_app.instance_path)
        self._shown = redact_mail_url(self._url)
        self._timeout = float(current_app.config.get("MAIL_TIMEOUT", 20))
        self._from = current_app.config.get("MAIL_FROM", DEFAULT_FROM)
        self._smtp: smtplib.SMTP | None = None
        self._unreachable: MailError | None = None
        self.connections = 0  # how many were opened (logged, and checked by the tests)

    def __enter__(self) -> MailSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def send(self, message: Message, meanwhile: Callable[[], None] | None = None) -> str:
        """Fill in a missing From, Date and Message-ID, deliver the message, return its Message-ID.

        `meanwhile`, when given, is called at most once, while an SMTP server that pipelines
        takes the message in (after it was written, before the answer is read), so that the
        caller's next piece of work overlaps the server's. It must not raise.
        """
        # Filled in on the caller's message, so that what it keeps is what was sent.
        if message["From"] is None:
            message["From"] = self._from
        if message["Date"] is None:
            message["Date"] = format_datetime(datetime.now(timezone.utc))
        if message["Message-ID"] is None:
            message["Message-ID"] = make_msgid(domain=parseaddr(str(message["From"]))[1].rpartition("@")[2]
                                               or "localhost")
        message_id = str(message["Message-ID"])
        recipients = list(dict.fromkeys(filter(None, (address for _, address in getaddresses(
            [str(h) for name in ("To", "Cc", "Bcc") for h in message.get_all(name, [])])))))
        if not recipients:
            raise MailError("the message has no recipients: To, Cc and Bcc are empty", temporary=False)
        if self._target.scheme == "maildir":
            _deliver_maildir(self._target.path, message)
        else:
            self._deliver_smtp(message, recipients, once(meanwhile) if meanwhile else None)
        log.info("mail %s to %d recipient(s) delivered via %s", message_id, len(recipients), self._shown)
        return message_id

    def close(self) -> None:
        """Say QUIT and close the connection, if one is open."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        # Not `with SMTP(...)`: its exit raises when QUIT is not answered 221, which would
        # report a message the server already accepted as failed, and it would be sent again.
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _deliver_smtp(self, message: Message, recipients: list[str], meanwhile) -> None:
        # copy.copy is enough: deleting a header rebinds the copy's header list, not the caller's.
        outgoing = copy.copy(message)
        del outgoing["Bcc"]
        reused = self._smtp is not None
        try:
            refused = transfer(self._connection(), outgoing, recipients, meanwhile)
        except (smtplib.SMTPException, OSError) as exc:  # SMTPException is itself an OSError
            if not (reused and self._lost(exc)):
                self._drop_if_lost(exc)
                raise _mail_error(exc, self._shown) from exc
            # The connection we kept died between messages: this message gets one more try.
            self.close()
            try:
                refused = transfer(self._connection(), outgoing, recipients, meanwhile)
            except (smtplib.SMTPException, OSError) as again:
                self._drop_if_lost(again)
                raise _mail_error(again, self._shown) from again
        if refused:
            # The others already have it: retrying would send it to them twice, so this is final.
            raise MailError(f"{self._shown} delivered to {len(recipients) - len(refused)} of "
                            f"{len(recipients)} recipients and refused {_refusals(refused)}",
                            temporary=False, smtp_code=_code(next(iter(refused.values()))[0]))

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        if self._unreachable is not None:
            raise self._unreachable
        target = self._target
        # Only when TLS is used: loading the system's CA certificates costs time.
        context = ssl.create_default_context() if target.scheme == "smtps" or target.starttls else None
        smtp = None
        try:
            if target.scheme == "smtps":
                smtp = smtplib.SMTP_SSL(target.host, target.port, timeout=self._timeout, context=context)
            else:
                smtp = smtplib.SMTP(target.host, target.port, timeout=self._timeout)
            if target.starttls:
                smtp.starttls(context=context)
            if target.user is not None:
                smtp.login(target.user, target.password or "")
        except (smtplib.SMTPException, OSError) as exc:
            if smtp is not None:
                try:
                    smtp.quit()
                except (smtplib.SMTPException, OSError):
                    smtp.close()
            self._unreachable = _mail_error(exc, self._shown)
            raise self._unreachable from exc
        self.connections += 1
        self._smtp = smtp
        return smtp

    def _lost(self, exc: OSError) -> bool:
        # smtplib closes its socket itself on a 421 reply ("service closing"); a hang-up or a
        # reset shows as SMTPServerDisconnected or a ConnectionError. A time-out is not here:
        # the server may still accept what it was sent, so that message is not sent again now.
        return (isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError))
                or (self._smtp is not None and self._smtp.sock is None))

    def _drop_if_lost(self, exc: OSError) -> None:
        # After a refusal smtplib has already said RSET and the connection is good for the
        # next message; after anything else its state is unknown, so the next one starts afresh.
        refusal = isinstance(exc, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused))
        if not refusal or self._lost(exc):
            self.close()


def outbox_messages(limit: int = 100) -> list[OutboxEntry]:
    """List the newest `limit` messages of the Maildir outbox, newest first ([] for SMTP)."""
    box = _outbox()
    if box is None:
        return []
    # Headers of all to sort, whole messages only for the page shown.
    heads = {key: BytesHeaderParser(policy=policy.default).parsebytes(data)
             for key in box.keys() if (data := _read(box, key)) is not None}
    newest = sorted(heads, key=lambda key: (_date(heads[key], key), _key_order(key), key), reverse=True)
    parse = BytesParser(policy=policy.default).parsebytes
    return [_entry(key, parse(data)) for key in newest[: max(limit, 0)] if (data := _read(box, key))]


def outbox_message(key: str) -> EmailMessage | None:
    """Return one outbox message parsed with email.policy.default, or None if there is no such key."""
    box = _outbox()
    if box is None or not isinstance(key, str) or not _PLAIN_KEY.fullmatch(key):
        return None
    data = _read(box, key)
    return None if data is None else BytesParser(policy=policy.default).parsebytes(data)


def _deliver_maildir(path: Path, message: Message) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Maildir.add writes to tmp/ and renames into new/, so a reader never sees half a message.
        # Bcc stays: like a Sent folder, the outbox is the only record of who got a copy.
        mailbox.Maildir(path, create=True).add(message)
    except OSError as exc:
        raise MailError(f"could not write to the outbox {path}: {exc.strerror or exc}", True) from exc


def _mail_error(exc: OSError, shown: str) -> MailError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        # One recipient refused for now is reason enough to try the message again later.
        later = [code for code in codes if not 500 <= code <= 599]
        return MailError(f"{shown} refused {_refusals(exc.recipients)}", temporary=bool(later),
                         smtp_code=_code((later or codes)[0]))
    if isinstance(exc, smtplib.SMTPResponseException):
        what = f"refused {_REFUSED[type(exc)]}" if type(exc) in _REFUSED else "replied"
        return MailError(f"{shown} {what}: {_reply(exc.smtp_code, exc.smtp_error)}",
                         temporary=not 500 <= exc.smtp_code <= 599, smtp_code=_code(exc.smtp_code))
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return MailError(f"{shown} closed the connection: {exc}", temporary=True)
    if isinstance(exc, (smtplib.SMTPException, ssl.SSLCertVerificationError)):
        # STARTTLS, AUTH or SMTPUTF8 missing, or a certificate we cannot trust: settings to
        # change, which no retry fixes.
        return MailError(f"{shown}: {exc}", temporary=False)
    return MailError(f"could not reach {shown}: {exc.strerror or exc}", temporary=True)


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}"  # multi-line replies on one line


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address}: {_reply(code, text)}" for address, (code, text) in refused.items())


def _code(code: int) -> int | None:
    return code if 100 <= code <= 599 else None  # smtplib uses -1 for "no reply"


def _addresses(message, *names: str) -> list[str]:
    return [str(address) for name in names for header in message.get_all(name, [])
            for address in header.addresses]


def _outbox() -> mailbox.Maildir | None:
    target = parse_mail_url(current_app.config["MAIL_URL"], current_app.instance_path)
    if target.scheme != "maildir" or not (target.path / "new").is_dir():
        return None
    return mailbox.Maildir(target.path, create=False)


def _read(box: mailbox.Maildir, key: str) -> bytes | None:
    try:
        return box.get_bytes(key)
    except (KeyError, FileNotFoundError):  # gone since it was listed
        return None


def _date(message, key: str) -> datetime:
    # Without a (valid) Date, the delivery time that starts a Maildir name is the next best.
    when = getattr(message["Date"], "datetime", None) or datetime.fromtimestamp(
        (_key_order(key) or (0,))[0], timezone.utc)
    # A "-0000" zone means "unknown" (RFC 5322 3.3) and parses naive; UTC is the best guess.
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _key_order(key: str) -> tuple[int, ...]:
    # Numbers, not text: "M99" was written before "M100" within the same second.
    match = _KEY_NUMBERS.match(key)
    return tuple(int(number) for number in match.groups()) if match else ()


def _entry(key: str, message: EmailMessage) -> OutboxEntry:
    calendar = next((part for part in message.walk() if part.get_content_type() == "text/calendar"), None)
    method = calendar.get_param("method") if calendar is not None else None
    return OutboxEntry(
        key=key,
        message_id=str(message["Message-ID"]).strip() if message["Message-ID"] else None,
        date=_date(message, key),
        sender=str(message.get("From", "")),
        to=tuple(_addresses(message, "To", "Cc", "Bcc")),
        subject=str(message.get("Subject", "")),
        has_calendar=calendar is not None,
        calendar_method=str(method).upper() if method else None,
    )
