"""What a reminder says: its placeholders, the default wording, and rendering one.

The default body and the lines every reminder ends with live in templates/emails/
(reminder_body.txt, reminder.txt), like the invitations' wording; organizers change a
policy's own subject and body on its page.

A reminder is written in its recipient's language (person.language). The policy's wording
is the organizer's: it is sent as written, except the wording every segment starts with
(the default body and subjects, in English), which each recipient gets in their language.
"""

import string
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _

from meeting.formats.ical import join_lines
from meeting.invitations.wording import salutation
from meeting.lib.emails import in_language, label, public_url
from meeting.lib.locales import DEFAULT_LANGUAGE, N_, catalogue_gettext, current_language
from meeting.lib.text import ordinal
from meeting.lib.timezones import format_local, zone_abbreviation
from meeting.models import Participation, Person, ReminderPolicy, Session
from meeting.people.portal import portal_token
from meeting.programme.roles import role_label
from meeting.programme.translations import localized

# The subjects of the default policies (reminders.policies) and of a new policy
# (views.reminders): sent in the recipient's language while the organizer keeps them.
DEFAULT_SUBJECTS = frozenset({
    N_("In one week: {session} ({local_time})"),
    N_("Tomorrow: {session} ({local_time})"),
    N_("Tech check in one hour: {session}"),
    N_("Reminder: {session} ({local_time})"),
})
LANGUAGE_KEY = "language"  # in a context: the language it was worked out in (not a placeholder)

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
        raise TemplateError(_("the template is not valid: %(error)s", error=exc)) from None
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise TemplateError(_("unknown placeholder {%(name)s}; use one of %(known)s", name=name,
                                  known=known))


def translated_default_body(language: str) -> str:
    """The default body in `language` (placeholders unfilled); English: the file itself."""
    if language == DEFAULT_LANGUAGE:
        return default_body()
    with in_language(language):
        return _default_body_in(language)


@lru_cache(maxsize=16)
def _default_body_in(language: str) -> str:
    lines = [
        _("%(salutation)s,", salutation="{salutation}"),
        "",
        _('This is a reminder that you take part in "%(session)s" (%(segment)s) as %(role)s.',
          session="{session}", segment="{segment}", role="{role}"),
        "",
        label(_("Your time:"), 20) + "{local_start}",
        label(_("Headquarters time:"), 20) + "{hq_start}",
        label(_("Tech check:"), 20) + "{tech_check}",
        label(_("Speaking order:"), 20) + _("%(order)s, %(minutes)s minutes", order="{order}",
                                            minutes="{minutes}"),
        "",
        _("How to join:"),
        "{join}",
        "",
        _("Your page (confirm, decline, all your sessions): %(url)s", url="{portal}"),
        "",
    ]
    text = "\n".join(lines)
    try:
        check_template(text)
    except TemplateError:  # a catalogue that broke a placeholder: the English is still right
        return default_body()
    return text


def _wording(policy_text: str, language: str, body: bool) -> str:
    """The policy's subject or body as sent in `language`: the default one translated."""
    if language == DEFAULT_LANGUAGE:
        return policy_text
    if body:
        return translated_default_body(language) if policy_text == default_body() else policy_text
    if policy_text not in DEFAULT_SUBJECTS:
        return policy_text
    translated = _(policy_text)
    try:
        check_template(translated)
    except TemplateError:
        return policy_text
    return translated


def reminder_context(session: Session, person: Person,
                     participation: Participation | None) -> dict[str, str]:
    """The values of every placeholder for one person and one session, in their language."""
    with in_language(person.language):
        context = _context(session, person, participation)
    context[LANGUAGE_KEY] = person.language
    return context


def _context(session: Session, person: Person, participation: Participation | None) -> dict[str, str]:
    gettext = catalogue_gettext()  # once for this reminder's texts
    hq = session.segment.timezone
    language = current_language()
    english = language == DEFAULT_LANGUAGE
    checks = session.tech_checks
    fmt = "%A %d %B %Y, %H:%M"
    tech = _when(checks[0].start, person.timezone, fmt, language) if checks else gettext("none")
    role = participation.role if participation else ""
    order = participation.speaking_order if participation else None
    to_follow = gettext("(to follow)")
    return {
        "name": person.display_name,
        "salutation": salutation(person),
        "role": role_label(role).lower() if role else "",
        # English says '5th'; other languages the number, their sentences say 'position 5'.
        "order": (ordinal(order) if english else str(order)) if order else "-",
        "minutes": str(participation.minutes) if participation and participation.minutes else "-",
        "session": localized(session, "title", language).text,  # its translation, if it has one
        "segment": session.segment.title,
        "local_start": f"{_when(session.start, person.timezone, fmt, language)} ({person.timezone})",
        "local_time": _when(session.start, person.timezone, "%a %d %b %Y, %H:%M", language),
        "hq_start": f"{_when(session.start, hq, fmt, language)} ({hq})",
        "tech_check": tech,
        "join": "\n".join(f"  {line}" for line in join_lines(session, gettext)) or "  " + to_follow,
        "portal": public_url("portal.home", token=portal_token(person)),
        "contact": session.segment.contact_text,
    }


@lru_cache(maxsize=4096)
def _when(instant, zone: str, fmt: str, language: str) -> str:
    """'Monday 06 July 2020, 09:30 EDT': the same few instants, zones and languages come back
    for every person of a session, so a dispatcher formats each once."""
    return f"{format_local(instant, zone, fmt)} {zone_abbreviation(instant, zone)}"


def render_reminder(policy: ReminderPolicy, context: dict[str, str],
                    checked: bool = False) -> tuple[str, str]:
    """(subject, body) of a reminder; subjects are kept on one line.

    `checked`: the caller has already run check_template on this policy's wording. The
    default wording is sent in the language of `context` (reminder_context).
    """
    if not checked:
        check_template(policy.subject_template)
        check_template(policy.body_template)
    language = context.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    with in_language(language):
        subject = _wording(policy.subject_template, language, body=False).format_map(context)
        body = _wording(policy.body_template, language, body=True)
    return " ".join(subject.split()), body.format_map(context)


def reminder_text(body: str, context: dict[str, str]) -> str:
    """The whole text of a reminder: the policy's body, then the times if it left them out."""
    # Whatever the organizer's template says, the times in both zones are always there.
    times_shown = context["local_start"] in body and context["hq_start"] in body
    contact_shown = not context["contact"] or context["contact"] in body
    with in_language(context.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)):
        # The template itself, without render_template's context processors and signals: it
        # uses none of them, and a dispatcher renders it thousands of times.
        template = current_app.jinja_env.get_template("emails/reminder.txt")
        return template.render(body=body, times_shown=times_shown, contact_shown=contact_shown, **context)
