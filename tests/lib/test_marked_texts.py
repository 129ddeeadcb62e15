"""Every text a page or a flash shows goes through gettext: none is left in plain English.

The catalogue tests prove that marked texts are translated; these prove the texts are marked.
Templates are read with their Jinja parts taken out (expressions become '0', trans blocks
vanish): what words remain in the HTML's text and in its title, aria-label, placeholder and
alt attributes would reach a French or Arabic page untranslated.
"""

import ast
import re
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
# Names that are the same in every language: the product, formats, standards, an example key.
SAME_IN_EVERY_LANGUAGE = {"meeting", "UTC", "PDF", "CSV", "XLSX", "Message-ID", "Word", "docx", "unfpa"}
WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def _without_jinja(source: str) -> str:
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}", "", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}", "0", source, flags=re.S)
    return re.sub(r"\{%.*?%\}", "", source, flags=re.S)


def unmarked_words(path: Path) -> list[str]:
    source = _without_jinja(path.read_text())
    if not source.strip():
        return []
    doc = (lxml.html.document_fromstring(source) if "<html" in source
           else lxml.html.fromstring(f"<div>{source}</div>"))
    words = []
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        for text in [element.text, element.tail, *(element.get(a) for a in
                                                   ("title", "aria-label", "placeholder", "alt"))]:
            # A leftover of a tag the Jinja parts cut in two (class="…") is not a text.
            text = re.sub(r'\w+="[^"]*"', "", text or "")
            words += [w for w in WORD.findall(text) if w not in SAME_IN_EVERY_LANGUAGE]
    return words


def test_marked_texts_no_template_shows_plain_english():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    found = {str(p.relative_to(ROOT)): unmarked_words(p) for p in templates}
    assert {path: words for path, words in found.items() if words} == {}


def test_marked_texts_unmarked_words_are_found(tmp_path):
    sample = tmp_path / "sample.html"
    sample.write_text('<p title="Plain title">{{ _("Marked") }} Plain text {{ x }}</p>')
    assert unmarked_words(sample) == ["Plain", "text", "Plain", "title"]


def test_marked_texts_every_flash_goes_through_gettext():
    plain = []
    for path in sorted((ROOT / "meeting").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash" and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))):
                plain.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert plain == []
