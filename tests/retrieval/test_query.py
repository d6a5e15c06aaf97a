"""Query rewriting for the keyword side (a switch of the ablation, off by default)."""

from __future__ import annotations

from assistant.retrieval.query import correct_word, rewrite_query

VOCAB = {"bluetooth": 5, "pair": 9, "headphon": 4, "definitely": 1, "charg": 7, "case": 3}


def test_misspelt_words_are_corrected_to_indexed_words() -> None:
    assert correct_word("bluetoth", VOCAB) == "bluetooth"
    assert correct_word("headphnes", VOCAB) == "headphones"
    assert correct_word("hedphnes", VOCAB) == "hedphnes"  # two edits away: left alone
    assert correct_word("definately", VOCAB) == "definitely"


def test_known_short_stop_and_numeric_words_are_left_alone() -> None:
    assert correct_word("pair", VOCAB) == "pair"
    assert correct_word("with", {"width": 3}) == "with"  # a stop word is not a typo
    assert correct_word("them", {"they": 3}) == "them"
    assert correct_word("cse", VOCAB) == "cse"
    assert correct_word("z8", VOCAB) == "z8"


def test_filler_is_dropped_but_never_the_whole_query() -> None:
    assert rewrite_query("please tell me how to pair bluetoth", VOCAB) == (
        "me how to pair bluetooth"
    )
    assert rewrite_query("please", VOCAB) == "please"
