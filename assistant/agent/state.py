"""Per-conversation state the loop keeps between turns (the session)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant.agent.drafts import ReturnDraft
from assistant.agent.language import in_english
from assistant.agent.messages import Message
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ActionRequest
from assistant.commerce.schemas import Preview, TicketPublic
from assistant.intents import Intent


@dataclass(slots=True)
class PendingAction:
    """A previewed action waiting for the customer's own confirmation. The token never leaves
    the server: the model sees the preview without it."""

    token: str
    request: ActionRequest
    preview: Preview
    proposed_at: datetime


@dataclass(slots=True)
class ConversationState:
    conversation_id: str
    customer: VerifiedCustomer | None = None
    vip: bool | None = None  # looked up once the customer is verified
    high_value_orders: set[str] | None = None  # orders above settings.escalate_order_value
    messages: list[Message] = field(default_factory=list)
    pending: PendingAction | None = None
    # dialogue state used by the planner
    awaiting_verification: bool = False
    deferred_text: str | None = None  # the question asked before verification, answered after
    deferred_intent: Intent | None = None
    partial_order_number: str | None = None  # half of a verification given so far
    partial_email: str | None = None
    awaiting_address: str | None = None  # order number whose new address we asked for
    awaiting_date: int | None = None  # subscription whose next delivery's new day we asked for
    proposed_date: str | None = None  # the day (ISO) its last move preview proposed
    active_intent: Intent | None = None
    focus_order: str | None = None
    focus_sku: str | None = None
    focus_subscription: int | None = None
    intents: list[Intent] = field(default_factory=list)
    low_confidence_streak: int = 0
    troubleshooting_level: dict[str, int] = field(default_factory=dict)
    steps_tried: list[str] = field(default_factory=list)
    shown_passages: set[str] = field(default_factory=set)  # chunk ids already given
    topic: str | None = None  # the heading of the section a product question was last answered from
    problem_text: dict[str, str] = field(default_factory=dict)  # sku -> the first description
    escalation: TicketPublic | None = None
    turns: int = 0
    return_draft: ReturnDraft | None = None  # a return or exchange being put together

    @property
    def verified(self) -> bool:
        return self.customer is not None

    @property
    def asked(self) -> list[str]:
        """The customer's messages so far, oldest first, as the planner reads them: a message
        in another language by its English gloss ("…pour 2 livraisons" -> "…for 2 deliveries")."""
        return [in_english(m.text) for m in self.messages if m.role == "user"]

    @property
    def replies(self) -> list[str]:
        """The assistant's own words so far (its answers, not its tool calls), oldest first."""
        return [m.text for m in self.messages if m.role == "assistant" and not m.tool_calls]
