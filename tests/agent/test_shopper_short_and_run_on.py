"""Phone typists and questions asked before the yes, on the real parts (MiniLM, Chroma, trained
router, demo store): "before I confirm, it stays the same right?" at a preview is answered from
the preview and keeps it waiting; a paused plan asked to stay paused longer gets the store's
longest pause; a request closed by an aside in brackets ("(grinder is for the office lol) when
is…") is two requests; "i forgot my password… how long is the warranty on them" answers both;
a size sent alone after a size question is read with it; "can I return it?" answered by a
return's preview says until when."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_question_before_the_yes_is_answered_from_the_preview(real: Assistant) -> None:
    state = verified(real, "48015", "olivia.harris238@example.com")
    first = real.reply(state, "please skip my next coffee delivery")
    assert first.pending_action is not None and first.pending_action.action == "skip_next_delivery"
    asked = real.reply(
        state, "before i confirm, after the skip it goes back to the same coffee and same price?"
    )
    assert asked.pending_action is not None and not asked.executed_actions
    assert "$18.99" in asked.text and "nothing else" in asked.text
    done = real.reply(state, "great, yes skip it")
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]


def test_a_paused_plan_asked_to_stay_paused_longer_gets_the_longest_pause(
    real: Assistant,
) -> None:
    state = verified(real, "48006", "daniel.williams11@example.com")
    reply = real.reply(
        state, "is my coffee club still on pause? i'm travelling till september, can it stay paused"
    )
    assert "paused until" in reply.text and "at most 3 deliveries" in reply.text
    assert not reply.executed_actions and reply.pending_action is None


def test_an_aside_in_brackets_closes_a_request(real: Assistant) -> None:
    state = verified(real, "47075", "diego.smith223@example.com")
    reply = real.reply(
        state,
        "quick pls wheres my order with the grinder (its a gift lol) when is my next club "
        "coffee coming",
    )
    assert "9400587264008448008023" in reply.text  # the order's parcel
    assert "next delivery and charge on" in reply.text  # and the plan's next delivery
    assert reply.text.count("Coffee Club subscription:") == 1  # said once, not per part


def test_a_statement_and_a_question_about_another_product_are_both_answered(
    real: Assistant,
) -> None:
    state = verified(real, "44593", "noah.rodriguez189@example.com")
    reply = real.reply(
        state,
        "need a receipt for my soundwave headphones also i forgot my password for the site and "
        "how long is the warranty on them",
    )
    assert "Forgot password" in reply.text
    assert "12-month warranty" in reply.text and "October 15, 2026" in reply.text


def test_a_size_sent_alone_is_read_with_the_size_question(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "which size socks go with the velo 3 running shoes")
    reply = real.reply(state, "10.5")
    assert "Large" in reply.text or "large" in reply.text


def test_wear_asked_under_warranty_gets_the_coverage_not_a_claim(real: Assistant) -> None:
    state = verified(real, "41060", "james.martin48@example.com")
    reply = real.reply(
        state,
        "the ear cushions on my soundwave pro are peeling after a year of daily use. can i get "
        "them replaced under warranty?",
    )
    assert reply.escalation is None
    assert "ear cushions worn out by normal use" in reply.text


def test_i_meant_another_thing_asks_the_same_question_about_it(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "how do i turn off the noise cancelling on my soundwave pro")
    reply = real.reply(state, "oh sorry i meant the voice that talks every time i power them on")
    asked = [str(c.arguments.get("query", "")) for c in reply.tool_calls]
    assert any("how do i turn off the voice that talks" in q for q in asked)


def test_two_things_announced_are_both_answered(real: Assistant) -> None:
    state = verified(real, "44593", "noah.rodriguez189@example.com")
    reply = real.reply(
        state,
        "hey 2 things, my soundwave pro battery barely lasts a day now (did the full charge "
        "thing) and also wheres the serial on these",
    )
    assert "SoundWave Pro guide says" in reply.text  # the battery's fault
    assert "serial number is printed inside the headband" in reply.text
    assert "BP-F2" not in reply.text


def test_another_size_instead_is_an_exchange(real: Assistant) -> None:
    state = verified(real, "46659", "diego.harris188@example.com")
    reply = real.reply(
        state,
        "the little sock pack (that came w the shoes) is too small for her, can we get large "
        "instead, havent opened it",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "size large" in reply.text
