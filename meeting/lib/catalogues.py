"""The translation catalogues: extract the marked texts, update each language, compile, check.

The catalogues live in meeting/translations/<lang>/LC_MESSAGES/messages.po with their compiled
.mo beside them (committed, so that a fresh install speaks every language at once). French
covers every text; Arabic, Chinese, Russian and Spanish cover what the public site, the
portal, inscriptions and e-mails show (PUBLIC_SOURCES): the organizer area speaks English and
French only, and a page is never half translated (docs/languages.md).
"""

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .locales import DEFAULT_LANGUAGE, UN_LANGUAGES

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy_gettext": None,
            "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "lazy_pgettext": ((1, "c"), 2)}
# Where the texts of the six-language parts come from.
PUBLIC_SOURCES = (
    "templates/base.html", "templates/_language_bar.html", "templates/_macros.html",
    "templates/_live_next.html", "templates/public/*", "templates/portal/*", "templates/emails/*",
    "meeting/views/public.py", "meeting/views/documents.py", "meeting/views/key_messages.py",
    "meeting/views/inscription.py", "meeting/views/portal.py", "meeting/site/*",
    "meeting/invitations/*", "meeting/reminders/wording.py", "meeting/floor/acknowledge.py",
    "meeting/floor/statement_reminders.py", "meeting/lib/emails.py", "meeting/programme/roles.py",
    "meeting/models/floor.py", "meeting/models/programme.py",
    # The inscription page shows the list form's labels, the floor's refusals and deadlines.
    "meeting/views/floor.py", "meeting/floor/lists.py", "meeting/floor/statements.py",
    "meeting/floor/links.py", "meeting/lib/uploads.py", "meeting/lib/locales.py",
    # The "(original: English)" label of content shown untranslated.
    "meeting/views/localized.py",
)
TRANSLATED = tuple(code for code in UN_LANGUAGES if code != DEFAULT_LANGUAGE)
PO_WIDTH = 100


@dataclass
class Extracted:
    """The template catalogue, and which (msgid, context) the six-language parts show."""

    template: Catalog
    public: set


def extract(root: Path) -> Extracted:
    """Every marked text of the checkout at `root` (babel.cfg says which files)."""
    with open(root / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    template = Catalog(project="meeting", copyright_holder="meeting contributors")
    public = set()
    for filename, _line, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        template.add(message, None, [], auto_comments=comments, context=context)
        if any(fnmatch.fnmatch(filename, pattern) for pattern in PUBLIC_SOURCES):
            public.add((message[0] if isinstance(message, tuple) else message, context))
    return Extracted(template, public)


def catalogue_path(root: Path, language: str) -> Path:
    return root / "meeting" / "translations" / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=language)


def is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and all(strings) and "fuzzy" not in message.flags


def update(root: Path) -> dict[str, tuple[int, int]]:
    """Extract, bring each language's .po up to the texts (keeping translations), compile.

    Returns, per language, (translated, total)."""
    extracted = extract(root)
    with open(root / "meeting" / "translations" / "messages.pot", "wb") as f:
        write_po(f, extracted.template, no_location=True, sort_output=True, width=PO_WIDTH)
    counts = {}
    for language in TRANSLATED:
        path = catalogue_path(root, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalogue = read_catalogue(path, language) if path.exists() else Catalog(locale=language)
        catalogue.update(extracted.template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        write_catalogue(catalogue, path)
        counts[language] = (sum(1 for m in catalogue if is_translated(m)),
                            sum(1 for m in catalogue if m.id))
    return counts


def write_catalogue(catalogue: Catalog, path: Path) -> None:
    """The .po and its compiled .mo."""
    with open(path, "wb") as f:
        write_po(f, catalogue, no_location=True, sort_output=True, width=PO_WIDTH,
                 include_previous=False)
    with open(path.with_suffix(".mo"), "wb") as f:
        write_mo(f, catalogue)


def missing(root: Path) -> dict[str, list[str]]:
    """Per language, the texts it owes and lacks: every text for French, the public ones for
    the others."""
    extracted = extract(root)
    owed = {"fr": {_text(m) for m in extracted.template if m.id}}
    result = {}
    for language in TRANSLATED:
        catalogue = read_catalogue(catalogue_path(root, language), language)
        done = {_text(m) for m in catalogue if is_translated(m)}
        # A text with a context ('Open' of a list of speakers) is owed on its own.
        result[language] = sorted(f"{text} (context: {context})" if context else text
                                  for text, context in owed.get(language, extracted.public) - done)
    return result


def _text(message) -> tuple[str, str | None]:
    return (message.id if isinstance(message.id, str) else message.id[0], message.context)
