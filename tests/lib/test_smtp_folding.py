"""The header folder's short cut gives compat32's own bytes (smtplib's folding is the reference)."""

from email.policy import compat32

from hypothesis import example, given
from hypothesis import strategies as st

from meeting.lib.smtp import _FOLDED, _REMEMBERED, FOLDED_KEPT
from tests.fuzzing import FUZZ

WORDS = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)
NAMES = st.sampled_from(["Subject", "To", "From", "Message-ID", "Reply-To", "X-A"])


@FUZZ
@given(NAMES, st.lists(WORDS, min_size=1, max_size=12).map(" ".join))
@example("Subject", "=?utf-8?q?not_decoded?= here")
@example("To", '"Dr. Tedros, WHO" <dg.who@example.org>')
@example("Subject", "x" * 69)
@example("Subject", "x" * 70)
def test_header_folding_short_cut_equals_compat32(name, value):
    _FOLDED.clear()
    crlf = {"linesep": "\r\n"}  # as BytesGenerator.flatten(linesep=...) clones them
    expected = compat32.clone(**crlf).fold_binary(name, value)
    assert _REMEMBERED.clone(**crlf).fold_binary(name, value) == expected


def test_header_folding_long_or_unusual_values_go_to_compat32():
    for value in ("a  b", " a", "a ", "é", "x" * 80, "a\tb"):
        _FOLDED.clear()
        assert _REMEMBERED.fold_binary("Subject", value) == compat32.fold_binary("Subject", value)
        assert _REMEMBERED.clone(cte_type="8bit").fold_binary("To", value) == compat32.clone(
            cte_type="8bit").fold_binary("To", value)
    assert len(_FOLDED) <= FOLDED_KEPT
