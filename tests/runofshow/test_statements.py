"""The list of speakers feeds the run of show: one cue per statement, with its time limit."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.floor.lists import inscribe, move_entry, open_list, save_list, set_status
from meeting.models import Organization
from meeting.runofshow.cues import generate_cues, load_cues, session_sheet
from tests.conftest import load_published


def _s5():
    segment = load_published()
    return next(s for s in segment.sessions if s.code == "S5")


def _org(key: str, name: str) -> Organization:
    found = db.session.scalar(select(Organization).where(Organization.key == key))
    return found or Organization(key=key, name=name, kind="member-state")


def test_statements_replace_the_open_dialogue_and_follow_the_list(app):
    s5 = _s5()
    before = [(c.what, c.minutes) for c in generate_cues(s5)]
    assert ("Interactive dialogue (Q&A)", 15) in before
    speakers = open_list(s5)
    brazil = inscribe(speakers, _org("brazil", "Brazil"), speaker_name="H.E. Minister", level="minister",
                      statement_type="national")
    inscribe(speakers, _org("guyana", "Guyana"), speaker_name="H.E. Ambassador",
             level="head-of-delegation", statement_type="group",
             on_behalf_of="the Group of 77 and China")
    inscribe(speakers, _org("ghana", "Ghana"), speaker_name="H.E. President", level="head-of-state",
             statement_type="national", minutes=4)
    save_list(speakers)  # the run of show follows through the signal
    cues = [(c.who, c.what, c.minutes) for c in load_cues(s5) if c.generated_key.startswith("statement:")]
    assert cues == [
        ("Guyana: H.E. Ambassador", "Statement on behalf of the Group of 77 and China", 5),
        ("Ghana: H.E. President", "National statement", 4),
        ("Brazil: H.E. Minister", "National statement", 3),
    ]
    whats = [c.what for c in load_cues(s5)]
    assert "Interactive dialogue (Q&A)" not in whats
    assert whats[-1] == "Closing"
    move_entry(brazil, 1, "officer@un.org")
    save_list(speakers)
    assert [c.who.split(":")[0] for c in load_cues(s5) if c.generated_key.startswith("statement:")] == [
        "Brazil", "Guyana", "Ghana"]
    set_status(brazil, "withdrawn", "officer@un.org")
    save_list(speakers)
    sheet = session_sheet(s5)
    assert [r.cue.who.split(":")[0] for r in sheet.rows if r.cue.generated_key.startswith("statement:")] == [
        "Guyana", "Ghana"]


def test_statements_live_next_marks_spoken_and_back_gives_the_status_back(app):
    from meeting.runofshow.live import follow_the_floor, record_mark

    s5 = _s5()
    speakers = open_list(s5)
    first = inscribe(speakers, _org("brazil", "Brazil"), speaker_name="H.E. Minister", level="minister",
                     statement_type="national")
    set_status(first, "confirmed", "officer@un.org")
    inscribe(speakers, _org("ghana", "Ghana"), speaker_name="H.E. Minister", level="minister",
             statement_type="national")
    save_list(speakers)
    keys = [r.cue.generated_key or "" for r in session_sheet(s5).rows]
    at = keys.index(f"statement:{first.id}")
    t0 = 1_594_050_000_000
    state = record_mark(s5, "start", t0, "moderator@un.org", len(keys))
    for n in range(at + 1):
        state = record_mark(s5, "next", t0 + (n + 1) * 60_000, "moderator@un.org", len(keys))
        follow_the_floor(s5, keys, state, "next", "moderator@un.org")
    assert [e.status for e in speakers.entries] == ["spoke", "inscribed"]
    state = record_mark(s5, "back", t0 + 99 * 60_000, "moderator@un.org", len(keys))
    follow_the_floor(s5, keys, state, "back", "moderator@un.org")
    assert [e.status for e in speakers.entries] == ["confirmed", "inscribed"]
