"""A go-ahead with a question after it, on the real parts (MiniLM, Chroma, trained router, demo
store): the pending action is executed and the question answered in the same reply; an
acknowledgement with a question ("ok thx. …") executes nothing."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration


def test_a_resend_confirmed_with_a_question_about_a_pdf(real: Assistant) -> None:
    state = signed_in(real, "leo.garcia154@example.com")
    preview = real.reply(state, "can you send me the receipt for my last order?")
    assert "Shall I send it?" in preview.text
    done = real.reply(state, "yes go ahead. also is there a pdf version i can download for taxes?")
    assert [a.action for a in done.executed_actions] == ["resend_confirmation"]
    assert done.text.startswith("Done")  # the read-back first, then the answer
    assert "PDF receipt" in done.text and "account" in done.text.split("Done", 1)[1]
    assert done.pending_action is None and "Still waiting" not in done.text


def test_a_skip_confirmed_with_a_product_question(real: Assistant) -> None:
    state = signed_in(real, "james.walker27@example.com")
    preview = real.reply(state, "skip my next coffee delivery please")
    assert preview.pending_action is not None
    done = real.reply(state, "Yes, skip it. Also, how long do the beans stay fresh once opened?")
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]
    answer = done.text.split("(Confirmation", 1)[1]
    assert "week" in answer  # the freshness answer, from the coffee documents


def test_an_acknowledgement_and_a_question_executes_nothing(real: Assistant) -> None:
    state = signed_in(real, "ethan.clark23@example.com")
    real.reply(state, "skip my next coffee delivery please")
    later = real.reply(state, "ok thx. totally unrelated, do you ship to canada?")
    assert later.executed_actions == []


def test_a_pause_confirmed_with_a_question_about_sending_something_back(real: Assistant) -> None:
    state = signed_in(real, "ethan.martin134@example.com")
    real.reply(state, "hey can you pause my coffee for 2 deliveries, going on a trip")
    done = real.reply(
        state, "yep go for it. oh and how long do i have to send back a kettle if i dont like it?"
    )
    # "send back" is a return asked about, not a resend of a confirmation
    assert [a.action for a in done.executed_actions] == ["pause_subscription"]
    assert "30 days" in done.text and "resend" not in done.text
