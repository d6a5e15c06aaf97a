"""One unit of an item meets a return condition, another does not ("we opened one, the other one
is still sealed"): one unit fewer goes back, with the policy's rule."""

from __future__ import annotations

from assistant.agent.drafts import ReturnDraft
from assistant.commerce.schemas import ReturnQuestion
from assistant.planner.return_mixed import held_back
from assistant.store.policy_returns import ReturnCondition, Returns

RULE = "Opened bags can't be returned; unopened bags can be returned within the window."
OPENED = ReturnCondition(
    key="opened_bag",
    question="Has the bag been opened?",
    product_types=["coffee"],
    blocking_answer=True,
    rule=RULE,
    yes_words=["opened"],
    no_words=["not opened", "unopened", "still sealed", "sealed"],
)
RULES = Returns(window_days=30, conditions=[OPENED])
ASKED = ReturnQuestion(
    key="opened_bag",
    question="Has the bag been opened?",
    skus=["BAG-1"],
    yes_words=["opened"],
    no_words=["not opened", "unopened", "still sealed", "sealed"],
)
MIXED = "we opened one, the other one is still sealed. can we send both bags back?"


def test_the_opened_unit_stays_and_the_sealed_one_goes_back() -> None:
    draft = ReturnDraft()
    items: list[dict[str, object]] = [{"sku": "BAG-1", "quantity": 2}]
    assert held_back(RULES, draft, items, [ASKED], MIXED) == RULE
    assert items == [{"sku": "BAG-1", "quantity": 1}]
    assert draft.quantities == {"BAG-1": 1} and draft.answers == {"opened_bag": False}
    assert draft.held_back == RULE


def test_one_unit_or_one_answer_is_asked_as_usual() -> None:
    one: list[dict[str, object]] = [{"sku": "BAG-1", "quantity": 1}]
    assert held_back(RULES, ReturnDraft(), one, [ASKED], MIXED) is None
    two: list[dict[str, object]] = [{"sku": "BAG-1", "quantity": 2}]
    sealed = "both bags are still sealed, can i send them back?"
    assert held_back(RULES, ReturnDraft(), two, [ASKED], sealed) is None
    assert two == [{"sku": "BAG-1", "quantity": 2}]
