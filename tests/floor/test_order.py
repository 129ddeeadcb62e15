"""The order of a list of speakers: precedence by statement type and level, then time; by hand."""

from datetime import datetime, timedelta, timezone

from meeting.floor.order import order_entries
from meeting.models import SpeakerEntry

T0 = datetime(2020, 7, 1, 14, 0, tzinfo=timezone.utc)

# (delegation, statement type, level, minutes after the list opened when it inscribed)
TWENTY_FIVE = [
    ("Brazil", "national", "minister", 1),
    ("Guyana", "group", "minister", 2),              # for the Group of 77 and China
    ("UNDP", "un-system", "head-of-delegation", 3),
    ("Japan", "national", "vice-minister", 4),
    ("Holy See", "observer", "head-of-delegation", 5),
    ("European Union", "group", "head-of-delegation", 6),
    ("Ghana", "national", "head-of-state", 7),
    ("Mexico", "national", "minister", 8),
    ("Belize", "group", "vice-minister", 9),          # for AOSIS
    ("Norway", "national", "head-of-delegation", 10),
    ("India", "national", "minister", 11),
    ("Palestine", "observer", "minister", 12),
    ("FAO", "un-system", "head-of-state", 13),       # level cannot lift the UN system above States
    ("Malawi", "group", "head-of-state", 14),         # for the least developed countries
    ("Chile", "national", "vice-president", 15),
    ("Kenya", "national", "other", 16),
    ("Germany", "national", "vice-minister", 17),
    ("UNICEF", "un-system", "other", 18),
    ("Nepal", "national", "head-of-delegation", 19),
    ("Fiji", "national", "head-of-state", 20),
    ("Egypt", "group", "minister", 21),               # for the African Group
    ("Sovereign Order of Malta", "observer", "other", 22),
    ("Peru", "national", "minister", 23),
    ("Jordan", "national", "vice-president", 24),
    ("WHO", "un-system", "head-of-delegation", 25),
]

BY_PRECEDENCE = [
    "Malawi", "Guyana", "Egypt", "Belize", "European Union",                  # groups
    "Ghana", "Fiji", "Chile", "Jordan", "Brazil", "Mexico", "India", "Peru",  # States
    "Japan", "Germany", "Norway", "Nepal", "Kenya",
    "Palestine", "Holy See", "Sovereign Order of Malta",                      # observers
    "FAO", "UNDP", "WHO", "UNICEF",                                           # UN system
]


def _entries() -> dict[str, SpeakerEntry]:
    entries = {}
    for n, (name, kind, level, minute) in enumerate(TWENTY_FIVE, start=1):
        entries[name] = SpeakerEntry(id=n, speaker_name=f"Speaker of {name}", statement_type=kind,
                                     level=level, inscribed_at=T0 + timedelta(minutes=minute),
                                     status="inscribed")
    return entries


def _names(placed) -> list[str]:
    by_id = {n: name for n, (name, *_rest) in enumerate(TWENTY_FIVE, start=1)}
    return [by_id[p.entry.id] for p in placed]


def test_order_of_twenty_five_follows_type_then_level_then_time():
    placed, withdrawn = order_entries(list(_entries().values()))
    assert _names(placed) == BY_PRECEDENCE
    assert [p.number for p in placed] == list(range(1, 26))
    assert [p.by_precedence for p in placed] == list(range(1, 26))
    assert withdrawn == []


def test_order_with_overrides_keeps_pins_moves_absent_to_the_end_drops_withdrawn():
    entries = _entries()
    entries["Kenya"].pinned_position = 2          # the secretariat moved Kenya up
    entries["UNDP"].pinned_position = 6
    entries["Ghana"].status = "not-present"       # called, not there: to the end
    entries["Ghana"].absent_since = T0 + timedelta(hours=2)
    entries["Brazil"].status = "not-present"      # found absent earlier than Ghana
    entries["Brazil"].absent_since = T0 + timedelta(hours=1)
    entries["Peru"].status = "withdrawn"
    entries["Chile"].status = "spoke"             # who spoke keeps their place
    placed, withdrawn = order_entries(list(entries.values()))
    assert _names(placed) == [
        "Malawi", "Kenya", "Guyana", "Egypt", "Belize", "UNDP", "European Union",
        "Fiji", "Chile", "Jordan", "Mexico", "India", "Japan", "Germany", "Norway", "Nepal",
        "Palestine", "Holy See", "Sovereign Order of Malta", "FAO", "WHO", "UNICEF",
        "Brazil", "Ghana",
    ]
    moved = {name: (p.number, p.by_precedence)
             for name, p in zip(_names(placed), placed, strict=True) if p.moved}
    assert moved == {"Kenya": (2, 15), "UNDP": (6, 20)}  # ranks among those still to speak
    assert [e.id for e in withdrawn] == [23]


def test_order_pin_past_the_end_goes_last_among_speakers():
    entries = _entries()
    entries["Malawi"].pinned_position = 99
    placed, _ = order_entries(list(entries.values()))
    assert _names(placed)[-1] == "Malawi"
    assert _names(placed)[0] == "Guyana"
