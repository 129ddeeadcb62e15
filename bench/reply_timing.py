"""Time reading calendar replies from the Maildir inbox: N accepted replies, then an idle poll.

    .venv/bin/python bench/reply_timing.py
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/reply_timing.py

For N = 100 and 1,000 (`BENCH_SIZES` to change) people invited to one session each: the
poll that applies N replies (each is parsed, matched by UID, applied and committed on its
own), and a poll of the empty inbox (what every dispatcher interval costs when nothing came).
"""

import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from import_timing import fresh_app  # noqa: E402

from meeting.extensions import db  # noqa: E402
from meeting.formats.ical import invite_uid  # noqa: E402
from meeting.invitations.replies import poll_inbox  # noqa: E402
from meeting.models import Invitation, Organization, Participation, Person, Segment, Session  # noqa: E402
from tests.invitations.reply_setup import reply_ics, reply_message  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000").split(",")]
START = datetime(2030, 7, 6, 13, tzinfo=timezone.utc)


def setup(n: int) -> list[tuple[str, str]]:
    segment = Segment(slug="bench", title="Bench", timezone="America/New_York",
                      start_date=date(2030, 7, 6), end_date=date(2030, 7, 7))
    org = Organization(key="org", name="Org", kind="fund-programme")
    pairs = []
    for i in range(n):
        session = Session(segment=segment, code=f"S{i}", title=f"Session {i}", kind="thematic",
                          start=START + timedelta(minutes=i), duration_minutes=60, status="confirmed",
                          revision=0)
        person = Person(key=f"p{i}", name=f"Person {i}", email=f"p{i}@example.org", timezone="UTC",
                        languages=["en"], organization=org)
        db.session.add(Participation(session=session, person=person, role="panelist", status="invited"))
        pairs.append((session, person))
    db.session.add(segment)
    db.session.flush()
    answers = []
    for session, person in pairs:
        uid = invite_uid(session, person)
        db.session.add(Invitation(session_id=session.id, person_id=person.id, uid=uid, method="REQUEST",
                                  sequence=0, revision=0, message_id=f"<{uid}>"))
        answers.append((uid, person.email))
    db.session.commit()
    return answers


def main():
    for n in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            app = fresh_app(Path(tmp))
            with app.app_context():
                answers = setup(n)
                new = Path(app.instance_path) / "inbox" / "new"
                new.mkdir(parents=True)
                for i, (uid, email) in enumerate(answers):
                    data = reply_message(reply_ics(uid=uid, attendee=email), message_id=f"<r{i}@bench>",
                                         sender=email)
                    (new / f"{i:06d}.M1P1Q1.bench").write_bytes(data)
                start = time.perf_counter()
                report = poll_inbox()
                applied = time.perf_counter() - start
                start = time.perf_counter()
                poll_inbox()
                idle = time.perf_counter() - start
                print(f"{db.engine.dialect.name} N={n}: {report.summary()} in {applied:.2f} s "
                      f"({applied / n * 1000:.1f} ms per reply); idle poll {idle * 1000:.1f} ms")


if __name__ == "__main__":
    main()
