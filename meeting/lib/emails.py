"""Composing e-mails that carry a calendar object, absolute links for them, and the language
each one is written in (the recipient's, docs/languages.md)."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from email import encoders
from email.charset import QP, Charset
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import HeaderParser
from email.policy import default as default_policy
from email.utils import formataddr, parseaddr
from functools import lru_cache
from unicodedata import east_asian_width
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from werkzeug.routing import MapAdapter

from .locales import DEFAULT_LANGUAGE, current_language
from .mail import DEFAULT_FROM
from .text import ordinal

_ADAPTER_KEY = "meeting.public_url"  # (PUBLIC_URL, the url_map bound to it) in app.extensions
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP  # readable in the raw message, unlike the default base64


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Render what follows in `language` (a recipient's), then go back to the page's own.

    flask_babel keeps the locale on flask.g: this works in a request and in the dispatcher's
    bare app context alike. Nothing is switched when the language is already the current one.
    """
    language = language or DEFAULT_LANGUAGE
    if language == current_language():
        yield
        return
    with force_locale(language):
        yield


def speaking_position(order: int) -> str:
    """'speaking 5th' in English; elsewhere a sentence with the number ('en 5e position')."""
    if current_language() == DEFAULT_LANGUAGE:  # the English ordinal has no catalogue form
        return f"speaking {ordinal(order)}"
    return _("speaking in position %(number)s", number=order)


def minutes_text(minutes: int) -> str:
    """'7 minutes', '1 minute': with the plural of the current language."""
    return ngettext("%(num)s minute", "%(num)s minutes", minutes)


def role_summary(role: str, order: int | None, minutes: int | None) -> str:
    """'Panelist, speaking 5th, 7 minutes': a role (already in words), its order and minutes."""
    if order and minutes:
        return _("%(role)s, %(speaking)s, %(minutes)s", role=role, speaking=speaking_position(order),
                 minutes=minutes_text(minutes))
    if order:
        return _("%(role)s, %(speaking)s", role=role, speaking=speaking_position(order))
    if minutes:
        return _("%(role)s, %(minutes)s", role=role, minutes=minutes_text(minutes))
    return role


def label(text: str, width: int) -> str:
    """A label of an aligned plain-text line: 'Your time:' padded to `width` columns, one space
    at least (a Chinese character takes two columns in a fixed-width font)."""
    columns = sum(2 if east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 1)


def public_url(endpoint: str, **values) -> str:
    """An absolute URL on PUBLIC_URL: e-mails are also sent outside any web request."""
    # What url_for does inside a request on PUBLIC_URL, without building a request context
    # for every link (a reminder batch asks for hundreds).
    current_app.inject_url_defaults(endpoint, values)
    return _public_adapter().build(endpoint, values, force_external=True)


def _public_adapter() -> MapAdapter:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    cached = current_app.extensions.get(_ADAPTER_KEY)
    if cached is None or cached[0] != base:
        parts = urlsplit(base)
        adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/",
                                           url_scheme=parts.scheme or "http")
        cached = current_app.extensions[_ADAPTER_KEY] = (base, adapter)
    return cached[1]


def sender() -> tuple[str, str]:
    """(display name, address) that invites come from and name as ORGANIZER."""
    return _sender(current_app.config.get("MAIL_FROM", DEFAULT_FROM))


@lru_cache(maxsize=16)
def _sender(mail_from: str) -> tuple[str, str]:
    name, address = parseaddr(mail_from)
    return name or "meeting", address


def message_id(local_part: str) -> str:
    """A deterministic Message-ID on the sender's domain."""
    domain = sender()[1].rpartition("@")[2] or "localhost"
    return f"<{local_part}@{domain}>"


def set_subject(msg: EmailMessage, subject: str) -> None:
    """The Subject, exactly as given once the recipient's program decodes it.

    Python's folder can drop the space between two encoded words ('CEST · Siège' read back as
    'CEST ·Siège'): where it would, the subject is encoded by email.header instead, which
    keeps it. Subjects it folds right (every English one so far) keep their bytes.
    """
    msg["Subject"] = subject
    folded = msg.policy.fold("Subject", msg["Subject"])
    if HeaderParser(policy=default_policy).parsestr(folded + "\n")["Subject"] == subject:
        return
    del msg["Subject"]
    msg.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def address_headers(msg: EmailMessage, to: tuple[str, str],
                    reply_to: tuple[str, str] | None = None) -> None:
    """From (always MAIL_FROM, so SPF and DKIM hold), To, and Reply-To when answers go elsewhere."""
    msg["From"] = formataddr(sender())
    msg["To"] = formataddr(to)
    if reply_to and reply_to[1]:
        msg["Reply-To"] = formataddr(reply_to)


def calendar_email(to_name: str, to_address: str, subject: str, template: str, context: dict,
                   ics: bytes, method: str, msg_id: str,
                   reply_to: tuple[str, str] | None = None) -> EmailMessage:
    """multipart/mixed: alternative (text, HTML, text/calendar; method=…) + the .ics attached."""
    msg = EmailMessage()
    set_subject(msg, subject)
    address_headers(msg, (to_name, to_address), reply_to)
    msg["Message-ID"] = msg_id
    msg.set_content(render_template(f"emails/{template}.txt", **context))
    msg.add_alternative(render_template(f"emails/{template}.html", **context), subtype="html")
    # Base64 keeps the calendar's CRLF line ends and UTF-8 exactly as serialized.
    msg.add_alternative(ics, maintype="text", subtype="calendar", cte="base64",
                        params={"method": method, "charset": "UTF-8"})
    filename = "cancel.ics" if method == "CANCEL" else "invite.ics"
    msg.add_attachment(ics, maintype="application", subtype="ics", filename=filename)
    return msg


def text_email_with_calendar(from_header: str, to_name: str, to_address: str, subject: str,
                             text: str, msg_id: str, ics: bytes, filename: str,
                             reply_to: tuple[str, str] | None = None) -> Message:
    """multipart/mixed: the text, then the calendar file attached as text/calendar; method=PUBLISH.

    Built with the classic email.mime classes, not EmailMessage: they parse no header they
    are given and cost a quarter as much to build and send, which counts for reminders,
    sent by the thousand. send_message() and MailSession take either kind.
    """
    # A boundary of our own: the generator would otherwise compile a regular expression per
    # message to check its random one. "=_" never occurs in base64 or quoted-printable text.
    msg = MIMEMultipart(boundary=f"=_{uuid.uuid4().hex}")
    msg["Subject"] = subject
    msg["From"] = from_header
    msg["To"] = formataddr((to_name, to_address), charset="utf-8")
    if reply_to and reply_to[1]:  # answers go to the secretariat contact, not MAIL_FROM
        msg["Reply-To"] = formataddr(reply_to, charset="utf-8")
    msg["Message-ID"] = msg_id
    msg.attach(MIMEText(text, "plain", "us-ascii" if text.isascii() else _UTF8_QP))
    part = MIMEBase("text", "calendar", method="PUBLISH")
    part.set_payload(ics)
    encoders.encode_base64(part)  # keeps the calendar's CRLF line ends exactly as serialized
    part.add_header("Content-Disposition", "attachment", filename=filename)
    msg.attach(part)
    return msg
