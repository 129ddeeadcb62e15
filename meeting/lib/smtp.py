"""One message over an open SMTP connection: pipelined when the server offers it (RFC 2920).

MailSession (meeting.lib.mail) holds the connection and decides what a failure means; this
module moves one message and raises what smtplib would raise for each reply.
"""

from __future__ import annotations

import io
import re
import smtplib
from collections.abc import Callable
from email.generator import BytesGenerator
from email.message import Message
from email.policy import Compat32, compat32
from email.utils import getaddresses
from functools import lru_cache

_LEADING_DOT = re.compile(rb"(?m)^\.")  # dot-stuffing, as smtplib does (RFC 5321 4.5.2)


def transfer(smtp: smtplib.SMTP, message: Message, recipients: list[str], meanwhile=None) -> dict:
    """smtplib's send_message, in two round trips when the server offers PIPELINING (RFC 2920).

    MAIL, every RCPT and DATA go in one write and their replies are read together; then the
    message itself and its one reply. The replies mean what they mean to smtplib.sendmail and
    raise its exceptions: SMTPSenderRefused, SMTPRecipientsRefused, SMTPDataError, and
    SMTPServerDisconnected for a hang-up; the refused recipients are returned. Without
    PIPELINING, or for what needs more than plain ASCII addresses (SMTPUTF8) or Resent-
    headers, smtplib does it all, one command and its reply at a time.
    """
    smtp.ehlo_or_helo_if_needed()
    sender_field = message["Sender"] if "Sender" in message else message["From"]
    from_addr = _address_of(str(sender_field)) if sender_field is not None else ""
    if (not smtp.has_extn("pipelining") or "Resent-Date" in message
            or not "".join([from_addr, *recipients]).isascii()):
        return smtp.send_message(message, to_addrs=recipients)
    data = flatten(message)
    size = f" size={len(data)}" if smtp.has_extn("size") else ""
    commands = [f"mail FROM:{_quoted(from_addr)}{size}",
                *(f"rcpt TO:{_quoted(address)}" for address in recipients), "data"]
    if any("\r" in command or "\n" in command for command in commands):
        raise ValueError("command and arguments contain prohibited newline characters")
    smtp.send("".join(f"{command}\r\n" for command in commands))
    code, reply = smtp.getreply()
    if code != 250:
        if code == 421:
            smtp.close()
        else:
            _settle(smtp, len(recipients) + 1)
        raise smtplib.SMTPSenderRefused(code, reply, from_addr)
    refused = {}
    for address in recipients:
        code, reply = smtp.getreply()
        if code not in (250, 251):
            refused[address] = (code, reply)
        if code == 421:
            smtp.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        _settle(smtp, 1)  # the server refused all our recipients, and so the DATA
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = smtp.getreply()
    if code != 354:
        if code == 421:
            smtp.close()
        else:
            _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    data = _LEADING_DOT.sub(b"..", data)
    smtp.send(data + (b"" if data.endswith(b"\r\n") else b"\r\n") + b".\r\n")
    if meanwhile is not None:
        meanwhile()  # the server is taking the message in
    code, reply = smtp.getreply()
    if code != 250:
        if code == 421:
            smtp.close()
        else:
            _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    return refused


class _RememberedFolding(Compat32):
    """compat32 whose header folding remembers what it made: most headers of a batch repeat."""

    def fold_binary(self, name, value):
        if not isinstance(value, str):  # a Header object folds itself
            return super().fold_binary(name, value)
        if (self.max_line_length and len(name) + 2 + len(value) <= self.max_line_length
                and _PLAIN.fullmatch(value)):
            # Printable ASCII words with single spaces that fit on the line: compat32 gives
            # them back as they are (tests/lib/test_smtp_folding.py compares the two).
            return f"{name}: {value}{self.linesep}".encode("ascii")
        key = (name, value, self.linesep, self.max_line_length, self.cte_type)
        folded = _FOLDED.get(key)
        if folded is None:
            folded = super().fold_binary(name, value)
            if len(_FOLDED) < FOLDED_KEPT:
                _FOLDED[key] = folded
        return folded


FOLDED_KEPT = 1024
_PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")
_FOLDED: dict[tuple, bytes] = {}
_REMEMBERED = _RememberedFolding()


def flatten(message: Message) -> bytes:
    """The message's bytes with CRLF line ends, exactly as smtplib.send_message makes them."""
    with io.BytesIO() as buffer:
        # The same generator; for compat32 messages its folding of repeated headers is remembered.
        folding = _REMEMBERED if message.policy is compat32 else None
        BytesGenerator(buffer, policy=folding).flatten(message, linesep="\r\n")
        return buffer.getvalue()


@lru_cache(maxsize=64)
def _address_of(field: str) -> str:
    # What smtplib.send_message takes as the envelope sender; a batch has one From for all.
    return getaddresses([field])[0][1]


_quoted = lru_cache(maxsize=4096)(smtplib.quoteaddr)  # "<address>" for MAIL FROM and RCPT TO


def once(function: Callable[[], None]) -> Callable[[], None]:
    called = []

    def call() -> None:
        if not called:
            called.append(True)
            function()
    return call


def _settle(smtp: smtplib.SMTP, replies: int) -> None:
    # After a refusal, read the replies to the commands already sent behind it, then RSET, so
    # that the connection is in step for the next message. A DATA that a server accepted all
    # the same (354) would wait for a message we will not send: that connection is closed.
    try:
        for _ in range(replies):
            code, _reply = smtp.getreply()
        if code == 354:
            smtp.close()
        else:
            _reset(smtp)
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _reset(smtp: smtplib.SMTP) -> None:
    # As smtplib's own reset after a refusal: a hang-up shows with the next message instead.
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass
