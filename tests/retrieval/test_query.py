"""Query rewriting for the keyword side (on by default; a switch of the ablation)."""

from __future__ import annotations

import pytest

from assistant.retrieval.bm25 import stem
from assistant.retrieval.query import broader_word, correct_word, known_words, rewrite_query

VOCAB = {"bluetooth": 5, "pair": 9, "headphone": 4, "definitely": 1, "charg": 7, "case": 3}


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


def test_a_known_english_word_is_never_corrected() -> None:
    vocab = {"dark": 4, "ridg": 2, "light": 5}
    known = {"mark", "fridge", "flight"}
    assert correct_word("mark", vocab, known) == "mark"
    assert correct_word("fridge", vocab, known) == "fridge"
    assert correct_word("flight", vocab, known) == "flight"
    assert correct_word("mark", vocab) == "dark"  # without the guard it was "corrected"
    assert rewrite_query("where do i mark a flight", vocab, known=known) == (
        "where do i mark a flight"
    )


def test_the_shipped_vocabulary_knows_words_but_not_typos() -> None:
    words = known_words()
    assert {"mark", "fridge", "definitely", "pairing"} <= words
    assert not {"definately", "bluetoth", "recieve", "headphnes"} & words
    assert all(len(w) >= 4 and w.isalpha() for w in words)


def test_contractions_typed_without_apostrophe_are_filler() -> None:
    assert rewrite_query("my kettle wont switch on and i cant reset it", VOCAB) == (
        "my kettle switch on and i reset it"
    )


def test_the_rewrite_uses_the_indexs_own_term_normaliser() -> None:
    stemmed = {"cable": 3, "change": 2}  # terms as bm25.stem makes them
    assert correct_word("cabels", stemmed) == "cables"
    assert correct_word("changes", stemmed) == "changes"  # indexed as "change": left alone


def test_an_everyday_word_brings_the_manuals_broader_word_beside_it() -> None:
    manual = {stem(w): 1 for w in "charge the battery from a computer usb port".split()}
    rewritten = rewrite_query("charge it from my laptop", manual)
    assert "laptop" in rewritten and "computer" in rewritten  # beside it, not instead of it
    manual[stem("laptop")] = 1  # a manual that says "laptop" needs no broader word
    assert "computer" not in rewrite_query("charge it from my laptop", manual)


def test_the_broader_word_is_the_first_of_its_chain_the_documents_use() -> None:
    assert broader_word("macbook", {"laptop", "computer"}.__contains__) == "laptop"
    assert broader_word("macbook", {"computer"}.__contains__) == "computer"
    assert broader_word("macbook", set().__contains__) is None
    assert broader_word("kettle", {"computer"}.__contains__) is None


def test_a_word_typed_without_its_hyphen_is_the_indexed_hyphenated_term() -> None:
    frequency = {"x-ray": 2, "wi-fi": 9, "airport": 3, "erase": 4}
    assert rewrite_query("will the airport xray erase it", frequency) == (
        "will the airport x-ray erase it"
    )
    assert rewrite_query("no wifi at all", frequency) == "no wi-fi at all"
    assert rewrite_query("an x-ray", frequency) == "an x-ray"  # as typed: left alone


@pytest.mark.parametrize(
    ("word", "broader"),
    [
        ("mom", "family"),
        ("sister", "family"),
        ("ps5", "console"),
        ("xbox", "console"),
        ("stinks", "odor"),
    ],
)
def test_people_consoles_flights_and_smells_have_the_manuals_broader_word(
    word: str, broader: str
) -> None:
    assert broader_word(word, {broader}.__contains__) == broader
    assert broader_word(word, set().__contains__) is None


def test_a_smell_word_reaches_the_british_spelling_when_that_is_what_the_guide_uses() -> None:
    assert broader_word("smelly", {"odour"}.__contains__) == "odour"


def test_where_things_sit_unused_is_the_manuals_storage() -> None:
    assert broader_word("drawer", {"storage"}.__contains__) == "storage"
    assert broader_word("closet", {"storage"}.__contains__) == "storage"
