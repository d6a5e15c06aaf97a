"""Worries around an order, on the real parts (MiniLM, Chroma, trained router, demo store): a
parcel sitting at one depot gets the shipping policy's word on when to worry; a double charge
with "i want a person" is a billing dispute; an item that shows an error code goes back as
faulty, without the return fee; a question about when a pause ends keeps the pause waiting,
and "please don't pause it" declines it."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_parcel_sitting_at_a_depot_gets_the_policy_on_when_to_worry(real: Assistant) -> None:
    state = verified(real, "48829", "mason.brown84@example.com")
    reply = real.reply(
        state,
        "order 48829 was meant for my wife's birthday. the tracking has said memphis since last "
        "night. we live in ohio. should i be worried or do i need to reorder somewhere else?",
    )
    assert "Memphis" in reply.text
    assert "3 business days" in reply.text  # the shipping policy's rule, quoted
    assert "You also asked" not in reply.text
    assert reply.escalation is None and reply.executed_actions == []


def test_a_double_charge_and_a_person_asked_for_is_a_billing_dispute(real: Assistant) -> None:
    state = verified(real, "46921", "lily.allen221@example.com")
    reply = real.reply(
        state,
        "seriously, my card shows $268.11 from you TWICE and both have posted. i placed one "
        "order. get me a human to sort this out",
    )
    assert reply.escalation is not None and reply.escalation.reason == "billing_dispute"
    assert "pending authorization" not in reply.text  # both posted: nothing to wait for
    again = verified(real, "46921", "lily.allen221@example.com")
    billed = real.reply(again, "i got billed two times for one order. can i talk to someone real")
    assert billed.escalation is not None and billed.escalation.reason == "billing_dispute"


def test_an_error_code_return_goes_back_as_faulty_without_the_fee(real: Assistant) -> None:
    state = verified(real, "46979", "lucas.williams86@example.com")
    reply = real.reply(
        state,
        "the cuisina kettle keeps showing E2, i already let it cool down and refilled it. it's "
        "brand new, i'd like to send it back for a refund",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "return_items"
    assert "defective" in reply.text and "return shipping free" in reply.text
    assert "$6.95" not in reply.text


def test_a_question_about_the_pause_keeps_it_waiting_and_a_polite_no_declines(
    real: Assistant,
) -> None:
    state = verified(real, "48778", "ava.wilson293@example.com")
    preview = real.reply(state, "please pause my coffee club for 2 deliveries, i'm travelling")
    assert preview.pending_action is not None
    asked = real.reply(state, "will i get an email before it starts again?")
    assert asked.pending_action is not None  # still waiting for a yes or a no
    assert "nothing was changed" not in asked.text
    declined = real.reply(state, "hmm on second thought please don't pause it, keep it as it is")
    assert declined.pending_action is None and declined.executed_actions == []


def test_too_late_to_change_gets_the_last_day_with_the_preview(real: Assistant) -> None:
    state = verified(real, "48778", "ava.wilson293@example.com")
    reply = real.reply(
        state, "my coffee club comes on the 1st. is it too late to switch it to whole bean?"
    )
    assert reply.pending_action is not None
    assert "possible until 11:59 PM ET on Friday, January 30" in reply.text


def test_what_sending_a_gift_back_would_cost_is_the_stores_fee(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "thinking of the soundwave pro for my sister's birthday. does it work with her pixel "
        "phone? and if she doesn't like them can she send them back, what does that cost?",
    )
    assert "$6.95" in reply.text  # the store's fee for a change of mind, from its rules
    assert reply.escalation is None and reply.pending_action is None
