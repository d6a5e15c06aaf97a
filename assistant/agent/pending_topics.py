"""Which intents keep a pending action waiting: a question on its topic keeps the preview open,
any other topic drops it (see :func:`assistant.agent.loop`)."""

from __future__ import annotations

from assistant.intents import Intent

# The intents that continue the conversation about a pending action (a question about it keeps
# it waiting); any other topic drops it.
ACTION_TOPICS: dict[str, frozenset[Intent]] = {
    "resend_confirmation": frozenset({Intent.ORDER_STATUS, Intent.RECEIPT}),
    "cancel_order": frozenset({Intent.ORDER_CANCEL, Intent.ORDER_STATUS}),
    "change_shipping_address": frozenset(
        {Intent.ORDER_CHANGE, Intent.ORDER_STATUS, Intent.TRACKING, Intent.SHIPPING_INFO}
    ),
    "add_items": frozenset({Intent.ORDER_CHANGE, Intent.ORDER_STATUS}),
    "register_warranty": frozenset(
        {Intent.WARRANTY_REGISTRATION, Intent.WARRANTY_INFO, Intent.EXTENDED_WARRANTY}
    ),
    "return_items": frozenset({Intent.RETURNS_REFUNDS, Intent.ORDER_STATUS}),
    "exchange_item": frozenset({Intent.RETURNS_REFUNDS, Intent.ORDER_STATUS}),
    "change_order_item": frozenset({Intent.ORDER_CHANGE, Intent.ORDER_STATUS}),
    "remove_order_item": frozenset({Intent.ORDER_CHANGE, Intent.ORDER_STATUS}),
    "change_payment_method": frozenset(
        {Intent.ORDER_CHANGE, Intent.ORDER_STATUS, Intent.PAYMENT_METHODS}
    ),
}
SUBSCRIPTION_TOPIC = frozenset(
    {
        Intent.SUBSCRIPTION_SKIP,
        Intent.SUBSCRIPTION_PAUSE,
        Intent.SUBSCRIPTION_FREQUENCY,
        Intent.SUBSCRIPTION_SWAP,
        Intent.SUBSCRIPTION_CANCEL,
        Intent.PAYMENT_METHODS,
    }
)


def same_topic(action: str, intent: Intent) -> bool:
    """Whether a message that neither confirms nor declines is still about the pending action."""
    topic = ACTION_TOPICS.get(action, SUBSCRIPTION_TOPIC)
    return intent in topic or intent is Intent.GREETING
