"""Reading typed fields from a programme file's mappings; every problem names its line."""

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

from meeting.lib.phones import PHONE_MAX, clean_phone
from meeting.lib.symbols import SymbolError, parse_symbol
from meeting.lib.timezones import (
    TimezoneError,
    get_zone,
)

from .yamlio import LinedDict, LinedList

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://\S+$")
TAG_RE = re.compile(r"^[a-z-]+-[a-z0-9]+$")
INSTANT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, at a line."""

    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        prefix = f"line {self.line}: " if self.line else ""
        where = f"{self.where}: " if self.where else ""
        return f"{prefix}{where}{self.message}"


class ProgrammeError(ValueError):
    """A programme file that cannot be imported; `problems` lists every reason."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


class Fields:
    """Reads typed fields from one mapping, recording problems instead of raising."""

    def __init__(self, mapping, where: str, problems: list[Problem], allowed: tuple[str, ...]):
        self.m = mapping
        self.where = where
        self.problems = problems
        self.ok = True
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.fail(key, f"unknown key {key!r} ({hint})")

    def fail(self, key: str | None, message: str) -> None:
        line = self.m.line_of(key) if key else self.m.line
        self.problems.append(Problem(line, self.where, message))
        self.ok = False

    def text(self, key, required=False, max_len=300, pattern=None, what=None):
        value = self.m.get(key)
        if value is None or value == "":
            if required:
                self.fail(None, f"{key} is missing")
            return None
        if not isinstance(value, str):
            self.fail(key, f"{key} must be text, not a {shape(value)}")
            return None
        value = value.strip() if "\n" not in value else value
        if len(value) > max_len:
            self.fail(key, f"{key} is longer than {max_len} characters")
            return None
        if pattern and not pattern.match(value):
            self.fail(key, f"{key} {value!r} is not {what}")
            return None
        return value

    def choice(self, key, options, default=None):
        value = self.text(key, required=default is None, max_len=60)
        if value is None:
            return default
        if value not in options:
            self.fail(key, f"{key} {value!r} is not one of: {', '.join(options)}")
            return default
        return value

    def zone(self, key):
        value = self.text(key, required=True, max_len=64)
        if value is None:
            return None
        try:
            get_zone(value)
        except TimezoneError as exc:
            self.fail(key, f"{key}: {exc}")
            return None
        return value

    def symbol(self, key):
        """A UN document symbol (meeting.lib.symbols), or None when absent."""
        value = self.text(key, max_len=60)
        if value is None:
            return None
        try:
            return parse_symbol(value).text
        except SymbolError as exc:
            self.fail(key, f"{key}: {exc}")
            return None

    def phone(self, key, name=None):
        """A phone number (meeting.lib.phones), or None when absent; `name` is what the problem calls it."""
        value = self.text(key, max_len=PHONE_MAX)
        if value is None:
            return None
        try:
            return clean_phone(value, name or key)
        except ValueError as exc:
            self.fail(key, str(exc))
            return None

    def contact(self, key, where):
        """{"name", "email", "phone"} of a contact mapping under `key` (all None when absent)."""
        contact = dict.fromkeys(("name", "email", "phone"))
        m = self.mapping(key)
        if m is not None:
            c = Fields(m, f"{where}: {key}", self.problems, tuple(contact))
            contact = {"name": c.text("name"),
                       "email": c.text("email", max_len=320, pattern=EMAIL_RE, what="an e-mail address"),
                       "phone": c.phone("phone")}
            self.ok = self.ok and c.ok
        return contact

    def day(self, key, required=True):
        value = self.text(key, required=required, max_len=20)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(key, f"{key} {value} is not a date (expected YYYY-MM-DD)")
            return None

    def integer(self, key, low, high):
        value = self.text(key, max_len=10)
        if value is None:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.fail(key, f"{key} {value} is not a whole number from {low} to {high}")
            return None
        return int(value)

    def instant(self, key, required=False):
        """A UTC instant written YYYY-MM-DDTHH:MM:SSZ, or None."""
        raw = self.text(key, required=required, max_len=30)
        if raw is None:
            return None
        try:
            return datetime.strptime(raw, INSTANT_FORMAT).replace(tzinfo=timezone.utc)
        except ValueError:
            self.fail(key, f"{key} {raw} is not a UTC instant (expected YYYY-MM-DDTHH:MM:SSZ)")
            return None

    def text_list(self, key, pattern, what):
        value = self.m.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"{key} must be a list like [en, fr]")
            return []
        bad = [v for v in value if not pattern.match(v)]
        if bad:
            self.fail(key, f"{key}: {', '.join(bad)} is not {what}")
            return []
        if len(set(value)) != len(value):
            self.fail(key, f"{key} lists the same entry twice")
            return []
        return list(value)

    def mapping(self, key):
        value = self.m.get(key)
        if value is None:
            return None
        if not isinstance(value, LinedDict):
            self.fail(key, f"{key} must be a mapping of fields")
            return None
        return value

    def items(self, key):
        """Yield (mapping, line) for a list of mappings under key."""
        value = self.m.get(key)
        if value is None:
            return
        if not isinstance(value, LinedList):
            self.fail(key, f"{key} must be a list")
            return
        for item, line in zip(value, value.item_lines, strict=True):
            if not isinstance(item, LinedDict):
                self.problems.append(Problem(line, self.where, f"each entry of {key} must be a mapping"))
                self.ok = False
                continue
            yield item


def shape(value) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"


def check_unique(specs, attr, noun, problems):
    seen: dict[str, int] = {}
    for spec in specs:
        if spec is None:
            continue
        value = getattr(spec, attr)
        if value in seen:
            problems.append(
                Problem(spec.line, f"{noun} {value}", f"duplicate {attr}: already used on line {seen[value]}")
            )
        else:
            seen[value] = spec.line
