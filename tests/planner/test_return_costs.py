"""What a return costs, from the store's own rules; a condition the customer denies ("never ran
in them") is not said; a table row holding the quantity asked is the row asked about."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.commerce.schemas import OrderLinePublic, ReturnQuestion
from assistant.planner.question_words import tokenize
from assistant.planner.return_fee import asks_cost, fee_line, reason_in
from assistant.planner.return_words import asks_exchange
from assistant.planner.returns import stated
from assistant.planner.tables import row_named
from tests.support import pack_view

UNUSED = ReturnQuestion(
    key="unused",
    question="Is it unused?",
    skus=[],
    yes_words=["never used", "like new", "still in the box"],
    no_words=["used it", "ran in them", "wore them"],
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("never ran in them, still like new with the box", True),
        ("I never used it, honestly", True),
        ("i didn't wear them outside", None),
        ("ran in them twice on the treadmill", False),
        ("wore them once, never ran in them", False),  # one use is said, whatever else is not
    ],
)
def test_a_condition_denied_is_not_said(text: str, said: bool | None) -> None:
    assert stated(UNUSED, text) is said


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("whats the last day and how much would i actually get back?", True),
        ("do i have to pay for the return shipping", True),
        ("is there a restocking fee?", True),
        ("will i get the full refund?", True),
        ("how long do we have and does it cost us anything?", True),
        ("whats the last day i can send them back?", False),
    ],
)
def test_questions_about_what_a_return_costs(text: str, asks: bool) -> None:
    assert asks_cost(text) is asks


def _line(quantity: int = 1) -> OrderLinePublic:
    return OrderLinePublic(
        sku="X-1",
        name="Trail Kettle",
        variant={},
        quantity=quantity,
        unit_price=Decimal("100.00"),
        line_total=Decimal("100.00") * quantity,
    )


def test_a_changed_mind_return_costs_the_stores_fee_and_says_what_comes_back() -> None:
    returns = pack_view().policy.returns
    reason = returns.reason(returns.default_reason or "")
    assert reason is not None
    fee = returns.fee(reason)
    line = fee_line(returns, None, _line())
    assert line is not None
    assert f"${fee:.2f}" in line and fee > 0  # the demo store charges one for a changed mind
    assert f"${Decimal('100.00') - fee:.2f} back" in line
    assert "Trail Kettle ($100.00)" in line
    assert "exchange" in line.lower() and "business days" in line
    several = fee_line(returns, None, _line(quantity=2))
    assert several is not None and "back, plus" not in several  # which one is not known


def test_a_return_for_the_stores_error_is_free() -> None:
    returns = pack_view().policy.returns
    ours = next(r for r in returns.reasons if returns.fee(r) == 0 and r.our_error)
    line = fee_line(returns, ours.code, _line())
    assert line is not None and line.startswith("There is no return shipping fee")
    assert "$100.00 back" in line


def test_a_store_without_reasons_says_nothing_about_fees() -> None:
    returns = pack_view().policy.returns.model_copy(update={"reasons": [], "default_reason": None})
    assert fee_line(returns, None, None) is None


@pytest.mark.parametrize(
    ("row", "question", "named"),
    [
        ("18 g espresso", "timer for an 18g double shot?", True),
        ("18 g espresso", "timer for a 20g double shot?", False),
        ("French press", "what setting for french press", True),
        ("French press", "what setting for espresso", False),
    ],
)
def test_a_row_is_named_by_its_label_or_by_the_quantity_asked(
    row: str, question: str, named: bool
) -> None:
    assert row_named(tokenize(row), tokenize(question)) is named


def test_a_denial_reaches_two_words_ahead_but_not_past_an_and() -> None:
    worn = UNUSED.model_copy(update={"no_words": ["worn", "outside", "wore them"]})
    assert stated(worn, "haven't worn them outside, only tried them on") is None
    assert stated(worn, "i didn't like them and wore them outside") is False


@pytest.mark.parametrize(
    ("text", "exchange"),
    [
        ("can i swap them for a bigger size?", True),
        ("could we get them in a different colour", True),
        ("i don't want a different size, i just want my money back", False),
        ("not looking for an exchange, refund please", False),
        ("no exchange, i'd rather have a refund", False),
        ("can we swap for a 7 in the navy", True),  # the size swapped to, no "them"
        ("switch to a 7.5 please", True),
        ("switch to 2 bags a month", False),  # a plan's quantity, not a size
        ("switch to decaf", False),
        ("i already exchanged a pair once under the guarantee", False),  # told, not asked
        ("can i swap for the black ones?", True),  # another colour of the same thing
        ("could i switch to the white one", True),
        ("can i switch to the ethiopia one next month", False),  # not a colour: a blend
    ],
)
def test_an_exchange_turned_down_is_not_asked_for(text: str, exchange: bool) -> None:
    assert asks_exchange(text) is exchange


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("no new size pls, id rather get a refund if thats doable?", True),
        ("i just want my money back", True),
        ("will i get a full refund?", False),  # what comes back: a question
        ("kettle stoped working after a week, shows E1. refund pls", True),
        ("just give me my money back", True),
        ("where is my refund please", False),  # where it is: the refund's status
    ],
)
def test_a_refund_asked_for_starts_a_return(text: str, wants: bool) -> None:
    from assistant.planner.return_words import START, WANTS_REFUND

    assert bool(WANTS_REFUND.search(text)) is wants
    assert bool(START.search(text)) is wants


def test_the_reason_is_not_a_word_the_customer_turns_down() -> None:
    returns = pack_view().policy.returns
    turned_down = "i don't want a different size, i just don't get on with them"
    assert reason_in(returns, turned_down) != returns.exchange_reason
    assert reason_in(returns, "can i get a different size") == returns.exchange_reason


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("it keeps showing E2 no matter what, i just want my money back", True),
        ("the grinder won't turn on anymore, can i send it back", True),
        ("my plug is not working since day one. refund please", True),
        ("the left side went completely silent, still dead after a reset. refund?", True),
        ("they're not the right size, can i send them back", False),
        ("i don't like the colour, refund please", False),
        # the fault wins over the default reason's words ("don't want") said beside it
        ("keeps showing E2 and won't heat. i don't want a repair, i just want a refund", True),
    ],
)
def test_a_fault_told_in_own_words_is_the_stores_fault_reason(text: str, fault: bool) -> None:
    returns = pack_view().policy.returns
    # the reason whose own words tell of a fault; no code of this store is named here
    faults = [r.code for r in returns.reasons if any("work" in w for w in r.words)]
    reason = reason_in(returns, text)
    assert (reason in faults) is fault
