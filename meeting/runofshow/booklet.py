"""The day booklet's cover: every session and tech check of one HQ day at a glance."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext

from meeting.lib.locales import N_
from meeting.lib.timezones import to_zone, zone_abbreviation
from meeting.models import Segment, Session
from meeting.programme.queries import sessions_starting_on
from meeting.programme.roles import LEADING_ROLES, role_label


@dataclass
class DayRow:
    """One line of the cover: a session or a tech check, its times, who leads it."""

    session: Session
    start_hq: datetime
    end_hq: datetime
    zone_label: str
    leads: list[str]

    @property
    def is_tech_check(self) -> bool:
        """Tech checks are listed with the sessions they prepare, marked."""
        return self.session.kind == "tech-check"


def day_at_a_glance(segment: Segment, day: date) -> list[DayRow]:
    """Sessions and tech checks starting on `day` in HQ time, cancelled ones left out, in time order."""
    zone = segment.timezone
    rows = []
    for s in sessions_starting_on(segment, day):
        if s.status == "cancelled":
            continue
        start = to_zone(s.start, zone)
        rows.append(DayRow(s, start, to_zone(s.end, zone), zone_abbreviation(s.start, zone),
                           session_leads(s)))
    return rows


# The leading roles' labels, for the sheets' headers in the reader's language.
LEAD_LABELS = {"chair": N_("Chair"), "moderator": N_("Moderator")}


def session_leads(session: Session) -> list[str]:
    """'Chair: …', 'Moderator: …' for who runs the session (not those who declined)."""
    return [gettext("%(role)s: %(name)s", role=gettext(LEAD_LABELS.get(p.role) or role_label(p.role)),
                    name=p.person.with_organization)
            for p in sorted(session.participations, key=lambda p: (p.position, p.id))
            if p.role in LEADING_ROLES and p.status != "declined"]
