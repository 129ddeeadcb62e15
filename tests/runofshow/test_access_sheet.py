"""The run-of-show sheet names the interpretation platform and the live captions (CART)."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.lib.emails import in_language
from meeting.models import Session
from meeting.runofshow.cues import build_sheet, generate_cues
from meeting.runofshow.export import csv_text, pdf_bytes, render_html, xlsx_bytes
from tests.conftest import DEFAULT_PROGRAMME

CAPTIONS = "https://example.org/captions/ecosoc-is-2020-s1"
RSI = "https://example.org/rsi/ecosoc-is-2020-s1"
ALL_SIX = "ar, zh, en, fr, ru, es"


@pytest.fixture
def sheets(app):
    import_file(DEFAULT_PROGRAMME)
    out = []
    for code in ("S1", "S3"):  # S1 has captions and a platform, S3 neither
        session = db.session.scalar(select(Session).where(Session.code == code))
        generate_cues(session)
        out.append(build_sheet(session))
    return out


def test_sheet_access_lists_platform_and_captions_set_or_not(sheets):
    s1, s3 = sheets
    assert s1.access == [("Interpretation platform", [], f"Interprefy · {RSI}"),
                         ("Live captions (CART)", ["en"], CAPTIONS)]
    assert s3.access == [("Interpretation platform", [], ""), ("Live captions (CART)", [], "")]


def test_xlsx_row_four_carries_platform_and_captions_after_interpretation(sheets):
    book = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert [c.value for c in book["S1"][4]][:12] == [
        "Interpretation", ALL_SIX, "Over/under (min)", -10,
        "Led by", "Chair: H.E. Vice-President, ECOSOC", "Tech check (HQ)", "08:00–08:30",
        "Interpretation platform", f"Interprefy · {RSI}", "Live captions (CART)", f"en · {CAPTIONS}"]
    assert [c.value for c in book["S3"][4]][8:12] == [
        "Interpretation platform", "none", "Live captions (CART)", "none"]


def test_csv_rows_end_with_interpretation_platform_and_captions(sheets):
    rows = list(csv.reader(io.StringIO(csv_text(sheets))))
    assert rows[0][-3:] == ["Interpretation", "Interpretation platform", "Live captions (CART)"]
    s1_rows = [r for r in rows[1:] if r[0] == "S1"]
    assert len(s1_rows) == len(sheets[0].rows) > 0
    assert {tuple(r[-3:]) for r in s1_rows} == {(ALL_SIX, f"Interprefy · {RSI}", f"en · {CAPTIONS}")}
    assert {tuple(r[-3:]) for r in rows[1:] if r[0] == "S3"} == {(ALL_SIX, "", "")}
    assert {len(r) for r in rows} == {len(rows[0])}


def test_printed_sheet_names_them_in_the_pages_language(app, sheets):
    with app.test_request_context("/"), in_language("fr"):
        html = render_html(sheets[:1], "S1")
    assert f'<span class="access">Plateforme d\'interprétation : Interprefy · {RSI}</span>' in html
    assert f'<span class="access">Sous-titrage en direct (CART) : anglais · {CAPTIONS}</span>' in html
    text = " ".join(extract_text(io.BytesIO(pdf_bytes(sheets[:1], "S1"))).split())
    assert f"Live captions (CART): English · {CAPTIONS}" in text
