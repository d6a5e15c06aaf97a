"""Households, gift-givers and owners with second thoughts, on the real parts (MiniLM, Chroma,
trained router, demo store; shoppers_dev70 and dev71 situations): a kettle that beeps twice,
a grinder's decibels no document gives, a plug's power-on state after a power cut, a remote's
one amber flash, an exchange confirmed with "7 in black", a fault that outlived the manual's
steps handed over as one, a camera sent back while the plugs stay, payment methods the store
does not take and where a refund goes, a sock size for the shoe size told beside a parcel, a fix
asked before sending shoes back, a burnt pot asked about after its recipe, a German and
an Italian owner's questions, "the battery" told after the headphones' answer, and a
battery charging in its camera read by its own lamp lines."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_two_beeps_told_are_the_manuals_two_beeps(real: Assistant) -> None:
    state = verified(real, "42341", "omar.lewis125@example.com")
    reply = real.reply(
        state,
        "boiled water for tea maybe 10 min ago, now i want to make pour over so i picked the 195 "
        "one and pressed start and the kettle just beeps twice and does nothing?? theres "
        "definitely water in it. is it broken",
    )
    assert "already at or above the target" in reply.text
    assert "E1" not in reply.text  # not the dry-boil fix
    assert "You also asked" not in reply.text  # "is it broken" is no question of its own


def test_a_figure_no_document_gives_is_not_invented(real: Assistant) -> None:
    state = verified(real, "42858", "isabella.lee218@example.com")
    reply = real.reply(
        state,
        "Hi! I grind my coffee at 5:30am before work and my roommate says the Cuisina grinder "
        "wakes her up through the wall. how many decibels is it? and is there some kind of quiet "
        "or low-noise mode I'm missing?",
    )
    assert "I couldn't find that figure (decibels)" in reply.text
    assert " dB" not in reply.text
    assert "SoundWave" not in reply.text  # the grinder's documents, not the headphones' ANC


def test_the_plugs_power_on_state_after_a_power_cut(real: Assistant) -> None:
    state = verified(real, "41955", "samuel.lee6@example.com")
    reply = real.reply(
        state,
        "power went out around 3am last night and when it came back the lamp on my homely plug "
        "turned ON and woke me up. can i make it stay off when the power comes back? i still "
        "want my evening schedule to work tho",
    )
    assert "Power-on state" in reply.text
    assert "saved on the plug itself" in reply.text


def test_one_amber_flash_of_the_remote_is_read_from_its_own_section(real: Assistant) -> None:
    state = verified(real, "42469", "leo.clark164@example.com")
    reply = real.reply(
        state,
        "my 10 yr old took the little bluetooth remote for my camera out to the backyard. he says "
        "when he pushes the button the tiny light on it blinks orange one time and the camera "
        "doesnt take anything. the camera was on the tripod by the kitchen window inside",
    )
    assert "one amber flash when the command was not received" in reply.text
    assert "BP-F2" not in reply.text  # not the battery's charge lamp


def test_seven_in_black_go_ahead_confirms_the_exchange(real: Assistant) -> None:
    state = verified(real, "46561", "james.martinez210@example.com")
    preview = real.reply(
        state,
        "got my wife the velo 3 for christmas in 6.5 black and theyre too tight in the toes. she "
        "only wore them around the apartment. can we swap them for a 7, same black?",
    )
    assert preview.pending_action is not None
    assert preview.pending_action.action == "exchange_item"
    done = real.reply(state, "yep, 7 in black. go ahead")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_an_angry_report_of_a_fault_after_the_manuals_steps_is_a_defect(real: Assistant) -> None:
    state = verified(real, "46372", "omar.allen117@example.com")
    reply = real.reply(
        state,
        "the cuisina kettle we got at christmas is showing E2 AGAIN. third time this week. we "
        "unplug it for 30 seconds and let it cool 15 min like the manual says and it comes right "
        "back the next morning. my wife is fed up and so am i. we dont want our money back, we "
        "want a kettle that actually works. what are you going to do about it",
    )
    assert reply.escalation is not None
    assert reply.escalation.reason == "defect_persists"


def test_the_camera_goes_back_and_the_plugs_they_keep_stay(real: Assistant) -> None:
    state = verified(real, "46658", "elijah.murphy107@example.com")
    reply = real.reply(
        state,
        "bought the homely camera and the plugs for my parents for new years. my dad says "
        "absolutely no camera in his house. its still sealed in the box. i want to send the "
        "camera back (they're keeping the plugs) and your site says i pay $6.95 for that?? for "
        "something nobody even opened?? thats ridiculous",
    )
    assert "Indoor Cam 2K" in reply.text and "$6.95" in reply.text
    assert "Smart Plug Mini (2-pack) ($29.99)" not in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"


def test_payment_methods_not_taken_and_where_a_refund_goes(real: Assistant) -> None:
    state = real.start()
    methods = real.reply(
        state,
        "Good morning. I want to buy running shoes for my granddaughter's birthday but I don't "
        "like putting my card on the internet. Can I pay by check, or pay the delivery man when "
        "it comes?",
    )
    assert "PayPal" in methods.text
    assert "We do not accept cash on delivery, checks" in methods.text
    refund = real.reply(
        state,
        "All right, PayPal it is then. And if the shoes don't fit her and we send them back, "
        "where does the money go? Back to the PayPal?",
    )
    assert "5–7 business days" in refund.text
    assert "original payment method" in refund.text


def test_the_sock_size_for_the_shoe_size_told_beside_the_parcel(real: Assistant) -> None:
    state = verified(real, "46894", "noah.murphy40@example.com")
    reply = real.reply(
        state,
        "hi! couple things about my order from last tuesday: where is it, the tracking confuses "
        "me. also i just realized i grabbed the small socks but my shoes are a 10 — wait are "
        "small socks even right for that? and if theyre wrong can i swap them once they come, i "
        "wont open them",
    )
    assert "523260548328" in reply.text
    assert "Large | 10–12" in reply.text


def test_a_fix_asked_before_sending_shoes_back_is_given_first(real: Assistant) -> None:
    state = verified(real, "44282", "chloe.nguyen78@example.com")
    reply = real.reply(
        state,
        "bought velo 3s for my mom (size 5) and she says her heel slides up and out when she "
        "walks up the hill on her morning walk. the size is fine otherwise. anything to fix that "
        "before we send them back?",
    )
    assert "heel lock" in reply.text
    assert reply.escalation is None


def test_a_burnt_pot_after_its_recipe_is_a_question_not_a_complaint(real: Assistant) -> None:
    state = verified(real, "45340", "fatima.robinson232@example.com")
    real.reply(
        state,
        "in-laws are staying with us all week. how much of the ethiopia drip coffee do i put in "
        "for a full 10 cup pot in my drip machine?",
    )
    later = real.reply(
        state,
        "ok made it at 7am but by the time my father in law came down at 9 he said it tasted "
        "burnt. what did i do wrong",
    )
    assert later.escalation is None
    assert "7AM" not in str([c.arguments for c in later.tool_calls])  # a time, no error code


def test_german_and_italian_owners_are_answered_from_the_guides(real: Assistant) -> None:
    grinder = verified(real, "44697", "chloe.perez10@example.com")
    german = real.reply(
        grinder,
        "Hallo! Bei unserer Cuisina-Kaffeemühle klebt das Kaffeemehl seit dem Winter überall am "
        "Behälter und am Auswurf, die ganze Arbeitsplatte ist voll. Mein Mann will ein paar "
        "Tropfen Wasser auf die Bohnen sprühen, das hat er im Internet gesehen. Ist das in "
        "Ordnung, oder was hilft sonst?",
    )
    assert "Wait 10 seconds" in german.text and "2–3 times" in german.text
    kettle = verified(real, "43291", "chloe.rodriguez170@example.com")
    italian = real.reply(
        kettle,
        "Buongiorno, ho comprato due bollitori Cuisina e uno l'ho regalato a mia madre. Lei beve "
        "solo tè verde giapponese: quale temperatura deve usare? E vuole vedere i gradi in "
        "Celsius e non in Fahrenheit, come si cambia?",
    )
    assert "GREEN TEA 160 °F 71 °C" in italian.text
    assert "°F/°C" in italian.text


def test_the_battery_told_after_the_headphones_answer_is_theirs(real: Assistant) -> None:
    state = verified(real, "46037", "daniel.allen247@example.com")
    real.reply(
        state,
        "got my dad the white soundwave pros for christmas and he says they wont turn on. he "
        "presses the power button on the right side and nothing happens",
    )
    charge = real.reply(
        state,
        "ok he held it longer and it said power on 🎉 then when he pressed it again it said "
        "battery 20 percent. how long does it take to charge all the way?",
    )
    assert "2.5 hours by USB-C" in charge.text
    assert "BP-F2" not in charge.text  # not the camera battery the store sells
    last = real.reply(state, "and once its full how long will it last him?")
    assert "40 hours" in last.text and "BP-F2" not in last.text


def test_a_battery_charging_in_its_camera_reads_its_own_lamp_lines(real: Assistant) -> None:
    state = verified(real, "46374", "mateo.chen166@example.com")
    real.reply(state, "my z8 batery, can i charge it off my macbook usb-c charger?")
    lamp = real.reply(state, "ok plugged it in and the light by the port is flashing orange fast")
    assert "Charge lamp blinks orange" in lamp.text and "room temperature" in lamp.text
    assert "LED flashes amber" not in lamp.text  # not the remote's lamp in the same handbook


def test_a_return_asked_how_to_and_a_supposed_refund_are_returns(real: Assistant) -> None:
    sling = verified(real, "46669", "emma.clark65@example.com")
    back = real.reply(
        sling,
        "hiya, changed my mind on the sling bag, want to send that back. ill hang on to the "
        "camera + sd card tho. how do i do it",
    )
    assert back.intent == "returns_refunds"
    assert "Put the strap over one shoulder" not in back.text  # not the bag's carrying steps
    kettle = verified(real, "47044", "aiden.lee24@example.com")
    refund = real.reply(
        kettle,
        "do u guys take apple pay?? also if i sent the kettle back where would the refund land",
    )
    assert "original payment method" in refund.text
    assert "I don't see a refund on your account" not in refund.text
