"""The demo store's own returns policy: a return with a fee (changed my mind) is reviewed by a
support agent before a label is issued, so the assistant hands it over, saying until when and
what the refund brings back; a defect goes back without one; the Stride Run Guarantee lets a
Velo 3 worn around the house be exchanged without the "unused?" question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.intents import Intent
from assistant.runtime import Assistant
from tests.agent.conftest import FixedRouter, verified
from tests.commerce.returns_support import deliver
from tests.support import NOW


@pytest.fixture
def assistant(build: Callable[..., Assistant]) -> Assistant:
    return build(router=FixedRouter(Intent.RETURNS_REFUNDS))


def test_a_changed_mind_return_goes_to_an_agent_with_its_window_and_fee(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    reply = assistant.reply(
        state,
        "the headphones arent for me after all, never used, still sealed. can i send them back?",
    )
    assert reply.pending_action is None and reply.executed_actions == []
    assert reply.escalation is not None and reply.escalation.reason == "complex_return"
    assert "$6.95" in reply.text and "support agent" in reply.text
    assert state.customer is not None and backend.list_returns(state.customer) == []


def test_a_defective_item_still_goes_back_without_an_agent(assistant: Assistant) -> None:
    state = verified(assistant, "47102", "sam.patel@example.com")
    reply = assistant.reply(
        state, "the headphones are defective, the left side is silent. return them"
    )
    assert reply.escalation is None
    assert reply.pending_action is not None and reply.pending_action.action == "return_items"


def test_a_velo_worn_around_the_house_is_exchanged_without_the_unused_question(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    assistant = build(router=FixedRouter(Intent.RETURNS_REFUNDS))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(
        state,
        "my velo 3s are too snug, i've only worn them around the house. can i swap them for a "
        "9? actually no wait, she says 9.5",
    )
    assert reply.escalation is None
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "9.5" in reply.text


def test_a_rule_that_stops_the_return_comes_before_the_agent(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "the socks are too big, we opened the pack. can i return them?")
    assert "hygiene" in reply.text  # not returnable: nobody needs to review it
    assert reply.escalation is None and reply.pending_action is None


def test_a_question_about_the_deadline_is_answered_not_handed_over(
    assistant: Assistant, backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "two things - what's the return deadline on my shoes")
    assert reply.escalation is None and reply.pending_action is None  # a question, no return
    assert "return_questions" not in [c.name for c in reply.tool_calls]
