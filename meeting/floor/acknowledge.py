"""The acknowledgement a delegation receives when it inscribes through its link.

A delegation is reached at a contact address, not as a person with a preferred language:
the acknowledgement is written in the language of the inscription page it was sent from
(the request's locale).
"""

import logging
from email.message import EmailMessage

from flask import render_template
from flask_babel import gettext as _
from flask_babel import ngettext

from meeting.lib.emails import address_headers, label, message_id, minutes_text, public_url, set_subject
from meeting.lib.mail import MailError, send_message
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import Session, SpeakerEntry

from .links import inscription_token
from .lists import running_order
from .statements import statements_due

log = logging.getLogger(__name__)


def due_words(session: Session) -> str:
    """'09:00 EDT on Sunday 5 July 2020' (statements.due_label), in the current language."""
    due, zone = statements_due(session), session.segment.timezone
    return _("%(time)s %(zone)s on %(day)s", time=format_local(due, zone),
             zone=zone_abbreviation(due, zone), day=format_local(due, zone, "%A %-d %B %Y"))


def due_rule_words(session: Session) -> str:
    """'24 hours before the session' (statements.due_rule), in the current language."""
    hours = session.segment.statements_due_hours
    if hours == 0:
        return _("by the start of the session")
    return ngettext("%(num)s hour before the session", "%(num)s hours before the session", hours)


def letter_words() -> dict:
    """What the delegations' e-mails share: the salutation, aligned labels, minutes."""
    return {"salutation": _("%(salutation)s,", salutation=_("Dear colleague")), "label": label,
            "minutes_text": minutes_text}


def acknowledgement(entry: SpeakerEntry) -> EmailMessage:
    """'[Inscribed] S5 · List of speakers · Brazil': where it stands, its limit, its link."""
    speakers = entry.speakers_list
    session, organization = speakers.session, entry.organization
    placed, _placed_later = running_order(speakers)
    number = next((p.number for p in placed if p.entry is entry), None)
    msg = EmailMessage()
    set_subject(msg, _("[Inscribed] %(code)s · List of speakers · %(organization)s",
                       code=session.code, organization=organization.name))
    address_headers(msg, (entry.speaker_name, entry.contact_email), session.segment.contact)
    msg["Message-ID"] = message_id(f"inscription-{entry.id}-{speakers.link_generation}")
    msg.set_content(render_template(
        "emails/inscription.txt", entry=entry, session=session, segment=session.segment,
        number=number, statements_due=due_words(session), due_rule=due_rule_words(session),
        link=public_url("floor_public.page", token=inscription_token(speakers, organization)),
        **letter_words()))
    return msg


def send_acknowledgement(entry: SpeakerEntry) -> bool:
    """Send it; a mail failure is logged and reported, the inscription stands."""
    try:
        send_message(acknowledgement(entry))
    except MailError as exc:
        log.warning("acknowledgement of inscription %s not sent: %s", entry.id, exc)
        return False
    return True
