"""The documents' own "contact support" sentence hands over only the case it is about."""

from __future__ import annotations

from assistant.planner.doc_handover import sends_to_support

LEAKS = (
    "1. Make sure you didn't fill above MAX.\n"
    "3. Dry the kettle and the base completely. If water drips from the bottom seam or the water "
    "window, stop using the kettle and contact support. Leaks from seams are covered."
)
E1 = (
    "5. If E1 comes back, descale the kettle.\n"
    "6. If E1 still comes back after descaling, contact support."
)
KETTLE = {"cuisina", "precision", "electric", "kettle"}


def test_the_customers_own_case_meets_the_sentence() -> None:
    said = "my kettle leaves a puddle: water drips out from the seam along the bottom"
    sentence = sends_to_support(LEAKS, said, KETTLE)
    assert sentence is not None and "bottom seam" in sentence


def test_a_neighbouring_case_a_question_or_a_hypothetical_does_not() -> None:
    assert sends_to_support(E1, "my kettle shows E1, what does it mean?", KETTLE) is None
    assert sends_to_support(LEAKS, "how do I fill the kettle?", KETTLE) is None
    assert sends_to_support(LEAKS, "what if water drips from the bottom seam?", KETTLE) is None


def test_a_case_that_persists_after_the_fix_does() -> None:
    said = "E1 still comes back even after descaling it twice"
    assert sends_to_support(E1, said, KETTLE) is not None
