"""Which planner checks and performs each kind of action request."""

from __future__ import annotations

from assistant.commerce.plans import ActionContext, Plan
from assistant.commerce.plans_edits import (
    change_order_item,
    change_payment_method,
    remove_order_item,
)
from assistant.commerce.plans_exchanges import exchange_item
from assistant.commerce.plans_orders import (
    add_items,
    cancel_order,
    change_shipping_address,
    register_warranty,
    resend_confirmation,
)
from assistant.commerce.plans_returns import return_items
from assistant.commerce.plans_subscriptions import (
    cancel_subscription,
    change_frequency,
    change_next_date,
    pause,
    skip_next,
    swap_product,
)
from assistant.commerce.requests import (
    ActionRequest,
    AddItems,
    CancelOrder,
    CancelSubscription,
    ChangeFrequency,
    ChangeNextDate,
    ChangeOrderItem,
    ChangePaymentMethod,
    ChangeShippingAddress,
    ExchangeItem,
    PauseSubscription,
    RegisterWarranty,
    RemoveOrderItem,
    ResendConfirmation,
    ReturnItems,
    SkipNextDelivery,
    SwapProduct,
)


def plan_action(ctx: ActionContext, request: ActionRequest) -> Plan:
    match request:
        case ResendConfirmation():
            return resend_confirmation(ctx, request)
        case ChangeShippingAddress():
            return change_shipping_address(ctx, request)
        case AddItems():
            return add_items(ctx, request)
        case CancelOrder():
            return cancel_order(ctx, request)
        case SkipNextDelivery():
            return skip_next(ctx, request)
        case PauseSubscription():
            return pause(ctx, request)
        case ChangeFrequency():
            return change_frequency(ctx, request)
        case ChangeNextDate():
            return change_next_date(ctx, request)
        case SwapProduct():
            return swap_product(ctx, request)
        case CancelSubscription():
            return cancel_subscription(ctx, request)
        case RegisterWarranty():
            return register_warranty(ctx, request)
        case ReturnItems():
            return return_items(ctx, request)
        case ExchangeItem():
            return exchange_item(ctx, request)
        case ChangeOrderItem():
            return change_order_item(ctx, request)
        case RemoveOrderItem():
            return remove_order_item(ctx, request)
        case ChangePaymentMethod():
            return change_payment_method(ctx, request)
