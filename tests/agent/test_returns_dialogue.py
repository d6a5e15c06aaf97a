"""Returns, exchanges and refund status in shopper wording, end to end through the loop and the
offline planner over a copy of the demo store (fixed router: the returns intent)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from assistant.agent.state import ConversationState
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.intents import Intent
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.agent.conftest import FakeRetriever, FixedRouter, passage
from tests.commerce.returns_support import deliver
from tests.support import NOW, self_service_returns_policy


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A store that starts changed-mind returns itself (the demo store has an agent review
    them): the dialogue up to the self-service return is what is tested here."""
    return settings.model_copy(update={"store_policy_path": self_service_returns_policy()})


@pytest.fixture
def assistant(build: Callable[..., Assistant]) -> Assistant:
    return build(router=FixedRouter(Intent.RETURNS_REFUNDS))


def verified(assistant: Assistant, order: str, email: str) -> ConversationState:
    state = assistant.start()
    assistant.verify(state, order, email)
    return state


def names(reply: object) -> list[str]:
    return [c.name for c in reply.tool_calls]  # type: ignore[attr-defined]


def test_a_return_asks_the_policy_question_previews_and_confirms(assistant: Assistant) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    asked = assistant.reply(state, "hey so the headphones arent for me, can i send them back?")
    assert "unused and in its original packaging" in asked.text and asked.pending_action is None
    preview = assistant.reply(state, "yep never used, still in the box")
    assert preview.pending_action is not None and preview.pending_action.action == "return_items"
    assert "$259.60" in preview.text and "Mastercard ending 5510" in preview.text
    done = assistant.reply(state, "yes please")
    assert [a.action for a in done.executed_actions] == ["return_items"]
    assert "RMA-" in done.text and "/label.pdf?expires=" in done.text
    status = assistant.reply(state, "ok and when will I get my money?")
    assert "$259.60" in status.text and "haven't received the return" in status.text
    assert "get_refund_status" in names(status)


def test_changing_ones_mind_before_confirming_changes_nothing(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    assistant.reply(state, "I want to return the SoundWave headphones, changed my mind")
    preview = assistant.reply(state, "yes it's unused")
    assert preview.pending_action is not None
    declined = assistant.reply(state, "actually no, I'll keep them")
    assert declined.executed_actions == [] and declined.pending_action is None
    assert state.customer is not None and backend.list_returns(state.customer) == []
    assert backend.refund_status(state.customer) == []


def test_from_return_to_exchange_between_preview_and_yes(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    assistant.reply(state, "the running shoes are too small, I want to return them")
    preview = assistant.reply(state, "unused, only tried them on indoors")
    assert preview.pending_action is not None and preview.pending_action.action == "return_items"
    switched = assistant.reply(state, "no wait, can I exchange them for a size 9 instead?")
    assert switched.executed_actions == []
    assert switched.pending_action is not None
    assert switched.pending_action.action == "exchange_item"
    assert "size 9" in switched.text
    done = assistant.reply(state, "yes do it")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]
    assert "47234-EX1" in done.text


def test_two_items_in_one_message_make_one_return(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    assistant.reply(state, "I'd like to return the running shoes and the socks please")
    assistant.reply(state, "yes, unused")
    preview = assistant.reply(state, "no, the socks are still sealed")
    assert preview.pending_action is not None
    assert "Velo 3" in preview.text and "Socks" in preview.text
    proposals = [c for c in preview.tool_calls if c.name == "propose_return"]
    assert len(proposals) == 1
    skus = {item["sku"] for item in proposals[0].arguments["items"]}  # type: ignore[index]
    assert skus == {"STR-VELO3-W", "STR-SOCK-3P"}


def test_opened_socks_are_refused_with_the_rule(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    assistant.reply(state, "can I return the socks?")
    assistant.reply(state, "yes")
    refused = assistant.reply(state, "yeah I opened them")
    assert "hygiene" in refused.text and refused.pending_action is None
    assert refused.escalation is None


def test_a_late_return_says_when_the_window_closed_and_hands_over(assistant: Assistant) -> None:
    state = verified(assistant, "46890", "alex.kim@example.com")
    reply = assistant.reply(state, "can I return the dark roast coffee from order 46890?")
    assert "closed on Thursday, December 18, 2025" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"


def test_damaged_on_arrival_goes_to_a_person_with_the_reason(assistant: Assistant) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    reply = assistant.reply(state, "the headphones arrived damaged, I want to return them")
    assert "reviewed by a support agent" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"


def test_refund_status_with_no_refunds(assistant: Assistant) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    reply = assistant.reply(state, "did my refund go through??")
    assert "don't see a refund" in reply.text and names(reply) == ["get_refund_status"]


def test_a_late_return_of_a_high_value_order_says_why_and_hands_over(
    assistant: Assistant,
) -> None:
    state = verified(assistant, "46511", "taylor.brooks@example.com")
    reply = assistant.reply(state, "can I return the camera?")
    assert "closed on Thursday, January 15, 2026" in reply.text
    assert "delivered on Tuesday, December 16, 2025" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "high_value_order"


def test_how_do_i_return_answers_from_the_policy_then_starts_on_yes(
    build: Callable[..., Assistant],
) -> None:
    policy = passage(
        "You can return most items within 30 days of delivery. You receive a prepaid return "
        "label by email.",
        source="policies/returns-and-refunds.html",
    )
    assistant = build(router=FixedRouter(Intent.RETURNS_REFUNDS), retriever=FakeRetriever([policy]))
    state = verified(assistant, "47102", "sam.patel@example.com")
    answer = assistant.reply(state, "how do I return the headphones? I'd like a refund")
    assert "until Wednesday, February 18 (30 days from delivery)" in answer.text
    assert "Shall I start it for you" in answer.text
    assert answer.pending_action is None
    asked = assistant.reply(state, "yes please")
    assert "unused" in asked.text
    preview = assistant.reply(state, "yes, never opened")
    assert preview.pending_action is not None and preview.pending_action.action == "return_items"


def test_part_of_a_multipack_goes_to_a_person(assistant: Assistant) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    reply = assistant.reply(state, "I want to return part of the pack, the rest is fine")
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"


def test_until_when_a_high_value_order_can_go_back_is_answered_not_handed_over(
    build: Callable[..., Assistant],
) -> None:
    policy = passage(
        "The return window is 30 days from the delivery date shown in your order's tracking.",
        source="policies/returns-and-refunds.html",
    )
    assistant = build(router=FixedRouter(Intent.RETURNS_REFUNDS), retriever=FakeRetriever([policy]))
    state = verified(assistant, "46511", "taylor.brooks@example.com")
    reply = assistant.reply(state, "what's the last day I could send the camera back?")
    assert reply.escalation is None  # a question about the window, not a return yet
    assert "January 15" in reply.text
