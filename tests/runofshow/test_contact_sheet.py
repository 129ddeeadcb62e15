"""The sheet's contacts: secretariat, host and producer in the header, each speaker's backup phone."""

import csv
import io

import lxml.html
import pytest
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Person, Session
from meeting.people.accounts import create_user
from meeting.runofshow.cues import build_sheet, generate_cues
from meeting.runofshow.export import COLUMNS, csv_text, pdf_bytes, xlsx_bytes
from tests.conftest import DEFAULT_PROGRAMME

SECRETARIAT = "Amina Mohammed, is-secretariat@un.org, +1 212 963 1234"
HOST = "Conference Management Service, cms@un.org, +1 212 963 7349"
PRODUCER = "Kwame Mensah, k.mensah@un.org, +1 917 555 0142"
FAO, WHO = "H.E. Director-General, FAO", "Dr. Director-General, WHO"
FAO_PHONE, WHO_PHONE = "+39 06 5705 1", "+41 22 791 2111"


@pytest.fixture
def s2(app):
    """S2 of the default programme, its contacts set, and backup phones for FAO and WHO."""
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    segment = s2.segment
    segment.contact_name, segment.contact_email = "Amina Mohammed", "is-secretariat@un.org"
    segment.contact_phone = "+1 212 963 1234"
    s2.host_name, s2.host_email, s2.host_phone = HOST.split(", ")
    s2.producer_name, s2.producer_email, s2.producer_phone = PRODUCER.split(", ")
    for key, phone in (("dg-fao", FAO_PHONE), ("dg-who", WHO_PHONE)):
        db.session.scalar(select(Person).where(Person.key == key)).backup_phone = phone
    db.session.commit()
    generate_cues(s2)
    return s2


def test_sheet_model_has_the_contacts_and_each_row_its_speakers_phone(s2):
    sheet = build_sheet(s2)
    assert sheet.header_contacts == [("Secretariat", SECRETARIAT), ("Host", HOST), ("Producer", PRODUCER)]
    assert [(r.cue.who, r.backup_phone) for r in sheet.rows][1:3] == [(FAO, FAO_PHONE), (WHO, WHO_PHONE)]
    assert [r.backup_phone for r in sheet.rows if r.cue.who not in (FAO, WHO)] == [None] * 5


def test_sheet_without_host_or_producer_names_only_what_is_set(s2):
    s2.host_name = s2.host_email = s2.host_phone = None
    s2.producer_email = s2.producer_phone = None
    db.session.commit()
    assert build_sheet(s2).header_contacts == [("Secretariat", SECRETARIAT), ("Producer", "Kwame Mensah")]


def test_pdf_read_back_shows_host_producer_and_backup_phones(s2):
    text = " ".join(extract_text(io.BytesIO(pdf_bytes([build_sheet(s2)], "S2")),
                                 laparams=LAParams(boxes_flow=None)).split())
    assert f"Secretariat: {SECRETARIAT}" in text
    assert f"Host: {HOST}" in text
    assert f"Producer: {PRODUCER}" in text
    # Read top to bottom: each phone comes under its speaker's name, before the next speaker.
    order = [text.index(s) for s in (FAO, f"Backup phone {FAO_PHONE}", WHO, f"Backup phone {WHO_PHONE}",
                                     "Executive Director, UNICEF")]
    assert order == sorted(order)
    assert text.count("Backup phone") == 2
    assert text.count("page 1 of 1") == 1


def test_xlsx_read_back_has_contacts_row_and_backup_phone_column(s2):
    ws = load_workbook(io.BytesIO(xlsx_bytes([build_sheet(s2)])))["S2"]
    assert [c.value for c in ws[5]][:6] == ["Secretariat", SECRETARIAT, "Host", HOST, "Producer", PRODUCER]
    assert (ws["P6"].value, ws["Q6"].value, ws["R6"].value) == ("Fallback", "Backup phone", "Tech cue")
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    assert [(r[6], r[16]) for r in rows][:4] == [
        ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA", None),
        (FAO, FAO_PHONE), (WHO, WHO_PHONE), ("H.E. Executive Director, UNICEF", None)]


def test_xlsx_contacts_row_keeps_its_labels_when_nothing_is_set(s2):
    s2.segment.contact_name = s2.segment.contact_email = s2.segment.contact_phone = None
    for name in ("host_name", "host_email", "host_phone", "producer_name", "producer_email",
                 "producer_phone"):
        setattr(s2, name, None)
    db.session.commit()
    ws = load_workbook(io.BytesIO(xlsx_bytes([build_sheet(s2)])))["S2"]
    assert [c.value for c in ws[5]][:6] == ["Secretariat", None, "Host", None, "Producer", None]


def test_csv_carries_backup_phone_per_speaker_row(s2):
    rows = list(csv.reader(io.StringIO(csv_text([build_sheet(s2)]))))
    column = 1 + COLUMNS.index("Backup phone")
    assert rows[0][column - 1:column + 1] == ["Fallback", "Backup phone"]
    assert [(r[7], r[column]) for r in rows[1:4]] == [
        ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA", ""),
        (FAO, FAO_PHONE), (WHO, WHO_PHONE)]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_print_page_header_and_who_cell(app, client, s2):
    create_user("organizer@un.org", "organizer", "correct horse battery")
    page = lxml.html.fromstring(client.get("/login").data)
    client.post("/login", data={"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
                                "email": "organizer@un.org", "password": "correct horse battery"})
    page = lxml.html.fromstring(client.get(f"/organizer/sessions/{s2.id}/run-of-show/sheet").data)
    assert [" ".join(e.text_content().split()) for e in page.xpath("//span[@class='contact']")] == [
        f"Secretariat: {SECRETARIAT}", f"Host: {HOST}", f"Producer: {PRODUCER}"]
    who = [" ".join(td.text_content().split()) for td in page.xpath("//tr[contains(@class, 'cue')]"
                                                                      "/td[@class='who']")]
    assert who[1:3] == [f"{FAO} Backup phone {FAO_PHONE}", f"{WHO} Backup phone {WHO_PHONE}"]
