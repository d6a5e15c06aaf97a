"""The BM25 index's light stemmer: the forms an owner types meet the forms a manual prints."""

from __future__ import annotations

import pytest

from assistant.retrieval.bm25 import BM25Index, fold, normaliser, stem, terms, tokenize


@pytest.mark.parametrize(
    "forms",
    [
        ("change", "changes"),
        ("setting", "settings"),
        ("cable", "cables"),
        ("battery", "batteries"),
        ("record", "records", "recorded", "recording"),
        ("device", "devices"),
        ("pair", "pairs", "paired", "pairing"),
    ],
)
def test_inflections_meet(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1, [stem(f) for f in forms]


def test_short_words_numbers_and_non_inflections_are_kept() -> None:
    for word in ("use", "wifi", "hdmi2", "status", "access", "focus", "string", "speed", "need"):
        assert stem(word) == word


def test_a_final_e_is_dropped_only_when_asked() -> None:
    assert stem("changing") != stem("change")
    assert stem("changing", final_e=True) == stem("change", final_e=True) == "chang"
    assert normaliser("final-e")("scheduled") == normaliser("final-e")("schedule")
    assert normaliser("fold") is fold and normaliser() is stem


def test_the_older_fold_did_not_meet_plurals_of_e_words() -> None:
    assert fold("cable") != fold("cables") and fold("setting") != fold("settings")


def test_the_index_matches_across_inflections_and_keeps_tokenize_as_it_was() -> None:
    index = BM25Index(["Changes to the picture settings", "Cables and adapters"])
    assert set(index.scores("how do i change a setting")) == {0}
    assert set(index.scores("cable")) == {1}
    old = BM25Index(["Cables and adapters"], stemmer="fold")
    assert not old.scores("cable")
    assert terms("Changes settings") == ["change", "sett"]
    assert tokenize("Pairing paired") == ["pair", "pair"]  # the planner's tokens: unchanged
