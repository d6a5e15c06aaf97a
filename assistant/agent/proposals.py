"""Which proposals a model may make in a turn: only the action the customer asked for in this
turn (by the router's intent, or by naming it: :func:`~assistant.agent.confirm.named_actions`),
or the action already waiting for their answer, and only on an order, subscription, address or
serial number the customer gave (or the one in focus). Anything else is dropped before it
reaches the store, and logged. The preview the customer sees is written by the server
(:func:`render_preview`), never by the model."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.agent.action_naming import named_actions
from assistant.agent.action_words import ACTION_LABELS
from assistant.agent.context import TurnContext
from assistant.agent.messages import ToolCall
from assistant.agent.state import PendingAction
from assistant.commerce.schemas import Preview
from assistant.intents import Intent

# The action each propose_* tool previews (a table, not dispatch).
TOOL_ACTIONS: dict[str, str] = {
    "propose_resend_confirmation": "resend_confirmation",
    "propose_address_change": "change_shipping_address",
    "propose_add_items": "add_items",
    "propose_order_cancel": "cancel_order",
    "propose_skip_delivery": "skip_next_delivery",
    "propose_pause": "pause_subscription",
    "propose_frequency_change": "change_frequency",
    "propose_date_change": "change_next_date",
    "propose_product_swap": "swap_product",
    "propose_subscription_cancel": "cancel_subscription",
    "propose_warranty_registration": "register_warranty",
    "propose_return": "return_items",
    "propose_exchange": "exchange_item",
    "propose_item_change": "change_order_item",
    "propose_item_removal": "remove_order_item",
    "propose_payment_change": "change_payment_method",
}
# The actions a request of each intent is for.
INTENT_ACTIONS: dict[Intent, frozenset[str]] = {
    Intent.ORDER_STATUS: frozenset({"resend_confirmation"}),
    Intent.RECEIPT: frozenset({"resend_confirmation"}),
    Intent.ORDER_CHANGE: frozenset(
        {
            "change_shipping_address",
            "add_items",
            "change_order_item",
            "remove_order_item",
            "change_payment_method",
        }
    ),
    Intent.RETURNS_REFUNDS: frozenset({"return_items", "exchange_item"}),
    Intent.ORDER_CANCEL: frozenset({"cancel_order"}),
    Intent.WARRANTY_REGISTRATION: frozenset({"register_warranty"}),
    Intent.SUBSCRIPTION_SKIP: frozenset({"skip_next_delivery", "change_next_date"}),
    Intent.SUBSCRIPTION_PAUSE: frozenset({"pause_subscription", "change_next_date"}),
    # "push my next one back a week": moving a delivery reads as either
    Intent.SUBSCRIPTION_FREQUENCY: frozenset({"change_frequency", "change_next_date"}),
    Intent.SUBSCRIPTION_SWAP: frozenset({"swap_product"}),
    Intent.SUBSCRIPTION_CANCEL: frozenset({"cancel_subscription"}),
}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w@.#-]+", " ", text.lower()).split())


def requested_actions(ctx: TurnContext, pending: PendingAction | None) -> set[str]:
    """What the customer's message in this turn asks for (or keeps waiting)."""
    actions = set(INTENT_ACTIONS.get(ctx.intent, frozenset()))
    actions |= named_actions(ctx.text)
    if pending is not None:
        actions.add(pending.request.action)
    return actions


def _targets(pending: PendingAction | None, field: str) -> set[str]:
    if pending is None:
        return set()
    value = getattr(pending.request, field, None)
    return {str(value)} if value is not None else set()


def unrequested(
    call: ToolCall,
    ctx: TurnContext,
    pending: PendingAction | None,
    typed: Iterable[str],
    order_pattern: str = r"\d{5}",
) -> str | None:
    """Why the model's proposal ``call`` is not what the customer asked for, or None when it is.
    ``pending``: the action waiting at the start of the turn; ``typed``: the customer's own
    messages in this conversation (this turn's last)."""
    action = TOOL_ACTIONS.get(call.name)
    if action is None:
        return None
    if action not in requested_actions(ctx, pending):
        return f"the customer did not ask to {ACTION_LABELS.get(action, action)} in this turn"
    said = _norm(" ".join(typed))
    args = call.arguments
    order = args.get("order_number")
    if order is not None:
        order = str(order).lstrip("#")
        named = set(re.findall(rf"(?<![\w-])#?({order_pattern})(?![\w-])", " ".join(typed)))
        allowed = named | _targets(pending, "order_number")
        if ctx.state.focus_order:
            allowed.add(ctx.state.focus_order)
        if allowed and order not in allowed:
            return f"order {order} is not the order the customer asked about"
    sub = args.get("subscription_id")
    if sub is not None:
        allowed = _targets(pending, "subscription_id")
        if ctx.state.focus_subscription is not None:
            allowed.add(str(ctx.state.focus_subscription))
        if allowed and str(sub) not in allowed:
            return f"subscription {sub} is not the one the customer asked about"
    address = args.get("address")
    if action == "change_shipping_address":
        if not isinstance(address, dict):
            return "no address given"
        for key in ("line1", "postal_code"):
            value = _norm(str(address.get(key) or ""))
            if not value or value not in said:
                return "the customer did not give that address"
    serial = args.get("serial_number")
    if action == "register_warranty" and (not serial or _norm(str(serial)) not in said):
        return "the customer did not give that serial number"
    return None


def render_preview(preview: Preview) -> str:
    """The server's own words for a proposal waiting for the customer's answer."""
    label = ACTION_LABELS.get(preview.action, "make this change")
    lines = [preview.summary.strip()]
    for change in preview.changes:
        before = f"{change.before} → " if change.before else ""
        lines.append(f"- {change.field}: {before}{change.after}")
    return (
        "\n".join(lines)
        + f"\n\nShall I {label}? Reply **yes** to go ahead, or **no** to leave everything as it is."
    )
