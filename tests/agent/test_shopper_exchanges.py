"""Exchanges and return costs as shoppers ask for them, on the real parts (MiniLM, Chroma, trained
router, demo store): "yes please swap them" confirms the exchange waiting (the coffee swap
shares the verb, it is not another action); "yes but the new pair in coral" changes the waiting
exchange instead of dropping it for a coffee swap; "never ran in them" is no "ran in them";
"how much would I actually get back?" gets the store's fee and what comes back; "how much would
3 bags be?" gets the plan's price from the store's plans."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_yes_that_says_swap_runs_the_exchange_it_answers(real: Assistant) -> None:
    state = verified(real, "46520", "leo.sanchez31@example.com")
    asked = real.reply(
        state,
        "the velo 3 size 11 navy i got her are too short, only tried on indoors, still in the box. "
        "could we swap them for an 11.5 in the same navy?",
    )
    assert asked.pending_action is not None and asked.pending_action.action == "exchange_item"
    done = real.reply(state, "yes please swap them")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]
    assert "Coffee Club" not in done.text


def test_a_colour_named_at_the_preview_changes_the_exchange_and_runs_nothing(
    real: Assistant,
) -> None:
    state = verified(real, "46415", "omar.williams145@example.com")
    asked = real.reply(
        state,
        "my wife's velo 3 in size 7 navy pinch her toes, she only tried them on in the hall for a "
        "minute, all the paper is still in the box. can we trade them for a 7.5?",
    )
    assert asked.pending_action is not None and asked.pending_action.action == "exchange_item"
    assert "7.5, navy blue" in asked.text
    changed = real.reply(state, "ok but could the new ones be coral instead of navy?")
    assert changed.executed_actions == []
    assert changed.pending_action is not None and changed.pending_action.action == "exchange_item"
    assert "7.5, coral" in changed.text
    assert "subscription" not in changed.text.lower()
    done = real.reply(state, "yes")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_never_having_run_in_them_is_unused_and_a_bigger_size_is_previewed(
    real: Assistant,
) -> None:
    state = verified(real, "46854", "mia.miller20@example.com")
    asked = real.reply(
        state,
        "the 6.5 velo 3s are tight at the toes. never ran in them, like new with the box. can I "
        "exchange them for a 7 in navy?",
    )
    assert asked.escalation is None
    assert asked.pending_action is not None and asked.pending_action.action == "exchange_item"
    bigger = real.reply(state, "yes but actually can we do 7.5 instead? i'm between sizes")
    assert bigger.executed_actions == []
    assert bigger.pending_action is not None and "7.5" in bigger.text


def test_what_a_changed_mind_return_costs_is_the_stores_fee_and_what_comes_back(
    real: Assistant,
) -> None:
    state = verified(real, "46579", "ethan.clark23@example.com")
    reply = real.reply(
        state,
        "got a second pair of soundwave pros as a gift so mine are still sealed. until when can "
        "i send them back and how much would i actually get back? just asking",
    )
    assert "$6.95" in reply.text and "changed my mind" in reply.text
    assert "January 29" in reply.text
    assert reply.pending_action is None and reply.executed_actions == []


def test_the_price_of_a_bigger_plan_is_the_stores_plan_price(real: Assistant) -> None:
    state = verified(real, "46579", "ethan.clark23@example.com")
    reply = real.reply(
        state, "thinking of getting coffee delivered, how much would 3 bags be each time?"
    )
    assert "3 bags per delivery: $49.99 per delivery" in reply.text


def test_whether_a_swap_could_be_done_later_is_the_window_not_a_hand_over(
    real: Assistant,
) -> None:
    state = verified(real, "45979", "samuel.anderson44@example.com")  # window closed Jan 14
    reply = real.reply(
        state,
        "my heel slips a bit in the velo 3. if the heel lock doesnt help, could i still "
        "exchange them for a half size down?",
    )
    assert reply.escalation is None and reply.pending_action is None
    assert "closed on Wednesday, January 14" in reply.text


def test_a_swear_at_ones_own_slip_is_not_handed_over(real: Assistant) -> None:
    state = verified(real, "48532", "samuel.moore231@example.com")  # a monthly subscriber
    reply = real.reply(state, "oh crap i just bought a bag in the shop. can you skip my next one?")
    assert reply.escalation is None
    assert reply.pending_action is not None or "skip" in reply.text.lower()


def test_switching_them_to_another_colour_beside_a_story_is_one_exchange(
    real: Assistant,
) -> None:
    state = verified(real, "46854", "mia.miller20@example.com")
    reply = real.reply(
        state,
        "hey so i got the velo 3 in navy, size 6.5, but i was hoping for black. only tried them "
        "on at home, still in the box. can we switch them to black same size?",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "6.5, black" in reply.text
    assert "You also asked" not in reply.text  # the story is no question of its own


def test_a_size_changed_while_the_exchange_waits_is_kept(real: Assistant) -> None:
    state = verified(real, "46744", "wei.kowalski121@example.com")  # Velo 3 6.5 black
    asked = real.reply(
        state,
        "id like to exchange my velo 3 for the coral ones, same size. havent worn them outside",
    )
    # the Run Guarantee waives the "unused?" question: the exchange is previewed
    assert asked.escalation is None and asked.pending_action is not None
    assert "size 6.5, coral" in asked.text
    again = real.reply(state, "oh wait, actually make it a 7 in coral")
    assert again.executed_actions == [] and again.pending_action is not None
    assert again.pending_action.action == "exchange_item"
    assert "size 7, coral" in again.text and "Coffee Club" not in again.text
