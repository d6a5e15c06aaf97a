"""What a human agent receives when a conversation is handed over: :class:`EscalationPacket`.

Everything in it comes from typed facts (the verified identity, the order or subscription read
from the store, the steps already tried, the transcript); the summary is built from those facts
by a fixed template, never written by a model. Card numbers and typed passwords are masked in
everything the customer typed (``assistant/redaction.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import OrderPublic, SubscriptionPublic
from assistant.commerce.support import Priority
from assistant.escalation.reasons import EscalationReason, raise_priority
from assistant.intents import Intent
from assistant.redaction import redact
from assistant.settings import Settings

SUMMARY_MAX_CHARS = 2000  # what backend.open_ticket accepts
_ISSUE_MAX_CHARS = 300
_STEP_MAX_CHARS = 120
_MAX_STEPS_IN_SUMMARY = 8
_MAX_ITEMS_IN_SUMMARY = 3


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class TranscriptEntry(_Frozen):
    role: Literal["customer", "assistant"]
    text: str
    at: datetime


class VerifiedIdentity(_Frozen):
    name: str
    email: str
    vip: bool
    method: Literal["storefront_token", "order_and_email"]

    @classmethod
    def of(cls, customer: VerifiedCustomer, *, vip: bool) -> VerifiedIdentity:
        return cls(name=customer.name, email=customer.email, vip=vip, method=customer.method)


class EscalationPacket(_Frozen):
    reason: EscalationReason
    priority: Priority
    priority_raised_by: list[Literal["vip", "order_value"]] = Field(
        description="Why the priority is above the reason's default"
    )
    summary: str = Field(description="One paragraph for the agent, built from the facts below")
    next_steps: str = Field(description="What the customer was told happens next")
    identity: VerifiedIdentity | Literal["unverified"]
    order: OrderPublic | None = None
    subscription: SubscriptionPublic | None = None
    steps_tried: list[str]
    transcript: list[TranscriptEntry]
    conversation_id: str
    intent: Intent | None
    created_at: datetime
    ticket_number: str | None = None


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _money(amount: Decimal, currency: str) -> str:
    return f"${amount:,.2f}" if currency == "USD" else f"{amount:,.2f} {currency}"


def _over_threshold(order_total: Decimal | None, settings: Settings) -> bool:
    return order_total is not None and order_total > settings.escalate_order_value


def decide_priority(
    reason: EscalationReason, vip: bool, order_total: Decimal | None, settings: Settings
) -> Priority:
    """The reason's default priority, one level higher for a VIP customer or an order total
    above ``settings.escalate_order_value`` (one level even when both apply)."""
    priority = reason.default_priority
    if vip or _over_threshold(order_total, settings):
        return raise_priority(priority)
    return priority


def _identity_sentence(identity: VerifiedIdentity | None) -> str:
    if identity is None:
        return "Customer not verified; no order data was shown in chat."
    how = "order number and email" if identity.method == "order_and_email" else "storefront sign-in"
    vip = ", VIP" if identity.vip else ""
    return f"Customer: {identity.name} <{identity.email}>{vip}, verified by {how}."


def _order_sentence(order: OrderPublic) -> str:
    names = [f"{line.quantity} × {line.name}" for line in order.lines]
    items = "; ".join(names[:_MAX_ITEMS_IN_SUMMARY])
    if len(names) > _MAX_ITEMS_IN_SUMMARY:
        items += f"; and {len(names) - _MAX_ITEMS_IN_SUMMARY} more"
    parts = [
        f"Order #{order.number}: {order.status}, placed {order.placed_at:%Y-%m-%d}",
        f"total {_money(order.total, order.currency)} ({items})",
    ]
    if order.tracking_numbers:
        parts.append("tracking " + ", ".join(order.tracking_numbers))
    return ", ".join(parts) + "."


def _subscription_sentence(sub: SubscriptionPublic) -> str:
    text = (
        f"Subscription #{sub.id}: {sub.quantity} × {sub.product_name} ({sub.grind}), "
        f"{sub.frequency_label}, {_money(sub.price, 'USD')}, {sub.status}"
    )
    if sub.next_delivery_date is not None:
        text += f", next delivery {sub.next_delivery_date:%Y-%m-%d}"
    return text + "."


def _steps_sentence(steps: Sequence[str]) -> str:
    if not steps:
        return "Nothing has been tried in chat yet."
    shown = [_clip(step, _STEP_MAX_CHARS) for step in steps[:_MAX_STEPS_IN_SUMMARY]]
    more = len(steps) - len(shown)
    return "Already tried: " + "; ".join(shown) + (f"; and {more} more." if more else ".")


def build_summary(
    *,
    reason: EscalationReason,
    priority: Priority,
    raised_by: Sequence[str],
    identity: VerifiedIdentity | None,
    order: OrderPublic | None,
    subscription: SubscriptionPublic | None,
    steps_tried: Sequence[str],
    issue: str | None,
    intent: Intent | None,
    messages: int,
) -> str:
    """The one-paragraph summary: the same facts always give the same text."""
    head = f"{reason.label[:1].upper()}{reason.label[1:]}, priority {priority}"
    if raised_by:
        why = " and ".join("VIP customer" if r == "vip" else "high order value" for r in raised_by)
        head += f" (raised from {reason.default_priority}: {why})"
    sentences = [head + ".", _identity_sentence(identity)]
    if order is not None:
        sentences.append(_order_sentence(order))
    if subscription is not None:
        sentences.append(_subscription_sentence(subscription))
    if issue and issue.strip():
        sentences.append(f'Customer says: "{_clip(issue, _ISSUE_MAX_CHARS)}"')
    sentences.append(_steps_sentence(steps_tried))
    topic = f"intent {intent.value}, " if intent is not None else ""
    plural = "" if messages == 1 else "s"
    sentences.append(f"Chat: {topic}{messages} message{plural} in the transcript.")
    return _clip(" ".join(sentences), SUMMARY_MAX_CHARS)


def build_packet(
    *,
    reason: EscalationReason,
    conversation_id: str,
    created_at: datetime,
    settings: Settings,
    identity: VerifiedIdentity | None = None,
    intent: Intent | None = None,
    order: OrderPublic | None = None,
    subscription: SubscriptionPublic | None = None,
    steps_tried: Sequence[str] = (),
    transcript: Sequence[TranscriptEntry] = (),
    issue: str | None = None,
) -> EscalationPacket:
    """Assemble the packet for a human agent (without a ticket number: the service adds it once
    the ticket is open). ``issue`` is the problem in the customer's words, for the summary."""
    vip = identity is not None and identity.vip
    order_total = order.total if order is not None else None
    raised_by: list[Literal["vip", "order_value"]] = []
    if vip:
        raised_by.append("vip")
    if _over_threshold(order_total, settings):
        raised_by.append("order_value")
    priority = decide_priority(reason, vip, order_total, settings)
    steps = [redact(step) for step in steps_tried if step.strip()]
    entries = [e.model_copy(update={"text": redact(e.text)}) for e in transcript]
    summary = build_summary(
        reason=reason,
        priority=priority,
        raised_by=raised_by,
        identity=identity,
        order=order,
        subscription=subscription,
        steps_tried=steps,
        issue=redact(issue) if issue else None,
        intent=intent,
        messages=len(entries),
    )
    return EscalationPacket(
        reason=reason,
        priority=priority,
        priority_raised_by=raised_by,
        summary=summary,
        next_steps=reason.next_steps_for(settings.store_policy()),
        identity=identity if identity is not None else "unverified",
        order=order,
        subscription=subscription,
        steps_tried=steps,
        transcript=entries,
        conversation_id=conversation_id,
        intent=intent,
        created_at=created_at,
    )
