"""What a reminder says: its placeholders, the default wording, and rendering one.

The default body and the lines every reminder ends with live in templates/emails/
(reminder_body.txt, reminder.txt), like the invitations' wording; organizers change a
policy's own subject and body on its page.
"""

import string

from flask import current_app, render_template

from meeting.formats.ical import join_lines
from meeting.lib.emails import public_url
from meeting.lib.text import ordinal
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import Participation, Person, ReminderPolicy, Session
from meeting.people.portal import portal_token
from meeting.programme.roles import role_label

PLACEHOLDERS = {
    "name": "the person's name with honorific",
    "salutation": "'Dear Ms. Amina Mohammed', or 'Dear colleague' for someone named by function",
    "role": "their role in the session",
    "order": "their place in the speaking order (1st, 2nd …)",
    "minutes": "their speaking minutes",
    "session": "the session title",
    "segment": "the segment title",
    "local_start": "start in the person's own time zone, with the zone's name",
    "local_time": "start in the person's own time zone, short (for subjects)",
    "hq_start": "start in headquarters time",
    "tech_check": "the tech-check time in the person's zone (or 'none')",
    "join": "how to join: platform, link, meeting ID, passcode, dial-in",
    "portal": "the person's private page",
    "contact": "the segment's secretariat contact: name, e-mail, phone",
}


def default_body() -> str:
    """The body a new policy starts with (templates/emails/reminder_body.txt), placeholders unfilled."""
    env = current_app.jinja_env
    source, _, _ = env.loader.get_source(env, "emails/reminder_body.txt")
    return source


class TemplateError(ValueError):
    """A subject or body template with an unknown or unsafe placeholder."""


def check_template(text: str) -> None:
    """Refuse placeholders other than PLACEHOLDERS (and any attribute or index access)."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise TemplateError(f"the template is not valid: {exc}") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise TemplateError(f"unknown placeholder {{{name}}}; use one of {known}")


def reminder_context(session: Session, person: Person,
                     participation: Participation | None) -> dict[str, str]:
    """The values of every placeholder for one person and one session."""
    hq = session.segment.timezone
    checks = session.tech_checks
    fmt = "%A %d %B %Y, %H:%M"
    tech = (f"{format_local(checks[0].start, person.timezone, fmt)} "
            f"{zone_abbreviation(checks[0].start, person.timezone)}" if checks else "none")
    role = participation.role if participation else ""
    return {
        "name": person.display_name,
        "salutation": person.salutation,
        "role": role_label(role).lower() if role else "",
        "order": ordinal(participation.speaking_order)
                 if participation and participation.speaking_order else "-",
        "minutes": str(participation.minutes) if participation and participation.minutes else "-",
        "session": session.title,
        "segment": session.segment.title,
        "local_start": f"{format_local(session.start, person.timezone, fmt)} "
                       f"{zone_abbreviation(session.start, person.timezone)} ({person.timezone})",
        "local_time": f"{format_local(session.start, person.timezone, '%a %d %b %Y, %H:%M')} "
                      f"{zone_abbreviation(session.start, person.timezone)}",
        "hq_start": f"{format_local(session.start, hq, fmt)} {zone_abbreviation(session.start, hq)}"
                    f" ({hq})",
        "tech_check": tech,
        "join": "\n".join(f"  {line}" for line in join_lines(session)) or "  (to follow)",
        "portal": public_url("portal.home", token=portal_token(person)),
        "contact": session.segment.contact_text,
    }


def render_reminder(policy: ReminderPolicy, context: dict[str, str],
                    checked: bool = False) -> tuple[str, str]:
    """(subject, body) of a reminder; subjects are kept on one line.

    `checked`: the caller has already run check_template on this policy's wording.
    """
    if not checked:
        check_template(policy.subject_template)
        check_template(policy.body_template)
    subject = policy.subject_template.format_map(context)
    return " ".join(subject.split()), policy.body_template.format_map(context)


def reminder_text(body: str, context: dict[str, str]) -> str:
    """The whole text of a reminder: the policy's body, then the times if it left them out."""
    # Whatever the organizer's template says, the times in both zones are always there.
    times_shown = context["local_start"] in body and context["hq_start"] in body
    contact_shown = not context["contact"] or context["contact"] in body
    return render_template("emails/reminder.txt", body=body, times_shown=times_shown,
                           contact_shown=contact_shown, **context)
