"""Dates and times in the six languages, from the strftime patterns the English was written with."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from meeting.lib.locales import clean_language, format_instant, text_direction, zone_city

START = datetime(2020, 7, 7, 9, 30, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(("fmt", "expected"), [
    ("%a %-d %b", ["Tue 7 Jul", "mar. 7 juil.", "الثلاثاء، 7 يوليو", "7月7日周二", "вт, 7 июл.",
                   "mar, 7 jul"]),
    ("%A %-d %B %Y", ["Tuesday 7 July 2020", "mardi 7 juillet 2020", "الثلاثاء، 7 يوليو 2020",
                      "2020年7月7日星期二", "вторник, 7 июля 2020\u202fг.", "martes, 7 de julio de 2020"]),
    ("%-d %B %Y", ["7 July 2020", "7 juillet 2020", "7 يوليو 2020", "2020年7月7日", "7 июля 2020\u202fг.",
                   "7 de julio de 2020"]),
    ("%a %-d %b %H:%M", ["Tue 7 Jul 09:30", "mar. 7 juil., 09:30", "الثلاثاء، 7 يوليو، 09:30",
                         "7月7日周二 09:30", "вт, 7 июл., 09:30", "mar, 7 jul, 09:30"]),
    ("%H:%M", ["09:30"] * 6),
    ("%Y-%m-%d %H:%M", ["2020-07-07 09:30"] * 6),
])
def test_format_instant_each_language_same_fields_in_its_own_order(fmt, expected):
    languages = ("en", "fr", "ar", "zh", "ru", "es")
    assert [format_instant(START, fmt, language) for language in languages] == expected


def test_format_instant_english_is_strftime_itself():
    assert format_instant(START, "%A %d %B %Y, %H:%M", "en") == START.strftime("%A %d %B %Y, %H:%M")


def test_format_instant_plain_date_in_french():
    assert format_instant(date(2020, 7, 6), "%A %-d %B", "fr") == "lundi 6 juillet"


def test_format_instant_outside_any_request_is_english():
    assert format_instant(START, "%a %-d %b") == "Tue 7 Jul"


@pytest.mark.parametrize(("value", "expected"), [("FR ", "fr"), ("ar", "ar"), ("de", None), (None, None)])
def test_clean_language_accepts_only_the_six(value, expected):
    assert clean_language(value) == expected


def test_text_direction_arabic_right_to_left():
    assert [text_direction(code) for code in ("ar", "zh", "en")] == ["rtl", "ltr", "ltr"]


def test_zone_city_in_each_language_from_cldr():
    cities = [zone_city("America/New_York", language) for language in ("en", "fr", "ar", "zh", "ru", "es")]
    assert cities == ["New York", "New York", "نيويورك", "纽约", "Нью-Йорк", "Nueva York"]


def test_zone_city_unknown_zone_gives_its_name():
    assert zone_city("Not/A_Zone", "fr") == "Not/A_Zone"
