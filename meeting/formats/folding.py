"""RFC 5545 line folding, exactly as icalendar 7 folds, at a fraction of its cost.

icalendar folds every content line character by character (icalendar.parser.string._foldline,
which Contentline.to_ical calls), short lines included: for a 5,000-session feed or 10,000
reminders that loop is a large part of the whole cost. fold_line gives the same characters:
a line under 75 octets comes back as it is, an ASCII line is cut by slicing, anything else
goes through the same loop as icalendar's. tests/formats/test_folding.py compares the two on
generated lines (backslashes, carets, multi-byte characters at every cut) and on every file
the default programme makes.
"""

from icalendar import Component

LIMIT = 75  # octets per line before the CRLF, as icalendar's default
_ESCAPES = "\\^"  # icalendar never cuts right after one of these (its issue #1501)


def fold_line(line: str) -> str:
    """The line folded with CRLF + space, the same characters as icalendar's _foldline."""
    if len(line) < LIMIT and (line.isascii() or len(line.encode()) < LIMIT):
        return line
    if line.isascii():
        return _fold_ascii(line)
    return _fold_any(line)


def _fold_ascii(line: str) -> str:
    # One octet a character: each piece is LIMIT - 1 characters, one fewer when it would end
    # on an escape character (which then starts the next piece).
    parts, start, width = [], 0, LIMIT - 1
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in _ESCAPES:
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return "\r\n ".join(parts)


def _fold_any(line: str) -> str:
    parts, start, octets = [], 0, 0
    for i, char in enumerate(line):
        size = 1 if char < "\x80" else len(char.encode())
        if i > start and octets + size >= LIMIT:
            if i - start > 1 and line[i - 1] in _ESCAPES:
                parts.append(line[start:i - 1])
                start, octets = i - 1, 1
            else:
                parts.append(line[start:i])
                start, octets = i, 0
        octets += size
    parts.append(line[start:])
    return "\r\n ".join(parts)


def serialize(component: Component) -> bytes:
    """component.to_ical(): its content lines folded, each ended by CRLF."""
    return b"".join((fold_line(line) + "\r\n").encode() for line in component.content_lines() if line)
