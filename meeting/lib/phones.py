"""Phone numbers as people type them: checked for shape, kept as typed (no reformatting).

The run-of-show sheet prints them for a moderator to dial, so a number must be only what a
phone understands: digits, spaces, +, -, ( ), . and an extension ('x 12', 'ext. 12').
"""

import re

PHONE_MAX = 40
PHONE_RE = re.compile(r"\+?[0-9(][0-9 ().\-]*(?: *(?:x|ext\.?) *[0-9]+)?", re.IGNORECASE)
PHONE_HINT = "digits, spaces, + - ( ) . and x or ext. for an extension, e.g. +1 212 963 1234 ext. 5"


def clean_phone(value: str | None, field: str) -> str | None:
    """The phone number stripped, None when blank; ValueError naming `field` when it is not one."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > PHONE_MAX:
        raise ValueError(f"{field}: at most {PHONE_MAX} characters")
    if not PHONE_RE.fullmatch(value) or sum(c.isdigit() for c in value) < 3:
        raise ValueError(f"{field}: {value!r} is not a phone number ({PHONE_HINT})")
    return value
