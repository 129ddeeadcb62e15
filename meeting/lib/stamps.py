"""Optimistic locking for lists edited in one form: a stamp of what the form was loaded from.

A page carries the stamp of the rows it shows (a participant list, a running order, the
order of key messages). A save whose stamp no longer matches the rows is refused with
StaleEdit, so one organizer never silently overwrites another's edit.
"""

import hashlib
from collections.abc import Iterable


class StaleEdit(Exception):
    """The rows changed since the form was loaded; the message says who changed what."""


def content_stamp(rows: Iterable[tuple]) -> str:
    """A short, stable fingerprint of rows of plain values (their order counts)."""
    digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
    return digest[:20]


def check_stamp(expected: str | None, current: str, message: str) -> None:
    """Raise StaleEdit(message) when a form's stamp is not the rows' current one (None: no check)."""
    if expected is not None and expected != current:
        raise StaleEdit(message)
