"""Second choices and second thoughts, on the real parts (MiniLM, Chroma, trained router, demo
store): an exchange to a variant out of stock keeps the exchange open for another size or
colour ("fine, then the 10.5 in black"); a measurement told in one sentence and asked about in
the next ("…24.6 cm. which size is that on your chart?") gets the chart's row beside the request;
"so can you skip the decaf…" is a skip, however unsure the router; "i thought it came every
month" while a skip waits names no frequency change; a grinder that "just quit on me" goes back
as a defect; "never even opened the box" answers the "unused?" question."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_after_an_out_of_stock_size_another_option_previews_the_same_exchange(
    real: Assistant,
) -> None:
    state = verified(real, "46659", "diego.harris188@example.com")
    first = real.reply(
        state,
        "ordered the velo 3 in 9 black for my partner but she's actually an 11, she only tried "
        "them on in the kitchen for ten minutes. could i swap them for an 11 in coral?",
    )
    assert "out of stock" in first.text and first.pending_action is None
    second = real.reply(state, "fine, then the 11 in black. swap them please")
    assert second.executed_actions == []
    assert second.pending_action is not None and second.pending_action.action == "exchange_item"
    assert "11, black" in second.text
    done = real.reply(state, "yes go ahead")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_a_measurement_told_before_the_question_gets_the_charts_row(real: Assistant) -> None:
    state = verified(real, "46682", "amelia.johnson200@example.com")
    reply = real.reply(
        state,
        "the 8.5 navy are short on my wife, she only tried them on at home. i want to swap them "
        "for a 10.5 in navy — she just measured her foot, 26.4 cm. what size is that on your "
        "chart?",
    )
    assert "For 26.4 cm" in reply.text and "10.5" in reply.text  # the chart row of 26.4 cm
    assert "23.2" not in reply.text


def test_a_plain_request_to_skip_is_previewed_not_asked_about(real: Assistant) -> None:
    state = verified(real, "48798", "ravi.miller12@example.com")
    asked = real.reply(
        state,
        "morning! i handle the coffee for our flat on this account. we're away for the whole of "
        "march so could you please skip the decaf that's due then",
    )
    assert asked.pending_action is not None
    assert asked.pending_action.action == "skip_next_delivery"
    doubt = real.reply(
        state, "hold on, i thought it came every month? anyway march is not charged, right?"
    )
    assert doubt.executed_actions == []
    assert doubt.pending_action is None or doubt.pending_action.action == "skip_next_delivery"
    done = real.reply(state, "ok yes skip it")
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]


def test_a_grinder_that_quit_goes_back_as_a_defect(real: Assistant) -> None:
    state = verified(real, "46862", "omar.perez167@example.com")
    reply = real.reply(
        state,
        "my burr grinder just quit on me this morning. screen lights up, i press start and "
        "nothing, not even a hum. tried another socket. i'd like to send it back for a refund",
    )
    assert "unused" not in reply.text.lower()
    assert reply.escalation is None


def test_never_opened_answers_the_unused_question(real: Assistant) -> None:
    state = verified(real, "46645", "noah.kowalski175@example.com")
    reply = real.reply(
        state,
        "bought the 2 pack of homely plugs before christmas for the tree lights, never even "
        "opened the box and now the tree is gone. can i send them back for a refund?",
    )
    assert "Is it unused" not in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"


def test_the_club_box_already_on_its_way_is_a_redirect_for_a_person(real: Assistant) -> None:
    state = verified(real, "48824", "noah.kowalski291@example.com")
    reply = real.reply(
        state,
        "my coffee club bags are already on their way to my old flat, i moved on the weekend. "
        "can you send them to 400 grove st, oakland ca 94612 instead?",
    )
    assert reply.escalation is not None
    assert reply.escalation.reason == "order_change_after_fulfilment"
    assert "can't change the address of your Coffee Club subscription" not in reply.text


def test_a_question_about_what_you_own_is_answered_not_a_coffee_swap(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "my sister visits next week and likes her coffee strong. we have the premium dark roast, "
        "the cuisina grinder and a 34 oz french press. what grind setting should i use",
    )
    assert "order number" not in reply.text
    assert "34" in reply.text


def test_a_follow_up_about_the_camera_in_focus_is_answered_from_its_manual(
    real: Assistant,
) -> None:
    state = real.start()
    real.reply(state, "how do i give my dad access to the homely indoor cam from his own phone?")
    reply = real.reply(
        state,
        "thanks, dad is in 👍 but now we both get pinged all day because the dog walks past lol. "
        "can we only get alerts when it's actually a person",
    )
    assert "Person detection" in reply.text
    assert "I want to make sure" not in reply.text


def test_a_size_got_instead_then_another_colour_keeps_the_size(real: Assistant) -> None:
    """ "a tad small" is how they fit, not the size "small"; "could we get the 10.5 navy
    instead?" asks an exchange; after it is out of stock, "black is fine then, same 10.5" keeps
    the 10.5 (the preview must not fall back to the size on the order)."""
    state = verified(real, "46682", "amelia.johnson200@example.com")
    first = real.reply(
        state,
        "hiya, the velo 3 i got my sister (8.5 navy) are a tad small, she wore them round the "
        "flat once. could we get the 10.5 navy instead?",
    )
    assert "out of stock" in first.text and "size small" not in first.text
    second = real.reply(state, "oh no. black is fine then, same 10.5")
    assert second.pending_action is not None and second.pending_action.action == "exchange_item"
    assert "for size 10.5, black" in second.text
