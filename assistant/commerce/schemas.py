"""What the assistant may see: pydantic models built from store records (never ORM objects).

Read-backs carry a ``kind`` so that stored results (idempotent replays) validate back into the
right model.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.commerce.requests import ActionRequest
from assistant.store.address import PostalAddress


class Public(BaseModel):
    model_config = ConfigDict(frozen=True)


class AddressPublic(PostalAddress):
    """An address as the customer sees it on an order."""


class DateWindow(Public):
    start: date
    end: date


class PaymentSummary(Public):
    brand: str
    last4: str | None
    display: str


class OrderLinePublic(Public):
    sku: str
    name: str
    variant: dict[str, str]
    quantity: int
    unit_price: Decimal
    line_total: Decimal


class OrderPublic(Public):
    kind: Literal["order"] = "order"
    number: str
    status: str
    placed_at: datetime
    processing_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    cancelled_at: datetime | None
    returned_at: datetime | None
    lines: list[OrderLinePublic]
    currency: str
    subtotal: Decimal
    shipping: Decimal
    tax: Decimal
    total: Decimal
    shipping_method: str
    payment: PaymentSummary
    shipping_address: AddressPublic
    billing_address: AddressPublic
    email: str
    confirmation_email_status: str
    ship_window: DateWindow | None = Field(description="Expected ship dates (not yet shipped)")
    estimated_delivery: DateWindow | None
    tracking_numbers: list[str]
    allowed_actions: list[str]


class ShipmentEventPublic(Public):
    at: datetime
    status: str
    description: str
    location: str


class ShipmentPublic(Public):
    kind: Literal["shipment"] = "shipment"
    order_number: str
    carrier: str
    service: str
    tracking_number: str
    status: str
    events: list[ShipmentEventPublic]
    estimated_delivery: DateWindow
    delivered_at: datetime | None
    delayed: bool
    stuck: bool = Field(description="In transit with no carrier scan for 5 days or more")
    days_since_last_event: int


class SubscriptionEventPublic(Public):
    kind: str
    at: datetime
    details: dict[str, str | int]


class SubscriptionPublic(Public):
    kind: Literal["subscription"] = "subscription"
    id: int
    sku: str
    product_name: str
    grind: str
    quantity: int
    frequency: str
    frequency_label: str
    price: Decimal
    status: str
    next_delivery_date: date | None
    next_charge_date: date | None
    change_cutoff: date | None = Field(description="Last day to skip, pause, swap or re-time")
    paused_until: date | None
    started_at: datetime
    cancelled_at: datetime | None
    first_order_number: str | None
    history: list[SubscriptionEventPublic]


class ExtendedWarrantyOffer(Public):
    extra_months: int
    price: Decimal
    buy_by: date
    available: bool
    requires_registration: bool = True


class WarrantyCoverage(Public):
    sku: str
    product_name: str
    order_number: str
    warranty_months: int
    status: Literal["active", "expired", "not_started", "none"]
    starts_on: date | None
    ends_on: date | None
    days_remaining: int
    covered: list[str]
    not_covered: list[str]
    registered: bool  # every serial number of the item(s) on the order is registered
    registration_id: str | None
    registered_serials: list[str] = Field(default_factory=list)
    extended_warranty: ExtendedWarrantyOffer | None


class WarrantyRegistrationPublic(Public):
    kind: Literal["warranty_registration"] = "warranty_registration"
    registration_id: str
    order_number: str
    sku: str
    product_name: str
    serial_number: str
    registered_at: datetime
    coverage: WarrantyCoverage


class CustomerPublic(Public):
    name: str
    email: str
    phone: str | None
    vip: bool
    default_address: AddressPublic | None
    marketing_consent: bool
    notification_consent: bool


class OwnedProduct(Public):
    sku: str
    name: str
    order_number: str
    delivered_at: datetime | None


class AccessoryStat(Public):
    anchor_sku: str
    sku: str
    name: str
    price: Decimal
    anchor_owners: int
    buyers: int
    share: float = Field(description="Share of anchor owners who also bought this (0–1)")

    @property
    def percent(self) -> int:
        return round(self.share * 100)


class TicketPublic(Public):
    ticket_number: str
    status: str
    reason: str
    priority: str
    order_number: str | None
    created_at: datetime


class FeedbackPublic(Public):
    id: int
    csat: int | None
    nps: int | None
    comment: str | None
    created_at: datetime


class Change(Public):
    field: str
    before: str | None
    after: str


class Preview(Public):
    confirmation_token: str
    action: str
    request: ActionRequest
    summary: str
    changes: list[Change]
    amount_change: Decimal | None = Field(description="Charge (+) or refund (−) it causes")
    expires_at: datetime


class ReturnLinePublic(Public):
    sku: str
    name: str
    variant: dict[str, str]
    quantity: int
    unit_price: Decimal
    amount: Decimal


class ReturnPublic(Public):
    """A return (or the return half of an exchange) as the customer may see it."""

    kind: Literal["return"] = "return"
    rma: str
    type: Literal["return", "exchange"]
    order_number: str
    reason: str
    reason_label: str
    status: str
    lines: list[ReturnLinePublic]
    items_amount: Decimal
    tax_amount: Decimal
    shipping_refund: Decimal
    fee: Decimal
    refund_total: Decimal
    refund_to: Literal["original_payment", "store_credit"]
    refund_method: str = Field(description="where the money goes, e.g. 'Visa ending 4242'")
    refund_timing: str
    carrier: str
    drop_off_by: date
    label_url: str = Field(description="a signed link to the return label (PDF)")
    exchange_order_number: str | None
    created_at: datetime
    received_at: datetime | None = Field(default=None, description="when the parcel arrived")


class RefundPublic(Public):
    """A refund and where it stands: ``awaiting_return`` (the parcel has not arrived),
    ``processing`` (received, or an item removed from a pending order; money expected between
    ``expected_from`` and ``expected_to``), ``issued`` (sent on ``issued_at``)."""

    reference: str
    order_number: str
    rma: str | None
    amount: Decimal
    destination: Literal["original_payment", "store_credit"]
    method: str
    status: Literal["awaiting_return", "processing", "issued"]
    expected_from: date | None
    expected_to: date | None
    created_at: datetime
    issued_at: datetime | None
    received_at: datetime | None = Field(default=None, description="when the return arrived")


class ReturnWindowPublic(Public):
    """When an order's return window opened and closes (whole days, the store's time zone)."""

    order_number: str
    delivered_on: date
    last_day: date = Field(description="the last day a return can be started")
    window_days: int
    open: bool


class ReturnQuestion(Public):
    """A condition question the store's policy asks before this return."""

    key: str
    question: str
    skus: list[str]
    yes_words: list[str] = Field(default_factory=list, description="answers meaning yes")
    no_words: list[str] = Field(default_factory=list, description="answers meaning no")


Record = Annotated[
    OrderPublic | SubscriptionPublic | WarrantyRegistrationPublic | ReturnPublic,
    Field(discriminator="kind"),
]


class ActionResult(Public):
    action: str
    status: Literal["done"] = "done"
    summary: str
    confirmation_id: str
    executed_at: datetime
    record: Record
    replayed: bool = False


class CatalogVariant(Public):
    """One purchasable variant of a catalogue product."""

    external_id: str
    sku: str
    title: str
    options: dict[str, str] = Field(default_factory=dict)
    price: Decimal


class CatalogProduct(Public):
    """A product of the store's catalogue, as imported from the store's data."""

    external_id: str
    title: str
    handle: str
    product_type: str
    vendor: str
    model: str | None = Field(default=None, description="short model name, when the store has one")
    tags: list[str] = Field(default_factory=list)
    options: dict[str, list[str]] = Field(
        default_factory=dict, description="option name → the values its variants offer"
    )
    warranty_months: int
    subscription_eligible: bool = False
    variants: list[CatalogVariant]

    @property
    def skus(self) -> list[str]:
        return list(dict.fromkeys(v.sku for v in self.variants))

    @property
    def price_range(self) -> tuple[Decimal, Decimal]:
        prices = [v.price for v in self.variants]
        return min(prices), max(prices)


class SubscriptionPlanPublic(Public):
    name: str
    quantity: int
    price: Decimal
