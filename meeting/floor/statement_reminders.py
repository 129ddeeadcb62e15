"""E-mailing the delegations whose written statement is missing: once per entry and deadline.

The reminder tables (meeting.reminders) hold one row per policy × session × person; a
delegation on a list is an entry with a contact address, not a person, so this is an
organizer's action of its own rather than a reminder policy. It keeps their rule: a message
is claimed before it is sent. The claim is a row (entry, deadline) inserted as `sending`; the
pair is unique, so of two clicks or two organizers only one wins it. It is then sent and
marked `sent` or `failed`. A failed one may be tried again; a sent one never is for the same
deadline (a moved deadline may be reminded of again); a row left in `sending` by a crash
is shown to the organizer, not sent again.

It is written in English: the organizer sends it from their own pages, and a delegation's
contact has no language on record (the acknowledgement of an inscription follows the
inscription page's language instead).
"""

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from meeting.extensions import db
from meeting.lib.emails import address_headers, in_language, message_id, public_url, set_subject
from meeting.lib.locales import DEFAULT_LANGUAGE
from meeting.lib.mail import MailError, MailSession
from meeting.models import SpeakerEntry, SpeakersList, StatementReminder, utcnow

from .acknowledge import due_words, letter_words
from .links import inscription_token
from .lists import running_order
from .statements import StatementError, owes_statement, statements_due


@dataclass
class ReminderReport:
    """What one press of the button did, entry by entry."""

    sent: list[SpeakerEntry] = field(default_factory=list)
    failed: list[tuple[SpeakerEntry, str]] = field(default_factory=list)
    already: list[SpeakerEntry] = field(default_factory=list)  # reminded of this deadline before
    no_address: list[SpeakerEntry] = field(default_factory=list)

    def summary(self) -> str:
        """'2 sent, 1 already reminded of this deadline, 1 without an address'."""
        parts = [f"{len(self.sent)} sent"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.already:
            parts.append(f"{len(self.already)} already reminded of this deadline")
        if self.no_address:
            parts.append(f"{len(self.no_address)} without an e-mail address")
        return ", ".join(parts)


def owing_entries(speakers: SpeakersList) -> list[SpeakerEntry]:
    """The entries still to speak that have sent no statement, in running order."""
    placed, _ = running_order(speakers)
    return [p.entry for p in placed if owes_statement(p.entry)]


def reminders_for(speakers: SpeakersList) -> dict[int, StatementReminder]:
    """The reminders of the list's current deadline, by entry id."""
    due = statements_due(speakers.session)
    ids = [e.id for e in speakers.entries]
    return {r.entry_id: r for r in db.session.scalars(select(StatementReminder).where(
        StatementReminder.entry_id.in_(ids), StatementReminder.due_at == due))} if ids else {}


def reminder_message(entry: SpeakerEntry) -> EmailMessage:
    """'[Statement due] S5 · List of speakers · Brazil', with the deadline and the link to upload."""
    speakers = entry.speakers_list
    session, organization = speakers.session, entry.organization
    due = statements_due(session)
    with in_language(DEFAULT_LANGUAGE):
        msg = EmailMessage()
        set_subject(msg, _("[Statement due] %(code)s · List of speakers · %(organization)s",
                           code=session.code, organization=organization.name))
        address_headers(msg, (entry.speaker_name, entry.contact_email), session.segment.contact)
        msg["Message-ID"] = message_id(f"statement-reminder-{entry.id}-{due:%Y%m%dT%H%M}")
        msg.set_content(render_template(
            "emails/statement_reminder.txt", entry=entry, session=session, segment=session.segment,
            due=due_words(session), overdue=utcnow() >= due,
            link=public_url("floor_public.page", token=inscription_token(speakers, organization)),
            **letter_words()))
    return msg


def _claim(entries: list[SpeakerEntry], due: datetime, by: str, now: datetime) -> set[int]:
    """Claim (entry, deadline) for each entry; returns the entry ids this call won."""
    if not entries:
        return set()
    table = StatementReminder.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    # One statement: a row someone else already holds for this deadline is left alone.
    inserted = dialect.insert(table).values([
        {"entry_id": e.id, "due_at": due, "status": "sending", "to_email": e.contact_email,
         "claimed_at": now, "sent_by": by} for e in entries
    ]).on_conflict_do_nothing(index_elements=["entry_id", "due_at"]).returning(table.c.entry_id)
    won = set(db.session.scalars(inserted))
    # A failed one was never sent: it may be claimed again, by one caller only.
    retried = update(table).where(
        table.c.entry_id.in_([e.id for e in entries if e.id not in won]), table.c.due_at == due,
        table.c.status == "failed").values(status="sending", claimed_at=now, sent_by=by)
    won |= set(db.session.scalars(retried.returning(table.c.entry_id)))
    db.session.commit()
    return won


def send_statement_reminders(speakers: SpeakersList, by: str, now: datetime | None = None) -> ReminderReport:
    """E-mail every delegation on the list that still owes its statement, once per deadline."""
    now = now or utcnow()
    session = speakers.session
    if now >= session.start:
        raise StatementError("reminders", _("%(code)s has started: a reminder of its statements would "
                                            "come too late", code=session.code))
    due = statements_due(session)
    report = ReminderReport()
    owing = owing_entries(speakers)
    report.no_address = [e for e in owing if not e.contact_email]
    addressed = [e for e in owing if e.contact_email]
    won = _claim(addressed, due, by, now)
    report.already = [e for e in addressed if e.id not in won]
    outcomes = []
    with MailSession() as mail:
        for entry in (e for e in addressed if e.id in won):
            try:
                mail.send(reminder_message(entry))
            except MailError as exc:
                report.failed.append((entry, exc.message))
                outcomes.append({"row_entry": entry.id, "new_status": "failed", "new_sent_at": None,
                                 "new_error": exc.message, "new_to": entry.contact_email})
                continue
            report.sent.append(entry)
            outcomes.append({"row_entry": entry.id, "new_status": "sent", "new_sent_at": now,
                             "new_error": None, "new_to": entry.contact_email})
    if outcomes:
        table = StatementReminder.__table__
        db.session.execute(
            update(table).where(table.c.entry_id == bindparam("row_entry"), table.c.due_at == due,
                                table.c.status == "sending")
            .values(status=bindparam("new_status"), sent_at=bindparam("new_sent_at"),
                    last_error=bindparam("new_error"), to_email=bindparam("new_to")), outcomes)
    db.session.commit()
    return report
