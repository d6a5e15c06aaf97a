"""Refunds and warranty questions told with a story, on the real parts (MiniLM, Chroma, trained
router, demo store): "…i don't want a different size, i just want my money back. is that
possible even though i wore them?" is a return of worn shoes (a person decides, and the
customer is told until when and what a refund brings back), not an exchange; "…shutter error 3
times. is this covered?" gets the item's own warranty, and the same fault after the fix is a
claim; someone else watching the camera is told about sharing; where the serial is printed."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_worn_shoes_the_customer_wants_a_refund_for_go_to_a_person_with_the_fee(
    real: Assistant,
) -> None:
    state = verified(real, "46659", "diego.harris188@example.com")
    reply = real.reply(
        state,
        "i've run in my velo 3s 4 times outside and i just don't get on with them, they give me "
        "a hot spot under the arch. i don't want a different size, i just want my money back. is "
        "that possible even though i wore them?",
    )
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"
    assert "$6.95" in reply.text and "January 30" in reply.text  # the fee and the window
    assert "Which size or colour" not in reply.text
    assert "You also asked" not in reply.text
    assert reply.pending_action is None and reply.executed_actions == []


def test_a_fault_asked_about_as_covered_gets_the_items_warranty_then_a_claim(
    real: Assistant,
) -> None:
    state = verified(real, "43102", "omar.white165@example.com")
    asked = real.reply(
        state,
        "my lumora z-8 threw 'shutter error restart camera' 3 times at the basketball game last "
        "night. i turned it off and on each time and it came back. is this covered? had it "
        "since june",
    )
    assert "June 19, 2027" in asked.text and "400,000" in asked.text
    assert asked.escalation is None
    again = real.reply(
        state,
        "Already did the battery-out thing three times, it comes back after a couple of shots "
        "every time.",
    )
    assert again.escalation is not None  # a person looks at the fault the fix did not cure
    assert again.escalation.reason in ("warranty_claim", "defect_persists")


def test_someone_else_watching_the_camera_is_told_about_sharing(real: Assistant) -> None:
    state = real.start()
    asked = real.reply(
        state,
        "my brother is looking after the flat next week. how can he watch the homely cam from "
        "his own phone?",
    )
    assert "Sharing" in asked.text and "invite" in asked.text
    again = real.reply(state, "and he won't be able to change my settings, right?")
    assert "cannot change settings" in again.text


def test_where_the_serial_is_after_the_registration_asked_for_it(real: Assistant) -> None:
    state = verified(real, "45321", "ravi.martinez135@example.com")
    real.reply(state, "can i register the kettle for its warranty")
    where = real.reply(state, "ok where would i find that on it?")
    assert "underside of the power base" in where.text and "CK17-" in where.text
    assert where.pending_action is None
