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


def test_a_thing_the_products_passages_never_name_is_asked_elsewhere() -> None:
    from assistant.agent.tools import PassageOut
    from assistant.planner.question_words import named_elsewhere

    def passage(title: str, text: str) -> PassageOut:
        return PassageOut(
            chunk_id=title, text=text, source="x.md", title=title, section="", page=None,
            doc_type="manual", skus=["CAM"],
        )  # fmt: skip

    camera = [passage("Camera manual", "Formatting the card takes about 1 minute.")]
    coffee = "Coffee freshness: use whole beans within about 3 weeks at 20 degrees."
    sold = frozenset({"coffee", "bean", "camera", "card"})  # the store's catalogue words
    assert named_elsewhere("how long do the beans stay fresh once opened?", camera, coffee, sold)
    # a word the camera's passages hold is no sign of another product
    assert not named_elsewhere("how long does formatting the card take?", camera, coffee, sold)
    assert not named_elsewhere("how long do the beans stay fresh?", [], coffee, sold)
    # a word that names nothing sold ("35 degrees out on the field") is no other product
    assert not named_elsewhere("and at 35 degrees in july?", camera, coffee, sold)
