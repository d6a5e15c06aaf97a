"""Hand-over to a human: gather the case (identity, the order or subscription in focus, steps
already tried, the transcript) from the session and open the ticket with its packet."""

from __future__ import annotations

from assistant.agent.deps import Deps
from assistant.commerce.errors import CommerceError
from assistant.commerce.schemas import OrderPublic, SubscriptionPublic
from assistant.escalation.packet import TranscriptEntry
from assistant.escalation.reasons import EscalationReason
from assistant.escalation.service import EscalationResult


def hand_over(deps: Deps, reason: EscalationReason, issue: str) -> EscalationResult:
    state = deps.state
    customer = state.customer
    order: OrderPublic | None = None
    subscription: SubscriptionPublic | None = None
    if customer is not None:
        try:
            if state.focus_order:
                order = deps.backend.get_order(customer, state.focus_order)
            if state.focus_subscription is not None:
                subscription = deps.backend.get_subscription(customer, state.focus_subscription)
        except CommerceError:
            pass  # a snapshot is helpful, not required: the ticket still opens
    now = deps.clock.now()
    transcript = [
        TranscriptEntry(
            role="customer" if m.role == "user" else "assistant", text=m.text, at=m.at or now
        )
        for m in state.messages
        if m.role in ("user", "assistant") and m.text
    ]
    return deps.escalation.escalate(
        customer,
        state.conversation_id,
        reason=reason,
        intent=state.intents[-1] if state.intents else None,
        order=order,
        subscription=subscription,
        steps_tried=list(state.steps_tried),
        transcript=transcript,
        issue=issue,
    )
