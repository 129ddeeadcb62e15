"""Reordering the run of show by drag and drop in Chromium, for a French organizer."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Session
from meeting.runofshow.cues import load_cues, update_cue
from tests.conftest import DEFAULT_PROGRAMME


def test_runofshow_order_refused_says_so_in_french(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    log_in()
    page.goto(f"{live_server}/organizer/sessions/{s2.id}/run-of-show?lang=fr")
    cues = page.locator("#cues > li[data-id]")
    expect(cues.first).to_be_visible()
    # Someone else changes a cue meanwhile: the order this page shows is out of date.
    first = load_cues(s2)[0]
    update_cue(first, minutes=first.minutes + 1)

    handle = cues.nth(1).locator(".handle").bounding_box()
    target = cues.nth(0).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(handle["x"] + 4, target["y"] + target["height"] / 2, steps=10)
    page.mouse.move(handle["x"] + 4, target["y"] + 2, steps=5)
    page.mouse.up()
    expect(page.locator("#order-status")).to_have_text(re.compile(
        r"^Non enregistré : Le déroulé de séance de S2 a changé pendant votre saisie : .+[^.]\. "
        r"Rechargez la page\.$"), timeout=10_000)
