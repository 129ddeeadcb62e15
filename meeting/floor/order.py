"""The order of a list of speakers: protocol precedence, then first come, first served.

Statements on behalf of groups come first, then national statements, then observers, then
the UN system; within each, Heads of State or Government before Vice-Presidents and Crown
Princes, Ministers, Vice-Ministers, Heads of delegation and others; then by the time of
inscription. An entry the secretariat placed by hand keeps its place (pinned_position)
whatever is inscribed later. Delegations not present when called go to the end, in the
order they were found absent; withdrawn entries leave the list. Pure: no database here.
"""

from dataclasses import dataclass

from meeting.models.floor import SPEAKER_LEVELS, STATEMENT_TYPES, SpeakerEntry

SPEAKING = ("inscribed", "confirmed", "spoke")


def precedence(entry: SpeakerEntry) -> tuple:
    """The sort key of an entry that nobody placed by hand."""
    return (STATEMENT_TYPES.index(entry.statement_type), SPEAKER_LEVELS.index(entry.level),
            entry.inscribed_at, entry.id or 0)


@dataclass(frozen=True)
class Placed:
    """An entry at its place on the list, and where precedence alone would have put it."""

    number: int
    entry: SpeakerEntry
    by_precedence: int

    @property
    def moved(self) -> bool:
        """True when the secretariat's hand put it somewhere else than precedence would."""
        return self.entry.pinned_position is not None and self.number != self.by_precedence


def order_entries(entries: list[SpeakerEntry]) -> tuple[list[Placed], list[SpeakerEntry]]:
    """The numbered running order (speaking, then not present) and the withdrawn entries."""
    speaking = [e for e in entries if e.status in SPEAKING]
    natural = sorted(speaking, key=precedence)
    rank = {id(e): n for n, e in enumerate(natural, start=1)}
    running = [e for e in natural if e.pinned_position is None]
    pinned = sorted((e for e in speaking if e.pinned_position is not None),
                    key=lambda e: (e.pinned_position, precedence(e)))
    for entry in pinned:
        running.insert(min(entry.pinned_position - 1, len(running)), entry)
    absent = sorted((e for e in entries if e.status == "not-present"),
                    key=lambda e: (e.absent_since, precedence(e)))
    placed = [Placed(n, e, rank.get(id(e), n)) for n, e in enumerate(running + absent, start=1)]
    withdrawn = sorted((e for e in entries if e.status == "withdrawn"), key=precedence)
    return placed, withdrawn
