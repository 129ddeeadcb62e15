"""The words pages show for a session's kind and status, a participant's answer, a finding's
severity and a publication, in the page's language. The codes stay in the database, files,
feeds and the API; English shows the words it always has.

A session's status and a participant's answer have a context (pgettext): French says
"confirmée" of a séance and "confirmé(e)" of a person.
"""

from flask_babel import gettext, pgettext

from meeting.lib.locales import N_

KIND_LABELS = {
    "opening": N_("opening"),
    "high-level-panel": N_("high level panel"),
    "thematic": N_("thematic"),
    "interactive-dialogue": N_("interactive dialogue"),
    "general-discussion": N_("general discussion"),
    "presentation": N_("presentation"),
    "closing": N_("closing"),
    "break": N_("break"),
    "tech-check": N_("tech check"),
}
SEVERITY_LABELS = {"error": N_("error"), "warning": N_("warning"), "notice": N_("notice")}
PUBLICATION_LABELS = {"published": N_("published"), "unpublished": N_("unpublished")}


def _label(table: dict[str, str], code: str) -> str:
    return gettext(table[code]) if code in table else code.replace("-", " ")


def kind_label(kind: str) -> str:
    """'high-level-panel' → 'high level panel' (French: 'réunion-débat de haut niveau')."""
    return _label(KIND_LABELS, kind)


def status_label(status: str) -> str:
    """A session's status: 'draft', 'confirmed', 'cancelled'."""
    if status == "draft":
        return pgettext("session status", "draft")
    if status == "confirmed":
        return pgettext("session status", "confirmed")
    if status == "cancelled":
        return pgettext("session status", "cancelled")
    return status


def answer_label(status: str) -> str:
    """A participant's answer: 'invited', 'confirmed', 'declined'."""
    if status == "invited":
        return pgettext("participant answer", "invited")
    if status == "confirmed":
        return pgettext("participant answer", "confirmed")
    if status == "declined":
        return pgettext("participant answer", "declined")
    return status


def severity_label(severity: str) -> str:
    """A conflict finding's severity: 'error', 'warning', 'notice'."""
    return _label(SEVERITY_LABELS, severity)


def publication_action(action: str) -> str:
    """A line of the publication history: 'published' or 'unpublished'."""
    return _label(PUBLICATION_LABELS, action)
