"""The words that tell what a short or run-on message asks, written from how shoppers type (not
from the code's lists): a "how" question ending on "do this" is about what was told before it; "and
if that doesn't work?" is the same fix's next step; "which ones do I buy" asks what the store
sells; "the tv stays off" is a fault; "can I get them replaced under warranty" asks coverage; "i
dont want it switching" names no switch; "i got it back in august" only says when."""

from __future__ import annotations

import pytest

from assistant.agent.action_naming import named_actions
from assistant.agent.preview_questions import _STAYS_AS_IT_IS
from assistant.planner.also import _NEXT_STEP
from assistant.planner.answers import PROBLEM
from assistant.planner.asked_kinds import ASKS_COVERED
from assistant.planner.for_sale import SELL
from assistant.planner.question_words import DOES_THIS
from assistant.planner.return_words import ANOTHER_VARIANT
from assistant.planner.several_words import BOUGHT_WHEN


@pytest.mark.parametrize(
    ("text", "refers"),
    [
        ("how often am i supposed to do this", True),
        ("how do i get it off", True),
        ("and how often should i do that?", True),
        ("and until when can we do it", False),  # the request's "it", not what was told
        ("can you do that?", False),
        ("what does it do", False),
    ],
)
def test_a_how_question_ending_on_do_this(text: str, refers: bool) -> None:
    assert bool(DOES_THIS.search(text)) is refers


def test_the_next_step_of_the_same_fix_is_no_question_of_its_own() -> None:
    for said in (
        "and if that doesnt work?",
        "what if it still doesn't work",
        "but if it won't fix",
    ):
        assert _NEXT_STEP.search(said)
    assert not _NEXT_STEP.search("and does it work with alexa?")


def test_which_ones_to_buy_asks_what_the_store_sells() -> None:
    assert SELL.search("which replacement ones do i buy and do they come in white")
    assert SELL.search("what size should we order")
    assert not SELL.search("which one did i buy last year")


def test_a_device_that_stays_off_is_a_fault() -> None:
    for said in ("the tv stays off", "the screen stays black after the update"):
        assert PROBLEM.search(said)
    assert not PROBLEM.search("can i make it stay off after an outage")


def test_replaced_under_warranty_asks_the_coverage() -> None:
    assert ASKS_COVERED.search("can i get them replaced under warranty before it runs out?")
    assert ASKS_COVERED.search("could we get it repaired on the warranty")
    assert not ASKS_COVERED.search("can i get them replaced with the black ones")


def test_an_action_not_wanted_is_not_named() -> None:
    assert "swap_product" not in named_actions("i dont want it switching to some other plan")
    assert "swap_product" in named_actions("i want it switching to the decaf")


def test_when_it_was_bought_is_no_request() -> None:
    assert BOUGHT_WHEN.search("i got it back in august")
    assert BOUGHT_WHEN.search("we bought them on black friday")
    assert not BOUGHT_WHEN.search("i got the wrong size, can i swap")


def test_another_variant_wanted_instead() -> None:
    assert ANOTHER_VARIANT.search("can we get large instead, havent opened it")
    assert ANOTHER_VARIANT.search("could you send me the black ones instead")
    assert not ANOTHER_VARIANT.search("i'd rather keep them")


def test_staying_the_same_asked_at_a_preview() -> None:
    assert _STAYS_AS_IT_IS.search(
        "will it be the same dark roast when it comes back and same price?"
    )
    assert _STAYS_AS_IT_IS.search("after that it goes back to normal right?")
    assert not _STAYS_AS_IT_IS.search("the refund goes back on my mastercard right?")
