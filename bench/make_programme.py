"""Write a synthetic programme file of N sessions (about 3 participations each).

    .venv/bin/python bench/make_programme.py 1000 > /tmp/programme-1000.yaml
"""

import random
import sys
from datetime import date, datetime, timedelta

from meeting.exchange.yamlio import FlowList, dump_text

ZONES = ["America/New_York", "Europe/Rome", "Europe/Zurich", "Africa/Nairobi", "Asia/Bangkok",
         "America/Santiago", "Asia/Beirut", "Africa/Addis_Ababa", "Asia/Kolkata",
         "Australia/Adelaide", "Pacific/Fiji", "Europe/Paris"]
KINDS = ["high-level-panel", "thematic", "interactive-dialogue", "presentation"]
SESSIONS_PER_DAY = 16


def programme(n: int, seed: int = 2020) -> dict:
    """A programme of n sessions, deterministic for a given seed."""
    rng = random.Random(seed)
    n_people = max(10, n // 2)
    n_orgs = max(5, n_people // 4)
    days = (n + SESSIONS_PER_DAY - 1) // SESSIONS_PER_DAY
    first = date(2021, 1, 11)
    orgs = [{"key": f"org-{i}", "name": f"Organization {i}", "kind": "other"} for i in range(n_orgs)]
    people = [
        {"key": f"p-{i}", "name": f"Chair, Body {i}", "organization": f"org-{i % n_orgs}",
         "timezone": rng.choice(ZONES), "languages": FlowList(["en"])}
        for i in range(n_people)
    ]
    sessions = []
    for i in range(n):
        day = first + timedelta(days=i // SESSIONS_PER_DAY)
        slot = timedelta(hours=8, minutes=30 * (i % SESSIONS_PER_DAY))
        start = datetime.combine(day, datetime.min.time()) + slot
        keys = rng.sample(range(n_people), 3)
        sessions.append({
            "code": f"S{i + 1}",
            "title": f"Session {i + 1}",
            "kind": rng.choice(KINDS),
            "start": f"{start:%Y-%m-%d %H:%M}",
            "end": f"{start + timedelta(minutes=30):%H:%M}",
            "status": "confirmed",
            "tags": FlowList([f"sdg-{rng.randint(1, 17)}"]),
            "participants": [
                {"person": f"p-{keys[0]}", "role": "chair", "minutes": 5},
                {"person": f"p-{keys[1]}", "role": "panelist", "minutes": 10},
                {"person": f"p-{keys[2]}", "role": "lead-discussant", "minutes": 5},
            ],
        })
    return {
        "format": "meeting-programme/1",
        "segment": {"slug": f"bench-{n}", "title": f"Benchmark segment of {n} sessions",
                    "timezone": "America/New_York", "start_date": first.isoformat(),
                    "end_date": (first + timedelta(days=days - 1)).isoformat()},
        "organizations": orgs,
        "people": people,
        "sessions": sessions,
    }


if __name__ == "__main__":
    sys.stdout.write(dump_text(programme(int(sys.argv[1]))))
