"""A charge set against the amount the customer expected is read as a question about the
charge (its order's items, shipping and tax), not as any two amounts in a message."""

from __future__ import annotations

import pytest

from assistant.planner.charge_totals import charge_compared, compares_amounts


@pytest.mark.parametrize(
    ("text", "compared", "charge"),
    [
        ("paypal took $95.60 but 59.99 + 29.99 is 89.98. did you overcharge me??", True, True),
        ("my amex shows $38.10 this morning, i thought the plan was 34.99?", True, True),
        ("order says 125.15 but the shoes were 114.95, where did the extra come from", True, False),
        ("there's a $53.61 charge on my card, not sure what it's for", False, False),
        ("is the 24.99 case cheaper than the 29.99 one?", False, False),
        ("two charges of 121.85 and 121.85 on my visa", False, False),
        ("my bank says 95.60 went to you but i only spent like 90 bucks", True, True),
        ("i thought it was $90 but the card got 95.60", True, True),
        ("charged 90 bucks but i thought it was $85", False, False),  # no exact amount
    ],
)
def test_a_charge_set_against_the_price_expected(text: str, compared: bool, charge: bool) -> None:
    assert compares_amounts(text) is compared
    assert charge_compared(text) is (compared and charge)


@pytest.mark.parametrize(
    ("text", "disputed"),
    [
        (
            "I cancelled my coffee club months ago and there's an $18.99 charge from you on my "
            "card yesterday. Please sort this out.",
            True,
        ),
        ("we already cancelled the order but you still took 45 bucks", True),
        ("I cancelled it in December, was I charged?", False),  # a question: the order says
        ("if i cancel now will i be charged $18.99?", False),
    ],
)
def test_a_charge_after_the_customer_cancelled_is_disputed(text: str, disputed: bool) -> None:
    from assistant.planner.charge_totals import charged_after_ending

    assert charged_after_ending(text) is disputed
