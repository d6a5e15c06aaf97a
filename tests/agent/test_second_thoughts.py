"""Second thoughts and messages that carry more than one thing, end to end (real MiniLM, real
Chroma, trained router, demo store): a fewer number or another grind named while a preview
waits gives a new preview (never an execution); a reassurance after a yes still confirms; a
request beside a who-we-are remark or an unsure question is previewed; the order number given
to verify is the order asked about; the store's plan asked about is answered from its terms; a
question that ends in a question mark is answered though it opens as a statement."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration


def test_scratch_that_just_one_previews_the_shorter_pause(real: Assistant) -> None:
    state = signed_in(real, "james.walker27@example.com")
    first = real.reply(
        state, "heading out on a ship rotation, can u pause my coffee club for 3 deliveries"
    )
    assert first.pending_action is not None and "Pause for 3 deliveries" in first.text
    again = real.reply(state, "scratch that, rotation got cut short. just 1 delivery")
    assert again.executed_actions == [] and again.pending_action is not None
    assert "Pause for 1 delivery" in again.text
    done = real.reply(state, "yep one. confirm")
    assert [a.action for a in done.executed_actions] == ["pause_subscription"]


def test_not_this_grind_that_one_previews_the_other_grind(real: Assistant) -> None:
    state = signed_in(real, "ethan.clark23@example.com")
    real.reply(
        state, "my espresso machine died, can you change my coffee club grind to french press"
    )
    again = real.reply(
        state, "wait no not french press. drip. im going to use the drip machine at work for now"
    )
    assert again.executed_actions == [] and again.pending_action is not None
    assert "(drip)" in again.text.split("Switch from", 1)[1]
    done = real.reply(state, "yes drip, thats it")
    assert [a.action for a in done.executed_actions] == ["swap_product"]


def test_a_remark_about_the_account_does_not_hide_the_cancellation(real: Assistant) -> None:
    state = signed_in(real, "carlos.harris63@example.com")
    first = real.reply(
        state,
        "Hi, we're twins and we share this account. Camila moved out last week so we don't "
        "need 3 bags anymore. We want to cancel the Coffee Club altogether.",
    )
    assert first.pending_action is not None
    assert first.pending_action.action == "cancel_subscription"
    assert "Forgot your password" not in first.text
    done = real.reply(state, "Yes, cancel it. We both agreed.")
    assert [a.action for a in done.executed_actions] == ["cancel_subscription"]


def test_a_request_and_an_unsure_question_the_request_is_previewed(real: Assistant) -> None:
    state = signed_in(real, "sophia.kowalski257@example.com")
    first = real.reply(
        state,
        "Hi! Two things. Could you pause my decaf for one delivery? I've still got a bag open. "
        "And I'm getting a grinder for my birthday, so later I might switch to whole bean: is "
        "there anything different about grinding decaf beans compared to regular ones?",
    )
    assert first.pending_action is not None
    assert first.pending_action.action == "pause_subscription"
    assert first.executed_actions == []


def test_the_order_number_given_to_verify_is_the_order_asked_about(real: Assistant) -> None:
    state = real.start()
    real.reply(
        state,
        "Hello, please I want to know if my camera is arrived. My email is "
        "ella.lewis214@example.com",
    )
    reply = real.reply(state, "Sorry, I forget. Number of order is 46550")
    assert "#46550" in reply.text and "220948556011" in reply.text
    assert "#46091" not in reply.text


def test_the_stores_plan_is_answered_from_its_terms(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "Looking at Northfield Protect for my Z8. Is there a deductible when I make a claim, "
        "and is it a monthly charge or one payment?",
    )
    assert "no deductible" in reply.text and "one-time payment" in reply.text
    assert "Could you send that on its own" not in reply.text  # the line answers both
    assert reply.escalation is None


def test_a_statement_ending_in_a_question_mark_is_answered(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "two q's. my cart is $96, so is express shipping free too since it's over $75? and the "
        "tracking on my last order has said 'Label created' since last night, should i worry?",
    )
    assert "$14.99" in reply.text
    assert "Label created" in reply.text


def test_a_burning_smell_from_one_product_gets_no_other_products_line(
    real: Assistant,
) -> None:
    reply = real.reply(
        real.start(),
        "is it normal for the grinder to smell a bit like burning the first time?",
    )
    assert "new appliance" not in reply.text  # the kettle's line, not the grinder's
    assert reply.escalation is not None and reply.escalation.reason == "safety_hazard"


def test_the_product_named_after_which_product_answers_the_first_question(
    real: Assistant,
) -> None:
    state = real.start()
    asked = real.reply(state, "the alerts stopped coming to my phone. what do i do")
    assert "Which product" in asked.text
    reply = real.reply(
        state,
        "sorry, it's the homely indoor cam watching the staff entrance at the museum. motion "
        "detection is switched on",
    )
    assert "notifications are allowed" in reply.text


def test_the_brands_word_alone_does_not_scope_a_brewing_question(real: Assistant) -> None:
    # "coffee" is the coffee brand's word: the question is about the press, not one blend
    reply = real.reply(
        real.start(),
        "We keep a big 1 litre French press on the pilot boat. How much coffee and how much "
        "water should go in it?",
    )
    assert "60 g and 900 g" in reply.text
