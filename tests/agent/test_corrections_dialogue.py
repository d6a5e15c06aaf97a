"""Corrections and catalogue answers end to end (real MiniLM, real Chroma, trained router, demo
store): "its 724 not 742" while an address change waits gives a new preview and never executes
the uncorrected address; "do the socks come in black?" is answered from the catalogue; a table's
header comes with the rows the question points at; a follow-up's quantity finds its line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import real_assistant, signed_in

pytestmark = pytest.mark.integration

REQUEST = "can you send my order to 742 Maple Ave, Springfield, IL 62704 instead"


@pytest.fixture(scope="module")
def assistant(real_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    built = real_assistant(real_index, tmp_path_factory)
    yield built
    built.close()


def test_a_corrected_address_is_previewed_again_then_executed(assistant: Assistant) -> None:
    state = signed_in(assistant, "jordan.rivera@example.com")
    first = assistant.reply(state, REQUEST)
    assert first.pending_action is not None and "742 Maple Ave" in first.text
    corrected = assistant.reply(state, "oops its 724 not 742")
    assert corrected.executed_actions == []
    assert corrected.pending_action is not None
    assert corrected.pending_action.action == "change_shipping_address"
    assert "724 Maple Ave" in corrected.text and "742" not in corrected.text
    done = assistant.reply(state, "yes")
    assert [a.action for a in done.executed_actions] == ["change_shipping_address"]
    customer = state.customer
    assert customer is not None
    order = assistant.backend.get_order(customer, "47234")
    assert order.shipping_address.line1 == "724 Maple Ave"


def test_do_the_socks_come_in_black_reads_the_catalogue(assistant: Assistant) -> None:
    state = signed_in(assistant, "jordan.rivera@example.com")
    yes = assistant.reply(state, "do the socks come in black?")
    assert yes.text.startswith("Yes") and "white and black" in yes.text
    no = assistant.reply(state, "do the socks come in red?")
    assert no.text.startswith("No") and "white and black" in no.text


def test_a_size_table_comes_with_the_row_asked_for(assistant: Assistant) -> None:
    state = assistant.start()
    reply = assistant.reply(state, "my sister wears a 7, what size socks should i get her")
    assert "Small | 5–7" in reply.text
    assert "Large | 10–12" not in reply.text


def test_a_follow_up_quantity_finds_its_line(assistant: Assistant) -> None:
    state = assistant.start()
    assistant.reply(state, "How much time the kettle need to boil when it is full?")
    follow = assistant.reply(state, "and only one litre?")
    assert "4 minutes for 1.0 L" in follow.text


def test_i_meant_the_kettle_asks_the_question_again_about_the_kettle(
    assistant: Assistant,
) -> None:
    state = assistant.start()
    assistant.reply(state, "how do i descale the grinder")
    again = assistant.reply(state, "sorry no i meant the kettle")
    assert "Descal" in again.text and "1 part vinegar to 2 parts water" in again.text
    assert "grinder" not in again.text.lower() and "Factory reset" not in again.text


def test_the_other_order_the_one_with_the_camera(assistant: Assistant) -> None:
    state = signed_in(assistant, "morgan.ellis@example.com")
    first = assistant.reply(state, "where are my headphones?")
    assert "#40912" in first.text
    other = assistant.reply(state, "and the other order, the one with the camera?")
    assert "#40958" in other.text and "#40912" not in other.text


def test_oh_wait_i_meant_the_other_order_is_the_same_question_about_it(
    assistant: Assistant,
) -> None:
    state = signed_in(assistant, "lucas.williams86@example.com")
    first = assistant.reply(state, "hey has my order 46979 arrived yet? the tracking is confusing")
    assert "#46979" in first.text
    other = assistant.reply(
        state,
        "oh wait sorry, i meant the other order. the one with the camera and the 2 smart plugs, "
        "that one definitely hasnt shown up",
    )
    assert "#46985" in other.text and "UPS" in other.text and "#46979" not in other.text


def test_ok_and_how_long_after_tracking_is_answered_not_listed_back(
    assistant: Assistant,
) -> None:
    state = signed_in(assistant, "lucas.williams86@example.com")
    assistant.reply(state, "yo wheres my camra order at?")
    again = assistant.reply(state, "ok and how long till it gets here roughly")
    assert "January 23" in again.text and "You also asked" not in again.text


def test_my_refund_for_what_i_sent_back_is_its_refund_only(assistant: Assistant) -> None:
    state = signed_in(assistant, "morgan.ellis@example.com")
    reply = assistant.reply(
        state, "where's my refund for the ear cushions I sent back? it's been over a week"
    )
    assert reply.pending_action is None
    assert "#40912" in reply.text and "we received the return" in reply.text
    assert "#40871" not in reply.text and "#40958" not in reply.text  # other returns' refunds


def test_the_status_of_my_camera_return_is_looked_up_not_started(assistant: Assistant) -> None:
    state = signed_in(assistant, "morgan.ellis@example.com")
    reply = assistant.reply(state, "what's the status of my camera return?")
    assert reply.pending_action is None
    assert "#40958" in reply.text and "haven't received the return" in reply.text
    assert "#40912" not in reply.text


def test_yes_with_nothing_waiting_changes_nothing_and_searches_nothing(
    assistant: Assistant,
) -> None:
    state = assistant.start()
    reply = assistant.reply(state, "yes go ahead")
    assert reply.executed_actions == [] and reply.citations == []
    assert "nothing waiting" in reply.text


def test_the_phone_number_and_hours_are_answered_not_handed_over(assistant: Assistant) -> None:
    state = assistant.start()
    reply = assistant.reply(
        state, "whats your customer service phone number and what hours are you open"
    )
    assert reply.escalation is None
    assert "1-800-555-0134" in reply.text


def test_make_it_three_previews_the_longer_pause_then_executes_it(assistant: Assistant) -> None:
    state = signed_in(assistant, "evelyn.martinez258@example.com")
    first = assistant.reply(state, "Can you pause my Coffee Club for 2 deliveries?")
    assert first.pending_action is not None and "Pause for 2 deliveries" in first.text
    again = assistant.reply(state, "Actually, make it 3. I won't be back until late April.")
    assert again.executed_actions == [] and "Pause for 3 deliveries" in again.text
    done = assistant.reply(state, "Yes, 3 is right.")
    assert [a.action for a in done.executed_actions] == ["pause_subscription"]
    assert "paused" in done.text


def test_wait_no_the_decaf_swaps_to_the_decaf(assistant: Assistant) -> None:
    state = signed_in(assistant, "isabella.anderson248@example.com")
    first = assistant.reply(state, "can you swap my coffee club bag to the morning light please")
    assert first.pending_action is not None and "Morning Light" in first.text  # named, not asked
    again = assistant.reply(
        state, "wait no, that one has even more caffeine doesn't it. the decaf, the swiss water one"
    )
    assert again.executed_actions == [] and again.pending_action is not None
    assert "to Ridgeline Swiss Water Decaf" in again.text
    done = assistant.reply(state, "yes that one")
    assert [a.action for a in done.executed_actions] == ["swap_product"]


def test_a_no_that_names_another_blend_previews_that_one(assistant: Assistant) -> None:
    state = signed_in(assistant, "isabella.anderson248@example.com")
    assistant.reply(state, "can u swap my club coffee to the ethiopia one")
    again = assistant.reply(state, "hmm no actually make it the morning light")
    assert again.executed_actions == [] and again.pending_action is not None
    assert "to Ridgeline Morning Light Breakfast Blend" in again.text


def test_a_grind_change_keeps_the_blend_and_a_no_with_a_grinder_declines(
    assistant: Assistant,
) -> None:
    state = signed_in(assistant, "zoe.harris219@example.com")  # Morning Light, whole bean
    first = assistant.reply(state, "can u switch my coffee to espresso grind")
    assert first.pending_action is not None
    assert "Morning Light Breakfast Blend, 12 oz bag (espresso)" in first.text
    assert "Premium Dark Roast" not in first.text  # "my coffee" names the brand, not a blend
    no = assistant.reply(
        state, "hmm actually no, keep it whole bean, i just remembered i'm getting a grinder"
    )
    assert no.pending_action is None and no.executed_actions == []
