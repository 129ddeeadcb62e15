"""Phone numbers as people type them: checked for shape, kept as typed (no reformatting).

The run-of-show sheet prints them for a moderator to dial, so a number must be only what a
phone understands: digits, spaces, +, -, ( ), . and an extension ('x 12', 'ext. 12').
"""

import re

from flask_babel import gettext as _

from .locales import N_

PHONE_MAX = 40
PHONE_RE = re.compile(r"\+?[0-9(][0-9 ().\-]*(?: *(?:x|ext\.?) *[0-9]+)?", re.IGNORECASE)
PHONE_HINT = N_("digits, spaces, + - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5")


def clean_phone(value: str | None, field: str) -> str | None:
    """The phone number stripped, None when blank; ValueError naming `field` when it is not one."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > PHONE_MAX:
        raise ValueError(_("%(field)s: at most %(count)d characters", field=field, count=PHONE_MAX))
    if not PHONE_RE.fullmatch(value) or sum(c.isdigit() for c in value) < 3:
        raise ValueError(_("%(field)s: %(value)s is not a phone number (%(hint)s)", field=field,
                           value=repr(value), hint=_(PHONE_HINT)))
    return value
