"""The acknowledgement a delegation receives when it inscribes through its link."""

import logging
from email.message import EmailMessage

from flask import render_template

from meeting.lib.emails import address_headers, message_id, public_url
from meeting.lib.mail import MailError, send_message
from meeting.models import SpeakerEntry

from .links import inscription_token
from .lists import running_order
from .statements import due_label, due_rule

log = logging.getLogger(__name__)


def acknowledgement(entry: SpeakerEntry) -> EmailMessage:
    """'[Inscribed] S5 · List of speakers · Brazil': where it stands, its limit, its link."""
    speakers = entry.speakers_list
    session, organization = speakers.session, entry.organization
    placed, _ = running_order(speakers)
    number = next((p.number for p in placed if p.entry is entry), None)
    msg = EmailMessage()
    msg["Subject"] = f"[Inscribed] {session.code} · List of speakers · {organization.name}"
    address_headers(msg, (entry.speaker_name, entry.contact_email), session.segment.contact)
    msg["Message-ID"] = message_id(f"inscription-{entry.id}-{speakers.link_generation}")
    msg.set_content(render_template(
        "emails/inscription.txt", entry=entry, session=session, segment=session.segment,
        number=number, statements_due=due_label(session), due_rule=due_rule(session.segment),
        link=public_url("floor_public.page", token=inscription_token(speakers, organization))))
    return msg


def send_acknowledgement(entry: SpeakerEntry) -> bool:
    """Send it; a mail failure is logged and reported, the inscription stands."""
    try:
        send_message(acknowledgement(entry))
    except MailError as exc:
        log.warning("acknowledgement of inscription %s not sent: %s", entry.id, exc)
        return False
    return True
