"""Invitations, updates and reminders in the recipient's preferred language, over real SMTP."""

from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import icalendar
import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.invitations.invites import NOT_SENT, OUTDATED, invitation_states, send_invitations
from meeting.models import Participation, Person, Segment, Session
from meeting.people.portal import portal_token
from meeting.programme.editing import save_programme, update_session
from meeting.reminders.dispatch import dispatch_due
from meeting.reminders.policies import add_default_policies
from tests.conftest import DEFAULT_PROGRAMME

PORTAL = "http://127.0.0.1:5000/p/"


@pytest.fixture
def segment(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    app.config["MAIL_FROM"] = "ECOSOC Secretariat <secretariat@example.org>"
    import_file(DEFAULT_PROGRAMME)
    segment = db.session.scalar(select(Segment))
    segment.contact_name, segment.contact_email = "Amina Mohammed", "is-secretariat@un.org"
    segment.contact_phone = "+1 212 963 1234"
    who = person("dg-who")  # named by name, not by function: greeted by name
    who.name, who.preferred_language = "Tedros Adhanom Ghebreyesus", "fr"
    person("dg-fao").preferred_language = "ar"
    person("usg-desa").preferred_language = "zh"
    person("ed-unicef").preferred_language = "es"
    db.session.commit()
    return segment


def person(key: str) -> Person:
    return db.session.scalar(select(Person).where(Person.key == key))


def s2() -> Session:
    return db.session.scalar(select(Session).where(Session.code == "S2"))


def send(segment, states=(NOT_SENT,)):
    return send_invitations(segment, [st for st in invitation_states(segment, s2()) if st.state in states])


def received(smtp_server, address):
    return [message for message in (message_from_bytes(m.content, policy=policy.default)
                                    for m in smtp_server.messages)
            if message["To"].addresses[0].addr_spec == address]


def plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def event_of(message):
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]


def test_invite_french_subject_salutation_dates_role_contact(segment, smtp_server):
    send(segment)
    (message,) = received(smtp_server, "dg.who@example.org")
    assert message["Subject"] == ("[Invitation] S2 · lun. 6 juil., 15:30 CEST · "
                                  "Siège lun. 6 juil., 09:30 EDT · "
                                  "Préparation, riposte et relèvement face à...")
    text = plain(message)
    # S2 has a French title in the default programme: the French invitation gives it.
    assert ("  Préparation, riposte et relèvement face à la COVID-19 selon les points d’entrée du "
            "Rapport mondial sur le développement durable (I) : bien-être et capacités des personnes ; "
            "systèmes alimentaires et modes de nutrition") in text.splitlines()
    assert text.startswith("Bonjour Dr. Tedros Adhanom Ghebreyesus,\n\n"
                           "Vous êtes invité(e) à participer au débat suivant, "
                           "qui se tient en mode virtuel : 2020 ECOSOC Integration Segment.\n")
    lines = text.splitlines()
    assert "  Votre heure :       lundi 6 juillet 2020, 15:30–17:00 CEST (Europe/Zurich)" in lines
    assert "  Heure du Siège :    lundi 6 juillet 2020, 09:30–11:00 EDT (America/New_York)" in lines
    assert "  Votre rôle :        Panéliste, intervient en position 3, 8 minutes" in lines
    assert "  Interprétation :    arabe, chinois, anglais, français, russe, espagnol" in lines
    assert ("Des questions ? Votre contact au secrétariat : Amina Mohammed, is-secretariat@un.org, "
            "+1 212 963 1234") in lines
    assert lines[-1] == "Le secrétariat – 2020 ECOSOC Integration Segment"
    page = html(message)
    assert '<html lang="fr">' in page
    assert "<p>Bonjour Dr. Tedros Adhanom Ghebreyesus,</p>" in page
    assert ('<tr><th align="left">Votre rôle</th><td>Panéliste, intervient en position 3, 8 minutes</td></tr>'
            in page)
    description = str(event_of(message)["DESCRIPTION"]).splitlines()
    assert description[:3] == [
        "Votre rôle : Panéliste, intervient en position 3 pendant 8 minutes",
        "Votre heure : lundi 6 juillet 2020, 15:30–17:00 CEST (Europe/Zurich)",
        "Heure du Siège : lundi 6 juillet 2020, 09:30–11:00 EDT (America/New_York)"]
    assert description[-1].startswith("Votre page personnelle (confirmer ou décliner, toutes vos séances) : "
                                      + PORTAL)
    # The calendar's machine values stay as they are; its title is the French one.
    event = event_of(message)
    assert str(event["SUMMARY"]).startswith("Préparation, riposte et relèvement face à la COVID-19")
    assert (str(event["STATUS"]), event["ATTENDEE"].params["PARTSTAT"]) == ("CONFIRMED", "ACCEPTED")


def test_invite_arabic_right_to_left_colleague_and_dates(segment, smtp_server):
    send(segment)
    (message,) = received(smtp_server, "dg.fao@example.org")
    assert message["Subject"] == ("[دعوة] S2 · الاثنين، 6 يوليو، 15:30 CEST · "
                                  "المقر الاثنين، 6 يوليو، 09:30 EDT · "
                                  "COVID-19 preparedness, response and...")
    lines = plain(message).splitlines()
    assert lines[0] == "حضرة الزميل/الزميلة،"  # named by function: the colleague form
    # No Arabic title: the English original, labelled as such (never a silent mix).
    assert ("  COVID-19 preparedness, response and recovery through the GSDR entry points (I): "
            "human well-being and capabilities; food systems and nutrition patterns "
            "(النص الأصلي: الإنجليزية)") in lines
    assert "  توقيتكم:            الاثنين، 6 يوليو 2020، 15:30–17:00 CEST (Europe/Rome)" in lines
    assert "  دوركم:              عضو فريق النقاش، يتكلم في الترتيب 2، 8 دقائق" in lines
    assert "يُرجى تأكيد مشاركتكم أو الاعتذار عنها، والاطلاع على جميع جلساتكم، في صفحتكم الشخصية:" in lines
    assert html(message).startswith('<!doctype html>\n<html lang="ar" dir="rtl">')
    assert '<tr><th align="right">دوركم</th>' in html(message)
    description = str(event_of(message)["DESCRIPTION"])
    assert description.startswith("دوركم: عضو فريق النقاش، يتكلم في الترتيب 2 لمدة 8 دقائق\n")


def test_invite_chinese_fullwidth_labels_aligned_and_calendar_text(segment, smtp_server):
    send(segment)
    (message,) = received(smtp_server, "usg.desa@example.org")
    # In New York, like headquarters: the subject gives the time once.
    assert message["Subject"] == ("[邀请] S2 · 7月6日周一 09:30 EDT · COVID-19 preparedness, response and "
                                  "recovery through the GSDR entry points (I): human...")
    lines = plain(message).splitlines()
    assert lines[0] == "尊敬的同事："
    assert "  您的时间：          2020年7月6日星期一 09:30–11:00 EDT (America/New_York)" in lines
    assert "  您的角色：          主持人，第1位发言，5 分钟" in lines
    assert "如有疑问，请联系秘书处：Amina Mohammed, is-secretariat@un.org, +1 212 963 1234" in lines
    assert lines[-1] == "2020 ECOSOC Integration Segment秘书处"
    description = str(event_of(message)["DESCRIPTION"]).splitlines()
    assert description[:2] == ["您的角色：主持人，第1位发言，时长5 分钟",
                               "您的时间：2020年7月6日星期一 09:30–11:00 EDT (America/New_York)"]
    alarm = event_of(message).walk("VALARM")[0]
    assert str(alarm["DESCRIPTION"]) == "会议即将开始"


def test_invite_update_in_spanish_says_old_and_new(segment, smtp_server):
    send(segment)
    session = s2()
    update_session(session, start=session.start + timedelta(hours=1))
    db.session.commit()
    send(segment, (OUTDATED,))
    first, update = received(smtp_server, "ed.unicef@example.org")
    assert first["Subject"].startswith("[Invitación] S2 · lun, 6 jul, 09:30 EDT · ")
    assert update["Subject"] == ("[Actualización] S2 · lun, 6 jul, 10:30 EDT · COVID-19 preparedness, "
                                 "response and recovery through the GSDR entry...")
    text = plain(update)
    assert text.startswith(
        "Estimado/a colega:\n\n"
        "La sesión que figura a continuación ha cambiado. La actualización adjunta sustituye a la "
        "invitación anterior en su calendario.\n\n"
        "Cambios desde su última invitación:\n\n"
        "  Su hora: lun, 6 jul, 09:30–11:00 EDT\n"
        "         → lun, 6 jul, 10:30–12:00 EDT\n\n")
    assert "  Su función:         Panelista, interviene en el puesto 4, 7 minutos\n" in text
    assert "<th align=\"left\">Antes</th>" in html(update)
    assert str(event_of(update)["DESCRIPTION"]).splitlines()[:2] == [
        "Cambios desde su última invitación:",
        "- Su hora: lun, 6 jul, 09:30–11:00 EDT → lun, 6 jul, 10:30–12:00 EDT"]


def test_invite_english_recipient_unchanged_beside_others(segment, smtp_server):
    send(segment)
    (message,) = received(smtp_server, "minister.agri.india@example.org")
    assert message["Subject"].startswith("[Invitation] S2 · Mon 6 Jul 19:00 IST · HQ Mon 6 Jul 09:30 EDT · ")
    assert plain(message).startswith("Dear colleague,\n\nYou are invited to take part in the 2020 ECOSOC "
                                     "Integration Segment, which meets virtually.\n")
    assert "  Your role:          Lead discussant, speaking 5th, 5 minutes\n" in plain(message)


REMINDER_START = datetime(2030, 7, 8, 13, 0, tzinfo=timezone.utc)  # 09:00 EDT, 16:00 MSK


def test_reminder_in_russian_default_wording_translated(app, smtp_server, make_segment, make_session):
    app.config["MAIL_URL"] = smtp_server.url
    app.config["MAIL_FROM"] = "Meeting tool <meeting@example.org>"
    segment = make_segment(slug="is-2030", title="2030 Integration Segment", contact_name="Amina Mohammed",
                           contact_email="is-secretariat@un.org")
    session = make_session(segment=segment, code="S1", title="Food systems", start=REMINDER_START,
                           duration_minutes=90)
    session.participations.append(Participation(
        person=Person(key="rosstat", name="Irina Petrova", honorific="Ms.", timezone="Europe/Moscow",
                      email="petrova@example.org", preferred_language="ru"),
        role="panelist", position=1, minutes=7, status="invited"))
    db.session.commit()
    add_default_policies(segment)
    save_programme(segment)
    dispatch_due(REMINDER_START - timedelta(days=1))
    (message,) = received(smtp_server, "petrova@example.org")
    # One line, its spaces plain (the body keeps CLDR's narrow no-break space before "г.").
    assert message["Subject"] == "Завтра: Food systems (пн, 8 июл. 2030 г., 16:00 MSK)"
    assert plain(message) == (
        "Здравствуйте, Ms. Irina Petrova!\n\n"
        "Напоминаем, что вы участвуете в заседании «Food systems» (2030 Integration Segment) в качестве: "
        "участник дискуссии.\n\n"
        "Ваше время:         понедельник, 8 июля 2030\u202fг., 16:00 MSK (Europe/Moscow)\n"
        "Время в Центральных учреждениях: понедельник, 8 июля 2030\u202fг., 09:00 EDT (America/New_York)\n"
        "Техническая проверка: нет\n"
        "Очередность:        № 1, 7 мин.\n\n"
        "Как подключиться:\n"
        "  (будет сообщено позднее)\n\n"
        f"Ваша личная страница (подтвердить, отказаться, все ваши заседания): {PORTAL}"
        f"{portal_token(db.session.scalar(select(Person).where(Person.key == 'rosstat')))}/\n\n"
        "Вопросы? Контактное лицо в секретариате: Amina Mohammed, is-secretariat@un.org\n")
    event = event_of(message)
    assert str(event["DESCRIPTION"]).splitlines()[0] == (
        "Ваша роль: Участник дискуссии, выступает 1-м по очереди, 7 минут")


def test_reminder_custom_wording_sent_as_the_organizer_wrote_it(app, smtp_server, make_segment, make_session):
    app.config["MAIL_URL"] = smtp_server.url
    segment = make_segment(slug="is-2031", title="2031 Integration Segment")
    session = make_session(segment=segment, code="S1", title="Food systems", start=REMINDER_START)
    session.participations.append(Participation(
        person=Person(key="insee", name="Claire Martin", honorific="Mme", timezone="Europe/Paris",
                      email="martin@example.org", preferred_language="fr"),
        role="chair", position=1, status="invited"))
    db.session.commit()
    for reminder_policy in add_default_policies(segment):
        reminder_policy.subject_template = "À demain : {session}"
        reminder_policy.body_template = "{salutation},\n\nà demain pour {session} ({local_start})."
    save_programme(segment)
    dispatch_due(REMINDER_START - timedelta(days=1))
    (message,) = received(smtp_server, "martin@example.org")
    assert message["Subject"] == "À demain : Food systems"
    assert plain(message) == ("Bonjour Mme Claire Martin,\n\nà demain pour Food systems "
                              "(lundi 8 juillet 2030, 15:00 CEST (Europe/Paris)).\n\n"
                              "Votre heure : lundi 8 juillet 2030, 15:00 CEST (Europe/Paris)\n"
                              "Heure du Siège : lundi 8 juillet 2030, 09:00 EDT (America/New_York)\n")


def test_reminder_names_the_session_in_the_recipients_language_when_translated(segment):
    from meeting.reminders.wording import reminder_context

    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    who = next(p for p in s2.participations if p.person.key == "dg-who")
    who.person.preferred_language = "fr"
    assert reminder_context(s2, who.person, who)["session"] == (
        "Préparation, riposte et relèvement face à la COVID-19 selon les points d’entrée du Rapport "
        "mondial sur le développement durable (I) : bien-être et capacités des personnes ; systèmes "
        "alimentaires et modes de nutrition")
    who.person.preferred_language = "zh"  # no Chinese title: the original
    assert reminder_context(s2, who.person, who)["session"] == s2.title
