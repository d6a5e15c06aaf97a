"""What the first runs of four more blind shopper splits (dev33-dev36) showed, on the real
parts (MiniLM, Chroma, trained router, demo store): a subscription's address is changed on the
account page, not on the last order; two charges of one amount that are two orders; a cancelled
order has nothing to track; "is it still under warranty?" before verification; a display code
quoted after a section that names it was shown; a fault that persists with no remedy claimed;
"not broken broken, just lopsided"; the extended plan "added to my Z8"; "sure, send it over";
"resend" beside a warranty word; "the spare camera battery"; a squeak with "any fix?"."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in, verified

pytestmark = pytest.mark.integration


def test_a_subscription_address_is_changed_on_the_account_page(real: Assistant) -> None:
    state = signed_in(real, "nora.robinson295@example.com")
    reply = real.reply(
        state,
        "we're probably moving to hoboken in the spring. can you change the address on my coffee "
        "club to 301 garden st apt 4, hoboken nj 07030? its paused till the end of may anyway "
        "right?",
    )
    assert reply.escalation is None and reply.pending_action is None  # not the last order
    assert "Shipping address" in reply.text and "May 29" in reply.text
    left = real.reply(state, "hmm actually not sure yet, the lease isnt signed. leave it as is")
    assert left.text.startswith("Okay, I'll leave everything as it is")


def test_two_charges_of_one_amount_that_are_two_orders_are_no_dispute(real: Assistant) -> None:
    state = verified(real, "46035", "henry.martinez143@example.com")
    reply = real.reply(
        state,
        "going through my card statements for the year and i see 121.85 from you guys TWICE. i "
        "only remember buying one pair of shoes. were you double charging me??",
    )
    assert reply.escalation is None
    assert "#43715" in reply.text and "#46035" in reply.text
    other = verified(real, "41400", "leo.thompson123@example.com")
    unknown = real.reply(
        other,
        "WHAT is this $89.99 charge from northfield market on my visa?? i havent bought a thing "
        "from you since last february. reverse it NOW",
    )
    assert unknown.escalation is not None and unknown.escalation.reason == "billing_dispute"


def test_a_cancelled_order_has_nothing_to_track(real: Assistant) -> None:
    state = verified(real, "45883", "mason.hernandez151@example.com")
    reply = real.reply(
        state,
        "hi can i get the tracking number for my lumora z8 order? ordered it like early december "
        "with the sling bag and a couple other things and i still havent gotten a shipping "
        "email. getting kinda worried",
    )
    assert "was cancelled on Saturday, December 6" in reply.text


def test_still_under_warranty_before_verification_asks_for_the_order_then_answers(
    real: Assistant,
) -> None:
    state = real.start()
    first = real.reply(
        state, "is my homely indoor cam still under warranty? i got it last spring i think"
    )
    assert "12 months" in first.text and "order number" in first.text
    second = real.reply(state, "42086 and samuel.lopez243@example.com")
    assert "April 9, 2026" in second.text  # the documents' rule: the same day two years on


def test_a_display_code_quoted_after_its_section_was_shown_gets_its_step(
    real: Assistant,
) -> None:
    state = verified(real, "46193", "ava.okafor278@example.com")
    real.reply(state, "my cuisina grinder just says HOP on the screen and wont grind anything")
    reply = real.reply(
        state,
        "ok that worked thx. now i did a huge batch for cold brew and it stopped halfway and "
        "says HOT",
    )
    assert "30 minutes" in reply.text


def test_a_fault_that_persists_past_the_return_window_is_a_claim(real: Assistant) -> None:
    state = verified(real, "42771", "james.miller147@example.com")
    reply = real.reply(
        state,
        "my homely indoor cam keeps going offline every single night. i've restarted the router "
        "like 10 times, i moved the router closer, i did the pinhole reset and set it up from "
        "scratch twice. still drops. can somebody actually look at this",
    )
    # no remedy claimed; delivered May 26, long past the return window: a warranty claim
    assert reply.escalation is not None and reply.escalation.reason == "warranty_claim"
    assert "May 26" in reply.text and "label under the camera" in reply.text


def test_a_fault_said_not_to_be_a_breakage_is_not_handed_over(real: Assistant) -> None:
    state = verified(real, "44889", "samuel.thompson213@example.com")
    reply = real.reply(
        state,
        "the left side of my headphones is way quieter then the right since last week?? not "
        "broken broken, just lopsided. whats up with that",
    )
    assert reply.escalation is None
    assert "balance" in reply.text


def test_the_extended_plan_added_to_a_product_is_a_plan_question(real: Assistant) -> None:
    state = verified(real, "44836", "ava.davis163@example.com")
    reply = real.reply(
        state,
        "a friend told me about the northfield protect extended warranty thing. can i still add "
        "it to my z8? i got it at the end of october",
    )
    assert reply.escalation is None  # not a change to a $2,000 order
    assert "60 days" in reply.text and "December 29" in reply.text


def test_sure_send_it_over_resends_the_confirmation(real: Assistant) -> None:
    state = verified(real, "44054", "hiro.miller152@example.com")
    first = real.reply(
        state,
        "my lab reimburses noise cancelling headphones for the open office, they need the "
        "original order email. could you send it to me again",
    )
    assert first.pending_action is not None
    assert first.pending_action.action == "resend_confirmation"
    assert "Reset" not in first.text  # "send it to me again" is the request, not a question
    done = real.reply(state, "sure, send it over")
    assert [a.action for a in done.executed_actions] == ["resend_confirmation"]


def test_resend_named_beside_a_product_and_a_warranty_word_is_the_resend(
    real: Assistant,
) -> None:
    state = verified(real, "42997", "james.chen205@example.com")
    reply = real.reply(
        state,
        "can u resend me the order email for my soundwave pros, might need it for a warranty thing",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "resend_confirmation"


def test_the_order_with_the_spare_camera_battery_is_the_batterys(real: Assistant) -> None:
    state = verified(real, "44157", "fatima.lopez67@example.com")
    reply = real.reply(
        state,
        "could you resend the confirmation email for my order with the spare camera battery? i "
        "need to show what i paid",
    )
    assert "#44157" in reply.text and "#42826" not in reply.text  # not the camera's order


def test_a_fault_with_any_fix_and_no_return_word_is_no_return(real: Assistant) -> None:
    state = verified(real, "45410", "amelia.ramirez281@example.com")
    reply = real.reply(
        state,
        "my running shoes squeak like crazy when i walk around the office in them, pretty sure "
        "its coming from inside the shoe not the bottom. so embarassing. any fix?",
    )
    assert "baby powder" in reply.text and "returns policy" not in reply.text


def test_an_order_number_and_email_sent_unasked_verify_and_show_that_order(
    real: Assistant,
) -> None:
    state = real.start()
    reply = real.reply(state, "its 45321, ravi.martinez135@example.com")
    assert reply.escalation is None  # not "talk to a person"
    assert "you're verified" in reply.text and "#45321" in reply.text
    typo = real.start()
    first = real.reply(
        typo, "hiya, is my kettle stil under warrenty? bought it around thanksgiving"
    )
    assert "order number" in first.text
    second = real.reply(typo, "its 45321, ravi.martinez135@example.com")
    assert second.escalation is None and "December 3, 2027" in second.text
