"""The first days with a purchase, told in the customer's own words, on the real parts
(MiniLM, Chroma, trained router, demo store; shoppers_dev72 and dev73 situations): a
subscription's address asked beside a skip before a move, a skip asked plainly in a message of
three, a camera left on while it charges, an angry return of worn headphones, a card slot the
manual sends to support (with the serial's place), a figure no document gives, "same for the
kettle" after a registration, where to buy what the store does not sell, a colour changed at the
preview, how a refund comes back, the remote "i got for my camera", a brush not found in the box,
a swap asked too late, a paused plan's restart, a seat screen asked in French, a line that
points to another section ("see Lacing techniques"), a brush not found then burrs the store
does not sell, and a go-ahead while a return's question waits."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_plans_address_asked_beside_a_skip(real: Assistant) -> None:
    state = verified(real, "48816", "jack.young77@example.com")
    reply = real.reply(
        state,
        "two things. can you skip my next coffee, im on a work trip till feb 6. also im moving on "
        "feb 5 so how do i make sure the ones after that go to the new place?",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"
    assert "Shipping address" in reply.text  # where the plan's address is changed
    assert "One change at a time" not in reply.text  # no change asked of us: answered


def test_a_skip_asked_plainly_among_three_requests(real: Assistant) -> None:
    state = verified(real, "48827", "zoe.rodriguez275@example.com")
    reply = real.reply(
        state,
        "three things about my decaf club: please skip the next delivery, we're moving on the 7th "
        "and it'll just get lost in the chaos. after that how do i get future bags sent to the "
        "new apartment? and where's the bag that already shipped, it's not here yet",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"
    assert "February 13" in reply.text
    assert "Shipping address" in reply.text
    assert "1Z7N861Z75MM6L3KRM" in reply.text  # the bag on its way


def test_a_camera_left_on_while_charging_is_no_claim(real: Assistant) -> None:
    state = verified(real, "42083", "jack.sanchez196@example.com")
    reply = real.reply(
        state,
        "i plugged my camera into my laptop with the usb cable last night and left it on all "
        "night so i could watch the battery number, and this morning its still at like 40%. is "
        "the cable broken? the little light on the back wasnt even lit",
    )
    assert reply.escalation is None  # "left it on" is no fix tried, "is it broken?" no claim
    assert "does not charge the battery" in reply.text


def test_all_my_money_back_for_worn_headphones_goes_to_a_person(real: Assistant) -> None:
    state = verified(real, "46649", "mateo.jackson133@example.com")
    reply = real.reply(
        state,
        "I am VERY unhappy. First time I ever bought headphones online without trying them in a "
        "store first and it's a disaster. These headphones hurt my ears after 20 minutes, I've "
        "worn them every day for a week trying to get used to them and I can't. I want ALL my "
        "money back, every cent, and I am NOT paying for any shipping. Nobody told me about fees.",
    )
    assert reply.escalation is not None
    assert reply.escalation.reason == "complex_return"
    assert "$6.95" in reply.text


def test_a_card_slot_the_manual_sends_to_support_asks_for_the_serial(real: Assistant) -> None:
    state = verified(real, "45303", "ravi.lopez268@example.com")
    reply = real.reply(
        state,
        "first real shoot with my z8 this weekend (got it early december, only played with it at "
        "home until now) and the sd slot wont read anything. Card error with the kestrel card "
        "from the same order and with my old card from my last camera. took them out and put "
        "them back a bunch of times, both cards work fine in my laptop. what now?",
    )
    assert reply.escalation is not None
    assert reply.escalation.reason == "warranty_claim"
    assert "serial number ready" in reply.text
    assert "bottom plate" in reply.text


def test_calories_no_document_gives_are_not_found(real: Assistant) -> None:
    state = verified(real, "42736", "ethan.hernandez169@example.com")
    reply = real.reply(
        state,
        "quick one. my nutrition app wants me to log everything now and i have 2 mugs of the "
        "morning light every morning, black, no sugar. how many calories is one cup? its not on "
        "the bag anywhere",
    )
    assert "couldn't find that figure" in reply.text
    assert "kcal" not in reply.text


def test_same_for_the_kettle_after_the_cameras_registration(real: Assistant) -> None:
    state = verified(real, "45279", "emily.garcia211@example.com")
    real.reply(
        state,
        "do i actually need to register my new camera for the warranty? and where is the serial "
        "number on it, i looked everywhere",
    )
    reply = real.reply(state, "ok thanks. same for the kettle i got from you?")
    assert "CK17- followed by 6 digits" in reply.text
    assert "power base" in reply.text
    assert "order #45772" in reply.text


def test_where_to_get_a_card_the_store_does_not_sell(real: Assistant) -> None:
    state = verified(real, "44485", "lucas.murphy89@example.com")
    reply = real.reply(
        state, "where do i get one of those cfexpress cards for my z8, do you guys sell them?"
    )
    assert "doesn't sell CFexpress Type B memory cards" in reply.text
    assert "slot 1" in reply.text
    assert "Which product" not in reply.text


def test_a_colour_changed_at_the_preview_is_previewed_again(real: Assistant) -> None:
    state = verified(real, "46364", "priya.thomas245@example.com")
    first = real.reply(
        state,
        "the white soundwave pros came on the 25th but honestly the white looks way too bright on "
        "me. i only tried them on once, theyre back in the box with everything. can i swap them "
        "for the navy blue ones?",
    )
    assert first.pending_action is not None
    assert "navy blue" in first.text
    changed = real.reply(
        state,
        "hmm actually can you make it the black ones instead? navy and black look almost the "
        "same in the pics and black wont show smudges",
    )
    assert changed.pending_action is not None
    assert changed.pending_action.action == "exchange_item"
    assert "midnight black" in changed.text  # previewed anew: a yes now swaps for black
    done = real.reply(state, "yes, the black. go ahead")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_how_a_refund_comes_back_is_the_payment_method_and_days(real: Assistant) -> None:
    state = real.start()
    real.reply(
        state,
        "Hello. This is my first time buying anything on the internet. I do not have a credit "
        "card. Can I pay the delivery man in cash when the shoes come, or mail you a check?",
    )
    reply = real.reply(
        state,
        "My granddaughter says she will pay with her PayPal for me. If the shoes do not fit and I "
        "send them back, how does the money come back, and how long does it take?",
    )
    assert "original payment method" in reply.text
    assert "5–7 business days" in reply.text


def test_the_remote_i_got_for_my_camera_is_the_remote(real: Assistant) -> None:
    state = verified(real, "43097", "ravi.anderson176@example.com")
    reply = real.reply(
        state,
        "finally trying out the little wireless remote i got for my camera back in june. when i "
        "press the button a tiny light on it flashes orange once and the camera does nothing. "
        "the camera is on and im standing right next to it",
    )
    assert "RS-2" in reply.text
    assert "LED flashes amber" in reply.text
    after = real.reply(state, "last thing, when it eventually dies what battery do i buy for it")
    assert "CR2032" in after.text
    assert "BP-F2" not in after.text  # not the camera's battery


def test_a_brush_not_found_in_the_box_is_where_the_list_says(real: Assistant) -> None:
    state = verified(real, "44838", "mia.jackson14@example.com")
    reply = real.reply(
        state,
        "going to clean my coffee grinder for the first time and the little booklet talks about "
        "a brush but there was no brush in my box?? did they forget it",
    )
    assert "clipped into the back of the body" in reply.text
    assert "leave everything as it is" not in reply.text  # "did they forget it" drops nothing
    after = real.reply(
        state,
        "ok and while i have it open can i rinse the metal cone parts under the tap to get the "
        "oil off?",
    )
    assert "Never use water" in after.text


def test_too_late_to_swap_is_told_before_the_size_is_asked(real: Assistant) -> None:
    state = verified(real, "45901", "ella.okafor75@example.com")
    reply = real.reply(
        state,
        "3 qs about my velo 3s: can i put my custom insoles from the foot doctor in them? about "
        "how many miles do they last? and honestly they're a bit long on me, is it too late to "
        "swap for a half size down?",
    )
    assert "closed on Wednesday, January 14" in reply.text
    assert "Which size or colour" not in reply.text
    assert "300–500 miles" in reply.text


def test_when_a_paused_plan_starts_again_among_three_things(real: Assistant) -> None:
    state = verified(real, "46673", "olivia.fischer111@example.com")
    reply = real.reply(
        state,
        "ok a few things. the running shoes i ordered on dec 28 STILL arent here, the tracking "
        "hasnt changed in weeks. also the camera from my other order has a red light slowly "
        "blinking since yesterday. and my decaf club is paused, when does it start again?",
    )
    assert "paused until Saturday, April 11" in reply.text
    assert "Slow blinking red means Wi-Fi is lost" in reply.text


def test_plugging_into_the_seat_screen_asked_in_french(real: Assistant) -> None:
    state = verified(real, "44054", "hiro.miller152@example.com")
    reply = real.reply(
        state,
        "Bonjour ! Je prends l'avion pour la première fois la semaine prochaine avec mon casque "
        "SoundWave Pro. Comment je le branche sur l'écran du siège ? Et est-ce que la réduction "
        "de bruit marche quand le câble est branché ?",
    )
    assert "3.5 mm" in reply.text
    assert "airplane adapter" in reply.text


def test_a_line_that_points_to_a_section_brings_its_steps(real: Assistant) -> None:
    state = verified(real, "46161", "mia.anderson93@example.com")
    reply = real.reply(
        state,
        "silly question about my new velo 3s. theres an extra hole up by the ankle on both sides "
        "that the lace doesnt go through. is that a mistake or is it for something? my heel kind "
        "of slides up when i run up hills, dont know if thats related",
    )
    assert "see Lacing techniques" in reply.text
    assert "through the loop on the opposite side" in reply.text  # the heel lock's own steps
    assert "Return shipping" not in reply.text  # "is that a mistake" asks nothing of returns


def test_a_brush_not_found_then_parts_the_store_does_not_sell(real: Assistant) -> None:
    state = verified(real, "41050", "liam.johnson259@example.com")
    first = real.reply(
        state,
        "hiya, unboxed the grinder today but i cant find the little cleaning brushy thing "
        "anywhere, was it meant to come with one?",
    )
    assert "clipped into the back of the body" in first.text
    reply = real.reply(state, "found it lol. also do u guys sell the replacement burrs")
    assert "doesn't sell Cuisina replacement conical burr set" in reply.text
    assert "We sell the" not in reply.text  # not the grinder she owns, priced


def test_a_go_ahead_while_a_returns_question_waits_asks_it_again(real: Assistant) -> None:
    state = verified(real, "46299", "ava.gonzalez236@example.com")
    real.reply(state, "the white headphones r too bright for me, can i exchange for navy?")
    real.reply(state, "wait no make it midnight black pls")
    again = real.reply(state, "ok go for it")
    assert "Is it unused" in again.text  # the question, not "nothing is waiting"
    preview = real.reply(state, "yes never used, all in the box")
    assert preview.pending_action is not None
    assert "midnight black" in preview.text
