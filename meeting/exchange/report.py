"""What an import did, and the small helpers every section's import uses to say so."""

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext

from meeting.lib.locales import N_

KINDS = ("organizations", "people", "sessions", "participations", "speaker entries", "documents",
         "key messages")
# Shown only when the file has some: most programmes have no list of speakers.
OPTIONAL_KINDS = ("speaker entries",)
KEY_MESSAGES_ABSENT = N_("not in the file, left as they were")
# How summary() names each kind, translated where it is shown (the CLI prints the English).
KIND_NAMES = {"organizations": N_("organizations"), "people": N_("people"), "sessions": N_("sessions"),
              "participations": N_("participations"), "speaker entries": N_("speaker entries"),
              "documents": N_("documents"), "key messages": N_("key messages")}


def _counted(what: str, n: int) -> str:
    """'3 created': one count of summary(), with the plural of the current language."""
    if what == "created":
        return ngettext("%(num)s created", "%(num)s created", n)
    if what == "updated":
        return ngettext("%(num)s updated", "%(num)s updated", n)
    if what == "unchanged":
        return ngettext("%(num)s unchanged", "%(num)s unchanged", n)
    return ngettext("%(num)s removed", "%(num)s removed", n)


@dataclass
class ImportReport:
    """What an import did, per kind of record."""

    segment: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    kept_sessions: list[str] = field(default_factory=list)
    kept_documents: list[str] = field(default_factory=list)
    # False when the file has no key_messages section: the segment's messages were not touched.
    key_messages_in_file: bool = True

    def one_line(self) -> str:
        """'sessions 2 created, 1 updated; participations 5 created' for the history."""
        parts = []
        for kind in KINDS:
            counts = [f"{c[kind]} {label}" for c, label in (
                (self.created, "created"), (self.updated, "updated"), (self.removed, "removed"))
                if c[kind]]
            if counts:
                parts.append(f"{kind} {', '.join(counts)}")
        return "; ".join(parts) or "no changes"

    def summary(self) -> str:
        """One human line per kind, e.g. 'sessions: 3 created, 1 updated', in the current
        language (English outside a request: the CLI)."""
        lines = []
        for kind in KINDS:
            parts = [
                _counted(label, counter[kind])
                for counter, label in (
                    (self.created, "created"),
                    (self.updated, "updated"),
                    (self.unchanged, "unchanged"),
                    (self.removed, "removed"),
                )
                if counter[kind]
            ]
            if kind == "key messages" and not self.key_messages_in_file:
                parts = [_(KEY_MESSAGES_ABSENT)]
            if kind in OPTIONAL_KINDS and not parts:
                continue
            lines.append("  " + _("%(kind)s: %(counts)s", kind=_(KIND_NAMES[kind]),
                                  counts=", ".join(parts) or pgettext("import counts", "none")))
        if self.kept_sessions:
            lines.append("  " + ngettext("kept %(num)s session(s) that are not in the file: %(codes)s",
                                         "kept %(num)s session(s) that are not in the file: %(codes)s",
                                         len(self.kept_sessions), codes=", ".join(self.kept_sessions)))
        if self.kept_documents:
            lines.append("  " + ngettext("kept %(num)s document(s) that are not in the file: %(codes)s",
                                         "kept %(num)s document(s) that are not in the file: %(codes)s",
                                         len(self.kept_documents), codes=", ".join(self.kept_documents)))
        return "\n".join(lines)


def sync_values(obj, values: dict) -> bool:
    """Set the attributes that differ; True if any did."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def count_record(report: ImportReport, kind: str, created: bool, changed: bool) -> None:
    """Count one record of `kind` as created, updated or unchanged."""
    counter = report.created if created else report.updated if changed else report.unchanged
    counter[kind] += 1
