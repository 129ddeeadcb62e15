"""Time zones: conversions, DST gaps and overlaps, zone names, civil hours."""

from datetime import datetime, time, timezone
from types import SimpleNamespace

import pytest

from meeting.lib.timezones import (
    LocalTimeError,
    TimezoneError,
    civil_hours,
    get_zone,
    parse_local,
    to_utc,
    to_zone,
    zone_abbreviation,
)

UTC = timezone.utc


def wall(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("zone", "local", "expected_utc"),
    [
        ("America/New_York", "2020-07-06 09:00", datetime(2020, 7, 6, 13, 0, tzinfo=UTC)),
        ("America/New_York", "2020-03-08 03:00", datetime(2020, 3, 8, 7, 0, tzinfo=UTC)),
        ("America/New_York", "2020-11-01 00:59", datetime(2020, 11, 1, 4, 59, tzinfo=UTC)),
        ("America/New_York", "2020-11-01 02:00", datetime(2020, 11, 1, 7, 0, tzinfo=UTC)),
        ("Europe/Zurich", "2020-10-25 03:00", datetime(2020, 10, 25, 2, 0, tzinfo=UTC)),
        ("America/Santiago", "2020-04-05 00:30", datetime(2020, 4, 5, 4, 30, tzinfo=UTC)),
        ("America/Santiago", "2020-09-06 01:00", datetime(2020, 9, 6, 4, 0, tzinfo=UTC)),
        ("Australia/Adelaide", "2020-10-04 03:00", datetime(2020, 10, 3, 16, 30, tzinfo=UTC)),
        ("Australia/Lord_Howe", "2020-10-04 02:30", datetime(2020, 10, 3, 15, 30, tzinfo=UTC)),
        ("Asia/Kolkata", "2020-07-06 09:00", datetime(2020, 7, 6, 3, 30, tzinfo=UTC)),
    ],
)
def test_to_utc_unambiguous_local_time_converts(zone, local, expected_utc):
    assert to_utc(wall(local), zone) == expected_utc


@pytest.mark.parametrize(
    ("zone", "local"),
    [
        ("America/New_York", "2020-03-08 02:30"),
        ("Europe/Zurich", "2020-03-29 02:30"),
        ("America/Santiago", "2020-09-06 00:30"),
        ("Australia/Adelaide", "2020-10-04 02:30"),
        ("Australia/Lord_Howe", "2020-10-04 02:15"),
    ],
)
def test_to_utc_spring_forward_gap_refused(zone, local):
    with pytest.raises(LocalTimeError) as info:
        to_utc(wall(local), zone)
    assert str(info.value) == (
        f"{local} does not exist in {zone}: the clocks skip it when daylight saving time starts"
    )


@pytest.mark.parametrize(
    ("zone", "local", "offsets"),
    [
        ("America/New_York", "2020-11-01 01:30", "UTC-04:00 and UTC-05:00"),
        ("Europe/Zurich", "2020-10-25 02:30", "UTC+02:00 and UTC+01:00"),
        ("America/Santiago", "2020-04-04 23:30", "UTC-03:00 and UTC-04:00"),
        ("Australia/Adelaide", "2020-04-05 02:30", "UTC+10:30 and UTC+09:30"),
        ("Australia/Lord_Howe", "2020-04-05 01:45", "UTC+11:00 and UTC+10:30"),
    ],
)
def test_to_utc_fall_back_overlap_refused(zone, local, offsets):
    with pytest.raises(LocalTimeError) as info:
        to_utc(wall(local), zone)
    assert str(info.value) == (
        f"{local} happens twice in {zone} when daylight saving time ends ({offsets}); "
        "choose another time"
    )


def test_to_utc_aware_input_refused():
    with pytest.raises(ValueError):
        to_utc(datetime(2020, 7, 6, 9, 0, tzinfo=UTC), "America/New_York")


def test_to_zone_same_instant_in_three_zones():
    instant = datetime(2020, 7, 6, 13, 0, tzinfo=UTC)
    assert to_zone(instant, "America/New_York").strftime("%Y-%m-%d %H:%M") == "2020-07-06 09:00"
    assert to_zone(instant, "Asia/Bangkok").strftime("%Y-%m-%d %H:%M") == "2020-07-06 20:00"
    assert to_zone(instant, "Pacific/Fiji").strftime("%Y-%m-%d %H:%M") == "2020-07-07 01:00"


def test_parse_local_bad_text_names_it():
    with pytest.raises(ValueError) as info:
        parse_local("2020-07-09 25:00", "America/New_York")
    assert str(info.value) == "'2020-07-09 25:00' is not a time (expected YYYY-MM-DD HH:MM)"


def test_get_zone_geneva_refused_with_hint():
    with pytest.raises(TimezoneError) as info:
        get_zone("Europe/Geneva")
    assert str(info.value) == (
        "unknown time zone 'Europe/Geneva': did you mean 'Europe/Zurich'? "
        "(Geneva is in Europe/Zurich)"
    )


def test_get_zone_typo_suggests_closest():
    with pytest.raises(TimezoneError) as info:
        get_zone("Africa/Nairobii")
    assert str(info.value) == "unknown time zone 'Africa/Nairobii': did you mean 'Africa/Nairobi'?"


@pytest.mark.parametrize("name", ["", "../etc/passwd", "/etc/localtime", " Europe/Rome"])
def test_get_zone_unsafe_or_empty_name_refused(name):
    with pytest.raises(TimezoneError):
        get_zone(name)


def test_zone_abbreviation_uses_offset_when_zone_has_no_letters():
    instant = datetime(2020, 7, 6, 13, 0, tzinfo=UTC)
    assert zone_abbreviation(instant, "America/New_York") == "EDT"
    assert zone_abbreviation(instant, "America/Santiago") == "UTC-04:00"


def person_in(zone: str):
    return SimpleNamespace(timezone=zone)


def test_civil_hours_bangkok_night_is_outside():
    # 15:00–16:00 in New York is 02:00–03:00 the next day in Bangkok.
    start = datetime(2020, 7, 6, 19, 0, tzinfo=UTC)
    end = datetime(2020, 7, 6, 20, 0, tzinfo=UTC)
    result = civil_hours(person_in("Asia/Bangkok"), start, end)
    assert result.outside is True
    assert result.local_start.strftime("%Y-%m-%d %H:%M") == "2020-07-07 02:00"
    assert result.local_end.strftime("%H:%M") == "03:00"


def test_civil_hours_rome_afternoon_is_within():
    start = datetime(2020, 7, 6, 13, 0, tzinfo=UTC)
    end = datetime(2020, 7, 6, 14, 30, tzinfo=UTC)
    result = civil_hours(person_in("Europe/Rome"), start, end)
    assert result.within is True
    assert result.local_start.strftime("%H:%M") == "15:00"


def test_civil_hours_ending_exactly_at_limit_is_within():
    # 21:00–22:00 in Nairobi (UTC+3).
    start = datetime(2020, 7, 6, 18, 0, tzinfo=UTC)
    end = datetime(2020, 7, 6, 19, 0, tzinfo=UTC)
    assert civil_hours(person_in("Africa/Nairobi"), start, end).within is True


def test_civil_hours_crossing_local_midnight_is_outside():
    start = datetime(2020, 7, 6, 15, 30, tzinfo=UTC)  # 21:00 in Kolkata
    end = datetime(2020, 7, 6, 19, 0, tzinfo=UTC)  # 00:30 next day in Kolkata
    assert civil_hours(person_in("Asia/Kolkata"), start, end).outside is True


def test_civil_hours_custom_window_applies():
    # 07:30–08:30 in Santiago (UTC-4 in July), allowed from 08:00 only.
    start = datetime(2020, 7, 6, 11, 30, tzinfo=UTC)
    end = datetime(2020, 7, 6, 12, 30, tzinfo=UTC)
    person = person_in("America/Santiago")
    assert civil_hours(person, start, end).within is True
    assert civil_hours(person, start, end, earliest=time(8, 0)).within is False


def test_civil_hours_follow_each_zone_dst_dates():
    # 16:00-17:00 in New York. On 20 March 2020 New York is already on summer time but
    # Zurich is not (it changes on 29 March): 21:00-22:00 in Zurich, within. Two weeks
    # later both are on summer time: 22:00-23:00 in Zurich, outside.
    person = person_in("Europe/Zurich")
    march = civil_hours(person, datetime(2020, 3, 20, 20, 0, tzinfo=UTC),
                        datetime(2020, 3, 20, 21, 0, tzinfo=UTC))
    april = civil_hours(person, datetime(2020, 4, 3, 20, 0, tzinfo=UTC),
                        datetime(2020, 4, 3, 21, 0, tzinfo=UTC))
    assert (march.local_start.strftime("%H:%M"), march.within) == ("21:00", True)
    assert (april.local_start.strftime("%H:%M"), april.within) == ("22:00", False)
