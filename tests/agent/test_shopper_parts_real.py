"""What a follow-up is about, on the real parts (MiniLM, Chroma, trained router, demo store): an
accessory named only by what it is ("the sd card", "the battery") is a part of the product being
talked about, not another product; "what do you need to claim it" after the warranty's answer
is the claim; "ok sure but…?" while an action waits keeps it waiting; a guide's worked example
is no answer."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration


def test_the_sd_card_after_a_fix_is_the_cameras_card(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "my homely indoor cam shows offline in the app, the light blinks red slowly")
    reply = real.reply(
        state,
        "ok i reset it and set it up again and it connected! did the reset wipe the recordings "
        "on the sd card though?",
    )
    assert "Kestrel" not in reply.text  # not the camera's-bag memory card's recovery steps
    assert "does not erase" in reply.text.lower() or "not erase" in reply.text.lower()


def test_the_battery_of_owned_headphones_is_theirs_then_the_claim(real: Assistant) -> None:
    state = signed_in(real, "james.martin48@example.com")
    first = real.reply(
        state,
        "my soundwave pros barely do 20 hours now with noise cancelling on. is the battery just "
        "getting old or is that covered?",
    )
    assert "BP-F2" not in first.text and "SoundWave Pro" in first.text
    claim = real.reply(state, "ok what do you need from me to claim it?")
    assert "serial" in claim.text.lower() and "headband" in claim.text
    assert "I want to make sure I help with the right thing" not in claim.text


def test_an_unsure_question_while_an_exchange_waits_is_read_with_it(real: Assistant) -> None:
    state = signed_in(real, "james.martinez210@example.com")
    preview = real.reply(
        state,
        "the velo 3s from my order are too small, only tried them on inside. can we swap for a "
        "7 in black",
    )
    assert preview.pending_action is not None
    later = real.reply(
        state, "ok sure but does she have to mail hers back first? her race is on saturday"
    )
    # neither run nor dropped: the question is about the exchange that waits
    assert later.executed_actions == [] and later.pending_action is not None
    assert "Still waiting for your go-ahead to start this exchange" in later.text
    assert "I did not start this exchange" not in later.text


def test_a_guides_worked_example_is_no_answer(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state, "coffee club: if i go from 3 bags down to 2, what would i pay per delivery?"
    )
    assert "$34.99" in reply.text
    assert "On May 20" not in reply.text and "On May 12" not in reply.text
