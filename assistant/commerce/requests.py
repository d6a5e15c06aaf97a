"""The consequential actions a customer can ask for: a discriminated union on ``action``.

Field types are checked here; the store's rules (formats, states, cut-offs) are checked by the
services, which raise :class:`~assistant.commerce.errors.InvalidInput` or ``ActionNotAllowed``.
Use :func:`parse_action_request` to turn untrusted JSON into a request with domain errors.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from assistant.commerce.errors import InvalidInput


class _Request(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AddressInput(_Request):
    name: str
    line1: str
    line2: str = ""
    city: str
    region: str = Field(description="Two-letter state code")
    postal_code: str
    country: str = "US"


class ItemInput(_Request):
    sku: str
    quantity: int = 1
    variant: dict[str, str] = Field(default_factory=dict)


class ResendConfirmation(_Request):
    action: Literal["resend_confirmation"] = "resend_confirmation"
    order_number: str


class ChangeShippingAddress(_Request):
    action: Literal["change_shipping_address"] = "change_shipping_address"
    order_number: str
    address: AddressInput


class AddItems(_Request):
    action: Literal["add_items"] = "add_items"
    order_number: str
    items: list[ItemInput]


class CancelOrder(_Request):
    action: Literal["cancel_order"] = "cancel_order"
    order_number: str
    reason: str | None = None


class SkipNextDelivery(_Request):
    action: Literal["skip_next_delivery"] = "skip_next_delivery"
    subscription_id: int


class PauseSubscription(_Request):
    action: Literal["pause_subscription"] = "pause_subscription"
    subscription_id: int
    cycles: int


class ChangeFrequency(_Request):
    action: Literal["change_frequency"] = "change_frequency"
    subscription_id: int
    frequency: str


class ChangeNextDate(_Request):
    action: Literal["change_next_date"] = "change_next_date"
    subscription_id: int
    delivery_date: date = Field(description="the day the next delivery should come instead")


class SwapProduct(_Request):
    action: Literal["swap_product"] = "swap_product"
    subscription_id: int
    sku: str
    grind: str | None = None


class CancelSubscription(_Request):
    action: Literal["cancel_subscription"] = "cancel_subscription"
    subscription_id: int
    reason: str | None = None


class RegisterWarranty(_Request):
    action: Literal["register_warranty"] = "register_warranty"
    order_number: str
    sku: str
    serial_number: str


class ReturnItemInput(_Request):
    sku: str
    quantity: int = 1
    variant: dict[str, str] = Field(
        default_factory=dict, description="the option values of the line, when several match"
    )


class ReturnItems(_Request):
    action: Literal["return_items"] = "return_items"
    order_number: str
    items: list[ReturnItemInput]
    reason: str | None = Field(default=None, description="a reason code of the store's policy")
    answers: dict[str, bool] = Field(
        default_factory=dict, description="the customer's answers to the condition questions"
    )
    refund_to: Literal["original_payment", "store_credit"] = "original_payment"


class ExchangeItem(_Request):
    action: Literal["exchange_item"] = "exchange_item"
    order_number: str
    sku: str
    variant: dict[str, str] = Field(default_factory=dict, description="the line's options")
    new_options: dict[str, str] = Field(description="the options wanted, e.g. {'size': '9'}")
    answers: dict[str, bool] = Field(default_factory=dict)


class ChangeOrderItem(_Request):
    action: Literal["change_order_item"] = "change_order_item"
    order_number: str
    sku: str
    variant: dict[str, str] = Field(default_factory=dict)
    new_options: dict[str, str]


class RemoveOrderItem(_Request):
    action: Literal["remove_order_item"] = "remove_order_item"
    order_number: str
    sku: str
    variant: dict[str, str] = Field(default_factory=dict)
    quantity: int | None = Field(default=None, description="how many to remove; all if unset")


class ChangePaymentMethod(_Request):
    action: Literal["change_payment_method"] = "change_payment_method"
    order_number: str
    last4: str = Field(description="the last four digits of a payment method on file")


ActionRequest = Annotated[
    ResendConfirmation
    | ChangeShippingAddress
    | AddItems
    | CancelOrder
    | SkipNextDelivery
    | PauseSubscription
    | ChangeFrequency
    | ChangeNextDate
    | SwapProduct
    | CancelSubscription
    | RegisterWarranty
    | ReturnItems
    | ExchangeItem
    | ChangeOrderItem
    | RemoveOrderItem
    | ChangePaymentMethod,
    Field(discriminator="action"),
]

_ADAPTER: TypeAdapter[ActionRequest] = TypeAdapter(ActionRequest)


def parse_action_request(data: Any) -> ActionRequest:
    """Validate untrusted data into an ``ActionRequest``; ``InvalidInput`` when it is malformed."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "request"
        raise InvalidInput(f"Invalid {where}: {first['msg']}.", field=where) from None


def canonical_args(request: ActionRequest) -> dict[str, Any]:
    return request.model_dump(mode="json")
