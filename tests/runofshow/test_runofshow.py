"""Run of show: cues generated from the people, edits kept, sheet rows and exports."""

import csv
import io
from datetime import datetime, timezone

import pytest
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Participation, Person, Session
from meeting.runofshow.cues import (
    add_cue,
    build_sheet,
    generate_cues,
    load_cues,
    reorder_cues,
    update_cue,
)
from meeting.runofshow.export import csv_text, pdf_bytes, xlsx_bytes
from tests.conftest import DEFAULT_PROGRAMME

UTC = timezone.utc
S2_ORDER = [
    ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA",
     "Introduction of the speakers", 5),
    ("H.E. Director-General, FAO", "Panelist", 8),
    ("Dr. Director-General, WHO", "Panelist", 8),
    ("H.E. Executive Director, UNICEF", "Panelist", 7),
    ("H.E. Minister of Agriculture and Farmers Welfare, India", "Lead discussant", 5),
    ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA",
     "Interactive dialogue (Q&A)", 15),
    ("H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA", "Closing", 3),
]
S2_TIMES = ["09:30", "09:35", "09:43", "09:51", "09:58", "10:03", "10:18"]


@pytest.fixture
def s2(app):
    import_file(DEFAULT_PROGRAMME)
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def test_generate_cues_follow_roles_and_speaking_order(s2):
    cues = generate_cues(s2)
    assert [(c.who, c.what, c.minutes) for c in cues] == S2_ORDER  # IFAD declined: left out


def test_sheet_rows_times_in_hq_utc_and_speaker_zone(s2):
    generate_cues(s2)
    sheet = build_sheet(s2)
    assert [f"{r.start_hq:%H:%M}" for r in sheet.rows] == S2_TIMES
    assert [f"{r.start_utc:%H:%M}" for r in sheet.rows][:2] == ["13:30", "13:35"]
    fao = sheet.rows[1]
    assert (f"{fao.local:%H:%M}", fao.local_zone) == ("15:35", "Europe/Rome")
    assert sheet.over_under_minutes == 51 - 90  # 39 minutes under the slot
    assert sheet.rows[-1].latest_hq.strftime("%H:%M") == "10:57"


def test_regenerate_keeps_manual_cues_and_edits_and_adds_new_speaker(s2):
    cues = generate_cues(s2)
    update_cue(cues[1], minutes=10, fallback="+39 06 5705 0000 (office)")
    video = add_cue(s2, "Video", "Recorded statement, ILO", 3, connection="pre-recorded")
    reorder_cues(s2, [c.id for c in load_cues(s2) if c.id != video.id][:3] + [video.id] +
                 [c.id for c in load_cues(s2) if c.id != video.id][3:])
    newcomer = Person(key="ed-unfpa", name="Executive Director, UNFPA", timezone="America/New_York")
    s2.participations.append(Participation(person=newcomer, role="panelist", position=7,
                                           minutes=6, status="confirmed"))
    db.session.commit()
    cues = generate_cues(s2)
    assert [(c.who, c.minutes) for c in cues] == [
        (S2_ORDER[0][0], 5), (S2_ORDER[1][0], 10), (S2_ORDER[2][0], 8), ("Video", 3),
        (S2_ORDER[3][0], 7), ("Executive Director, UNFPA", 6), (S2_ORDER[4][0], 5),
        (S2_ORDER[5][0], 15), (S2_ORDER[6][0], 3)]
    assert cues[1].fallback == "+39 06 5705 0000 (office)" and cues[1].edited is True


def test_regenerate_drops_unedited_cue_of_person_who_left(s2):
    generate_cues(s2)
    who = next(p for p in s2.participations if p.person.key == "dg-who")
    s2.participations.remove(who)
    db.session.commit()
    assert "Dr. Director-General, WHO" not in [c.who for c in generate_cues(s2)]


def test_reorder_must_list_every_cue(s2):
    cues = generate_cues(s2)
    with pytest.raises(ValueError):
        reorder_cues(s2, [c.id for c in cues][1:])


def test_hard_start_collision_flagged_on_sheet(s2):
    cues = generate_cues(s2)
    update_cue(cues[2], hard_start=datetime(2020, 7, 6, 13, 40, tzinfo=UTC))  # 09:40 EDT
    sheet = build_sheet(s2)
    assert sheet.rows[2].problems == [
        "cue 3 must start at its hard start, but the cues before it run 3 minutes into it"]


def test_pdf_text_lists_every_speaker_in_order_with_times(s2):
    generate_cues(s2)
    # Read top to bottom, as a moderator does (pdfminer's default groups columns first).
    text = " ".join(extract_text(io.BytesIO(pdf_bytes([build_sheet(s2)], "S2")),
                                 laparams=LAParams(boxes_flow=None)).split())
    positions = [text.index(f"{time} ") for time in S2_TIMES]
    assert positions == sorted(positions)
    names = ["Director-General, FAO", "Director-General, WHO", "Executive Director, UNICEF",
             "Minister of Agriculture and Farmers Welfare, India"]
    found = [text.index(name) for name in names]
    assert found == sorted(found)
    assert "Passcode: IS2020" in text
    assert "revision 0" in text


def test_xlsx_has_same_rows_with_typed_cells(s2):
    generate_cues(s2)
    sheet = build_sheet(s2)
    ws = load_workbook(io.BytesIO(xlsx_bytes([sheet])))["S2"]
    assert [c.value for c in ws[6]][:9] == ["#", "Start (HQ)", "Start (UTC)", "Offset (min)",
                                           "Minutes", "Hard start", "Who", "What", "Answer"]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    assert len(rows) == len(sheet.rows)
    first = rows[1]
    assert first[0] == 2
    assert first[1] == datetime(2020, 7, 6, 9, 35)  # HQ wall time, a real datetime
    assert first[2] == datetime(2020, 7, 6, 13, 35)  # UTC
    assert (first[3], first[4]) == (5, 8)  # offset and minutes: whole minutes, numbers
    assert (first[6], first[7], first[8]) == ("H.E. Director-General, FAO", "Panelist", "confirmed")
    assert first[9] == datetime(2020, 7, 6, 15, 35) and first[10] == "Europe/Rome"
    assert ws["B8"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["A1"].value.endswith(" · Monday 06 July 2020")
    assert (ws["G2"].value, ws["A4"].value) == ("As of (HQ)", "Interpretation")
    assert (ws["E2"].value, ws["F2"].value) == ("Sheet revision", 0)
    assert (ws["I3"].value, ws["J3"].value) == ("Expected end (HQ)", datetime(2020, 7, 6, 10, 21))
    assert (ws["E4"].value, ws["F4"].value) == (
        "Led by", "Moderator: H.E. Under-Secretary-General for Economic and Social Affairs, UN DESA")
    assert (ws["G4"].value, ws["H4"].value) == ("Tech check (HQ)", "08:30–09:00")


def test_xlsx_frozen_header_filter_and_a4_landscape_one_page_wide(s2):
    generate_cues(s2)
    ws = load_workbook(io.BytesIO(xlsx_bytes([build_sheet(s2)])))["S2"]
    assert ws.freeze_panes == "B7"
    assert ws.auto_filter.ref == f"A6:U{ws.max_row}"  # 21 columns, the backup phone among them
    assert ws.print_title_rows == "$6:$6"
    assert (ws.page_setup.orientation, int(ws.page_setup.paperSize)) == ("landscape", 9)  # 9: A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_csv_has_same_rows(s2):
    generate_cues(s2)
    rows = list(csv.reader(io.StringIO(csv_text([build_sheet(s2)]))))
    assert rows[0][:4] == ["Session", "#", "Start (HQ)", "Start (UTC)"]
    assert [r[7] for r in rows[1:]] == [who for who, _, _ in S2_ORDER]
    assert rows[2][2:7] == ["2020-07-06T09:35:00-04:00", "2020-07-06T13:35:00+00:00", "5", "8", ""]
    # Their time is an instant with its offset, not a label; the answer is spelled out.
    assert (rows[2][10], rows[2][11], rows[2][9]) == (
        "2020-07-06T15:35:00+02:00", "Europe/Rome", "confirmed")


def test_pdf_sheet_with_a_long_note_stays_on_one_page_and_marks_what_matters(s2):
    cues = generate_cues(s2)
    note = ("Minister joins from the capital; the delegation asked for the floor to be given "
            "in French. If the video fails twice, read the summary statement circulated to "
            "interpreters, then move on; the Permanent Mission will confirm by 08:30 EDT.")
    update_cue(cues[1], notes=note, hard_start=datetime(2020, 7, 6, 13, 35, tzinfo=UTC))
    fao = cues[1].participation
    fao.status = "invited"
    who = next(p for p in s2.participations if p.person.key == "dg-who")
    who.person.timezone = "Pacific/Auckland"  # 01:43 the next morning there
    db.session.commit()
    pdf = pdf_bytes([build_sheet(s2)], "S2")
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert text.count("page 1 of 1") == 1
    assert f"Notes: {note}" in text
    assert "■ 09:35" in text
    assert "■ hard start: the cue must begin at that time" in text
    assert "H.E. Director-General, FAO (not confirmed)" in text
    assert "Tue 01:43 NZST" in text
    assert "Expected end 10:21 EDT" in text
