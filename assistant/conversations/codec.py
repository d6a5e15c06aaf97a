"""``ConversationState`` to JSON and back.

Stored: the dialogue fields and the pending action (its confirmation token included: the JSON
lives in the server's database and never leaves it). Not stored: the customer (the row keeps
only the id; :meth:`~assistant.commerce.backend.CommerceBackend.restore_verified` re-creates
the sealed identity from the server's record of the verification) and the messages (rebuilt
from the transcript rows). ``tests/conversations`` checks that every field of
``ConversationState`` is one or the other, so a new field cannot be forgotten silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.agent.drafts import ReturnDraft
from assistant.agent.messages import Message
from assistant.agent.state import ConversationState, PendingAction
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ActionRequest
from assistant.commerce.schemas import Preview, TicketPublic
from assistant.intents import Intent
from assistant.redaction import redact

# ConversationState fields that are not part of the JSON (see the module docstring).
NOT_STORED = frozenset({"conversation_id", "customer", "messages", "pending"})


class StoredPending(BaseModel):
    token: str
    request: ActionRequest
    preview: Preview
    proposed_at: datetime


class StoredState(BaseModel):
    """The JSON of one conversation's state (``schema_version`` lets a later format migrate
    it). Sets are stored as sorted lists."""

    model_config = ConfigDict(extra="ignore")

    schema_version: Literal[1] = 1
    pending: StoredPending | None = None
    vip: bool | None = None
    high_value_orders: list[str] | None = None
    awaiting_verification: bool = False
    deferred_text: str | None = None
    deferred_intent: Intent | None = None
    partial_order_number: str | None = None
    partial_email: str | None = None
    awaiting_address: str | None = None
    awaiting_date: int | None = None
    proposed_date: str | None = None
    active_intent: Intent | None = None
    focus_order: str | None = None
    focus_sku: str | None = None
    focus_subscription: int | None = None
    intents: list[Intent] = Field(default_factory=list)
    low_confidence_streak: int = 0
    troubleshooting_level: dict[str, int] = Field(default_factory=dict)
    steps_tried: list[str] = Field(default_factory=list)
    shown_passages: list[str] = Field(default_factory=list)
    topic: str | None = None
    problem_text: dict[str, str] = Field(default_factory=dict)
    escalation: TicketPublic | None = None
    turns: int = 0
    return_draft: ReturnDraft | None = None


DIALOGUE_FIELDS = tuple(
    name for name in StoredState.model_fields if name not in ("schema_version", "pending")
)


def dump_state(state: ConversationState) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(state, name) for name in DIALOGUE_FIELDS}
    # the customer's own words kept in the state: without a card number or a password
    if state.deferred_text:
        values["deferred_text"] = redact(state.deferred_text)
    values["problem_text"] = {sku: redact(t) for sku, t in state.problem_text.items()}
    values["shown_passages"] = sorted(state.shown_passages)
    if state.high_value_orders is not None:
        values["high_value_orders"] = sorted(state.high_value_orders)
    pending = state.pending
    if pending is not None:
        values["pending"] = StoredPending(
            token=pending.token,
            request=pending.request,
            preview=pending.preview,
            proposed_at=pending.proposed_at,
        )
    return StoredState.model_validate(values).model_dump(mode="json")


def load_state(
    data: dict[str, Any],
    *,
    conversation_id: str,
    customer: VerifiedCustomer | None,
    messages: Sequence[Message],
) -> ConversationState:
    stored = StoredState.model_validate(data)
    state = ConversationState(conversation_id=conversation_id, customer=customer)
    for name in DIALOGUE_FIELDS:
        setattr(state, name, getattr(stored, name))
    state.shown_passages = set(stored.shown_passages)
    if stored.high_value_orders is not None:
        state.high_value_orders = set(stored.high_value_orders)
    state.messages = list(messages)
    if stored.pending is not None and customer is not None:
        p = stored.pending
        state.pending = PendingAction(p.token, p.request, p.preview, p.proposed_at)
    return state
