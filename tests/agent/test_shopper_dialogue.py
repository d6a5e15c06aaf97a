"""Shopper-style dialogue end to end (real MiniLM, real Chroma, trained router, demo store):
natural confirmations and declines, a different action while one is pending, a pending action
dropped when the talk moves on, retrieval-first answers that quote only what answers, follow-ups
and other languages. One store for the module: only the first test executes an action."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import real_assistant, signed_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def assistant(real_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    built = real_assistant(real_index, tmp_path_factory)
    yield built
    built.close()


_session = signed_in


def test_yes_go_ahead_and_skip_it_confirms(assistant: Assistant) -> None:
    state = _session(assistant, "alex.kim@example.com")
    preview = assistant.reply(state, "Skip next month's coffee delivery")
    assert preview.pending_action is not None
    done = assistant.reply(state, "yes, go ahead and skip it")
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]
    assert "March 15" in done.text


def test_a_different_action_never_confirms_the_pending_one(assistant: Assistant) -> None:
    state = _session(assistant, "alex.kim@example.com")
    preview = assistant.reply(state, "cancel my coffee subscription")
    assert preview.pending_action is not None
    assert preview.pending_action.action == "cancel_subscription"
    other = assistant.reply(state, "ok pause")
    assert other.executed_actions == []
    assert "did not cancel the subscription" in other.text
    customer = state.customer
    assert customer is not None
    assert assistant.backend.list_subscriptions(customer)[0].status == "active"


def test_a_natural_decline_and_a_doubt(assistant: Assistant) -> None:
    state = _session(assistant, "alex.kim@example.com")
    assistant.reply(state, "please skip my next delivery")
    doubt = assistant.reply(state, "yeah right")
    assert doubt.executed_actions == [] and doubt.pending_action is not None
    assert "Just to be sure" in doubt.text
    declined = assistant.reply(state, "actually no, leave it as it is")
    assert declined.executed_actions == [] and declined.pending_action is None
    assert "haven't changed anything" in declined.text


def test_a_pending_action_is_dropped_when_the_talk_moves_on(assistant: Assistant) -> None:
    state = _session(assistant, "alex.kim@example.com")
    assistant.reply(state, "pause my coffee for 2 deliveries")
    moved_on = assistant.reply(state, "how do I wash my running shoes?")
    assert moved_on.pending_action is None and moved_on.executed_actions == []
    late_yes = assistant.reply(state, "yes")
    assert late_yes.executed_actions == []


def test_nothing_in_my_inbox_gets_spam_and_a_resend_offer(assistant: Assistant) -> None:
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "ordered shoes 5 min ago and nothing showed up in my inbox??")
    assert "spam" in reply.text
    assert reply.pending_action is not None
    assert reply.pending_action.action == "resend_confirmation"


def test_a_product_question_quotes_only_the_lines_that_answer(assistant: Assistant) -> None:
    state = assistant.start()
    reply = assistant.reply(state, "what temperature can I wash the CushionLite socks at?")
    assert reply.intent == "product_question"
    assert "40 °C" in reply.text
    assert reply.citations, "the answer cites its passage"
    quoted = reply.text.split("\n\n(From")[0]
    section = (Path(__file__).resolve().parents[2] / "corpus" / "footwear").glob("*socks*")
    whole = next(section).read_text(encoding="utf-8")
    assert len(quoted) < len(whole) / 5  # a few lines, not the section
    assert quoted.count("\n") <= 8


def test_a_question_the_router_is_unsure_about_is_searched_first(assistant: Assistant) -> None:
    state = assistant.start()
    reply = assistant.reply(state, "payment methods?")
    assert "PayPal" in reply.text and "Is this about" not in reply.text


def test_a_follow_up_inherits_the_topic(assistant: Assistant) -> None:
    state = _session(assistant, "taylor.brooks@example.com")
    first = assistant.reply(state, "how long is the warranty on my camera?")
    assert first.intent == "warranty_info"
    follow = assistant.reply(state, "and the battery?")
    assert follow.intent == "warranty_info"


def test_spanish_is_understood_and_the_reply_says_it_is_in_english(
    assistant: Assistant,
) -> None:
    state = assistant.start()
    reply = assistant.reply(state, "¿Qué métodos de pago aceptan?")
    assert "PayPal" in reply.text
    assert "inglés" in reply.text


def test_a_zip_in_an_address_is_not_an_order_number(assistant: Assistant) -> None:
    state = _session(assistant, "jordan.rivera@example.com")
    assistant.reply(state, "I need to change the delivery address on my order")
    reply = assistant.reply(state, "Jordan Rivera 500 Grand St Apt 4 Brooklyn NY 11211")
    assert reply.pending_action is not None
    assert reply.pending_action.action == "change_shipping_address"
    assert "#11211" not in reply.text


def test_dropping_a_pending_action_for_another_never_repeats_the_dropped_one(
    assistant: Assistant,
) -> None:
    state = _session(assistant, "alex.kim@example.com")
    assistant.reply(state, "hey can u skip my next cofee")
    switched = assistant.reply(state, "wait no dont skip it, pause it for 2 instead")
    assert switched.executed_actions == []
    assert switched.pending_action is not None
    assert switched.pending_action.action == "pause_subscription"
    done = assistant.reply(state, "yep do it")
    assert [a.action for a in done.executed_actions] == ["pause_subscription"]
