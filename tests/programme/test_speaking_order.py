"""Speaking order: one definition, declined people not counted, the same on every page and file."""

from datetime import datetime, timezone

import vobject
from sqlalchemy import select

from meeting.extensions import db
from meeting.formats.ical import Links, build_invite, serialize
from meeting.invitations.invites import NOT_SENT, invitation_states, send_invitations
from meeting.models import Participation, Person, Session
from meeting.people.portal import portal_token
from meeting.reminders.wording import reminder_context
from tests.conftest import load_published
from tests.invitations.test_invites import calendar_of, received

SLUG = "ecosoc-2020-integration-segment"


def _india():
    """India's minister in S2: position 6, after the IFAD president, who declined."""
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    people = {p.person.key: p for p in s2.participations}
    return s2, people["min-india"], people["pres-ifad"]


def test_speaking_order_skips_a_declined_panelist_everywhere(app, client, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    load_published()
    s2, india, ifad = _india()
    assert (india.position, ifad.position, ifad.status) == (6, 5, "declined")
    assert (india.speaking_order, ifad.speaking_order) == (5, None)
    assert [p.speaking_order for p in sorted(s2.participations, key=lambda p: p.position)] == [
        1, 2, 3, 4, None, 5]

    # The invitation e-mail, its calendar description, and the reminder wording.
    send_invitations(s2.segment, [st for st in invitation_states(s2.segment, s2)
                                  if st.state == NOT_SENT and st.participation is india],
                     sent_by="officer@un.org")
    (message,) = received(smtp_server)
    assert "Lead discussant, speaking 5th, 5 minutes" in message.get_body(("plain",)).get_content()
    _, ics = calendar_of(message)
    assert "speaking 5th" in vobject.readOne(ics.decode()).vevent.description.value
    assert reminder_context(s2, india.person, india)["order"] == "5th"

    # The speaker's own page, and the public API.
    page = client.get(f"/p/{portal_token(india.person)}/").text
    assert "Lead discussant, speaking 5th, 5 minutes." in " ".join(page.split())
    speakers = client.get(f"/api/v1/segments/{SLUG}/sessions/S2").get_json()["speakers"]
    assert [(s["key"], s["order"]) for s in speakers][-1] == ("min-india", 5)


def test_speaking_order_new_participant_counts_only_those_ahead(app, make_session, make_person):
    session = make_session()
    first, declined, second = (make_person() for _ in range(3))
    rows = [Participation(session=session, person=first, role="chair", position=1, status="confirmed"),
            Participation(session=session, person=declined, role="panelist", position=2,
                          status="declined"),
            Participation(session=session, person=second, role="panelist", position=3)]
    db.session.add_all(rows)
    db.session.commit()
    assert [r.speaking_order for r in rows] == [1, None, 2]
    invite = serialize(build_invite(rows[2], Links(programme="https://example.org/p/"),
                                    "secretariat@example.org", "Secretariat", sequence=0,
                                    stamp=datetime(2020, 6, 1, tzinfo=timezone.utc)))
    assert "Your role: Panelist, speaking 2nd" in vobject.readOne(invite.decode()).vevent.description.value
    assert db.session.get(Person, second.id).participations[0].speaking_order == 2
