"""Which item a message is about and what "this" is, on the real parts (MiniLM, Chroma, trained
router, demo store): "the socks that came with her shoes" exchanges the socks (the only item
that comes in the size asked); a cheap accessory returned from an order above the hand-over
value is previewed, not handed over; an exchange to the colour already owned asks which one
instead, and "yes as long as it's free" confirms a preview that costs nothing; "how often
should I do that" after a statement is asked about the statement; a condition still there
after the fix is answered by the fix's own line, not handed over; "my <headphones> battery" is
the headphones' battery, and the guide's own "contact support for a warranty claim" is said with
the ticket."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_item_that_came_with_another_is_the_one_exchanged(real: Assistant) -> None:
    state = verified(real, "46659", "diego.harris188@example.com")
    reply = real.reply(
        state,
        "the sock pack that came with the velo 3s is too small for her, it's still sealed. "
        "trade them for large?",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "CushionLite" in reply.text and "large" in reply.text
    assert "Velo 3 Women's Running Shoe doesn't come" not in reply.text


def test_a_cheap_accessory_from_a_high_value_order_is_returned_not_handed_over(
    real: Assistant,
) -> None:
    state = verified(real, "46459", "fatima.johnson76@example.com")
    reply = real.reply(
        state,
        "the rs-2 remote that shipped with my z8 is dead, i already put in a new battery and "
        "still nothing. can i return it?",
    )
    assert reply.escalation is None
    assert "Yes. Your order #46459 was delivered on" in reply.text  # until when, first
    assert reply.pending_action is not None and reply.pending_action.action == "return_items"
    assert "RS-2" in reply.text and "Z8 Full-Frame" not in reply.text


def test_an_exchange_to_the_colour_owned_asks_which_and_a_free_yes_confirms(
    real: Assistant,
) -> None:
    state = verified(real, "46364", "priya.thomas245@example.com")
    first = real.reply(
        state,
        "can i swap my soundwave pros for a diff colour? the white gets dirty so fast. only "
        "tried them on once, box and everything still here",
    )
    assert "Which colour would you like instead?" in first.text and "midnight black" in first.text
    assert not first.executed_actions
    second = real.reply(state, "midnight black")
    assert second.pending_action is not None and second.pending_action.action == "exchange_item"
    done = real.reply(state, "ok as long as it's free")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_how_often_to_do_this_is_asked_about_the_statement_before_it(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "my cuisina kettle has chalky white bits on the heating plate. how do i clean it off and "
        "how often should i do that",
    )
    assert "vinegar" in reply.text
    assert "every 4 weeks" in reply.text or "every 2 weeks" in reply.text
    assert "Lift the kettle off the base" not in reply.text  # the dry-boil error's steps


def test_what_is_left_after_the_fix_gets_the_fix_s_own_line(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "how do i descale my cuisina kettle? theres white scale on the plate")
    reply = real.reply(state, "did the vinegar and waited. still some white spots on the plate")
    assert reply.escalation is None
    assert "soft cloth" in reply.text or "nylon brush" in reply.text


def test_a_battery_named_after_the_headphones_is_theirs_and_the_guide_s_hand_over_is_said(
    real: Assistant,
) -> None:
    state = verified(real, "44593", "noah.rodriguez189@example.com")
    reply = real.reply(
        state,
        "the soundwave pro battery is much worse than before. full charge, anc on, it dies around "
        "27 hours. i already did what the guide says: charged it full, connection priority, lower "
        "volume, auto off at 15 min, new firmware. now what",
    )
    assert "Battery runs out too fast" in reply.text and "BP-F2" not in reply.text
    # the guide's own line sends it to support: said, then the ticket, in the same reply
    assert "32 hours" in reply.text and "ticket" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "warranty_claim"
