"""United Nations document symbols: E/2020/55, A/RES/72/305, E/HLPF/2020/L.1, E/CN.3/2020/1/Add.1.

A symbol is slash-separated components: the principal organ's series (A, E, S, ST …), then
subsidiary bodies or document types (HLPF, CN.3, C.12, RES …), then a year or a session
number, then the document's number (possibly with a distribution prefix: L., CRP., INF.,
WP., NGO.), then modifiers (Add.n, Rev.n, Corr.n, Amend.n, Summary). Security Council
resolutions carry their year after the number: S/RES/2532 (2020).
See the Dag Hammarskjöld Library's "UN Documentation: Document Symbols".
"""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

# Principal organs and the Secretariat's series, the first component of every symbol.
SERIES = {"A": "General Assembly", "E": "Economic and Social Council", "S": "Security Council",
          "ST": "Secretariat", "T": "Trusteeship Council", "DP": "UNDP/UNFPA/UNOPS Executive Board",
          "TD": "UNCTAD", "UNEP": "UN Environment Programme", "ICEF": "UNICEF Executive Board"}
BODY = re.compile(r"[A-Z]{1,10}(\.[0-9A-Z]{1,6})*$")  # HLPF, CN.3, C.12, AC.105, RES
YEAR = re.compile(r"(19[4-9]\d|20\d\d)$")
SESSION = re.compile(r"[1-9]\d{0,2}$")  # A/75/…: the 75th session
NUMBER = re.compile(r"((L|CRP|INF|WP|NGO|R|PV|SR)\.)?[1-9]\d{0,5}$")
MODIFIER = re.compile(r"(Add|Rev|Corr|Amend)\.[1-9]\d{0,2}$|Summary$")
SC_RESOLUTION = re.compile(r"(?P<number>[1-9]\d{0,4}) \((?P<year>19[4-9]\d|20\d\d)\)$")


class SymbolError(ValueError):
    """A symbol that does not follow the UN grammar; the message says which part."""


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol; str() gives it back exactly as written."""

    series: str
    bodies: tuple[str, ...]
    year: int | None
    session: int | None
    number: str
    modifiers: tuple[str, ...]
    text: str

    @property
    def organ(self) -> str:
        """'Economic and Social Council' for E/…."""
        return SERIES[self.series]

    def __str__(self) -> str:
        return self.text


def parse_symbol(text: str) -> Symbol:
    """Parse a symbol or raise SymbolError naming what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise SymbolError(_("a document symbol cannot be empty"))
    text = text.strip()
    parts = text.split("/")
    if len(parts) < 2 or any(not p for p in parts):
        raise SymbolError(_("%(symbol)s: a symbol is parts separated by single slashes (e.g. E/2020/55)",
                            symbol=repr(text)))
    series, rest = parts[0], parts[1:]
    if series not in SERIES:
        raise SymbolError(_("%(symbol)s: %(series)s is not a UN series (use one of %(known)s)",
                            symbol=repr(text), series=repr(series), known=", ".join(SERIES)))
    modifiers = []
    while rest and MODIFIER.match(rest[-1]):
        modifiers.insert(0, rest.pop())
    if not rest:
        raise SymbolError(_("%(symbol)s: the document number is missing", symbol=repr(text)))
    if any(p != p.upper() for p in [series, *rest]):
        raise SymbolError(_("%(symbol)s: UN symbols are written in capitals (e.g. E/2020/55)",
                            symbol=repr(text)))
    sc = SC_RESOLUTION.match(rest[-1])
    if sc:
        bodies, number = rest[:-1], sc["number"]
        year, session = int(sc["year"]), None
    else:
        number = rest.pop()
        if not NUMBER.match(number):
            raise SymbolError(_("%(symbol)s: %(number)s is not a document number (e.g. 55, L.1, CRP.2)",
                                symbol=repr(text), number=repr(number)))
        year = session = None
        if rest and YEAR.match(rest[-1]):
            year = int(rest.pop())
        elif rest and SESSION.match(rest[-1]):
            session = int(rest.pop())
        bodies = rest
    for body in bodies:
        if not BODY.match(body):
            raise SymbolError(_("%(symbol)s: %(body)s is not a body or document type (e.g. HLPF, CN.3, RES)",
                                symbol=repr(text), body=repr(body)))
    if year is None and session is None and not bodies and series != "S":
        raise SymbolError(_("%(symbol)s: give the year or the session before the number (e.g. E/2020/55)",
                            symbol=repr(text)))
    return Symbol(series, tuple(bodies), year, session, number, tuple(modifiers), text)


def symbol_url(symbol: str) -> str:
    """The document on the UN's Official Document System, through its resolver (undocs.org)."""
    return f"https://undocs.org/{symbol}"


def valid_symbol(text: str | None) -> str | None:
    """The symbol as stored (stripped), None when blank; SymbolError when it does not parse."""
    if text is None or not text.strip():
        return None
    return parse_symbol(text).text
