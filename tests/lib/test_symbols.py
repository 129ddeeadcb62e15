"""UN document symbols parsed by the grammar: series, bodies, year or session, number, modifiers."""

import pytest

from meeting.lib.symbols import SymbolError, parse_symbol, valid_symbol


@pytest.mark.parametrize(("text", "parts"), [
    ("E/2020/55", ("E", (), 2020, None, "55", ())),
    ("A/RES/72/305", ("A", ("RES",), None, 72, "305", ())),
    ("E/HLPF/2020/L.1", ("E", ("HLPF",), 2020, None, "L.1", ())),
    ("E/CN.3/2020/1/Add.1", ("E", ("CN.3",), 2020, None, "1", ("Add.1",))),
    ("A/75/L.1/Rev.1/Corr.2", ("A", (), None, 75, "L.1", ("Rev.1", "Corr.2"))),
    ("S/RES/2532 (2020)", ("S", ("RES",), 2020, None, "2532", ())),
    ("E/C.12/2020/1", ("E", ("C.12",), 2020, None, "1", ())),
    ("ST/SGB/2019/8", ("ST", ("SGB",), 2019, None, "8", ())),
    ("E/2020/SR.12", ("E", (), 2020, None, "SR.12", ())),
])
def test_symbol_valid_parses_into_its_parts(text, parts):
    symbol = parse_symbol(text)
    assert (symbol.series, symbol.bodies, symbol.year, symbol.session, symbol.number,
            symbol.modifiers) == parts
    assert str(symbol) == text


@pytest.mark.parametrize(("text", "message"), [
    ("", "a document symbol cannot be empty"),
    ("E2020/55", "'E2020/55': 'E2020' is not a UN series (use one of A, E, S, ST, T, DP, TD, UNEP, ICEF)"),
    ("X/2020/55", "'X/2020/55': 'X' is not a UN series (use one of A, E, S, ST, T, DP, TD, UNEP, ICEF)"),
    ("E//2020/55", "'E//2020/55': a symbol is parts separated by single slashes (e.g. E/2020/55)"),
    ("e/2020/55", "'e/2020/55': 'e' is not a UN series (use one of A, E, S, ST, T, DP, TD, UNEP, ICEF)"),
    ("E/hlpf/2020/1", "'E/hlpf/2020/1': UN symbols are written in capitals (e.g. E/2020/55)"),
    ("E/2020/5A", "'E/2020/5A': '5A' is not a document number (e.g. 55, L.1, CRP.2)"),
    ("E/55", "'E/55': give the year or the session before the number (e.g. E/2020/55)"),
    ("E/Add.1", "'E/Add.1': the document number is missing"),
    ("E/HL-PF/2020/1", "'E/HL-PF/2020/1': 'HL-PF' is not a body or document type (e.g. HLPF, CN.3, RES)"),
])
def test_symbol_bad_refused_naming_the_part(text, message):
    with pytest.raises(SymbolError) as error:
        parse_symbol(text)
    assert str(error.value) == message


def test_symbol_blank_stored_as_none_and_spaces_trimmed():
    assert (valid_symbol("  "), valid_symbol(None), valid_symbol(" E/2020/55 ")) == (None, None, "E/2020/55")


def test_symbol_refusal_in_french_for_a_french_organizer(app):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("fr"):
        with pytest.raises(SymbolError) as refused:
            parse_symbol("X/2020/55")
    assert str(refused.value) == ("'X/2020/55' : 'X' n’est pas une série de l’ONU "
                                  "(utilisez l’une des séries A, E, S, ST, T, DP, TD, UNEP, ICEF)")


def test_cue_refusals_in_french_for_a_french_organizer(app):
    from flask_babel import force_locale

    from meeting.models import Cue
    from meeting.runofshow.cues import update_cue

    with app.test_request_context("/"), force_locale("fr"):
        with pytest.raises(ValueError) as refused:
            update_cue(Cue(who="x", what="y", minutes=1), minutes=601)
    assert str(refused.value) == "minutes : de 0 à 600"
