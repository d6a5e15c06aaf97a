"""The product a conversation is about, on the real parts (MiniLM, Chroma, trained router, demo
store): a brand's word ("in the homely app") keeps the product in focus rather than another of
the brand's products; a later question that names no product ("can it switch on at sunset?") is
asked of the product in focus; a person asked for after every fix is a warranty claim."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_brand_and_a_later_question_stay_with_the_product_in_focus(real: Assistant) -> None:
    state = real.start()
    first = real.reply(
        state,
        "set up both homely smart plugs, the lights are solid blue, but google home says it "
        "cant find them",
    )
    assert "Smart Plug Mini" in first.text
    renamed = real.reply(
        state,
        "ok that fixed it. then i renamed one 'porch' in the homely app and google doesn't know "
        "any porch now",
    )
    assert "Smart Plug Mini" in renamed.text and "Indoor Cam" not in renamed.text
    sunset = real.reply(state, "one more: can the porch light switch on at sunset by itself?")
    assert "Sunrise / Sunset" in sunset.text


def test_a_person_asked_for_after_every_fix_is_a_warranty_claim(real: Assistant) -> None:
    state = verified(real, "44593", "noah.rodriguez189@example.com")
    reply = real.reply(
        state,
        "my soundwave pro stopped charging. tried 2 other cables and a different charger, "
        "cleaned the port, did the reset with the cable in. still no light. i'm done with "
        "troubleshooting, i want someone to get them repaired or replaced",
    )
    assert reply.escalation is not None and reply.escalation.reason == "warranty_claim"
    assert "serial number" in reply.text


def test_the_brands_app_named_in_a_follow_up_is_the_plugs(real: Assistant) -> None:
    state = real.start()
    real.reply(
        state, "got the homely smart plugs today. can one turn my desk fan off after an hour?"
    )
    reply = real.reply(state, "cool. and does the homely app show how much power the fan used?")
    assert "Indoor Cam" not in reply.text and "plug" in reply.text.lower()
