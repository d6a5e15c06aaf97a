"""Busy messages on the real parts (MiniLM, Chroma, trained router, demo store): the product a
question is about when another is named only as "a battery"; a grind asked for as "whole beans
instead of drip" with "can i still change that for the delivery on the 10th?" (the preview and
its last day) and "do you sell a grinder" (the grinder's price, not a coffee's); a numbered list
whose second question follows a dash and names the order the grinder came in."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_remote_is_asked_about_not_a_battery(real: Assistant) -> None:
    state = verified(real, "47167", "diego.lopez252@example.com")
    reply = real.reply(state, "does the remote take a battery, or is it rechargeable?")
    assert "CR2032" in reply.text
    assert "BP-F2" not in reply.text  # the camera's battery, or the handbook's overview
    assert reply.pending_action is None and reply.escalation is None


def test_whole_beans_instead_of_drip_with_its_last_day(real: Assistant) -> None:
    state = verified(real, "41270", "mateo.chen166@example.com")
    reply = real.reply(
        state,
        "hi! two things: my beans are going stale too fast so id like the club bags as whole "
        "beans instead of drip from now on. can i still change that for the delivery on the "
        "10th? and do you sell a grinder",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "swap_product"
    assert "(drip) → Ridgeline Ethiopia Yirgacheffe Single Origin, 12 oz bag (whole bean)" in (
        reply.text
    )
    assert "possible until 11:59 PM ET on Sunday, February 8" in reply.text
    assert "We sell the Cuisina Conical Burr Coffee Grinder for $129.99" in reply.text
    assert "We sell the Ridgeline" not in reply.text  # the beans the guide's line names


def test_a_numbered_question_after_a_dash_is_answered(real: Assistant) -> None:
    state = verified(real, "46317", "ella.lewis214@example.com")
    reply = real.reply(
        state,
        "few things 1) did my last order ship? 2) the grinder from my december order - can i "
        "put the drip ground morning light bag from that order in it to make it finer? 3) how "
        "often should i clean it",
    )
    assert "delivered on Wednesday, December 24, 2025" in reply.text
    assert "Only whole beans go in the hopper" in reply.text
    assert "Clean the burrs every 4 weeks" in reply.text
    assert "can't be added" not in reply.text  # putting beans in a grinder adds no items
    assert reply.pending_action is None and reply.executed_actions == []


def test_only_the_first_one_keeps_the_exchange_that_waits(real: Assistant) -> None:
    state = verified(real, "46811", "evelyn.anderson49@example.com")
    first = real.reply(
        state,
        "my velo 3s pinch at the toes, can i swap them for an 8, same black? and could the "
        "socks go to large too, they are unopened",
    )
    assert first.pending_action is not None and first.pending_action.action == "exchange_item"
    again = real.reply(state, "hmm no wait, only the first one. the socks are fine after all")
    assert again.pending_action is not None  # asked again, not dropped
    assert "size 8, black" in again.text and again.executed_actions == []
    done = real.reply(state, "yes")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_the_one_bought_with_the_plugs_is_the_other_orders_camera(real: Assistant) -> None:
    state = verified(real, "45146", "olivia.jackson37@example.com")
    first = real.reply(state, "how long is the warranty on my homely cam?")
    assert "order #45146" in first.text
    other = real.reply(state, "and the one from october with the smart plugs? same?")
    assert "Homely Indoor Cam 2K (order #44849)" in other.text
    assert "Smart Plug Mini (2-pack) (order" not in other.text


def test_the_other_one_named_after_a_fix_is_the_one_whose_light_is_told(real: Assistant) -> None:
    state = verified(real, "45781", "henry.martinez216@example.com")
    real.reply(
        state,
        "since we switched internet providers my homely camera shows offline in the app. how do "
        "i get it on the new wifi?",
    )
    plugs = real.reply(
        state,
        "camera is back, thanks! and the other one? the plugs are both blinking orange slowly",
    )
    assert "Slow amber blinking means it lost Wi-Fi" in plugs.text
    assert "Indoor Cam 2K guide" not in plugs.text


def test_shipping_asked_after_a_product_question_is_the_stores(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "does the kettle come with a descaler?")
    reply = real.reply(state, "ok and what would shipping cost to my sister in vancouver?")
    assert reply.intent == "shipping_info"
    assert "We do not ship outside the United States" in reply.text


def test_a_numbered_protect_question_after_the_serial_is_answered(real: Assistant) -> None:
    state = verified(real, "46459", "fatima.johnson76@example.com")
    reply = real.reply(
        state,
        "Good evening. Three quick questions about my new Z8: 1. where is the serial number for "
        "the registration? 2. the Northfield Protect, what does it cost and until when can I buy "
        "it? 3. does the remote need pairing?",
    )
    assert "bottom plate, next to the tripod socket" in reply.text
    assert "Northfield Protect adds 36 months for $199.00" in reply.text
    assert "until February 23" in reply.text


def test_a_bag_more_priced_and_its_last_day_in_a_numbered_list(real: Assistant) -> None:
    state = verified(real, "48027", "mason.sanchez157@example.com")
    reply = real.reply(
        state,
        "three things about my coffee club: 1) when does the next box come 2) if i add a bag of "
        "the ethiopia, what would each delivery cost 3) whats the last day i can change anything "
        "for that delivery?",
    )
    assert "next delivery and charge on Friday, February 20" in reply.text
    assert "3 bags per delivery: $49.99 per delivery" in reply.text
    assert "possible until 11:59 PM ET on Wednesday, February 18" in reply.text
    assert "Our shipping options" not in reply.text
    assert reply.pending_action is None


def test_german_a_copy_of_my_data_goes_to_the_privacy_team(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "Hallo, bitte schicken Sie mir nach der DSGVO eine Kopie meiner personenbezogenen Daten, "
        "die bei Ihnen gespeichert sind. Wie lange dauert das?",
    )
    assert reply.escalation is not None and reply.escalation.reason == "privacy_request"
    assert "30 days" in reply.text


def test_german_half_a_size_up_is_an_exchange(real: Assistant) -> None:
    state = verified(real, "46977", "aaliyah.hernandez300@example.com")
    reply = real.reply(
        state,
        "Hallo, die Velo 3 in 8.5 navy sind vorne zu kurz. Ich brauche eine halbe Nummer "
        "größer, also 9, gleiche Farbe. Geht das?",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "→ size 9, navy blue" in reply.text
    done = real.reply(state, "ja, bitte")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_a_second_charge_on_another_day_goes_to_billing(real: Assistant) -> None:
    state = verified(real, "48780", "olivia.martinez172@example.com")
    reply = real.reply(
        state,
        "my card shows $37.53 from you on jan 1, thats the coffee, fine. but then another $37.53 "
        "on jan 5 and we only got one box. what is that??",
    )
    assert reply.escalation is not None and reply.escalation.reason == "billing_dispute"
    after = real.reply(state, "ok can someone please look into it")
    assert "already passed this conversation" in after.text  # the same ticket, not a new one
    assert after.escalation is None


def test_the_tax_and_the_paused_plans_next_charge_both_answered(real: Assistant) -> None:
    state = verified(real, "48758", "lily.murphy71@example.com")
    reply = real.reply(
        state,
        "billing q: the club is $34.99 for my 2 bags but my card showed $37.09. whats the extra? "
        "and i paused it some weeks ago, when is it going to charge me again?",
    )
    assert "tax $2.10 come to $37.09" in reply.text
    assert "paused until Friday, March 27" in reply.text
    assert reply.escalation is None


def test_when_the_next_one_comes_beside_a_swap_is_no_question_back(real: Assistant) -> None:
    state = verified(real, "48027", "mason.sanchez157@example.com")
    reply = real.reply(
        state,
        "hey 2 things - whens my next coffee comming?? and can u switch my beans to the "
        "ethiopia from now on",
    )
    assert "next delivery and charge on Friday, February 20" in reply.text
    assert "Which would you like instead" not in reply.text
    assert reply.pending_action is not None and reply.pending_action.action == "swap_product"


def test_a_question_about_another_product_after_accessories_is_asked_of_it(
    real: Assistant,
) -> None:
    state = verified(real, "43097", "ravi.anderson176@example.com")
    real.reply(state, "do u sell a case for my headphones?")
    reply = real.reply(state, "and the remote, how long does its battery go")
    assert "lasts about 12 months" in reply.text
    assert "accessories listed" not in reply.text


def test_german_restart_of_a_paused_plan_is_no_pause(real: Assistant) -> None:
    state = verified(real, "48758", "lily.murphy71@example.com")
    reply = real.reply(
        state, "Hallo, ich möchte mein Kaffee-Abo wieder starten, es ist pausiert. Geht das?"
    )
    assert "paused until Friday, March 27. It resumes by itself then." in reply.text
    assert reply.pending_action is None  # not a pause proposed for a paused plan
