"""'1 minute', '7 minutes': the plural of each language, English's included."""

from meeting.lib.emails import in_language, minutes_text, role_summary


def test_minutes_text_english_singular(app):
    assert (minutes_text(1), minutes_text(7)) == ("1 minute", "7 minutes")
    with in_language("fr"):
        assert (minutes_text(1), minutes_text(7)) == ("1 minute", "7 minutes")
    with in_language("ru"):
        assert (minutes_text(1), minutes_text(3), minutes_text(7)) == ("1 минута", "3 минуты", "7 минут")


def test_role_summary_one_minute(app):
    assert role_summary("Panelist", 5, 1) == "Panelist, speaking 5th, 1 minute"
