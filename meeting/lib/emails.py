"""Composing e-mails that carry a calendar object, and absolute links for them."""

from email.message import EmailMessage
from email.utils import formataddr, parseaddr

from flask import current_app, render_template, url_for

from .mail import DEFAULT_FROM


def public_url(endpoint: str, **values) -> str:
    """An absolute URL on PUBLIC_URL: e-mails are also sent outside any web request."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def sender() -> tuple[str, str]:
    """(display name, address) that invites come from and name as ORGANIZER."""
    name, address = parseaddr(current_app.config.get("MAIL_FROM", DEFAULT_FROM))
    return name or "meeting", address


def message_id(local_part: str) -> str:
    """A deterministic Message-ID on the sender's domain."""
    domain = sender()[1].rpartition("@")[2] or "localhost"
    return f"<{local_part}@{domain}>"


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
    msg["Subject"] = subject
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
