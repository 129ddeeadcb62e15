"""Text holding control characters (pasted from another program) breaks no page or file."""

import io

import openpyxl
from lxml import etree
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import KeyMessage, Person, Session
from tests.conftest import load_published
from tests.views.pages import login

BASE = "/segments/ecosoc-2020-integration-segment/"


def test_control_characters_in_text_every_page_and_file_answers(client, app):
    load_published()
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    s2.title = "Food\x0c systems\x01"
    for message in db.session.scalars(select(KeyMessage)):
        message.text = "Invest\x0b in children."
    for person in db.session.scalars(select(Person)):
        person.name += "\x1f"
    db.session.commit()
    login(client)
    paths = [BASE + p for p in ("", "?view=grid", "sessions/S2/", "people/", "schedule.xml",
                                "schedule.json", "programme.xcs", "feed.ics", "programme.csv",
                                "key-messages/", "key-messages.pdf", "key-messages.docx")]
    paths += [f"/organizer/sessions/{s2.id}/run-of-show/sheet{f}" for f in ("", ".pdf", ".xlsx", ".csv")]
    paths.append("/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06/run-of-show.xlsx")
    answers = {path: client.get(path) for path in paths}
    assert {path: r.status_code for path, r in answers.items()} == dict.fromkeys(paths, 200)

    frab = etree.fromstring(answers[BASE + "schedule.xml"].data)
    assert frab.xpath("//event[title='Food systems']/title/text()") == ["Food systems"]
    xcal = etree.fromstring(answers[BASE + "programme.xcs"].data)
    assert "Food systems" in xcal.xpath("//*[local-name()='summary']/*/text()")
    sheet = openpyxl.load_workbook(io.BytesIO(answers[paths[-3]].data)).active
    assert sheet["A1"].value == "S2 · Food systems · Monday 06 July 2020"
