"""The demo generator's input: a pack's ``demo.yaml`` (by default ``corpus/_store/demo.yaml``).

The generator (``assistant.store.demo*``) knows no store: the products, the basket patterns of
generated orders, serial-number formats, the warehouse and the reference customers all come from
this file, validated here. Only the generator, ``assistant demo`` and tests about the demo pack
read it; the assistant reads any store's catalogue from the database through the commerce
backend.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.store.policy import StorePolicy

SPEC_FILE = "demo.yaml"
DATA = Path(__file__).resolve().parents[2] / "corpus" / "_store" / SPEC_FILE


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StockLevel(_Strict):
    """Units of the variants with these option values (all of them when ``options`` is empty)."""

    options: dict[str, str] = Field(default_factory=dict)
    units: int = Field(ge=0)


class DemoStock(_Strict):
    """Tracked stock: ``units`` of every variant, then ``levels`` for some of them."""

    units: int = Field(ge=0)
    levels: tuple[StockLevel, ...] = ()

    def units_of(self, options: dict[str, str]) -> int:
        units = self.units
        for level in self.levels:
            if all(options.get(k) == v for k, v in level.options.items()):
                units = level.units
        return units


class DemoProduct(_Strict):
    sku: str
    name: str
    brand: str
    model: str
    product_type: str
    price: Decimal
    warranty_months: int = Field(ge=0)
    subscription_eligible: bool = False
    variants: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    stock: DemoStock | None = None  # None: stock not tracked (always available)

    @model_validator(mode="after")
    def _stock_options(self) -> DemoProduct:
        for level in self.stock.levels if self.stock else ():
            for key, value in level.options.items():
                if value not in self.variants.get(key, ()):
                    raise ValueError(f"{self.sku}: stock level for unknown {key} {value!r}")
        return self


class DemoQuestion(_Strict):
    text: str
    skus: tuple[str, ...] = ()


class SerialFormat(_Strict):
    prefix: str
    alphabet: Literal["digits", "hex"]
    length: int = Field(ge=1)


class Between(_Strict):
    between: tuple[int, int]


class BasketLine(_Strict):
    """One line of a basket kind: which SKU(s), whether it is there, how many, which variant."""

    sku: str | None = None
    one_of: tuple[str, ...] = ()
    sample: tuple[str, ...] = ()
    count: tuple[int, int] = (1, 1)
    chance: float | None = Field(default=None, ge=0, le=1)
    quantity: int | tuple[int, ...] | Between = 1
    pick: tuple[str, ...] | dict[str, tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _one_source(self) -> BasketLine:
        if sum(bool(x) for x in (self.sku, self.one_of, self.sample)) != 1:
            raise ValueError("a basket line names exactly one of sku, one_of, sample")
        return self


class Accessory(_Strict):
    sku: str
    share: float = Field(ge=0, le=1)


class BasketKind(_Strict):
    name: str
    weight: float = Field(gt=0)
    once: bool = False
    lines: tuple[BasketLine, ...]
    accessories: tuple[Accessory, ...] = ()


class Baskets(_Strict):
    follow_up_share: float = Field(ge=0, le=1)
    kinds: tuple[BasketKind, ...]


class Offset(_Strict):
    """A time offset, e.g. ``{days: -1, hours: -19}``."""

    days: int = 0
    hours: int = 0
    minutes: int = 0


class RefLine(_Strict):
    sku: str
    quantity: int = 1
    variant: dict[str, str] = Field(default_factory=dict)
    plan: int | None = None  # a subscription plan line with this many items per delivery


class RefShipment(_Strict):
    carrier: str
    shipped: Offset  # after the order was placed
    delivered: Offset  # before now


class RefSubscription(_Strict):
    frequency: str
    next_delivery_in_days: int


class RefPayment(_Strict):
    brand: str
    last4: str


class RefReturn(_Strict):
    """A past return of the whole order (or of ``skus``), at offsets from now: the label was
    issued ``created``, the parcel arrived ``received``, the refund was issued ``issued``."""

    reason: str
    skus: tuple[str, ...] = ()
    created: Offset
    received: Offset | None = None
    issued: Offset | None = None

    @model_validator(mode="after")
    def _in_order(self) -> RefReturn:
        if self.issued is not None and self.received is None:
            raise ValueError("a refund is issued only after the return was received")
        return self


class RefOrder(_Strict):
    number: str
    placed: Offset
    payment: RefPayment
    lines: tuple[RefLine, ...]
    method: str = "standard"
    free_shipping: bool = False
    confirmation_email: Literal["queued", "delivered"] = "delivered"
    shipment: RefShipment | None = None
    subscription: RefSubscription | None = None
    returned: RefReturn | None = None

    @model_validator(mode="after")
    def _returned_after_delivery(self) -> RefOrder:
        if self.returned is not None and self.shipment is None:
            raise ValueError(f"order {self.number}: only a delivered order can be returned")
        return self


class RefAddress(_Strict):
    line1: str
    city: str
    region: str
    postal_code: str


class RefCustomer(_Strict):
    name: str
    email: str
    phone: str
    address: RefAddress
    orders: tuple[RefOrder, ...]
    # payment methods on file, the first the default; none listed: the cards of the orders
    cards: tuple[RefPayment, ...] = ()

    @model_validator(mode="after")
    def _orders_paid_with_cards_on_file(self) -> RefCustomer:
        cards = set(self.cards)
        for order in self.orders if cards else ():
            if order.payment not in cards:
                raise ValueError(f"order {order.number}: its card is not among {self.name}'s")
        return self

    def cards_on_file(self) -> list[RefPayment]:
        cards = list(self.cards) or [o.payment for o in self.orders]
        return list(dict.fromkeys(c for c in cards if c.last4))


class Cards(_Strict):
    """Cards on file of the generated customers: the one their orders were paid with, and a
    second one for ``second_card_share`` of them (own random generator: ``seed``)."""

    seed: int
    second_card_share: float = Field(ge=0, le=1)


class PastReturns(_Strict):
    """Return records of the generated returned orders (own random generator: ``seed``): the
    reason drawn from ``reasons``, the parcel arriving ``received_after_days`` after the label
    (whole days, drawn between the two); the refund is issued after the policy's inspection
    business days. Those still on their way or in inspection at "now" stay so."""

    seed: int
    reasons: tuple[str, ...] = Field(min_length=1)
    received_after_days: tuple[int, int]


class Reference(_Strict):
    seed: int
    customers: tuple[RefCustomer, ...]


class DemoSpec(_Strict):
    products: tuple[DemoProduct, ...]
    questions: tuple[DemoQuestion, ...] = ()
    serials: dict[str, SerialFormat] = Field(default_factory=dict)
    warehouse: str
    baskets: Baskets
    reference: Reference
    cards: Cards | None = None
    past_returns: PastReturns | None = None

    @model_validator(mode="after")
    def _known_skus(self) -> DemoSpec:
        known = {p.sku for p in self.products}
        used = set(self.serials)
        for kind in self.baskets.kinds:
            used |= {a.sku for a in kind.accessories}
            for line in kind.lines:
                used |= {line.sku} if line.sku else set(line.one_of) | set(line.sample)
        for customer in self.reference.customers:
            used |= {ln.sku for order in customer.orders for ln in order.lines}
            for order in customer.orders:
                if order.returned and not set(order.returned.skus) <= {
                    ln.sku for ln in order.lines
                }:
                    raise ValueError(f"order {order.number}: returned SKUs not on the order")
        if unknown := sorted(used - known):
            raise ValueError(f"SKUs not among the products: {unknown}")
        return self

    def product(self, sku: str) -> DemoProduct:
        """The product with this SKU; ``KeyError`` for an unknown one."""
        for item in self.products:
            if item.sku == sku:
                return item
        raise KeyError(sku)

    @property
    def reference_order_numbers(self) -> frozenset[str]:
        return frozenset(o.number for c in self.reference.customers for o in c.orders)


@cache
def demo_spec(path: Path = DATA) -> DemoSpec:
    return DemoSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def demo_products() -> tuple[DemoProduct, ...]:
    """The demo store's products, in catalogue order."""
    return demo_spec().products


def demo_questions() -> list[tuple[str, tuple[str, ...]]]:
    """The questions ``assistant demo`` asks the live index, with the SKUs to filter on."""
    return [(q.text, q.skus) for q in demo_spec().questions]


def demo_product(sku: str) -> DemoProduct:
    """The demo product with this SKU; ``KeyError`` for an unknown one."""
    return demo_spec().product(sku)


def plan_price(policy: StorePolicy, quantity: int) -> Decimal:
    """The subscription plan price for ``quantity`` items per delivery (the policy's plans)."""
    plans = policy.subscriptions.plans if policy.subscriptions else []
    for plan in plans:
        if plan.quantity == quantity:
            return plan.price
    raise KeyError(quantity)
