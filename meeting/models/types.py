"""Column types shared by the models."""

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, ForeignKey, Index, Table
from sqlalchemy.types import TypeDecorator

from meeting.extensions import db


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as UTC; naive datetimes are refused, reads come back aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} refused: give it a time zone")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            # SQLite has no zone-aware type; store UTC wall time and re-attach UTC on read.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(timezone.utc)


def link_table(name: str, left: str, right: str) -> Table:
    """A many-to-many table <left>_id × <right>_id, both the key, rows going with either side.

    The key serves lookups from the left; an index of its own serves those from the right
    (a session's documents, the sessions with a tag).
    """
    return Table(name, db.Model.metadata, *(
        Column(f"{side}_id", ForeignKey(f"{side}.id", ondelete="CASCADE"), primary_key=True)
        for side in (left, right)), Index(f"ix_{name}_{right}_id", f"{right}_id"))
