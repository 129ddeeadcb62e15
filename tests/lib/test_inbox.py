"""INBOX_URL: what it may say, and that its password never shows."""

from pathlib import Path

import pytest

from meeting.lib.inbox import InboxTarget, parse_inbox_url, redact_inbox_url


def test_inbox_url_maildir_under_instance():
    assert parse_inbox_url("maildir:inbox", "/srv/instance") == InboxTarget(
        "maildir", path=Path("/srv/instance/inbox"))


def test_inbox_url_imaps_with_encoded_password_and_folder():
    target = parse_inbox_url("imaps://replies%40un.org:p%2Fw%40rd@imap.example.org/Calendar%20replies", "/x")
    assert (target.scheme, target.host, target.port, target.user, target.password, target.folder) == (
        "imaps", "imap.example.org", 993, "replies@un.org", "p/w@rd", "Calendar replies")
    assert "p/w@rd" not in repr(target)


def test_inbox_url_imap_default_folder_and_port():
    target = parse_inbox_url("imap://u:p@127.0.0.1", "/x")
    assert (target.port, target.folder) == (143, "INBOX")


@pytest.mark.parametrize(("url", "message"), [
    ("inbox", "INBOX_URL needs a scheme: maildir:PATH, imaps://USER:PASSWORD@HOST/INBOX"),
    ("pop3://u:secret@host", "INBOX_URL scheme 'pop3' is not supported: use maildir:, imaps:// or imap://"),
    ("imaps://host/INBOX", "INBOX_URL imaps://host/INBOX is not imaps://user:password@host[:port][/FOLDER]; "
                           "percent-encode / ? # @ : in the user name and password"),
    ("imaps://u:secret@host:port/INBOX", "INBOX_URL imaps://u:***@host:port/INBOX is not a valid URL "
                                         "(is the port a number?)"),
    ("maildir:", "INBOX_URL maildir: needs a path, for example maildir:inbox"),
])
def test_inbox_url_refused_with_message_without_password(url, message):
    with pytest.raises(ValueError) as caught:
        parse_inbox_url(url, "/x")
    assert str(caught.value) == message
    assert "secret" not in str(caught.value)


def test_inbox_url_redacted():
    assert redact_inbox_url("imaps://replies:s3cret@imap.example.org:993/INBOX") == (
        "imaps://replies:***@imap.example.org:993/INBOX")
