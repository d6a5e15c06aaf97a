"""Tools for returns, exchanges, refunds and edits of pending orders. Typed functions over
:class:`Deps`; the customer always comes from the verified session."""

from __future__ import annotations

from typing import Literal

from assistant.agent.deps import Deps
from assistant.agent.tools import _customer
from assistant.commerce.requests import (
    ChangeOrderItem,
    ChangePaymentMethod,
    ExchangeItem,
    RemoveOrderItem,
    ReturnItemInput,
    ReturnItems,
)
from assistant.commerce.schemas import (
    Preview,
    RefundPublic,
    ReturnPublic,
    ReturnQuestion,
    ReturnWindowPublic,
)


def get_refund_status(deps: Deps) -> list[RefundPublic]:
    """The verified customer's refunds, newest first: amount, order, return (RMA), where the
    money goes, status (awaiting_return, processing, issued) and expected or issue dates."""
    return deps.backend.refund_status(_customer(deps))


def get_return_window(deps: Deps, order_number: str) -> ReturnWindowPublic:
    """When a delivered order's return window closes (the last day to start a return)."""
    return deps.backend.return_window(_customer(deps), order_number)


def list_returns(deps: Deps) -> list[ReturnPublic]:
    """The verified customer's returns and exchanges (RMA, items, refund, label link)."""
    return deps.backend.list_returns(_customer(deps))


def return_questions(
    deps: Deps,
    order_number: str,
    items: list[ReturnItemInput],
    reason: str | None = None,
    answers: dict[str, bool] | None = None,
    exchange: bool = False,
) -> list[ReturnQuestion]:
    """The store policy's condition questions (opened? worn? unused?) still to ask before a
    return or exchange of these items; ask them before proposing."""
    request = ReturnItems(
        order_number=order_number, items=items, reason=reason, answers=answers or {}
    )
    return deps.backend.return_questions(_customer(deps), request, exchange=exchange)


def propose_return(
    deps: Deps,
    order_number: str,
    items: list[ReturnItemInput],
    reason: str | None = None,
    answers: dict[str, bool] | None = None,
    refund_to: Literal["original_payment", "store_credit"] = "original_payment",
) -> Preview:
    """Preview returning delivered items (all the items of one request in one call), with the
    customer's answers to the condition questions; shows the refund and where it goes."""
    request = ReturnItems(
        order_number=order_number,
        items=items,
        reason=reason,
        answers=answers or {},
        refund_to=refund_to,
    )
    return deps.backend.preview(_customer(deps), request)


def propose_exchange(
    deps: Deps,
    order_number: str,
    sku: str,
    new_options: dict[str, str],
    variant: dict[str, str] | None = None,
    answers: dict[str, bool] | None = None,
) -> Preview:
    """Preview exchanging a delivered item for another size or colour of the same product."""
    request = ExchangeItem(
        order_number=order_number,
        sku=sku,
        variant=variant or {},
        new_options=new_options,
        answers=answers or {},
    )
    return deps.backend.preview(_customer(deps), request)


def propose_item_change(
    deps: Deps,
    order_number: str,
    sku: str,
    new_options: dict[str, str],
    variant: dict[str, str] | None = None,
) -> Preview:
    """Preview changing an item of an order not yet processing to another size or colour."""
    request = ChangeOrderItem(
        order_number=order_number, sku=sku, variant=variant or {}, new_options=new_options
    )
    return deps.backend.preview(_customer(deps), request)


def propose_item_removal(
    deps: Deps,
    order_number: str,
    sku: str,
    variant: dict[str, str] | None = None,
    quantity: int | None = None,
) -> Preview:
    """Preview removing an item from an order not yet processing (shows the refund)."""
    request = RemoveOrderItem(
        order_number=order_number, sku=sku, variant=variant or {}, quantity=quantity
    )
    return deps.backend.preview(_customer(deps), request)


def propose_payment_change(deps: Deps, order_number: str, last4: str) -> Preview:
    """Preview paying an order not yet processing with another payment method on file."""
    request = ChangePaymentMethod(order_number=order_number, last4=last4)
    return deps.backend.preview(_customer(deps), request)


RETURN_READ_TOOLS = (get_refund_status, get_return_window, list_returns, return_questions)
RETURN_ACTION_TOOLS = (
    propose_return,
    propose_exchange,
    propose_item_change,
    propose_item_removal,
    propose_payment_change,
)
