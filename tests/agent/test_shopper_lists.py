"""Shoppers' lists and second thoughts, on the real parts (MiniLM, Chroma, trained router, demo
store): a numbered list is answered item by item, however unsure the router is of each; a fault
told beside "can i return them for a refund" is the return's reason (no claim beside it); a
colour corrected mid-message is the one previewed; a return's own sentence says which items go
back; "should i write to you again?" after a tracking answer gets the policy on when to."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in, verified

pytestmark = pytest.mark.integration


def test_a_numbered_list_gets_every_item_answered(real: Assistant) -> None:
    state = verified(real, "47132", "emma.martin60@example.com")
    reply = real.reply(
        state,
        "3 things about my z8 order: 1) has it shipped? 2) i read there's no charger in the box, "
        "what exactly do i need to buy 3) does the rs-2 remote come with a battery or do i need "
        "to get one",
    )
    assert "#47132" in reply.text  # the order's own news, not only the documents
    assert "18 W" in reply.text  # the charger the camera needs
    assert "CR2032" in reply.text  # the remote's battery


def test_a_numbered_list_about_a_paused_plan_answers_the_later_items(real: Assistant) -> None:
    state = signed_in(real, "nora.smith32@example.com")
    reply = real.reply(
        state,
        "few things about my coffee club: 1) it's paused but im almost out, can i restart it "
        "early? 2) if i go down to 1 bag instead of 2, what does that cost? 3) i switched to an "
        "aeropress, which grind should my bags be now?",
    )
    assert "paused" in reply.text
    assert "$18.99" in reply.text  # the 1-bag plan's price
    assert "drip" in reply.text  # the grind for the press


def test_a_fault_beside_a_refund_asked_for_is_the_returns_reason(real: Assistant) -> None:
    state = verified(real, "46649", "mateo.jackson133@example.com")
    reply = real.reply(
        state,
        "my soundwave pros went completely silent on the right side yesterday. did the factory "
        "reset, tried the cable, still dead. theyre not even a month old, can i just return "
        "them for a refund",
    )
    assert reply.escalation is None  # no warranty claim beside the return
    assert reply.pending_action is not None and reply.pending_action.action == "return_items"
    assert "defective" in reply.text and "return shipping free" in reply.text
    done = real.reply(state, "sure thing, send the label")
    assert [a.action for a in done.executed_actions] == ["return_items"]


def test_a_colour_corrected_mid_message_is_the_one_previewed(real: Assistant) -> None:
    state = verified(real, "46659", "diego.harris188@example.com")
    reply = real.reply(
        state,
        "my daughter only tried them on in the living room, the black velo 3s look too plain. "
        "can we swap them for the navy ones, same size? wait no, coral. coral in a 9",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "size 9, coral" in reply.text
    assert "Is it unused" not in reply.text  # "only tried them on" said so already


def test_a_returns_own_sentence_says_which_items_go_back(real: Assistant) -> None:
    state = verified(real, "46607", "omar.johnson207@example.com")
    reply = real.reply(
        state,
        "we got the swiss water decaf, a premium dark roast and the grinder before christmas. the "
        "dark roast is way too strong for us, still sealed. can we send the dark roast back?",
    )
    # a return with a fee goes to an agent (the demo store's policy); the item is the one named
    assert reply.escalation is not None and reply.pending_action is None
    assert state.escalation is not None and "Premium Dark Roast" in reply.text
    assert "Decaf" not in reply.text and "Grinder" not in reply.text


def test_should_i_write_again_after_tracking_gets_when_to(real: Assistant) -> None:
    state = verified(real, "46881", "carlos.williams73@example.com")
    first = real.reply(state, "where is my order? it still isn't here")
    assert "#46881" in first.text
    later = real.reply(
        state, "ok. and if it's still not here by friday, should i write to you again?"
    )
    assert "3 business days" in later.text
