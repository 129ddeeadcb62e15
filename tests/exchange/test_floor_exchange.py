"""Lists of speakers in programme files: written, read back byte-identical, bad input refused."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.floor.lists import inscribe, move_entry, open_list, save_list, set_status
from meeting.models import Organization, Participation, Segment, Session, SpeakerEntry, SpeakersList
from tests.conftest import DEFAULT_PROGRAMME

T = datetime(2020, 7, 1, 14, 2, 13, tzinfo=timezone.utc)

LIST_TEXT = """\
    speakers_list:
      closed: true
      closes_at: 2020-07-06 18:00
      national_minutes: 3
      group_minutes: 5
      entries:
        - delegation: brazil
          speaker: H.E. Minister of Foreign Affairs
          level: minister
          statement: national
          inscribed_at: '2020-07-01T14:02:13Z'
          status: not-present
          absent_since: '2020-07-06T21:40:00Z'
        - delegation: guyana
          speaker: H.E. Ambassador
          level: head-of-delegation
          statement: group
          on_behalf_of: the Group of 77 and China
          inscribed_at: '2020-07-01T14:05:13Z'
          status: confirmed
          place: 2
          contact_email: guyana@example.org
          inscribed_by: inscription link
        - delegation: india
          speaker: H.E. Vice-Minister
          level: vice-minister
          statement: national
          minutes: 4
          inscribed_at: '2020-07-01T14:08:13Z'
          status: inscribed
"""


def _with_a_list() -> Segment:
    import_file(DEFAULT_PROGRAMME)
    s5 = db.session.scalar(select(Session).where(Session.code == "S5"))
    speakers = open_list(s5)
    org = {o.key: o for o in db.session.scalars(select(Organization))}
    guyana = Organization(key="guyana", name="Guyana", kind="member-state")
    brazil = inscribe(speakers, org["brazil"], speaker_name="H.E. Minister of Foreign Affairs",
                      level="minister", statement_type="national", now=T)
    g = inscribe(speakers, guyana, speaker_name="H.E. Ambassador", level="head-of-delegation",
                 statement_type="group", on_behalf_of="the Group of 77 and China", by="inscription link",
                 contact_email="guyana@example.org", now=T.replace(minute=5))
    inscribe(speakers, org["india"], speaker_name="H.E. Vice-Minister", level="vice-minister",
             statement_type="national", minutes=4, now=T.replace(minute=8))
    set_status(g, "confirmed", "officer@un.org")
    move_entry(g, 2, "officer@un.org")
    set_status(brazil, "not-present", "officer@un.org", now=datetime(2020, 7, 6, 21, 40, tzinfo=timezone.utc))
    speakers.closed, speakers.closes_at = True, datetime(2020, 7, 6, 22, 0, tzinfo=timezone.utc)
    save_list(speakers)
    return s5.segment


def test_speakers_list_exported_under_its_session(app):
    text = export_segment(_with_a_list())
    assert LIST_TEXT in text
    assert "  - key: guyana\n    name: Guyana\n    kind: member-state\n" in text


def test_speakers_list_round_trips_byte_identical_into_a_fresh_database(app):
    first = export_segment(_with_a_list())
    for model in (SpeakerEntry, SpeakersList, Participation, Session, Segment, Organization):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    assert export_segment(db.session.scalar(select(Segment))) == first
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 3


def test_speakers_list_absent_from_the_file_is_kept(app):
    segment = _with_a_list()
    import_file(DEFAULT_PROGRAMME)  # the original file knows no list
    assert db.session.scalar(select(func.count(SpeakerEntry.id))) == 3
    assert LIST_TEXT in export_segment(segment)


@pytest.mark.parametrize(("change", "problem"), [
    (lambda t: t.replace("level: vice-minister", "level: ambassador"),
     "speakers_list entry india: level 'ambassador' is not one of: head-of-state, vice-president, "
     "minister, vice-minister, head-of-delegation, other"),
    (lambda t: t.replace("minutes: 4", "minutes: 0"),
     "speakers_list entry india: minutes 0 is not a whole number from 1 to 60"),
    (lambda t: t.replace("minutes: 4", "minutes: 61"),
     "speakers_list entry india: minutes 61 is not a whole number from 1 to 60"),
    (lambda t: t.replace("          on_behalf_of: the Group of 77 and China\n", ""),
     "speakers_list entry guyana: a statement on behalf of a group names the group (on_behalf_of)"),
    (lambda t: t.replace("delegation: india", "delegation: brazil"),
     "speakers_list entry brazil: brazil is inscribed twice (line "),
    (lambda t: t.replace("delegation: india", "delegation: atlantis"),
     "session S5: speakers_list: organization 'atlantis' does not exist"),
    (lambda t: t.replace("'2020-07-01T14:08:13Z'", "2020-07-01 14:08"),
     "speakers_list entry india: inscribed_at 2020-07-01 14:08 is not a UTC instant"),
])
def test_speakers_list_bad_file_names_the_field_and_changes_nothing(app, change, problem):
    text = export_segment(_with_a_list())
    before = [(e.id, e.level, e.minutes) for e in db.session.scalars(select(SpeakerEntry))]
    with pytest.raises(ProgrammeError) as caught:
        import_programme(change(text).encode(), "bad.yaml")
    assert any(problem in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]
    db.session.rollback()
    assert [(e.id, e.level, e.minutes) for e in db.session.scalars(select(SpeakerEntry))] == before
