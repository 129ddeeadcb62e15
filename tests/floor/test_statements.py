"""Written statements: kept, replaced, refused by content, delivered; deadlines; reminders once."""

import io
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.floor.lists import inscribe, open_list, save_list, set_status
from meeting.floor.statement_reminders import _claim, owing_entries, send_statement_reminders
from meeting.floor.statements import (
    StatementError,
    due_label,
    overdue,
    save_statement,
    set_delivered,
    statements_due,
)
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Organization, Session, Statement, StatementReminder, utcnow
from tests.conftest import load_published
from tests.lib.test_uploads import EXE, docx_bytes, pdf_bytes, stored_files, xlsx_bytes
from tests.smtp_server import smtp_server  # noqa: F401

FUTURE = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)


def org(key: str) -> Organization:
    return db.session.scalar(select(Organization).where(Organization.key == key))


@pytest.fixture
def s5(app):
    """S5 of the default programme with Brazil (contact given) and India (none) on its list."""
    segment = load_published()
    session = db.session.scalar(select(Session).where(Session.code == "S5"))
    segment.contact_name, segment.contact_email = "Integration Segment secretariat", "ecosoc-is@un.org"
    speakers = open_list(session)
    inscribe(speakers, org("brazil"), speaker_name="H.E. Mr. Carlos França", level="minister",
             statement_type="national", by="inscription link", contact_email="delbrasonu@example.org")
    inscribe(speakers, org("india"), speaker_name="H.E. Vice-Minister", level="vice-minister",
             statement_type="national")
    save_list(speakers)
    return session


def entry_of(session, key):
    return next(e for e in open_list(session).entries if e.organization.key == key)


def pdf(name="statement.pdf"):
    return (io.BytesIO(pdf_bytes("Statement of Brazil")), name)


def test_statement_saved_then_replaced_keeps_only_the_new_file(s5):
    brazil = entry_of(s5, "brazil")
    assert save_statement(brazil, pdf(), "https://webtv.un.org/brazil", "inscription link") is False
    first = brazil.statement.file_name
    assert stored_files() == [first]
    assert (brazil.statement.file_original, brazil.statement.video_url, brazil.statement.received_from) == (
        "statement.pdf", "https://webtv.un.org/brazil", "inscription link")
    replaced = save_statement(brazil, (io.BytesIO(docx_bytes()), "Brazil final.docx"), "", "officer@un.org")
    assert replaced is True
    assert stored_files() == [brazil.statement.file_name] != [first]
    assert (brazil.statement.file_original, brazil.statement.video_url, brazil.statement.file_size) == (
        "Brazil final.docx", None, len(docx_bytes()))
    assert db.session.scalar(select(func.count(Statement.id))) == 1


def test_statement_video_link_alone_changes_without_a_new_file(s5):
    brazil = entry_of(s5, "brazil")
    save_statement(brazil, pdf(), None, "officer@un.org")
    name = brazil.statement.file_name
    assert save_statement(brazil, None, "http://example.org/video", "officer@un.org") is True
    assert (brazil.statement.file_name, brazil.statement.video_url) == (name, "http://example.org/video")
    assert stored_files() == [name]


@pytest.mark.parametrize(("upload", "video", "message"), [
    ((EXE, "statement.pdf"), "",
     "file: statement.pdf is named .pdf but its content is not a PDF file (it looks like EXE); "
     "upload a PDF or DOCX file whose extension matches it"),
    ((xlsx_bytes(), "figures.xlsx"), "", "file: figures.xlsx is a .xlsx file; upload a PDF or DOCX file"),
    ((docx_bytes(), "statement.pdf"), "",
     "file: statement.pdf is named .pdf but its content is not a PDF file (it looks like DOCX); "
     "upload a PDF or DOCX file whose extension matches it"),
    (None, "", "file: choose the statement file to upload (PDF or DOCX)"),
    ((pdf_bytes(), "statement.pdf"), "ftp://example.org/video.mp4",
     "video_url: 'ftp://example.org/video.mp4' is not an http:// or https:// address"),
    ((pdf_bytes(), "statement.pdf"), "javascript:alert(1)",
     "video_url: 'javascript:alert(1)' is not an http:// or https:// address"),
])
def test_statement_bad_input_names_the_field_and_keeps_nothing(s5, upload, video, message):
    brazil = entry_of(s5, "brazil")
    with pytest.raises(StatementError) as refused:
        save_statement(brazil, (io.BytesIO(upload[0]), upload[1]) if upload else None, video,
                       "officer@un.org")
    assert str(refused.value) == message
    db.session.rollback()
    assert db.session.scalar(select(func.count(Statement.id))) == 0
    assert stored_files() == []


def test_statement_over_the_size_limit_is_refused(app, s5):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    with pytest.raises(StatementError) as refused:
        save_statement(entry_of(s5, "brazil"), pdf(), "", "officer@un.org")
    assert str(refused.value) == "file: statement.pdf is larger than the limit of 1,000 bytes"
    assert stored_files() == []


def test_statement_published_once_delivered_or_spoken(s5):
    brazil, india = entry_of(s5, "brazil"), entry_of(s5, "india")
    save_statement(brazil, pdf(), "", "officer@un.org")
    save_statement(india, pdf("india.pdf"), "", "officer@un.org")
    assert (brazil.statement_published, india.statement_published) == (False, False)
    set_delivered(brazil, True, "officer@un.org", now=datetime(2020, 7, 6, 20, 0, tzinfo=timezone.utc))
    set_status(india, "spoke", "officer@un.org")
    save_list(india.speakers_list)
    assert (brazil.statement_published, india.statement_published) == (True, True)
    assert brazil.statement.delivered_at == datetime(2020, 7, 6, 20, 0, tzinfo=timezone.utc)
    set_delivered(brazil, False, "officer@un.org")
    assert (brazil.statement_published, brazil.statement.delivered_at) == (False, None)


def test_statement_delivered_without_one_is_refused(s5):
    with pytest.raises(StatementError) as refused:
        set_delivered(entry_of(s5, "india"), True, "officer@un.org")
    assert str(refused.value) == "statement: India has sent no statement yet"


def test_statements_due_hours_before_the_session_in_hq_time(s5):
    assert statements_due(s5) == datetime(2020, 7, 5, 19, 45, tzinfo=timezone.utc)
    assert due_label(s5) == "15:45 EDT on Sunday 5 July 2020"
    s5.segment.statements_due_hours = 48
    assert due_label(s5) == "15:45 EDT on Saturday 4 July 2020"
    brazil = entry_of(s5, "brazil")
    assert overdue(brazil, datetime(2020, 7, 4, 19, 44, tzinfo=timezone.utc)) is False
    assert overdue(brazil, datetime(2020, 7, 4, 19, 45, tzinfo=timezone.utc)) is True
    save_statement(brazil, pdf(), "", "officer@un.org")
    assert overdue(brazil, datetime(2020, 7, 6, tzinfo=timezone.utc)) is False


def test_statement_reminders_go_once_per_deadline_to_those_missing(app, s5):
    s5.start = FUTURE
    db.session.commit()
    report = send_statement_reminders(open_list(s5), "officer@un.org")
    assert ([e.organization.key for e in report.sent], [e.organization.key for e in report.no_address]) == (
        ["brazil"], ["india"])
    [sent] = outbox_messages()
    message = outbox_message(sent.key)
    assert message["Subject"] == "[Statement due] S5 · List of speakers · Brazil"
    assert (message["To"], message["Reply-To"]) == (
        "\"H.E. Mr. Carlos França\" <delbrasonu@example.org>",
        "Integration Segment secretariat <ecosoc-is@un.org>")
    body = message.get_content()
    assert f"is due by {due_label(s5)}, and the secretariat has not received it yet" in body
    assert "http://127.0.0.1:5000/inscribe/" in body
    again = send_statement_reminders(open_list(s5), "other@un.org")
    assert ([e.organization.key for e in again.already], again.sent) == (["brazil"], [])
    assert len(outbox_messages()) == 1
    row = db.session.scalar(select(StatementReminder))
    assert (row.status, row.to_email, row.sent_by, row.due_at) == (
        "sent", "delbrasonu@example.org", "officer@un.org", statements_due(s5))


def test_statement_reminders_a_moved_deadline_is_reminded_again(app, s5):
    s5.start = FUTURE
    db.session.commit()
    send_statement_reminders(open_list(s5), "officer@un.org")
    s5.segment.statements_due_hours = 12
    db.session.commit()
    assert [e.organization.key for e in send_statement_reminders(open_list(s5), "officer@un.org").sent] == [
        "brazil"]
    assert len(outbox_messages()) == 2


def test_statement_reminders_none_for_those_who_sent_theirs(app, s5):
    s5.start = FUTURE
    db.session.commit()
    save_statement(entry_of(s5, "brazil"), pdf(), "", "inscription link")
    assert owing_entries(open_list(s5)) == [entry_of(s5, "india")]
    report = send_statement_reminders(open_list(s5), "officer@un.org")
    assert (report.sent, report.summary()) == ([], "0 sent, 1 without an e-mail address")


def test_statement_reminders_refused_once_the_session_started(s5):
    with pytest.raises(StatementError) as refused:
        send_statement_reminders(open_list(s5), "officer@un.org")
    assert str(refused.value) == ("reminders: S5 has started: a reminder of its statements would "
                                  "come too late")
    assert db.session.scalar(select(func.count(StatementReminder.id))) == 0


def test_statement_reminder_claim_is_won_once(s5):
    brazil = entry_of(s5, "brazil")
    due = statements_due(s5)
    assert _claim([brazil], due, "one@un.org", utcnow()) == {brazil.id}
    assert _claim([brazil], due, "two@un.org", utcnow()) == set()
    assert db.session.scalar(select(StatementReminder.sent_by)) == "one@un.org"


def test_statement_reminder_refused_by_the_server_fails_and_may_be_sent_again(app, s5, smtp_server):  # noqa: F811
    app.config["MAIL_URL"] = smtp_server.url
    s5.start = FUTURE
    db.session.commit()
    smtp_server.reply_next("550 5.1.1 mailbox unavailable")
    report = send_statement_reminders(open_list(s5), "officer@un.org")
    [(entry, error)] = report.failed
    assert entry.organization.key == "brazil" and "550" in error
    assert db.session.scalar(select(StatementReminder.status)) == "failed"
    assert smtp_server.messages == []
    retry = send_statement_reminders(open_list(s5), "officer@un.org")
    assert [e.organization.key for e in retry.sent] == ["brazil"]
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["delbrasonu@example.org"]
    assert b"Subject: [Statement due] S5" in received.content
