"""The documents' own "contact support" sentence hands over only the case it is about."""

from __future__ import annotations

from assistant.planner.doc_handover import handover_reason, sends_to_support

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


def test_a_sentence_about_charges_hands_a_billing_case_over() -> None:
    assert handover_reason("If a charge on your card looks wrong, contact support.") == (
        "billing_dispute"
    )
    assert handover_reason("For a refund that has not arrived, contact us.") == "billing_dispute"
    assert handover_reason("If E1 still comes back after descaling, contact support.") == (
        "warranty_claim"
    )


def test_a_batterys_charge_is_no_billing_case() -> None:
    sentence = "If a full charge still lasts less than 32 hours, contact support for a claim."
    assert handover_reason(sentence) == "warranty_claim"
