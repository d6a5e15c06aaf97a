"""Fixing a product with a shopper (real MiniLM, real Chroma, trained router, demo store): "how
do I reset it?" gets the reset procedure, not the fault sections around it; a first report of a
fault gets the guide's fixes with the reset named, and the reset's steps once the customer says
the fixes did not work; a warranty claim page is never offered as a reset."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration

PLUG_RESET_STEP = "hold the button for 6 seconds until the LED blinks fast amber"


def test_how_do_i_reset_it_is_the_reset_procedure(real: Assistant) -> None:
    reply = real.reply(real.start(), "how do i reset my homely smart plug")
    assert reply.text.startswith("Here's how to reset it")
    assert PLUG_RESET_STEP in reply.text
    assert "Care and safety" not in reply.text and "Offline" not in reply.text


def test_a_reset_asked_beside_a_fault_is_the_reset(real: Assistant) -> None:
    reply = real.reply(
        real.start(), "my soundwave pros wont pair with my new phone, how do i factory reset them"
    )
    assert reply.text.startswith("Here's how to reset it")
    assert "10 seconds" in reply.text and "purple" in reply.text


def test_the_reset_is_named_first_and_given_when_the_fixes_fail(real: Assistant) -> None:
    state = real.start()
    first = real.reply(
        state,
        "my homely cam looks out the window at the driveway and at night the picture is all white",
    )
    assert "through glass" in first.text or "through a window" in first.text  # the cause
    assert "take you through a reset" in first.text and "(Reset)" in first.text
    assert "A reset clears" not in first.text  # named, not quoted
    again = real.reply(state, "still all white after all that")  # "white" is no sock colour
    assert "A reset clears" in again.text and "RESET pinhole" in again.text
    assert "socks" not in again.text.lower()


def test_a_fix_that_says_to_reset_brings_the_reset(real: Assistant) -> None:
    reply = real.reply(real.start(), "my homely smart plug keeps going offline")
    assert "reset the plug" in reply.text  # a step of the fix says so
    assert PLUG_RESET_STEP in reply.text


def test_a_warranty_claim_page_is_never_offered_as_a_reset(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "my z8 battery seems to die faster than when i got it. is there a way to check if "
        "it's worn out before i buy another one?",
    )
    assert "Battery Info" in reply.text
    assert "warranty claim" not in reply.text.lower()


def test_the_reset_named_is_given_when_asked_for(real: Assistant) -> None:
    state = real.start()
    real.reply(
        state,
        "my homely cam looks out the window at the driveway and at night the picture is all white",
    )
    reset = real.reply(state, "ok take me through the reset")  # not a password reset
    assert reset.text.startswith("Here's how to reset it") and "RESET pinhole" in reset.text


def test_a_hazard_gets_the_documents_safety_line_before_the_claim(real: Assistant) -> None:
    state = signed_in(real, "mateo.chen166@example.com")
    reply = real.reply(
        state,
        "The spare BP-F2 battery from my last order has puffed up, it's visibly swollen and I "
        "can't close the battery door on it anymore. What do I do? I need it replaced.",
    )
    assert reply.text.startswith("For your safety, first")
    assert "stop using it immediately" in reply.text and "non-flammable" in reply.text
    assert "Charge lamp" not in reply.text  # the one line, not the troubleshooting list
    assert reply.escalation is not None and reply.escalation.reason == "safety_hazard"


def test_the_reset_asked_for_after_it_was_shown_is_shown_again(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "hey my soundwave headphones keep cutting out on the train, super annoying")
    real.reply(state, "nah still cutting out")
    again = real.reply(state, "ok how do i do the reset then")
    assert again.text.startswith("Here's how to reset it") and "purple" in again.text
    assert again.escalation is None


def test_a_danger_told_as_a_fault_gets_a_person_at_once(real: Assistant) -> None:
    reply = real.reply(
        real.start(), "my homely cam gets really hot and smells like burnt plastic, is this normal"
    )
    assert reply.escalation is not None and reply.escalation.reason == "safety_hazard"
    assert reply.escalation.priority == "urgent" and "don't use it" in reply.text
    assert "RESET pinhole" not in reply.text  # no fixes to try on a product that may burn


def test_a_swollen_battery_question_gets_the_safety_line_and_a_person(real: Assistant) -> None:
    reply = real.reply(real.start(), "my lumora z8 battery is swollen, is that normal?")
    assert reply.text.startswith("For your safety, first") and "non-flammable" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "safety_hazard"


def test_a_puffy_coffee_bag_is_answered_not_handed_over(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "the bag is puffed up, is it bad? its a gift so i dont want to give someone spoiled coffee",
    )
    assert reply.escalation is None and "puffy is normal" in reply.text
