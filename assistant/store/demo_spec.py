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
