from hypothesis import given
from hypothesis import strategies as st

from bienban.normalise import clean, nfc, syllables


def test_nfc_composes_decomposed_vietnamese():
    decomposed = "Đa\u0309ng vie\u0302\u0323n"
    assert nfc(decomposed) == "Đảng viện"


def test_clean_unifies_bullets_dashes_quotes_and_spaces():
    assert clean("•  Đ/c Lan \u2013 “ý kiến”\u00a0 ") == '- Đ/c Lan - "ý kiến"'


def test_syllables_count_whitespace_tokens_of_nfc():
    assert syllables("Chi bộ  họp\tthường kỳ\n tháng 3") == 7
    assert syllables("") == 0


@given(st.text())
def test_clean_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_clean_keeps_every_letter_and_digit(text):
    kept = [c for c in nfc(clean(text)) if c.isalnum()]
    assert kept == [c for c in nfc(text) if c.isalnum()]
