"""The words pages show for a session's kind and status, a participant's answer and a finding's
severity, in the page's language. The codes stay in the database, files, feeds and the API.

Each word has a context (pgettext): French says "confirmée" of a séance, "confirmé" of a person.
"""

from flask_babel import pgettext


def kind_label(kind: str) -> str:
    """'high-level-panel' → 'high level panel' (French: 'réunion-débat de haut niveau')."""
    labels = {
        "opening": pgettext("session kind", "opening"),
        "high-level-panel": pgettext("session kind", "high level panel"),
        "thematic": pgettext("session kind", "thematic"),
        "interactive-dialogue": pgettext("session kind", "interactive dialogue"),
        "general-discussion": pgettext("session kind", "general discussion"),
        "presentation": pgettext("session kind", "presentation"),
        "closing": pgettext("session kind", "closing"),
        "break": pgettext("session kind", "break"),
        "tech-check": pgettext("session kind", "tech check"),
    }
    return labels.get(kind, kind.replace("-", " "))


def status_label(status: str) -> str:
    """A session's status: 'draft', 'confirmed', 'cancelled'."""
    labels = {
        "draft": pgettext("session status", "draft"),
        "confirmed": pgettext("session status", "confirmed"),
        "cancelled": pgettext("session status", "cancelled"),
    }
    return labels.get(status, status)


def answer_label(status: str) -> str:
    """A participant's answer: 'invited', 'confirmed', 'declined'."""
    labels = {
        "invited": pgettext("participant answer", "invited"),
        "confirmed": pgettext("participant answer", "confirmed"),
        "declined": pgettext("participant answer", "declined"),
    }
    return labels.get(status, status)


def severity_label(severity: str) -> str:
    """A conflict finding's severity: 'error', 'warning', 'notice'."""
    labels = {
        "error": pgettext("severity", "error"),
        "warning": pgettext("severity", "warning"),
        "notice": pgettext("severity", "notice"),
    }
    return labels.get(severity, severity)


def publication_action(action: str) -> str:
    """A line of the publication history: 'published' or 'unpublished'."""
    labels = {
        "published": pgettext("publication", "published"),
        "unpublished": pgettext("publication", "unpublished"),
    }
    return labels.get(action, action)
