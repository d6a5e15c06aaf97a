"""Words the dev33-dev36 blind splits taught: a display message quoted in capitals, a fault that
persists with no remedy claimed, the customer dropping the matter with nothing pending."""

from __future__ import annotations

import pytest

from assistant.agent.confirm import leaves_it
from assistant.planner.persists import needs_diagnosis
from assistant.planner.products import shown_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("it stopped halfway and says HOT", {"hot"}),
        ("my cuisina grinder just says HOP on the screen", {"hop"}),
        ("If the display shows MAn, the grinder is in manual mode", {"man"}),
        ("the display shows rSt", {"rst"}),
        ("it says hot water is ready", set()),  # lower case: a word, not a message
    ],
)
def test_shown_words_are_the_display_messages_quoted(text: str, words: set[str]) -> None:
    assert shown_words(text) == words


def test_a_persisting_fault_needs_diagnosis_until_a_remedy_is_claimed() -> None:
    tried = (
        "the left side went silent. i've done everything: balance is centered, reset it and "
        "tried my partner's phone. nothing works."
    )
    assert needs_diagnosis(tried + " can someone actually look at them please")
    assert not needs_diagnosis(tried + " i'd like to file a warranty claim")
    assert not needs_diagnosis(tried + " can you replace them?")
    assert not needs_diagnosis("the left side is quieter, whats up with that")  # nothing tried


@pytest.mark.parametrize(
    ("text", "drops"),
    [
        ("hmm actually not sure yet, the lease isnt signed. leave it as is for now", True),
        ("never mind", True),
        ("no thanks", True),
        ("leave the old address on it and send the new one to my work", False),
        ("where is my order", False),
    ],
)
def test_leaves_it_is_the_customer_dropping_the_matter(text: str, drops: bool) -> None:
    assert leaves_it(text) is drops
