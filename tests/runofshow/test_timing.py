"""Run-of-show timing: soft and hard cues, gaps and overlaps, back-timing, totals, zones."""

from datetime import datetime, timedelta, timezone

from meeting.lib.timezones import to_zone
from meeting.runofshow.timing import CueInput, compute

UTC = timezone.utc
START = datetime(2020, 7, 6, 13, 30, tzinfo=UTC)  # 09:30 in New York


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def test_soft_cues_follow_each_other():
    timing = compute(START, 90, [CueInput(5), CueInput(8), CueInput(7)])
    assert [(c.start, c.end) for c in timing.cues] == [(at(0), at(5)), (at(5), at(13)), (at(13), at(20))]
    assert [c.offset for c in timing.cues] == [timedelta(0), timedelta(minutes=5), timedelta(minutes=13)]
    assert timing.problems == []


def test_hard_start_pins_cue_and_flags_gap():
    timing = compute(START, 90, [CueInput(5), CueInput(10, hard_start=at(15)), CueInput(5)])
    assert [c.start for c in timing.cues] == [at(0), at(15), at(25)]
    assert timing.problems == ["a gap of 10 minutes before cue 2's hard start"]


def test_hard_start_overlap_flagged():
    timing = compute(START, 90, [CueInput(20), CueInput(10, hard_start=at(15))])
    assert timing.cues[1].start == at(15)
    assert timing.problems == [
        "cue 2 must start at its hard start, but the cues before it run 5 minutes into it"]


def test_back_timing_latest_start_before_end_and_before_hard_start():
    cues = [CueInput(5), CueInput(10), CueInput(10, hard_start=at(40)), CueInput(15)]
    timing = compute(START, 60, cues)
    latest = [c.latest_start for c in timing.cues]
    # Cue 4 must start by 45 to end with the slot (60) but follows cue 3 at 50; cue 3 is
    # pinned at 40 and would have had to start by 35; cues 1-2 only need to finish by 40.
    assert latest == [at(25), at(30), at(35), at(45)]
    assert [c.slack.total_seconds() // 60 for c in timing.cues] == [25, 25, -5, -5]
    assert timing.problems == ["a gap of 25 minutes before cue 3's hard start",
                               "the plan runs 5 minutes over the slot"]


def test_total_against_slot_over_and_under():
    under = compute(START, 60, [CueInput(20), CueInput(25)])
    assert under.over_under == timedelta(minutes=-15)
    assert under.problems == []
    over = compute(START, 30, [CueInput(20), CueInput(25)])
    assert over.over_under == timedelta(minutes=15)
    assert over.problems == ["the plan runs 15 minutes over the slot"]


def test_no_cues_is_empty_plan():
    timing = compute(START, 30, [])
    assert (timing.cues, timing.planned, timing.over_under) == ([], timedelta(0), timedelta(minutes=-30))


def test_local_times_across_dst_change():
    # A session spanning the night Europe changes to summer time (29 March 2020, 01:00 UTC).
    start = datetime(2020, 3, 29, 0, 30, tzinfo=UTC)
    timing = compute(start, 60, [CueInput(40, zone="Europe/Zurich"), CueInput(20, zone="Europe/Zurich")])
    local = [to_zone(c.start, "Europe/Zurich").strftime("%H:%M %Z") for c in timing.cues]
    assert local == ["01:30 CET", "03:10 CEST"]
