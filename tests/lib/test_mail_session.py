"""MailSession: one connection for many messages, reopened once when it drops."""

import io
import smtplib
import socket
from email import message_from_bytes, policy
from email.generator import BytesGenerator
from email.message import EmailMessage
from pathlib import Path

import pytest

from meeting.lib import smtp
from meeting.lib.emails import text_email_with_calendar
from meeting.lib.mail import MailError, MailSession


def _message(n: int, to="Ana Lima <ana@example.org>") -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"Reminder {n}"
    message["To"] = to
    message["Message-ID"] = f"<m{n}@meeting.test>"
    message.set_content("See you on Monday.\n")
    return message


def _ids(smtp_server) -> list[str]:
    return [message_from_bytes(m.content, policy=policy.default)["Message-ID"] for m in smtp_server.messages]


def test_mail_session_three_messages_one_connection(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    with MailSession() as mail:
        for n in range(3):
            mail.send(_message(n))
    assert mail.connections == 1
    assert _ids(smtp_server) == ["<m0@meeting.test>", "<m1@meeting.test>", "<m2@meeting.test>"]
    assert len({m.peer for m in smtp_server.messages}) == 1


def test_mail_session_connection_closed_by_server_reopened_message_retried_once(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    with MailSession() as mail:
        mail.send(_message(0))
        # 421: the server is closing the connection; smtplib hangs up on its side too.
        smtp_server.reply_next("421 4.3.2 service shutting down", "DATA")
        mail.send(_message(1))
        mail.send(_message(2))
    assert mail.connections == 2
    assert _ids(smtp_server) == ["<m0@meeting.test>", "<m1@meeting.test>", "<m2@meeting.test>"]
    first, second, third = (m.peer for m in smtp_server.messages)
    assert first != second == third


def test_mail_session_drop_on_fresh_connection_not_retried(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("421 4.3.2 service shutting down", "DATA")
    with MailSession() as mail, pytest.raises(MailError) as caught:
        mail.send(_message(0))
    assert caught.value.temporary is True
    assert caught.value.message == f"{smtp_server.url} refused the message: 421 4.3.2 service shutting down"
    assert smtp_server.messages == []


def test_mail_session_refused_recipient_does_not_end_session(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    with MailSession() as mail:
        mail.send(_message(0))
        smtp_server.reply_next("550 5.1.1 mailbox unavailable")
        with pytest.raises(MailError) as caught:
            mail.send(_message(1, to="gone@example.org"))
        mail.send(_message(2))
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 550)
    assert mail.connections == 1
    assert _ids(smtp_server) == ["<m0@meeting.test>", "<m2@meeting.test>"]


def test_mail_session_unreachable_server_tried_once_per_session(app):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{port}"
    errors = []
    with MailSession() as mail:
        for n in range(3):
            with pytest.raises(MailError) as caught:
                mail.send(_message(n))
            errors.append(caught.value)
    assert mail.connections == 0
    assert errors[0] is errors[1] is errors[2]  # the first failure, not two more time-outs
    assert errors[0].temporary is True
    assert errors[0].message == f"could not reach smtp://127.0.0.1:{port}: Connection refused"


def test_mail_session_maildir_same_interface(app):
    with MailSession() as mail:
        mail.send(_message(0))
        mail.send(_message(1))
    assert mail.connections == 0
    assert len(list((Path(app.instance_path) / "outbox" / "new").iterdir())) == 2


def test_text_email_with_calendar_parses_back(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    message = text_email_with_calendar("Secretariat <s@example.org>", "Zoë Ñúñez", "zoe@example.org",
                                       "Demain : séance", "Chère Zoë,\nà demain.\n", "<r1@example.org>",
                                       ics, "session.ics")
    with MailSession() as mail:
        mail.send(message)
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["zoe@example.org"]
    parsed = message_from_bytes(received.content, policy=policy.default)
    assert parsed["Subject"] == "Demain : séance"
    assert parsed["To"] == "Zoë Ñúñez <zoe@example.org>"
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    assert text.replace("\r\n", "\n") == "Chère Zoë,\nà demain.\n"  # CRLF on the wire
    [calendar] = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert (calendar.get_filename(), calendar.get_param("method")) == ("session.ics", "PUBLISH")
    assert calendar.get_payload(decode=True) == ics


def _count_writes(monkeypatch) -> list[str]:
    """Record each write smtplib makes (a command line, commands together, or a message)."""
    writes = []
    send = smtplib.SMTP.send

    def counted(self, data):
        writes.append(data if isinstance(data, str) else "<message>")
        return send(self, data)

    monkeypatch.setattr(smtplib.SMTP, "send", counted)
    return writes


def test_mail_session_pipelining_two_writes_per_message(app, smtp_server, monkeypatch):
    app.config["MAIL_URL"] = smtp_server.url
    writes = _count_writes(monkeypatch)
    with MailSession() as mail:
        for n in range(2):
            mail.send(_message(n, to="Ana Lima <ana@example.org>, chair@example.org"))
    envelope = ("mail FROM:<meeting@localhost> size={}\r\nrcpt TO:<ana@example.org>\r\n"
                "rcpt TO:<chair@example.org>\r\ndata\r\n")
    first, second = (len(m.content) for m in smtp_server.messages)  # SIZE: the message as sent
    assert writes[0].startswith("ehlo ")
    assert writes[1:] == [envelope.format(first), "<message>", envelope.format(second), "<message>",
                          "quit\r\n"]
    assert _ids(smtp_server) == ["<m0@meeting.test>", "<m1@meeting.test>"]
    assert [m.rcpt_tos for m in smtp_server.messages] == [["ana@example.org", "chair@example.org"]] * 2


def test_mail_session_without_pipelining_one_command_at_a_time(app, smtp_server, monkeypatch):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.offer_pipelining(False)
    writes = _count_writes(monkeypatch)
    with MailSession() as mail:
        mail.send(_message(0))
    assert [w.split(":")[0] for w in writes[1:]] == ["mail FROM", "rcpt TO", "data\r\n", "<message>",
                                                     "quit\r\n"]
    assert _ids(smtp_server) == ["<m0@meeting.test>"]


def test_mail_session_pipelined_sender_refused_next_message_same_connection(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("451 4.7.1 sender greylisted", "MAIL")
    with MailSession() as mail:
        with pytest.raises(MailError) as caught:
            mail.send(_message(0))
        mail.send(_message(1))
    assert (caught.value.temporary, caught.value.smtp_code) == (True, 451)
    assert caught.value.message == (f"{smtp_server.url} refused the sender: 451 4.7.1 sender greylisted")
    assert mail.connections == 1
    assert _ids(smtp_server) == ["<m1@meeting.test>"]


def test_mail_session_pipelined_all_recipients_refused_next_message_same_connection(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("550 5.1.1 no such user")
    smtp_server.reply_next("550 5.1.1 no such user")
    with MailSession() as mail:
        with pytest.raises(MailError) as caught:
            mail.send(_message(0, to="gone@example.org, left@example.org"))
        mail.send(_message(1))
    assert caught.value.message == (f"{smtp_server.url} refused gone@example.org: 550 5.1.1 no such user; "
                                    "left@example.org: 550 5.1.1 no such user")
    assert mail.connections == 1
    assert _ids(smtp_server) == ["<m1@meeting.test>"]
    assert smtp_server.messages[0].rcpt_tos == ["ana@example.org"]


def test_mail_session_pipelined_message_refused_next_message_same_connection(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    smtp_server.reply_next("554 5.6.0 message refused", "DATA")
    with MailSession() as mail:
        with pytest.raises(MailError) as caught:
            mail.send(_message(0))
        mail.send(_message(1))
    assert (caught.value.temporary, caught.value.smtp_code) == (False, 554)
    assert mail.connections == 1
    assert _ids(smtp_server) == ["<m1@meeting.test>"]


def test_mail_session_pipelined_leading_dots_stuffed(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    message = _message(0)
    message.set_content(".\n.. two dots\nend\n")
    with MailSession() as mail:
        mail.send(message)
    parsed = message_from_bytes(smtp_server.messages[0].content, policy=policy.default)
    assert parsed.get_content().replace("\r\n", "\n") == ".\n.. two dots\nend\n"


def test_flatten_equals_smtplib_bytes_headers_remembered(app):
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    messages = [text_email_with_calendar(
        "Secretariat of the Economic and Social Council <ecosoc@example.org>", name, f"p{n}@example.org",
        subject, "Chère Zoë,\n.à demain.\n", f"<r{n}@example.org>", ics, "session.ics",
        reply_to=("Ms. Amina Mohammed, Secretariat", "amina@example.org"))
        for n, (name, subject) in enumerate([("Zoë Ñúñez", "Demain : séance " * 8),
                                             ("Panelist, Food and Agriculture Organization", "Tomorrow"),
                                             ("李四", "明天")] * 2)]
    messages.append(_message(9))  # EmailMessage: its own policy, nothing remembered
    smtp._FOLDED.clear()
    for message in messages:
        expected = io.BytesIO()
        BytesGenerator(expected).flatten(message, linesep="\r\n")  # what smtplib.send_message sends
        assert smtp.flatten(message) == expected.getvalue()
    # Plain short headers are written as they are; the others are remembered (BytesGenerator: 8bit).
    assert ("MIME-Version", "1.0", "\r\n", 78, "8bit") not in smtp._FOLDED
    assert ("Subject", "明天", "\r\n", 78, "8bit") in smtp._FOLDED


def test_mail_session_meanwhile_called_once_while_server_takes_message(app, smtp_server):
    app.config["MAIL_URL"] = smtp_server.url
    calls = []
    with MailSession() as mail:
        for n in range(3):
            mail.send(_message(n), meanwhile=lambda n=n: calls.append(n))
    assert calls == [0, 1, 2]
    smtp_server.offer_pipelining(False)
    with MailSession() as mail:
        mail.send(_message(3), meanwhile=lambda: calls.append(3))
    assert calls == [0, 1, 2]  # smtplib sends it whole: no moment to overlap
    assert _ids(smtp_server) == [f"<m{n}@meeting.test>" for n in range(4)]
