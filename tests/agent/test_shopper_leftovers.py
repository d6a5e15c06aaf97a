"""What the first runs of three more blind shopper splits showed (real MiniLM, real Chroma,
trained router, demo store): a compatibility "no" says what does work; "the cards above" brings
the list; the other side of a question ("…or should I just put it outside?") stays with it; a
part of the product ("the little screen says E2") is not another product; "if it keeps
happening, is it under warranty?" is a question, not a claim; a charge no order came to goes
to billing; the second plug of a 2-pack registers; a bare shoe size reads the size chart; a
joke with a swear word and a calm question beside an order question are not handed over."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration


def test_a_compatibility_no_says_what_works_instead(real: Assistant) -> None:
    reply = real.reply(real.start(), "does the smart plug work with siri?")
    assert "not compatible" in reply.text
    assert "Alexa" in reply.text and "Google Assistant" in reply.text  # the rows beside it
    assert "Tripods" not in reply.text and "2.4 GHz" not in reply.text  # not any "yes" row


def test_a_line_about_the_cards_above_brings_the_list(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "do you guys take apple pay or afterpay? if not what can i actually pay with. also can "
        "the coffee subscription go on my paypal",
    )
    assert "Visa" in reply.text and "Discover" in reply.text
    assert "any of the cards above" in reply.text


def test_the_other_side_of_a_question_stays_with_it(real: Assistant) -> None:
    state = real.start()
    real.verify(state, "41738", "zoe.sanchez119@example.com")
    reply = real.reply(
        state,
        "i set my homely cam up on the windowsill pointing out at the driveway. daytime looks "
        "great but at night its just a white foggy mess. how do i fix that? or should i just put "
        "it outside on the porch instead",
    )
    assert reply.escalation is None  # not an order change after delivery
    assert "glass" in reply.text and "Outdoor" in reply.text
    assert "Tripods" not in reply.text


def test_a_part_of_the_product_in_focus_is_not_another_product(real: Assistant) -> None:
    state = real.start()
    real.verify(state, "42341", "omar.lewis125@example.com")
    real.reply(state, "my kettle's been acting kinda weird lately tbh")
    reply = real.reply(
        state,
        "like it starts heating, then stops halfway and the little screen says E2 and the ring "
        "light flashes red",
    )
    assert "E2: Temperature sensor fault" in reply.text and "30 seconds" in reply.text
    assert "GP-Z8" not in reply.text  # the screen protector's "screen" is the kettle's display
    later = real.reply(
        state, "ok ill try that tonight. if it keeps happening is it still under warranty?"
    )
    assert later.escalation is None  # a question about a claim not made yet
    assert "24-month (2-year) warranty" in later.text


def test_a_charge_no_order_came_to_goes_to_billing(real: Assistant) -> None:
    state = real.start()
    real.verify(state, "43631", "lily.taylor224@example.com")
    reply = real.reply(
        state,
        "There's a $42.17 charge from you on my Visa dated Jan 16 and I haven't ordered anything "
        "from you since the summer. It's posted, not pending. What is this?",
    )
    assert reply.escalation is not None and reply.escalation.reason == "billing_dispute"
    assert "2 business days" in reply.text


def test_the_second_plug_of_a_2_pack_registers_and_a_wrong_serial_is_named(
    real: Assistant,
) -> None:
    state = signed_in(real, "grace.white19@example.com")  # one plug registered already
    reply = real.reply(
        state,
        "can u register one of my smart plugs for the warranty? the one in the kitchen says "
        "HMP-7C2E90B4 on the side. the other ones behind the couch, ill do that one another day",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "register_warranty"
    done = real.reply(state, "sure, go ahead")
    assert [a.action for a in done.executed_actions] == ["register_warranty"]
    assert "HMP-7C2E90B4" in done.text
    cam = real.reply(
        signed_in(real, "grace.white19@example.com"),
        "i'd like to register the homely indoor cam from my december order, serial HMC-4B19E07A",
    )
    assert cam.pending_action is None and cam.executed_actions == []
    assert "isn't the one registered" in cam.text and "HMC-0B3D9AAA" in cam.text


def test_a_bare_shoe_size_reads_the_size_chart(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "the cushionlite socks that came with my velo 3s keep sliding down into my shoes. did i "
        "get the wrong size? im a 9.5",
    )
    assert "sock size medium" in reply.text


def test_a_joke_and_a_calm_question_are_not_handed_over(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "flying to tokyo next week, like 13 hrs. if my soundwave pros die halfway can i still "
        "plug them into the seat screen thing?? or am i stuck with the crappy airline earbuds lol",
    )
    assert reply.escalation is None and "Airplane adapter" in reply.text
    state = signed_in(real, "mason.sanchez157@example.com")
    reply = real.reply(
        state,
        "when is my next coffee club box coming? and once i open a bag of the ground stuff how "
        "long before it goes stale, i feel like the last one tasted flat by the end",
    )
    assert reply.escalation is None and "February 20" in reply.text


def test_a_warranty_question_beside_a_product_named_is_about_the_one_owned(
    real: Assistant,
) -> None:
    state = real.start()
    real.verify(state, "41432", "ava.wilson203@example.com")
    reply = real.reply(
        state,
        "the ear cushions on my soundwave pros are flaking all over my coat, they're almost a "
        "year old. is that a warranty thing? if not i'll just buy new ones, how hard are they to "
        "put on?",
    )
    assert "Which product" not in reply.text
    assert "ear cushions worn out by normal use" in reply.text
