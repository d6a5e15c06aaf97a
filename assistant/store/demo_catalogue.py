"""The demo store's product list, read from ``demo_catalogue.yaml`` beside this module.

Only the demo seeder (``assistant.store.demo*``) and tests about the demo pack read it; the
assistant itself reads whatever store it serves through the commerce backend.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.store.policy import StorePolicy

DATA = Path(__file__).with_name("demo_catalogue.yaml")


class DemoProduct(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sku: str
    name: str
    brand: str
    model: str
    product_type: str
    price: Decimal
    warranty_months: int = Field(ge=0)
    subscription_eligible: bool = False
    variants: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class DemoQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    skus: tuple[str, ...] = ()


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    products: list[DemoProduct]
    questions: list[DemoQuestion] = Field(default_factory=list)


@cache
def _file() -> _File:
    return _File.model_validate(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def demo_products() -> tuple[DemoProduct, ...]:
    """The demo store's products, in catalogue order."""
    return tuple(_file().products)


def demo_questions() -> list[tuple[str, tuple[str, ...]]]:
    """The questions ``assistant demo`` asks the live index, with the SKUs to filter on."""
    return [(q.text, q.skus) for q in _file().questions]


def plan_price(policy: StorePolicy, quantity: int) -> Decimal:
    """The subscription plan price for ``quantity`` items per delivery (the policy's plans)."""
    plans = policy.subscriptions.plans if policy.subscriptions else []
    for plan in plans:
        if plan.quantity == quantity:
            return plan.price
    raise KeyError(quantity)


def demo_product(sku: str) -> DemoProduct:
    """The demo product with this SKU; ``KeyError`` for an unknown one."""
    for item in demo_products():
        if item.sku == sku:
            return item
    raise KeyError(sku)
