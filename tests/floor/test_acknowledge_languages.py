"""The acknowledgement of an inscription, in the language of the inscription page it came from."""

import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.floor.links import inscription_token
from meeting.floor.lists import open_list
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Organization
from tests.conftest import load_published
from tests.views.pages import csrf


@pytest.fixture
def link(app):
    segment = load_published()
    session = next(s for s in segment.sessions if s.code == "S5")
    segment.contact_name, segment.contact_email = "Integration Segment secretariat", "ecosoc-is@un.org"
    speakers = open_list(session)
    db.session.commit()
    brazil = db.session.scalar(select(Organization).where(Organization.key == "brazil"))
    return f"/inscribe/{inscription_token(speakers, brazil)}/"


def inscribe(client, link: str) -> str:
    data = {"csrf_token": csrf(client, link), "speaker_name": "H.E. Mr. Carlos França",
            "level": "minister", "statement_type": "group", "on_behalf_of": "the Group of 77 and China",
            "minutes": "", "contact_email": "delbrasonu@itamaraty.gov.br"}
    assert client.post(link, data=data).status_code == 302
    [sent] = outbox_messages()
    return outbox_message(sent.key)


def test_acknowledgement_in_french_after_a_french_inscription_page(client, link):
    client.get(f"{link}?lang=fr")  # the language bar: French for this visit
    message = inscribe(client, link)
    assert message["Subject"] == "[Inscription] S5 · Liste des orateurs · Brazil"
    body = message.get_content()
    assert body.startswith("Madame, Monsieur,\n\nBrazil est inscrit(e) sur la liste des orateurs de la "
                           "séance suivante (2020 ECOSOC Integration Segment) :\n")
    assert "  Temps de parole :   5 minutes\n" in body
    assert ("  Rang sur la liste : 1 (à ce jour ; la liste suit l'ordre protocolaire, "
            "puis l'ordre d'inscription)\n") in body
    assert ("\nDéclaration écrite attendue : 15:45 EDT le dimanche 5 juillet 2020 "
            "(24 heures avant la séance), en fichier PDF ou DOCX,") in body
    assert body.endswith("\nContact au secrétariat : Integration Segment secretariat, ecosoc-is@un.org\n")


def test_acknowledgement_in_english_from_an_english_page(client, link):
    message = inscribe(client, link)
    assert message["Subject"] == "[Inscribed] S5 · List of speakers · Brazil"
    body = message.get_content()
    assert body.startswith("Dear colleague,\n\nBrazil is inscribed on the list of speakers of the following "
                           "session of the 2020 ECOSOC Integration Segment:\n")
    assert "  Statement:          On behalf of a group, on behalf of the Group of 77 and China\n" in body
