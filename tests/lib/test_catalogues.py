"""The committed catalogues: compiled, complete for what each language owes, placeholders kept."""

import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo

from meeting.lib.catalogues import TRANSLATED, catalogue_path, is_translated, missing, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_compiled_file_matches_its_po(language):
    path = catalogue_path(ROOT, language)
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(path, language))
    assert path.with_suffix(".mo").read_bytes() == compiled.getvalue()


def test_catalogues_every_language_has_every_text_it_owes():
    assert missing(ROOT) == {language: [] for language in TRANSLATED}


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_translations_keep_the_placeholders(language):
    wrong = []
    for message in read_catalogue(catalogue_path(ROOT, language), language):
        if not is_translated(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if not set(PLACEHOLDER.findall(string)) <= wanted:
                wrong.append((ids[0], string))
    assert wrong == []
