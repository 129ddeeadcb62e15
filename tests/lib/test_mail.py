"""The mail transport: Maildir outbox, SMTP delivery to a real server, failure classes."""

import logging
import socket
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from meeting.lib.mail import (
    MailError,
    MailTarget,
    OutboxEntry,
    outbox_message,
    outbox_messages,
    parse_mail_url,
    redact_mail_url,
    send_message,
)

INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//meeting//test//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:s1@meeting.test\r\nDTSTAMP:20200701T120000Z\r\n"
    "DTSTART:20200706T130000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _message(subject="Reminder: Opening", to="Ana Lima <ana@example.org>", **headers) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["To"] = to
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("See you on Monday.\n")
    return message


def _invite(**headers) -> EmailMessage:
    message = _message(subject="Invitation: Opening", **headers)
    message.add_alternative(INVITE.encode(), maintype="text", subtype="calendar",
                            params={"method": "REQUEST", "charset": "UTF-8"})
    return message


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_send_message_maildir_writes_new_folder(app):
    message = _message(Message_ID="<reminder-1@meeting.test>")

    message_id = send_message(message)

    new = list((Path(app.instance_path) / "outbox" / "new").iterdir())
    assert message_id == "<reminder-1@meeting.test>"
    assert len(new) == 1
    stored = message_from_bytes(new[0].read_bytes(), policy=policy.default)
    assert stored["Message-ID"] == "<reminder-1@meeting.test>"
    assert stored["From"] == "meeting <meeting@localhost>"
    assert stored["To"] == "Ana Lima <ana@example.org>"
    assert stored["Date"].datetime.tzinfo is not None
    assert stored.get_content() == "See you on Monday.\n"


def test_send_message_fills_from_date_and_message_id_when_missing(app):
    app.config["MAIL_FROM"] = "ECOSOC Secretariat <ecosoc@un.test>"
    message = _message()

    message_id = send_message(message)

    assert message["Message-ID"] == message_id
    assert message_id.startswith("<") and message_id.endswith("@un.test>")
    assert message["From"] == "ECOSOC Secretariat <ecosoc@un.test>"
    assert abs((datetime.now(timezone.utc) - message["Date"].datetime).total_seconds()) < 60


def test_send_message_keeps_callers_from(app):
    message = _message(From="Moderator <mod@example.org>", Message_ID="<m@x>")
    send_message(message)
    assert outbox_messages()[0].sender == "Moderator <mod@example.org>"


def test_send_message_maildir_relative_path_under_instance(app):
    app.config["MAIL_URL"] = "maildir:mail/sent"
    send_message(_message(Message_ID="<m@x>"))
    assert len(list((Path(app.instance_path) / "mail" / "sent" / "new").iterdir())) == 1


def test_send_message_maildir_absolute_path(app, tmp_path):
    app.config["MAIL_URL"] = f"maildir:{tmp_path / 'elsewhere'}"
    send_message(_message(Message_ID="<m@x>"))
    assert len(list((tmp_path / "elsewhere" / "new").iterdir())) == 1


def test_send_message_no_recipients_is_permanent(app):
    message = EmailMessage()
    message["Subject"] = "Nobody"
    with pytest.raises(MailError) as caught:
        send_message(message)
    assert (caught.value.message, caught.value.temporary, caught.value.smtp_code) == (
        "the message has no recipients: To, Cc and Bcc are empty", False, None)


def test_outbox_messages_newest_first_with_fields(app):
    send_message(_message(subject="Old", Message_ID="<old@x>", Date="Mon, 29 Jun 2020 09:00:00 -0400"))
    send_message(_invite(Message_ID="<invite@x>", Date="Wed, 01 Jul 2020 12:00:00 +0000",
                         Cc="Chair <chair@example.org>", Bcc="archive@un.test"))
    send_message(_message(subject="Middle", Message_ID="<middle@x>", Date="Tue, 30 Jun 2020 10:00:00 +0200"))

    entries = outbox_messages()

    assert [e.message_id for e in entries] == ["<invite@x>", "<middle@x>", "<old@x>"]
    invite = entries[0]
    assert invite == OutboxEntry(
        key=invite.key,
        message_id="<invite@x>",
        date=datetime(2020, 7, 1, 12, 0, tzinfo=timezone.utc),
        sender="meeting <meeting@localhost>",
        to=("Ana Lima <ana@example.org>", "Chair <chair@example.org>", "archive@un.test"),
        subject="Invitation: Opening",
        has_calendar=True,
        calendar_method="REQUEST",
    )
    assert entries[1].date == datetime(2020, 6, 30, 8, 0, tzinfo=timezone.utc)
    assert (entries[1].has_calendar, entries[1].calendar_method) == (False, None)
    assert "/" not in invite.key


def test_outbox_messages_limit_keeps_newest(app):
    for day in (1, 3, 2):
        send_message(_message(Message_ID=f"<d{day}@x>", Date=f"Wed, 0{day} Jul 2020 12:00:00 +0000"))
    assert [e.message_id for e in outbox_messages(limit=2)] == ["<d3@x>", "<d2@x>"]
    assert outbox_messages(limit=0) == []


def test_outbox_messages_same_date_ordered_by_key(app):
    for n in range(12):
        send_message(_message(Message_ID=f"<n{n}@x>", Date="Wed, 01 Jul 2020 12:00:00 +0000"))
    assert [e.message_id for e in outbox_messages()] == [f"<n{n}@x>" for n in reversed(range(12))]


def test_outbox_messages_empty_before_first_message(app):
    assert outbox_messages() == []
    assert not (Path(app.instance_path) / "outbox").exists()


def test_outbox_messages_empty_for_smtp(app):
    app.config["MAIL_URL"] = "smtp://127.0.0.1:25"
    assert outbox_messages() == []
    assert outbox_message("1593604800.M1P1Q1.host") is None


def test_outbox_message_returns_parsed_message(app):
    send_message(_invite(Message_ID="<invite@x>"))
    key = outbox_messages()[0].key

    message = outbox_message(key)

    assert isinstance(message, EmailMessage)
    assert message["Message-ID"] == "<invite@x>"
    calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert calendar.get_content() == INVITE


@pytest.mark.parametrize("key", ["../secret_key", "new/x", "..", ".", "", "a\\b", "cur/../../x", "x:2,S"])
def test_outbox_message_bad_key_is_none(app, key):
    send_message(_message(Message_ID="<m@x>"))
    assert outbox_message(key) is None


def test_outbox_message_unknown_key_is_none(app):
    send_message(_message(Message_ID="<m@x>"))
    assert outbox_message("1593604800.M1P1Q1.nohost") is None


def test_send_message_smtp_delivers_envelope_without_bcc(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    message = _message(Message_ID="<reminder-7@meeting.test>", Cc="Chair <chair@example.org>",
                       Bcc="Archive <archive@un.test>")

    message_id = send_message(message)

    assert message_id == "<reminder-7@meeting.test>"
    [received] = smtp_server.messages
    assert received.mail_from == "meeting@localhost"
    assert received.rcpt_tos == ["ana@example.org", "chair@example.org", "archive@un.test"]
    sent = message_from_bytes(received.content, policy=policy.default)
    assert sent["Message-ID"] == "<reminder-7@meeting.test>"
    assert sent["Bcc"] is None
    assert sent["Cc"] == "Chair <chair@example.org>"
    assert message["Bcc"] == "Archive <archive@un.test>"  # the caller's message is left whole


def test_send_message_smtp_duplicate_recipients_sent_once(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    send_message(_message(Message_ID="<m@x>", Cc="ana@example.org"))
    assert smtp_server.messages[0].rcpt_tos == ["ana@example.org"]


def test_send_message_smtp_calendar_part_intact(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    send_message(_invite(Message_ID="<invite@x>"))
    sent = message_from_bytes(smtp_server.messages[0].content, policy=policy.default)
    calendar = next(part for part in sent.walk() if part.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content() == INVITE


def test_send_message_smtp_login_percent_decoded(app, smtp_server):
    smtp_server.require_login("secretariat@un.test", "p@ss:w/rd")
    app.config["MAIL_URL"] = f"smtp://secretariat%40un.test:p%40ss%3Aw%2Frd@127.0.0.1:{smtp_server.port}"
    send_message(_message(Message_ID="<m@x>"))
    assert len(smtp_server.messages) == 1


def test_send_message_smtp_bad_login_is_permanent_without_password(app, smtp_server, caplog):
    smtp_server.require_login("secretariat", "right")
    app.config["MAIL_URL"] = f"smtp://secretariat:wr0ngSecret@127.0.0.1:{smtp_server.port}"
    caplog.set_level(logging.DEBUG)

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == (
        f"smtp://secretariat:***@127.0.0.1:{smtp_server.port} refused the login: "
        "535 5.7.8 Authentication credentials invalid"
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 535)
    assert "wr0ngSecret" not in str(caught.value) + repr(caught.value) + caplog.text
    assert smtp_server.messages == []


def test_send_message_smtp_login_454_is_temporary(app, smtp_server):
    smtp_server.require_login("secretariat", "right")
    smtp_server.reply_next("454 4.7.0 Temporary authentication failure", command="AUTH")
    smtp_server.reply_next("454 4.7.0 Temporary authentication failure", command="AUTH")
    app.config["MAIL_URL"] = f"smtp://secretariat:right@127.0.0.1:{smtp_server.port}"

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == (
        f"smtp://secretariat:***@127.0.0.1:{smtp_server.port} refused the login: "
        "454 4.7.0 Temporary authentication failure"
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (True, 454)


def test_send_message_smtp_rcpt_451_is_temporary(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("451 4.3.0 try later")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == f"{smtp_server.url} refused ana@example.org: 451 4.3.0 try later"
    assert (caught.value.temporary, caught.value.smtp_code) == (True, 451)


def test_send_message_smtp_rcpt_550_is_permanent(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("550 5.1.1 no such user")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == f"{smtp_server.url} refused ana@example.org: 550 5.1.1 no such user"
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 550)


def test_send_message_smtp_all_refused_one_4xx_is_temporary(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("550 5.1.1 no such user")
    smtp_server.reply_next("452 4.2.2 mailbox full")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>", Cc="chair@example.org"))

    assert caught.value.message == (
        f"{smtp_server.url} refused ana@example.org: 550 5.1.1 no such user; "
        "chair@example.org: 452 4.2.2 mailbox full"
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (True, 452)


def test_send_message_smtp_some_refused_is_permanent(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("451 4.3.0 try later")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>", Cc="chair@example.org"))

    assert caught.value.message == (
        f"{smtp_server.url} delivered to 1 of 2 recipients and refused ana@example.org: 451 4.3.0 try later"
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 451)
    assert smtp_server.messages[0].rcpt_tos == ["chair@example.org"]


def test_send_message_smtp_data_451_is_temporary(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("451 4.3.0 try later", command="DATA")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == f"{smtp_server.url} refused the message: 451 4.3.0 try later"
    assert (caught.value.temporary, caught.value.smtp_code) == (True, 451)
    assert smtp_server.messages == []


def test_send_message_smtp_data_554_is_permanent(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("554 5.6.0 message content rejected", command="DATA")

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == (
        f"{smtp_server.url} refused the message: 554 5.6.0 message content rejected"
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 554)


def test_send_message_smtp_starttls_unsupported_is_permanent(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url + "?starttls=true"

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == (
        f"{smtp_server.url}?starttls=true: STARTTLS extension not supported by server."
    )
    assert (caught.value.temporary, caught.value.smtp_code) == (False, None)


def test_send_message_connection_refused_is_temporary(app):
    port = _closed_port()
    app.config["MAIL_URL"] = f"smtp://user:hunter2@127.0.0.1:{port}"

    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))

    assert caught.value.message == f"could not reach smtp://user:***@127.0.0.1:{port}: Connection refused"
    assert (caught.value.temporary, caught.value.smtp_code) == (True, None)
    assert "hunter2" not in str(caught.value)


def test_send_message_smtps_connection_refused_is_temporary(app):
    port = _closed_port()
    app.config["MAIL_URL"] = f"smtps://127.0.0.1:{port}"
    with pytest.raises(MailError) as caught:
        send_message(_message(Message_ID="<m@x>"))
    assert (caught.value.temporary, caught.value.smtp_code) == (True, None)


def test_send_message_bad_scheme_is_value_error(app):
    app.config["MAIL_URL"] = "http://mail.example.org"
    message = _message()
    with pytest.raises(ValueError, match="^MAIL_URL scheme 'http' is not supported"):
        send_message(message)
    assert message["Message-ID"] is None  # refused before anything was changed


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://u:secret@h:25", "smtp://u:***@h:25"),
        ("smtps://me%40un.test:p%40ss@mail.un.test", "smtps://me%40un.test:***@mail.un.test"),
        ("smtp://u:p@ss/w#rd@h:587?starttls=true", "smtp://u:***@h:587?starttls=true"),
        ("smtp://u@h:25", "smtp://u@h:25"),
        ("smtp://h:25", "smtp://h:25"),
        ("maildir:outbox", "maildir:outbox"),
    ],
)
def test_redact_mail_url_hides_password(url, expected):
    assert redact_mail_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("maildir:outbox", MailTarget("maildir", path=Path("/i/outbox"))),
        ("maildir:/var/mail/meeting", MailTarget("maildir", path=Path("/var/mail/meeting"))),
        ("smtp://mail.un.test", MailTarget("smtp", host="mail.un.test", port=25)),
        ("SMTP://mail.un.test:587?starttls=true",
         MailTarget("smtp", host="mail.un.test", port=587, starttls=True)),
        ("smtps://mail.un.test", MailTarget("smtps", host="mail.un.test", port=465)),
        ("smtps://a%40b.test:p%3A%2F%40w@mail.un.test:2465",
         MailTarget("smtps", host="mail.un.test", port=2465, user="a@b.test", password="p:/@w")),
        ("smtp://user@[::1]:2525", MailTarget("smtp", host="::1", port=2525, user="user")),
    ],
)
def test_parse_mail_url_forms(url, expected):
    target = parse_mail_url(url, "/i")
    assert target == expected
    assert target.password == expected.password


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "MAIL_URL needs a scheme: maildir:PATH, smtp://HOST or smtps://HOST"),
        ("outbox", "MAIL_URL needs a scheme: maildir:PATH, smtp://HOST or smtps://HOST"),
        ("maildir:", "MAIL_URL maildir: needs a path, for example maildir:outbox"),
        ("lmtp://h", "MAIL_URL scheme 'lmtp' is not supported: use maildir:, smtp:// or smtps://"),
        ("smtp://u:s3cret@h:port", "MAIL_URL smtp://u:***@h:port is not a valid URL (is the port a number?)"),
        ("smtp://u:s3/cret@h", "MAIL_URL smtp://u:***@h is not a valid URL (is the port a number?)"),
        ("smtp://u:s3cret@", "MAIL_URL smtp://u:***@ is not smtp://[user[:password]@]host[:port]; "
                             "percent-encode / ? # @ : in the user name and password"),
        ("smtp:h", "MAIL_URL smtp:h is not smtp://[user[:password]@]host[:port]; "
                   "percent-encode / ? # @ : in the user name and password"),
        ("smtp://h?tls=true", "MAIL_URL takes one parameter, starttls=true|false, and only for smtp://"),
        ("smtp://h?starttls=maybe", "MAIL_URL takes one parameter, starttls=true|false, and only for smtp://"),
        ("smtps://h?starttls=true", "MAIL_URL takes one parameter, starttls=true|false, and only for smtp://"),
    ],
)
def test_parse_mail_url_refuses_with_message(url, message):
    with pytest.raises(ValueError) as caught:
        parse_mail_url(url, "/i")
    assert str(caught.value) == message
    assert "s3" not in str(caught.value)
