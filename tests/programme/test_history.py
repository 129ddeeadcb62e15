"""The change history: imports, answers on the portal, edits; secrets never written."""

from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Participation, Segment, Session
from meeting.people.portal import respond
from meeting.programme.editing import edit_session, save_programme
from meeting.programme.history import history
from tests.conftest import DEFAULT_PROGRAMME


def test_import_and_answer_recorded(app):
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited")
                                .order_by(Participation.id))
    respond(invited.person, invited.id, "confirm")
    lines = [(c.by, c.summary) for c in history(segment)]
    assert lines[0] == (f"{invited.person.name} (on their page)",
                        f"confirmed {invited.session.code} as {invited.role}")
    assert lines[1] == ("import of ecosoc-2020-integration-segment.yaml",
                        "organizations 30 created; people 33 created; sessions 15 created; "
                        "participations 66 created; documents 4 created; key messages 9 created")


def test_passcode_change_recorded_without_the_code(app):
    import_file(DEFAULT_PROGRAMME)
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    edit_session(s1, "officer@un.org", passcode="NEW-SECRET", dial_in="+1 212 555 0199")
    save_programme(s1.segment)
    entry = history(s1.segment, s1)[0]
    assert entry.summary == "passcode changed; dial-in changed"
    assert "NEW-SECRET" not in entry.summary and "0199" not in entry.summary
