"""What the first runs of four more blind shopper splits (dev37-dev40) showed, on the real parts
(MiniLM, Chroma, trained router, demo store): a symptom a setup section states as its condition
("if the date resets every time you change the battery"); the battery and the camera both named
and owned; "is the camera broken?" asked, not damage told; a section that sends the reader to
another by its code; the code quoted names the section; two steps of a short procedure bring all
of it; what a button does; "hmm can i still skip that one?"; a story, then a decline; the answer
to "which product?" read with its question; a new wifi password during a plug fault; a charge
above the price added up from the order's items, shipping and tax."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in, verified

pytestmark = pytest.mark.integration


def test_a_symptom_stated_as_a_condition_is_answered_even_with_the_battery_owned(
    real: Assistant,
) -> None:
    state = signed_in(real, "daniel.martinez92@example.com")  # owns the Z8 and a spare BP-F2
    reply = real.reply(
        state,
        "whenever i put a fresh battery in my z8 i have to set the date and time again. "
        "defective??",
    )
    assert "backup battery" in reply.text and "24 hours" in reply.text
    asked = verified(real, "45643", "carlos.harris63@example.com")
    broken = real.reply(
        asked,
        "every single time i swap the battery in my z8 it makes me set the date and time all "
        "over again. is the camera broken?? got it in december",
    )
    assert broken.escalation is None  # a question about a fault, not damage on arrival
    assert "24 hours" in broken.text


def test_a_section_that_sends_to_another_by_its_code_brings_that_section(
    real: Assistant,
) -> None:
    state = verified(real, "45481", "aiden.martin158@example.com")
    reply = real.reply(
        state,
        "my kettle display just shows 3 dashes although it's sitting on the base and it wont heat",
    )
    assert "central connector" in reply.text and "30 seconds" in reply.text  # the E3 steps
    assert "Dry boil" not in reply.text


def test_the_section_named_after_the_quoted_code_is_the_answer_alone(real: Assistant) -> None:
    state = verified(real, "45886", "elijah.taylor254@example.com")
    reply = real.reply(
        state,
        "kettle flashes red around the button and says E3, it has plenty of water in it. "
        "won't heat",
    )
    assert "E3: Base connection error" in reply.text and "central connector" in reply.text
    assert "Dry boil" not in reply.text


def test_two_steps_of_a_short_procedure_bring_the_whole_procedure(real: Assistant) -> None:
    state = verified(real, "43116", "abigail.moore2@example.com")
    reply = real.reply(
        state,
        "my velo 3s got drenched on my run. ok to leave them by the radiator overnight so "
        "they're dry by morning?",
    )
    assert "newspaper" in reply.text and "radiators" in reply.text


def test_what_a_button_does_is_the_sections_opening_sentence(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(state, "what does the HOLD button on the cuisina kettle do exactly")
    assert "60 minutes" in reply.text


def test_can_i_still_skip_after_a_filler_word_previews_the_skip(real: Assistant) -> None:
    state = signed_in(real, "samuel.wilson42@example.com")
    real.reply(state, "when is my next coffee coming?")
    reply = real.reply(state, "hmm can i still skip that one? i have plenty left")
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"


def test_a_story_then_a_last_sentence_that_declines_drops_the_pending_pause(
    real: Assistant,
) -> None:
    state = verified(real, "48805", "mateo.chen166@example.com")
    first = real.reply(state, "we're away for 3 months, can you pause the coffee for 3 deliveries")
    assert first.pending_action is not None
    reply = real.reply(
        state,
        "oh wait my wife is staying home after all and she drinks most of it. dont pause it, "
        "leave it like it is",
    )
    assert reply.pending_action is None and reply.executed_actions == []
    assert "haven't changed anything" in reply.text or "leave everything" in reply.text


def test_the_answer_to_which_product_is_read_with_the_question_it_answers(
    real: Assistant,
) -> None:
    state = real.start()
    asked = real.reply(state, "how do i factory reset it? keeps cutting out")
    assert asked.text.startswith("Which product")
    reply = real.reply(state, "the soundwave pro headphones")
    assert "10 seconds" in reply.text and "purple" in reply.text  # the reset, not a parts list


def test_a_new_wifi_password_during_a_plug_fault_is_not_the_store_account(
    real: Assistant,
) -> None:
    state = verified(real, "41955", "samuel.lee6@example.com")
    real.reply(state, "my homely plug shows offline in the app, the light blinks orange slowly")
    reply = real.reply(state, "oh we got a new router last week with a new wifi password")
    assert reply.intent == "troubleshooting"
    assert "Account settings" not in reply.text


def test_a_total_above_the_price_is_added_up_from_the_order_not_disputed(
    real: Assistant,
) -> None:
    state = verified(real, "46962", "mia.fischer59@example.com")
    reply = real.reply(
        state,
        "paypal charged me $95.60 for the camera and the plug, but 59.99 and 29.99 make 89.98. "
        "why the extra?",
    )
    assert reply.escalation is None
    assert "#46962" in reply.text and "tax $5.62" in reply.text
    plan = signed_in(real, "mason.chen79@example.com")
    both = real.reply(
        plan,
        "my card shows $38.10 for the coffee today, i thought the 2 bag plan was 34.99? and when "
        "does the next one come",
    )
    assert "tax $3.11" in both.text and "March 3" in both.text  # the account's, not an example


def test_a_newer_order_asked_about_beside_a_late_parcel_is_shown_from_the_account(
    real: Assistant,
) -> None:
    state = verified(real, "46833", "zoe.lee289@example.com")
    reply = real.reply(
        state,
        "my coffee has been stuck in indianapolis for a week. i re-ordered yesterday, has the "
        "new one shipped at least?",
    )
    assert "773114403089" in reply.text  # the late parcel
    assert "#47191" in reply.text and "processing" in reply.text  # the newer order, not a guide
    assert "declined" not in reply.text


def test_scratch_the_pause_after_a_story_in_the_passive_declines_and_cancels_nothing(
    real: Assistant,
) -> None:
    state = verified(real, "48805", "mateo.chen166@example.com")
    real.reply(state, "can u pause my coffee 2 deliverys, going on a trip")
    reply = real.reply(
        state, "hmm my trip got cancelled lol. scratch the pause, just keep sending it"
    )
    assert reply.pending_action is None and reply.executed_actions == []  # no cancel preview
