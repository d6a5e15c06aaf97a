"""The read-back after the customer confirmed or declined a previewed action: what was done,
the record as it is now, and the server's confirmation id."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn, ToolOutcome
from assistant.commerce.schemas import (
    ActionResult,
    OrderPublic,
    ReturnPublic,
    SubscriptionPublic,
    WarrantyRegistrationPublic,
)
from assistant.planner import refunds, subscriptions
from assistant.planner.fmt import dated, day
from assistant.planner.kit import Step, say

DONE_LINES = {
    "resend_confirmation": "Done — I've resent your order confirmation.",
    "skip_next_delivery": "Done — your next delivery is skipped; you won't be charged for it.",
    "pause_subscription": "Done — your subscription is paused.",
    "change_frequency": "Done — your delivery frequency is changed.",
    "change_next_date": "Done — your next delivery is moved to the new day.",
    "swap_product": "Done — your subscription now brings the new choice.",
    "cancel_subscription": "Done — your subscription is cancelled. No further charges.",
    "cancel_order": "Done — your order is cancelled and the payment hold released.",
    "add_items": "Done — the items are added to your order.",
    "change_shipping_address": "Done — the shipping address is updated.",
    "register_warranty": "Done — your warranty is registered.",
    "return_items": "Done — your return is started.",
    "exchange_item": "Done — your exchange is started.",
    "change_order_item": "Done — the item on your order is changed.",
    "remove_order_item": "Done — the item is removed from your order.",
    "change_payment_method": "Done — the order's payment method is changed.",
}


def read_back(step: Step, outcome: ToolOutcome) -> ModelTurn:
    """The read-back after the customer confirmed or declined."""
    state = step.ctx.state
    if state.active_intent is not None:
        step.ctx.intent = state.active_intent
    if outcome.call.name == "decline_action":
        return say("OK — I haven't changed anything. Is there anything else I can help with?")
    if not outcome.ok:
        return say(f"I couldn't complete that: {outcome.error} Nothing was changed.")
    result: ActionResult = outcome.value
    record = result.record
    text = DONE_LINES.get(result.action, "Done: {summary}").format(summary=result.summary)
    if isinstance(record, SubscriptionPublic):
        name = step.ctx.shop.subscription_name
        text += f"\n\nYour {name} now: " + subscriptions.describe(step, record) + "."
    elif isinstance(record, OrderPublic):
        if result.action == "resend_confirmation":
            text += (
                f"\n\nIt's on its way to {record.email}; it should arrive within a few "
                "minutes (please check spam or promotions too)."
            )
        else:
            text += f"\n\nOrder #{record.number} is now {record.status}, total ${record.total}."
    elif isinstance(record, ReturnPublic):
        text += "\n\n" + refunds.done_text(record)
    elif isinstance(record, WarrantyRegistrationPublic):
        c = record.coverage
        ends = f" until {dated(c.ends_on)}" if c.ends_on else ""
        text += (
            f"\n\nRegistration ID {record.registration_id} for serial "
            f"{record.serial_number}; your warranty runs{ends}."
        )
    text += f"\n(Confirmation {result.confirmation_id}, {day(result.executed_at)}.)"
    return say(text)
