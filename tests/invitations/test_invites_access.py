"""Invitations name the interpretation platform and the live captions (CART), with their links."""

import vobject
from sqlalchemy import select

from meeting.extensions import db
from meeting.invitations.invites import NOT_SENT, OUTDATED, invitation_states, send_invitations
from meeting.models import Person
from meeting.programme.editing import update_session
from tests.invitations.test_invites import calendar_of, received, segment, session  # noqa: F401

CAPTIONS = "https://example.org/captions/ecosoc-is-2020-s1"
RSI = "https://example.org/rsi/ecosoc-is-2020-s1"


def invite_vp(segment, language=None):  # noqa: F811
    vp = db.session.scalar(select(Person).where(Person.key == "vp-ecosoc"))
    vp.preferred_language = language
    db.session.commit()
    states = [st for st in invitation_states(segment, session("S1")) if st.person is vp]
    send_invitations(segment, states, sent_by="officer@un.org")


def description_of(message) -> str:
    return vobject.readOne(calendar_of(message)[1].decode()).vevent.description.value


def test_invite_text_html_and_calendar_name_platform_and_captions(segment, smtp_server):  # noqa: F811
    invite_vp(segment)
    (message,) = received(smtp_server)
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert ("  Interpretation:     Arabic, Chinese, English, French, Russian, Spanish\n"
            "  Interpretation platform: Interprefy\n"
            f"  Interpretation link: {RSI}\n"
            "  Live captions (CART): English\n"
            f"  Live captions link: {CAPTIONS}\n") in text
    html = message.get_body(("html",)).get_content()
    assert (f'<th align="left">Interpretation platform</th><td>Interprefy<br><a href="{RSI}">{RSI}</a></td>'
            in html)
    assert (f'<th align="left">Live captions (CART)</th><td>English<br><a href="{CAPTIONS}">{CAPTIONS}</a>'
            "</td>") in html
    lines = description_of(message).split("\n")
    assert lines[lines.index("Dial-in: +1 646 555 0100") + 1:][:5] == [
        "Interpretation: Arabic, Chinese, English, French, Russian, Spanish",
        "Interpretation platform: Interprefy",
        f"Interpretation link: {RSI}",
        "Live captions (CART): English",
        f"Live captions link: {CAPTIONS}"]


def test_invite_in_french_names_them_in_french(segment, smtp_server):  # noqa: F811
    invite_vp(segment, "fr")
    (message,) = received(smtp_server)
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "  Sous-titrage en direct (CART) : anglais\n" in text
    assert "  Plateforme d'interprétation : Interprefy\n" in text
    assert f"Lien du sous-titrage en direct : {CAPTIONS}" in description_of(message).split("\n")
    assert "Sous-titrage en direct (CART) : anglais" in description_of(message).split("\n")


def test_update_reports_a_new_interpretation_platform_and_captions_link(segment, smtp_server):  # noqa: F811
    invite_vp(segment)
    s1 = session("S1")
    update_session(s1, interpretation_platform="KUDO", interpretation_url="https://example.org/kudo/s1",
                   captioning_url=None)
    update_session(s1, duration_minutes=s1.duration_minutes + 15)  # makes the invite outdated
    db.session.commit()
    states = [st for st in invitation_states(segment, s1) if st.person.key == "vp-ecosoc"]
    assert [st.state for st in states] == [OUTDATED]
    send_invitations(segment, states, sent_by="officer@un.org")
    update = received(smtp_server)[1]
    text = update.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert ("  Interpretation platform: Interprefy\n"
            "                         → KUDO\n"
            f"  Interpretation link: {RSI}\n"
            "                     → https://example.org/kudo/s1\n"
            f"  Live captions link: {CAPTIONS}\n"
            "                    → none\n") in text


def test_invite_without_access_services_has_no_such_lines(segment, smtp_server):  # noqa: F811
    s3 = session("S3")
    send_invitations(segment, [st for st in invitation_states(segment, s3) if st.state == NOT_SENT][:1],
                     sent_by="officer@un.org")
    (message,) = received(smtp_server)
    text = message.get_body(("plain",)).get_content()
    assert "Live captions" not in text and "Interpretation platform" not in text
    assert "Live captions" not in description_of(message)
