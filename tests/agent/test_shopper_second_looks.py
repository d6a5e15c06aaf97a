"""Second looks at a purchase, on the real parts (MiniLM, Chroma, trained router, demo store;
shoppers_dev73 situations): a remote's single amber flash read from its lamp legend and then
"how do i do that" answered with the steps again, a camera left on while it charges answered
with how charging is done, a sock size asked third in a message, and a sensor cleaning whose
section opens with what to try first."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_single_amber_flash_is_read_from_the_lamp_legend(real: Assistant) -> None:
    state = verified(real, "43097", "ravi.anderson176@example.com")
    reply = real.reply(
        state,
        "finally trying out the little wireless remote i got for my camera back in june. when i "
        "press the button a tiny light on it flashes orange once and the camera does nothing. the "
        "camera is on and im standing right next to it",
    )
    assert "not paired" in reply.text  # the legend's case for one amber flash
    again = real.reply(state, "yeah i never paired anything lol. how do i do that")
    assert "Remote > Pair" in again.text  # the steps shown before, asked for again
    assert "Shutter and Wake" in again.text


def test_a_camera_left_on_while_charging_gets_how_charging_is_done(real: Assistant) -> None:
    state = verified(real, "42083", "jack.sanchez196@example.com")
    reply = real.reply(
        state,
        "left my camera plugged into my laptop all night and switched on, battery still at 40% "
        "this morning. is the usb cable broken?",
    )
    assert "does not charge the battery" in reply.text
    assert "about 5 hours" in reply.text  # the charging section's own steps


def test_a_sock_size_asked_third_is_answered(real: Assistant) -> None:
    state = verified(real, "46035", "henry.martinez143@example.com")
    reply = real.reply(
        state,
        "i bought velo 3 size 6 in december. how long is the warranty on them? and how many km "
        "do they last before i need new ones? also i want to order cushionlite socks, what size "
        "do i need?",
    )
    assert "480–800 km" in reply.text
    assert "Small | 5–7" in reply.text  # the socks' size table
    assert "was placed on" not in reply.text  # "i bought … in december" asks for no order


def test_a_procedures_opening_line_goes_with_its_steps(real: Assistant) -> None:
    state = verified(real, "43187", "abigail.shah184@example.com")
    reply = real.reply(
        state,
        "Hallo! Auf meinen Fotos mit der Z8 sind immer an derselben Stelle kleine dunkle Punkte. "
        "Ich habe das ClearView-Reinigungsset, aber noch nie benutzt. Wie mache ich das richtig, "
        "ohne den Sensor kaputt zu machen?",
    )
    assert "Clean Now" in reply.text  # "Try the camera's automatic cleaning first: …"
    assert "2 drops" in reply.text


def test_a_setting_told_by_its_apps_name_is_the_line_of_the_section_shown(real: Assistant) -> None:
    state = verified(real, "41162", "olivia.clark186@example.com")
    real.reply(
        state,
        "is there a way to have my soundwave pro connected to my phone and my work laptop at the "
        "same time?",
    )
    reply = real.reply(
        state,
        "ok that worked great for a couple days. but since i turned on the sound quality mode in "
        "the app the laptop won't connect anymore, only the phone",
    )
    assert "LDAC" in reply.text  # "Sound Quality Priority" is LDAC, a line of multipoint's
    assert "Connection > Multipoint" in reply.text


def test_a_size_changed_at_the_preview_beside_a_reason_naming_socks(real: Assistant) -> None:
    state = verified(real, "46854", "mia.miller20@example.com")
    first = real.reply(
        state,
        "my velo 3s in 6.5 navy came last week and they're a little short. can i swap them for a "
        "7 in the same navy?",
    )
    assert first.pending_action is not None and first.pending_action.action == "exchange_item"
    again = real.reply(
        state,
        "oh wait, my running buddy says go a full size up because of winter socks. can we do the "
        "7.5 instead, still navy?",
    )
    assert again.pending_action is not None and again.pending_action.action == "exchange_item"
    assert "size 7.5, navy blue" in again.text  # the size named, not the socks
    assert not again.executed_actions


def test_where_the_serial_is_asked_after_a_claims_hand_over(real: Assistant) -> None:
    state = verified(real, "46607", "omar.johnson207@example.com")
    first = real.reply(
        state,
        "the cuisina grinder keeps cutting out and the screen says HOT after one dose. i left it "
        "unplugged a whole hour, same thing on the next dose. i dont want a refund i want a "
        "grinder that works",
    )
    assert first.escalation is not None
    reply = real.reply(
        state, "ok. do they need the serial or anything from me? where is it on this thing"
    )
    assert "CG40-" in reply.text and "underside" in reply.text
    assert first.escalation.ticket_number in reply.text  # it goes with the request, not a new one


def test_a_spare_named_before_where_do_i_get_one_is_priced(real: Assistant) -> None:
    state = verified(real, "45546", "wei.brown283@example.com")
    first = real.reply(
        state,
        "my z8 drops like 15-20% battery overnight even with the switch on OFF. is the battery "
        "already going bad?",
    )
    assert "Bluetooth While Off" in first.text
    assert "Before you claim" not in first.text  # a claim page's line fixes nothing
    reply = real.reply(
        state,
        "ok ill change that. also i want a spare battery for a trip in february, where do i get "
        "one and what does it cost",
    )
    assert "$69.99" in reply.text  # the BP-F2, not the camera's price
    assert "$1,899.00" not in reply.text


def test_a_light_that_stays_green_is_read_from_a_pdf_lamp_table(real: Assistant) -> None:
    state = verified(real, "44600", "olivia.white288@example.com")
    reply = real.reply(
        state,
        "i charge my soundwave pros on the nightstand overnight. the little light next to the "
        "power button just stays green the whole night and never goes off?? is that cooking the "
        "battery",
    )
    assert "Fully charged (cable still connected)" in reply.text


def test_the_accepted_cards_are_listed_for_a_question_after_a_lead_in(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "we're sending back headphones i got my sister. the money goes back to my paypal, right? "
        "and for next time, can i pay by bank transfer?",
    )
    assert "American Express" in reply.text and "Discover" in reply.text
    assert "bank transfers" in reply.text


def test_an_angry_return_past_its_window_gets_the_window_then_a_person(real: Assistant) -> None:
    state = verified(real, "46161", "mia.anderson93@example.com")
    reply = real.reply(
        state,
        "the velo 3s i ordered came right before christmas and i was at my parents' until sunday. "
        "they're still in the box, never even tried them on, and now your returns page says i'm "
        "too late?? counted from when, the day they sat on my porch while i was gone? this is "
        "ridiculous, i want my money back",
    )
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"
    assert "January 18" in reply.text and "December 19" in reply.text  # the window, from when
