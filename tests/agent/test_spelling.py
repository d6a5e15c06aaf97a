"""Typos fixed before routing: chat shorthand, one-edit misspellings of the documents' words or of
English words, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.agent.spelling import IndexWords, Speller, document_words
from assistant.retrieval.query import known_words

DOCUMENTS = [
    "Tracking: the package tracking number is in the shipping email.",
    "To descale the kettle, use vinegar. Descale every 4 weeks.",
    "Pair the headphones: the LED flashes. Connect to Wi-Fi on the 2.4 GHz band.",
    "Your coffee order ships in 1-2 business days. Subscription changes: skip, pause, cancel.",
    "The SoundWave Pro has a delay of 40 ms with the 3.5 mm cable.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    words = document_words(DOCUMENTS)
    return Speller(known_words(), lambda: words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "trackng sais ther is a problm wit my pakage",
            "tracking says there is a problem with my package",
        ),
        (
            "wen will my cofee ordr ship? its ben a day",
            "when will my coffee order ship? its been a day",
        ),
        ("how do i descael the kettle", "how do i descale the kettle"),
        ("cancle my subscripton", "cancel my subscription"),
        ("the sounwave pro has a dely", "the soundwave pro has a delay"),
        ("sorry no i ment the kettle", "sorry no i meant the kettle"),
        ("Trackng please", "Tracking please"),  # the capital stays
        ("how do i factory rest my headphones", "how do i factory reset my headphones"),
        ("where is the rest button", "where is the reset button"),
        ("it was chargeing", "it was charging"),  # not a regular "-ing" of "charge"
        # a contraction without its apostrophe, never "haven" or "were"
        ("havent worn them outside", "haven't worn them outside"),
        ("theyre unworn and werent cheap", "they're unworn and weren't cheap"),
    ],
)
def test_typos_are_fixed(speller: Speller, text: str, expected: str) -> None:
    assert speller.correct(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "does it work on 5ghz wifi?",  # "wifi" is not "wife": short words need a documents' word
        "my SoundWave Pro and my Velo 3",  # capitals inside a word, model numbers
        "email jo.smith@example.com about #47234",
        "it is priya.shah.72@example.org and shop.example.com",
        "I hate this tent",  # English words are never changed
        "My grandson gave me the kettle.",
        "where's my refund? it's late",
        "I need a rest after the run",  # "rest" alone is a word: only the phrase is fixed
        "I descaled it twice",  # a documents' word, inflected: not a typo of another word
        "still descaling, then I paired them",
        "do i need to reorder somewhere else",  # a known word after a prefix: not "recorder"
        "can i unpair them from my old phone",
    ],
)
def test_words_that_are_not_typos_stay(speller: Speller, text: str) -> None:
    assert speller.correct(text) == text


@dataclass
class _Index:
    version: str
    chunks: list[object]


@dataclass
class _Chunk:
    text: str


def test_the_documents_words_follow_the_served_version() -> None:
    index = _Index("v1", [_Chunk("grinder burrs")])
    words = IndexWords(index)
    assert "burrs" in words() and "kettle" not in words()
    index.version, index.chunks = "v2", [_Chunk("kettle")]
    assert "kettle" in words() and "burrs" not in words()


def test_a_street_direction_after_a_house_number_is_not_shorthand(speller: Speller) -> None:
    fixed = speller.correct("pls send it to 400 W Washington St, and w the tracking email")
    assert "400 W Washington St" in fixed and "with the tracking" in fixed


def test_a_unit_letter_after_a_number_in_brackets_is_kept(speller: Speller) -> None:
    fixed = speller.correct("(the sticker on the heater says 1875 W), now w no power")
    assert "1875 W)" in fixed and "now with no power" in fixed


def test_the_city_of_an_address_is_written_as_typed(speller: Speller) -> None:
    text = "ship it to my moms instead? 1420 E Apache Blvd, Tempe AZ 85282. trackng please"
    assert speller.correct(text) == text.replace("trackng", "tracking")
