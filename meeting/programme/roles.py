"""The roles a person can have in a session: names, labels, who speaks, calendar roles.

The one place to add or rename a role: editing, conflicts, reminders, the run of show,
calendar files, the API and every template read it from here.
"""

from flask_babel import gettext

from meeting.lib.locales import N_

# In the order pages list them (chairs first, rapporteurs last).
ROLES = (
    "chair",
    "moderator",
    "keynote",
    "panelist",
    "lead-discussant",
    "respondent",
    "rapporteur",
)
ROLE_LABELS = {
    "chair": (N_("Chair"), N_("Chairs")),
    "moderator": (N_("Moderator"), N_("Moderators")),
    "keynote": (N_("Keynote"), N_("Keynotes")),
    "panelist": (N_("Panelist"), N_("Panelists")),
    "lead-discussant": (N_("Lead discussant"), N_("Lead discussants")),
    "respondent": (N_("Respondent"), N_("Respondents")),
    "rapporteur": (N_("Rapporteur"), N_("Rapporteurs")),
}
# Who takes the floor with speaking minutes: a cue each in the run of show; a panel needs one.
SPEAKING_ROLES = ("keynote", "panelist", "lead-discussant", "respondent")
# Who runs the session: with the speakers, they get the tech-check reminder.
LEADING_ROLES = ("chair", "moderator")
# ATTENDEE;ROLE= in an invite (RFC 5545 §3.2.16); every other role is REQ-PARTICIPANT.
ATTENDEE_ROLES = {"chair": "CHAIR", "moderator": "CHAIR", "rapporteur": "OPT-PARTICIPANT"}
ROLE_ORDER = {role: n for n, role in enumerate(ROLES)}


def role_label(role: str, plural: bool = False) -> str:
    """'lead-discussant' → 'Lead discussant' (plural: 'Lead discussants'), in the language
    being rendered (English outside a request)."""
    return gettext(ROLE_LABELS[role][1 if plural else 0])


def attendee_role(role: str) -> str:
    """The iCalendar ATTENDEE ROLE parameter for a session role."""
    return ATTENDEE_ROLES.get(role, "REQ-PARTICIPANT")
