"""Public pages printed from Chromium: no site controls, link addresses written out."""

import io

from pdfminer.high_level import extract_text

from tests.conftest import load_published

SLUG = "ecosoc-2020-integration-segment"


def test_public_programme_printed_has_no_controls_and_prints_link_addresses(live_server, page, app):
    load_published()
    page.goto(f"{live_server}/segments/{SLUG}/")
    text = " ".join(extract_text(io.BytesIO(page.pdf(format="A4"))).split())
    assert "Programme" in text and "Watch the webcast" in text
    for control in ("Subscribe in your calendar", "Download the programme (.ics)", "Filter",
                    "Show all sessions", "Open data", "Log in"):
        assert control not in text
    # (A long address may wrap: compare without the spaces line breaks leave.)
    assert "Watchthewebcast<https://example.org/webtv/ecosoc-is-2020-s2>" in text.replace(" ", "")
