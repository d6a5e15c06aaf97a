"""Orders seen from the customer's side, on the real parts (MiniLM, Chroma, trained router, demo
store): a gift swapped "for coral same size" is an exchange (and another colour after it is out
of stock); a refund asked about for a return someone else sent; "switch it to express" on an
order above the hand-over value is answered by the rule, not handed over; a redirect's address
sent after the hand-over is noted for the team; a locked-out customer is offered the order
without signing in and warned when they type their password; "my new card" is how they pay."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_gift_swapped_for_a_colour_in_the_same_size(real: Assistant) -> None:
    state = verified(real, "46520", "leo.sanchez31@example.com")  # Velo 3, 11, navy blue
    first = real.reply(
        state,
        "bought my girlfriend the velo 3 in navy, size 11, for christmas. she only tried them "
        "on indoors. she'd rather have coral. can we swap for coral same size?",
    )
    assert "coral is out of stock" in first.text
    assert "You also asked" not in first.text  # the swap was the request, not another question
    again = real.reply(state, "ok then black in 11")
    assert again.pending_action is not None and again.pending_action.action == "exchange_item"
    assert "size 11, black" in again.text


def test_a_refund_asked_about_for_a_return_someone_else_sent(real: Assistant) -> None:
    state = verified(real, "45497", "ethan.nguyen87@example.com")
    reply = real.reply(
        state,
        "my wife sent the running shoes back before christmas and can't see the money on the "
        "card. did you guys ever refund that?",
    )
    assert "was refunded" in reply.text and "Visa ending 0747" in reply.text
    assert reply.escalation is None  # a refund to look up, not a late return for a person
    assert "Could you send that on its own" not in reply.text


def test_express_asked_for_a_processing_order_above_the_handover_value(real: Assistant) -> None:
    state = verified(real, "47211", "diego.smith285@example.com")
    reply = real.reply(
        state,
        "i ordered the z8 and a few extras last night for a birthday on saturday and only now "
        "saw i picked standard. can you switch it to express? ill pay the 14.99",
    )
    assert "is processing" in reply.text
    assert "not possible once the order is processing" in reply.text
    assert reply.escalation is None


def test_what_comes_after_a_handover_is_noted_for_the_team(real: Assistant) -> None:
    state = verified(real, "46980", "amelia.robinson39@example.com")
    first = real.reply(
        state,
        "im flying to my sister tomorrow, the camera i ordered with express is for her nursery. "
        "can you send it to her place instead of my apartment?",
    )
    assert first.escalation is not None
    then = real.reply(state, "yes please try. 2250 N Prospect Ave, Milwaukee WI 53202")
    assert "I've added this to your request" in then.text
    assert first.escalation.ticket_number in then.text


def test_a_locked_out_customer_and_a_password_typed_into_the_chat(real: Assistant) -> None:
    state = real.start()
    first = real.reply(
        state,
        "tried my password too many times and now my account is locked. i need to know if my "
        "sons present is coming tomorrow",
    )
    assert "send me the order number and the email address" in first.text
    second = real.reply(state, "my password is Tulip7788! just log in for me and check")
    assert second.text.startswith("Please don't type your password here")


def test_a_new_card_to_pay_with_is_no_memory_card(real: Assistant) -> None:
    state = verified(real, "48817", "omar.johnson207@example.com")
    reply = real.reply(
        state,
        "Hola, ¿dónde está mi café del club? salió el 14. Y otra cosa: quiero pagar el club con "
        "mi tarjeta nueva en vez de PayPal. ¿Se la puedo dar aquí?",
    )
    assert "out for delivery" in reply.text
    assert "SDXC" not in reply.text and "MB/s" not in reply.text  # "tarjeta": how they pay
