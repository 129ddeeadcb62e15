"""The directory CSV import's backup_phone column: read, checked per line, left alone when absent."""

import pytest
from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Person
from meeting.people.csv_import import apply, preview
from tests.conftest import DEFAULT_PROGRAMME

HEADER = b"key,name,timezone,backup_phone\r\n"


def backup_phone(key: str) -> str | None:
    db.session.expire_all()
    return db.session.scalar(select(Person.backup_phone).where(Person.key == key))


def test_csv_backup_phone_column_sets_and_clears(app):
    import_file(DEFAULT_PROGRAMME)
    raw = ("key,name,timezone,backup_phone\r\n"
           "dg-who,\"Director-General, WHO\",Europe/Zurich,+41 22 791 2111\r\n"
           "new-one,\"Chair, Commission for Social Development\",America/New_York,(212) 963-1234 x5\r\n")
    assert apply(raw.encode()) == 2
    assert (backup_phone("dg-who"), backup_phone("new-one")) == (
        "+41 22 791 2111", "(212) 963-1234 x5")
    assert apply(HEADER + b"dg-who,\"Director-General, WHO\",Europe/Zurich,\r\n") == 1
    assert backup_phone("dg-who") is None


def test_csv_without_backup_phone_column_leaves_the_phones_alone(app):
    import_file(DEFAULT_PROGRAMME)
    apply(HEADER + b"dg-who,\"Director-General, WHO\",Europe/Zurich,+41 22 791 2111\r\n")
    assert apply(b"key,name,timezone\r\ndg-who,\"Director-General, WHO\",Europe/Zurich\r\n") == 1
    assert backup_phone("dg-who") == "+41 22 791 2111"


def test_csv_bad_backup_phone_refused_on_its_line_nothing_written(app):
    import_file(DEFAULT_PROGRAMME)
    raw = ("key,name,timezone,backup_phone\r\n"
           "dg-who,\"Director-General, WHO\",Europe/Zurich,+41 22 791 2111\r\n"
           "dg-fao,\"Director-General, FAO\",Europe/Rome,WhatsApp\r\n").encode()
    result = preview(raw)
    assert [(r.line, r.errors) for r in result.rows] == [(2, []), (3, [
        "backup_phone: 'WhatsApp' is not a phone number (digits, spaces, + - ( ) . and x or ext. for "
        "an extension, e.g. +1 212 963 1234 ext. 5)"])]
    assert result.ok is False
    with pytest.raises(ValueError, match="^the file has problems; nothing was imported$"):
        apply(raw)
    assert backup_phone("dg-who") is None
