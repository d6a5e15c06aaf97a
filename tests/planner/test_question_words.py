"""The words a question asks with: an acknowledgement of the answer before it ("ok makes sense.",
"got it, works.") asks nothing."""

from __future__ import annotations

import pytest

from assistant.planner.question_words import content_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "ok makes sense. do i need to do anything with them while they sit in the drawer?",
            ["while", "sit", "drawer"],
        ),
        ("got it, works. is the case waterproof?", ["case", "waterproof"]),
        ("oh nice. and the apple tv?", ["apple", "tv"]),
        ("makes sense of the error code", ["make", "sense", "error", "code"]),  # no opener
    ],
)
def test_an_acknowledgement_before_the_question_is_no_word_of_it(
    text: str, words: list[str]
) -> None:
    assert content_words(text) == words


def test_an_aperture_typed_without_its_slash_is_the_manuals() -> None:
    from assistant.planner.question_words import tokenize

    assert "f2.8" in tokenize("Does not fit: a 70-200 mm f/2.8 zoom attached")
    assert "f2.8" in tokenize("will my 70-200 f2.8 fit?")
