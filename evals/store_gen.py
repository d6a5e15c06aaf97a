"""A deterministic generator of a store's exports from its catalogue and policy file.

``generate(products, policy, spec)`` returns Shopify customers and orders and Recharge
subscriptions (the shapes ``assistant store import`` reads) for any store: prices from its
variants, shipping and tax from its ``store.yaml``, order numbers in ``spec.number_format``.
Orders come in every state (placed, processing, in transit, delayed, delivered, cancelled,
returned) over the year before ``spec.now``. The same spec gives byte-identical output.

Used for the second data pack (``evals store-gen``) and the 10,000-order import benchmark
(``evals bench-import``).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.store.calendar import add_business_days
from assistant.store.demo_data import CITIES, FIRST_NAMES, LAST_NAMES, STREETS
from assistant.store.policy import StorePolicy

CARRIERS = ("UPS", "USPS", "FedEx")
CARDS = (("Visa", 45), ("Mastercard", 30), ("American Express", 15), ("Discover", 10))
# share of orders by outcome (the rest are delivered)
STATE_SHARES = (
    ("placed", 0.03),
    ("processing", 0.03),
    ("in_transit", 0.06),
    ("delayed", 0.02),
    ("cancelled", 0.04),
    ("returned", 0.05),
)
# how long ago an order in each state was placed, in minutes (from, to)
AGE_MINUTES = {
    "placed": (10, 6 * 60),
    "processing": (6 * 60, 30 * 60),
    "in_transit": (2 * 24 * 60, 4 * 24 * 60),
    "delayed": (3 * 24 * 60, 6 * 24 * 60),
    "cancelled": (60, 365 * 24 * 60),
    "returned": (12 * 24 * 60, 365 * 24 * 60),
    "delivered": (7 * 24 * 60, 365 * 24 * 60),
}
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Spec:
    now: datetime
    customers: int
    orders: int
    subscriptions: int
    seed: int
    number_format: str  # e.g. "RO-{n:06d}"
    first_number: int
    email_domain: str = "example.com"
    id_base: int = 7_000_000_000


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


class _Generator:
    def __init__(self, products: list[dict[str, Any]], policy: StorePolicy, spec: Spec) -> None:
        self.products = [p for p in products if p.get("status", "active") == "active"]
        self.policy = policy
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.tracking: set[str] = set()

    # --- customers ----------------------------------------------------------------------------
    def customers(self) -> list[dict[str, Any]]:
        rng, now = self.rng, self.spec.now
        out = []
        for i in range(self.spec.customers):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            city, region, postal = rng.choice(CITIES)
            out.append(
                {
                    "id": self.spec.id_base + i + 1,
                    "email": f"{first}.{last}.{i + 1}@{self.spec.email_domain}".lower(),
                    "first_name": first,
                    "last_name": last,
                    "phone": f"+1-{rng.randint(201, 989)}-555-{rng.randint(100, 199):04d}",
                    "created_at": (now - timedelta(days=rng.randint(380, 1100))).isoformat(),
                    "tags": "vip" if rng.random() < 0.04 else "",
                    "accepts_marketing": rng.random() < 0.5,
                    "default_address": {
                        "first_name": first,
                        "last_name": last,
                        "address1": f"{rng.randint(1, 9899)} {rng.choice(STREETS)}",
                        "address2": None,
                        "city": city,
                        "province_code": region,
                        "zip": postal,
                        "country_code": self.policy.shipping.countries[0],
                        "default": True,
                    },
                }
            )
        return out

    # --- orders -------------------------------------------------------------------------------
    def orders(self, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each order's outcome first, then a placing time that fits it; numbered by time."""
        rng, now = self.rng, self.spec.now
        planned = []
        for _ in range(self.spec.orders):
            state = self._state()
            lo, hi = AGE_MINUTES[state]
            planned.append((now - timedelta(minutes=rng.randint(lo, hi)), state))
        planned.sort(key=lambda p: p[0])
        out = []
        for i, (placed, state) in enumerate(planned):
            customer = rng.choice(customers)
            number = self.spec.number_format.format(n=self.spec.first_number + i)
            out.append(self._order(i, number, placed, state, customer))
        return out

    def _state(self) -> str:
        roll = self.rng.random()
        for candidate, share in STATE_SHARES:
            if roll < share:
                return candidate
            roll -= share
        return "delivered"

    def _lines(self) -> list[dict[str, Any]]:
        rng = self.rng
        lines = []
        for product in rng.sample(
            self.products, k=min(len(self.products), rng.choice((1, 1, 2, 3)))
        ):
            variant = rng.choice(product["variants"])
            lines.append(
                {
                    "id": rng.randint(10**11, 10**12),
                    "sku": variant.get("sku"),
                    "variant_id": variant["id"],
                    "title": product["title"],
                    "variant_title": variant.get("title"),
                    "quantity": rng.choice((1, 1, 1, 2)),
                    "price": str(variant["price"]),
                    "total_discount": "0.00",
                }
            )
        return lines

    def _order(
        self, index: int, number: str, placed: datetime, state: str, customer: dict[str, Any]
    ) -> dict[str, Any]:
        rng, policy = self.rng, self.policy
        lines = self._lines()
        subtotal = sum((Decimal(li["price"]) * li["quantity"] for li in lines), Decimal(0))
        method = rng.choices(
            policy.shipping.methods, [8] + [2] * (len(policy.shipping.methods) - 1)
        )[0]
        shipping = policy.shipping.cost(subtotal, method.code)
        address = dict(customer["default_address"])
        rate = policy.tax.rate(address["province_code"])
        base = subtotal + (shipping if policy.tax.basis == "subtotal_and_shipping" else 0)
        tax = (base * rate).quantize(CENT)
        order: dict[str, Any] = {
            "id": self.spec.id_base * 10 + index + 1,
            "name": number if not number[0].isdigit() else f"#{number}",
            "email": customer["email"],
            "created_at": placed.isoformat(),
            "currency": policy.currency,
            "financial_status": "paid",
            "fulfillment_status": None,
            "cancelled_at": None,
            "tags": "processing" if state == "processing" else "",
            "customer": {"id": customer["id"], "email": customer["email"]},
            "line_items": lines,
            "shipping_address": address,
            "billing_address": address,
            "shipping_lines": [
                {"code": method.code, "title": method.name, "price": _money(shipping)}
            ],
            "tax_lines": [{"rate": str(rate)}],
            "subtotal_price": _money(subtotal),
            "total_tax": _money(tax),
            "total_price": _money(subtotal + shipping + tax),
            "fulfillments": [],
            "refunds": [],
            "payment_details": {
                "credit_card_company": rng.choices([c for c, _ in CARDS], [w for _, w in CARDS])[0],
                "credit_card_number": f"•••• •••• •••• {rng.randint(0, 9999):04d}",
            },
        }
        if state == "cancelled":
            at = placed + timedelta(hours=rng.randint(1, 20))
            order.update(
                cancelled_at=at.isoformat(),
                financial_status="refunded",
                refunds=[{"created_at": at.isoformat()}],
            )
        elif state not in ("placed", "processing"):
            order["fulfillment_status"] = "fulfilled"
            order["fulfillments"] = [self._fulfillment(placed, state, method.transit_business_days)]
            if state == "returned":
                delivered = datetime.fromisoformat(order["fulfillments"][0]["delivered_at"])
                back = min(delivered + timedelta(days=rng.randint(5, 25)), self.spec.now)
                order.update(
                    financial_status="refunded", refunds=[{"created_at": back.isoformat()}]
                )
        return order

    def _tracking(self, carrier: str) -> str:
        while True:
            digits = "".join(self.rng.choices("0123456789", k=18))
            number = {"UPS": "1Z" + digits[:16], "USPS": "9400" + digits}.get(carrier, digits[:12])
            if number not in self.tracking:
                self.tracking.add(number)
                return number

    def _fulfillment(
        self, placed: datetime, state: str, transit: tuple[int, int]
    ) -> dict[str, Any]:
        rng, tz, now = self.rng, self.policy.tz, self.spec.now
        lo_handle, hi_handle = self.policy.shipping.handling_business_days
        ship_day = add_business_days(
            placed.astimezone(tz).date(), rng.randint(lo_handle, hi_handle)
        )
        shipped = datetime.combine(ship_day, placed.astimezone(tz).timetz()).replace(hour=16)
        shipped = min(max(shipped, placed + timedelta(hours=2)), now - timedelta(hours=4))
        days = rng.randint(*transit)
        arrive_day = add_business_days(ship_day, days + (2 if state == "delayed" else 0))
        arrive = datetime.combine(arrive_day, shipped.timetz()).replace(hour=14)
        carrier = rng.choice(CARRIERS)
        events = [
            {
                "status": "label_printed",
                "message": "Shipping label created",
                "happened_at": shipped.isoformat(),
            },
            {
                "status": "in_transit",
                "message": f"Picked up by {carrier}",
                "happened_at": min(shipped + timedelta(hours=3), now).isoformat(),
            },
        ]
        delivered = state in ("delivered", "returned")
        if state == "delayed":
            events.append(
                {
                    "status": "delayed",
                    "message": "Delayed: severe weather on the route",
                    "happened_at": min(shipped + timedelta(days=1), now).isoformat(),
                }
            )
        if delivered:
            arrive = min(arrive, now - timedelta(minutes=5))
            events.append(
                {"status": "delivered", "message": "Delivered", "happened_at": arrive.isoformat()}
            )
        status = "delivered" if delivered else ("failure" if state == "delayed" else "in_transit")
        if status == "in_transit" and rng.random() < 0.2:
            status = "out_for_delivery"
            events.append(
                {"status": status, "message": "Out for delivery", "happened_at": now.isoformat()}
            )
        return {
            "id": rng.randint(10**11, 10**12),
            "created_at": shipped.isoformat(),
            "updated_at": events[-1]["happened_at"],
            "status": "success",
            "tracking_company": carrier,
            "tracking_number": self._tracking(carrier),
            "shipment_status": status,
            "delivered_at": arrive.isoformat() if delivered else None,
            "events": events,
        }

    # --- subscriptions ------------------------------------------------------------------------
    def subscriptions(self, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        subs = self.policy.subscriptions
        if subs is None:
            return []
        eligible = [
            p for p in self.products if p.get("product_type") in subs.eligible_product_types
        ]
        if not eligible:
            return []
        rng, now, out = self.rng, self.spec.now, []
        for i in range(self.spec.subscriptions):
            customer = rng.choice(customers)
            product = rng.choice(eligible)
            variant = rng.choice(product["variants"])
            _code, frequency = rng.choice(sorted(subs.frequencies.items()))
            named = f"{product['title']} {variant.get('title') or ''}".lower()
            for code, candidate in sorted(subs.frequencies.items()):
                if code in named or candidate.label in named:
                    frequency = candidate
            unit, every = (
                ("month", frequency.months) if frequency.months else ("day", frequency.days)
            )
            if unit == "day" and every and every % 7 == 0:
                unit, every = "week", every // 7
            status = rng.choices(("active", "paused", "cancelled"), (75, 10, 15))[0]
            created = now - timedelta(days=rng.randint(20, 300))
            plan = next((p for p in subs.plans if p.quantity == 1), None)
            out.append(
                {
                    "id": self.spec.id_base // 100 + i + 1,
                    "customer_id": customer["id"],
                    "email": customer["email"],
                    "sku": variant.get("sku"),
                    "shopify_variant_id": variant["id"],
                    "product_title": product["title"],
                    "variant_title": variant.get("title"),
                    "quantity": 1,
                    "price": str(plan.price if plan else variant["price"]),
                    "status": status,
                    "order_interval_unit": unit,
                    "order_interval_frequency": every,
                    "next_charge_scheduled_at": None
                    if status == "cancelled"
                    else (now + timedelta(days=rng.randint(3, 40))).date().isoformat(),
                    "created_at": created.isoformat(),
                    "cancelled_at": (created + timedelta(days=rng.randint(10, 19))).isoformat()
                    if status == "cancelled"
                    else None,
                }
            )
        return out


def generate(
    products: list[dict[str, Any]], policy: StorePolicy, spec: Spec
) -> dict[str, list[dict[str, Any]]]:
    """``{"customers": [...], "orders": [...], "subscriptions": [...]}`` for this store."""
    gen = _Generator(products, policy, spec)
    customers = gen.customers()
    return {
        "customers": customers,
        "orders": gen.orders(customers),
        "subscriptions": gen.subscriptions(customers),
    }


def write_exports(directory: Path, files: dict[str, list[dict[str, Any]]]) -> None:
    """One JSON record per line inside ``{"<kind>": [...]}``: small diffs, still plain JSON."""
    for kind, records in files.items():
        body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
        (directory / f"{kind}.json").write_text(f'{{"{kind}": [\n{body}\n]}}\n', encoding="utf-8")


def read_products(directory: Path) -> list[dict[str, Any]]:
    data = json.loads((directory / "products.json").read_text(encoding="utf-8"))
    products: list[dict[str, Any]] = data["products"] if isinstance(data, dict) else data
    return products
