"""ConversationState <-> JSON: every field is either stored or deliberately left out."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal

from assistant.agent.messages import Message
from assistant.agent.state import ConversationState, PendingAction
from assistant.commerce.requests import SkipNextDelivery
from assistant.commerce.schemas import Change, Preview, TicketPublic
from assistant.conversations.codec import DIALOGUE_FIELDS, NOT_STORED, dump_state, load_state
from assistant.intents import Intent

AT = datetime(2026, 1, 20, 15, tzinfo=UTC)


def test_every_state_field_is_stored_or_excluded() -> None:
    names = {f.name for f in fields(ConversationState)}
    assert names == set(DIALOGUE_FIELDS) | NOT_STORED


def _state() -> ConversationState:
    request = SkipNextDelivery(subscription_id=3)
    preview = Preview(
        confirmation_token="tok-123",
        action="skip_next_delivery",
        request=request,
        summary="Skip February 15",
        changes=[Change(field="next_delivery_date", before="2026-02-15", after="2026-03-15")],
        amount_change=Decimal("-34.99"),
        expires_at=AT,
    )
    return ConversationState(
        conversation_id="c1",
        vip=False,
        high_value_orders={"47999", "47001"},
        pending=PendingAction("tok-123", request, preview, AT),
        awaiting_verification=True,
        deferred_text="where is my order",
        deferred_intent=Intent.TRACKING,
        active_intent=Intent.SUBSCRIPTION_SKIP,
        focus_order="47234",
        focus_sku="AUR-SWP-100",
        focus_subscription=3,
        intents=[Intent.GREETING, Intent.SUBSCRIPTION_SKIP],
        low_confidence_streak=1,
        troubleshooting_level={"AUR-SWP-100": 2},
        steps_tried=["reset"],
        shown_passages={"b", "a"},
        problem_text={"AUR-SWP-100": "won't pair"},
        escalation=TicketPublic(
            ticket_number="ESC-100001",
            status="open",
            reason="frustration",
            priority="high",
            order_number=None,
            created_at=AT,
        ),
        turns=4,
    )


def test_round_trip_through_json() -> None:
    state = _state()
    data = json.loads(json.dumps(dump_state(state)))
    history = [Message("user", "hi", at=AT)]
    # A pending action needs a verified customer; the codec is given none here.
    restored = load_state(data, conversation_id="c1", customer=None, messages=history)
    for name in DIALOGUE_FIELDS:
        assert getattr(restored, name) == getattr(state, name), name
    assert restored.pending is None and restored.messages == history
    assert data["pending"]["token"] == "tok-123"  # kept server-side for the confirmation
    assert "customer" not in data and "messages" not in data


def test_the_customers_words_are_stored_without_secrets() -> None:
    state = _state()
    state.deferred_text = "my password is Rover2020! where is my order"
    state.problem_text = {"AUR-SWP-100": "card 4111 1111 1111 1111 was charged, and it won't pair"}
    dumped = json.dumps(dump_state(state))
    assert "Rover2020" not in dumped and "4111" not in dumped
    assert "[password removed]" in dumped and "[card number removed]" in dumped
    assert state.deferred_text.startswith("my password is Rover2020")  # the turn reads it as typed
