"""The platforms' export shapes, as their REST APIs return them, validated record by record.

Shopify: ``products.json`` (Product with variants and options), ``customers.json`` (Customer with
``default_address``), ``orders.json`` (Order with line items, shipping lines, fulfilments and
refunds); Recharge: ``subscriptions.json`` (Subscription). Each file is ``{"<kind>": [...]}`` or a
bare list. Unknown fields are ignored and optional ones may be missing; a record with a wrong type
or a missing required field fails validation on its own, so the importer can skip just that one.

Stock: a variant whose ``inventory_management`` is set (``"shopify"`` or a fulfilment service)
is limited to its ``inventory_quantity`` unless ``inventory_policy`` is ``continue``; the others
are always available. Customers: Shopify's customer export carries no saved payment methods
(cards on file live behind the payment provider), so an import leaves ``payment_methods`` empty.

Extensions a merchant's export script may add (all optional): product metafields
``aftercare.warranty_months`` (or a tag ``warranty-months:N``) and ``aftercare.model`` (the short
model name customers use, e.g. "Aspen 2"); an order tag ``processing`` (picked
but not shipped yet); per fulfilment ``estimated_delivery_at``, ``delivered_at``, ``service`` and
``events`` (Shopify FulfillmentEvent: ``status``, ``message``, ``happened_at``, ``city``,
``province``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator


def _id_text(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("an id must be a number or a string")
    return str(value) if isinstance(value, int) else value


ExternalId = Annotated[str, BeforeValidator(_id_text), Field(min_length=1, max_length=40)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Metafield(_Record):
    namespace: str
    key: str
    value: str | int


class ProductOption(_Record):
    name: str
    position: int | None = None
    values: list[str] = Field(default_factory=list)


class Variant(_Record):
    id: ExternalId
    sku: str | None = Field(default=None, max_length=32)
    title: str = ""
    price: Amount
    position: int = 1
    option1: str | None = None
    option2: str | None = None
    option3: str | None = None
    inventory_quantity: int | None = None
    inventory_management: str | None = None
    inventory_policy: str | None = None
    updated_at: datetime | None = None

    def option_values(self) -> list[str | None]:
        return [self.option1, self.option2, self.option3]

    def stock(self) -> int | None:
        """Units that can be sold, or ``None`` when Shopify does not limit sales of the variant
        (inventory not tracked, no quantity given, or ``inventory_policy: continue``: sold when
        out of stock). Oversold (negative) quantities count as none left."""
        tracked = bool(self.inventory_management) and self.inventory_policy != "continue"
        if not tracked or self.inventory_quantity is None:
            return None
        return max(0, self.inventory_quantity)


class Product(_Record):
    id: ExternalId
    title: str = Field(min_length=1, max_length=255)
    handle: str = ""
    body_html: str | None = None
    vendor: str = ""
    product_type: str = ""
    status: str = "active"
    tags: str | list[str] = ""
    options: list[ProductOption] = Field(default_factory=list)
    variants: list[Variant] = Field(min_length=1)
    metafields: list[Metafield] = Field(default_factory=list)
    updated_at: datetime | None = None

    def tag_list(self) -> list[str]:
        raw = self.tags if isinstance(self.tags, list) else self.tags.split(",")
        return [t.strip() for t in raw if t.strip()]

    def metafield(self, namespace: str, key: str) -> str | None:
        for field in self.metafields:
            if field.namespace == namespace and field.key == key:
                return str(field.value)
        return None


class Address(_Record):
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    province_code: str | None = None
    zip: str | None = None
    country_code: str | None = None
    phone: str | None = None
    default: bool = False

    def full_name(self) -> str:
        if self.name:
            return self.name
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Customer(_Record):
    id: ExternalId
    email: str = Field(min_length=3, max_length=254)
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    created_at: datetime | None = None
    tags: str = ""
    accepts_marketing: bool = False
    default_address: Address | None = None

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError("not an email address")
        return value.lower()

    def full_name(self) -> str:
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        if not name and self.default_address is not None:
            name = self.default_address.full_name()
        return name or self.email


class CustomerRef(_Record):
    id: ExternalId | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class LineItem(_Record):
    id: ExternalId | None = None
    sku: str | None = None
    variant_id: ExternalId | None = None
    title: str = ""
    variant_title: str | None = None
    quantity: int = Field(ge=1)
    price: Amount
    total_discount: Amount = Decimal("0")


class ShippingLine(_Record):
    code: str | None = None
    title: str = ""
    price: Amount = Decimal("0")


class TaxLine(_Record):
    rate: Decimal = Field(ge=0, lt=1)


class FulfillmentEvent(_Record):
    status: str
    message: str = ""
    happened_at: datetime
    city: str | None = None
    province: str | None = None


class Fulfillment(_Record):
    id: ExternalId | None = None
    created_at: datetime
    updated_at: datetime | None = None
    status: str = "success"
    tracking_company: str | None = None
    tracking_number: str | None = Field(default=None, max_length=40)
    shipment_status: str | None = None
    service: str | None = None
    estimated_delivery_at: datetime | None = None
    delivered_at: datetime | None = None
    events: list[FulfillmentEvent] = Field(default_factory=list)


class Refund(_Record):
    id: ExternalId | None = None
    created_at: datetime


class PaymentDetails(_Record):
    credit_card_company: str | None = None
    credit_card_number: str | None = None


class Order(_Record):
    id: ExternalId
    name: str = Field(min_length=1, max_length=33)
    email: str = Field(min_length=3, max_length=254)
    created_at: datetime
    updated_at: datetime | None = None
    currency: str | None = None
    financial_status: str | None = None
    fulfillment_status: str | None = None
    cancelled_at: datetime | None = None
    tags: str = ""
    customer: CustomerRef | None = None
    line_items: list[LineItem] = Field(min_length=1)
    shipping_address: Address | None = None
    billing_address: Address | None = None
    shipping_lines: list[ShippingLine] = Field(default_factory=list)
    tax_lines: list[TaxLine] = Field(default_factory=list)
    subtotal_price: Amount | None = None
    total_tax: Amount = Decimal("0")
    total_price: Amount
    fulfillments: list[Fulfillment] = Field(default_factory=list)
    refunds: list[Refund] = Field(default_factory=list)
    payment_details: PaymentDetails | None = None
    payment_gateway_names: list[str] = Field(default_factory=list)

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError("not an email address")
        return value.lower()

    def tag_list(self) -> list[str]:
        return [t.strip().lower() for t in self.tags.split(",") if t.strip()]


class Subscription(_Record):
    """A Recharge Subscription."""

    id: ExternalId
    customer_id: ExternalId | None = None
    email: str | None = None
    sku: str | None = None
    shopify_variant_id: ExternalId | None = None
    product_title: str = ""
    variant_title: str | None = None
    quantity: int = Field(ge=1)
    price: Amount
    status: str
    order_interval_unit: str
    order_interval_frequency: int = Field(ge=1)
    next_charge_scheduled_at: datetime | None = None
    created_at: datetime
    cancelled_at: datetime | None = None

    @field_validator("next_charge_scheduled_at", "created_at", "cancelled_at", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        # Recharge writes a charge date without a time ("2026-02-03") or a naive timestamp
        if isinstance(value, str) and len(value) == 10:
            return value + "T00:00:00"
        return value
