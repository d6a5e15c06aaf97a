"""The demo store as a data pack: its exports in Shopify/Recharge shapes, made from the seeder.

``demo_products()`` turns the demo catalogue into Shopify Products, with the spec's stock as
``inventory_quantity`` of tracked variants (the seeder loads them through
the importer's own :func:`~assistant.store.importer.upsert_product`), and ``export_store()``
writes a seeded store's customers, orders and subscriptions as ``customers.json``,
``orders.json`` and ``subscriptions.json`` (plus ``products.json``) into a pack directory, e.g.
``corpus/_store/``. ``assistant store import corpus/_store`` loads them into any database.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from assistant.store.demo_spec import demo_products as catalogue
from assistant.store.models import Customer, Order, Subscription
from assistant.store.policy import StorePolicy
from assistant.store.types import OrderStatus, ShipmentStatus, SubscriptionStatus

if TYPE_CHECKING:
    from assistant.store.store import Store

PRODUCT_ID_BASE = 8_100_000_000
CUSTOMER_ID_BASE = 6_200_000_000
ORDER_ID_BASE = 5_300_000_000
SUBSCRIPTION_ID_BASE = 40_000_000


def _variant_id(product_index: int, position: int) -> int:
    return (PRODUCT_ID_BASE + product_index) * 1000 + position


def demo_products() -> list[dict[str, Any]]:
    """The demo catalogue as Shopify Product records (deterministic ids)."""
    products = []
    for index, item in enumerate(catalogue(), start=1):
        names = list(item.variants)
        combos = list(itertools.product(*item.variants.values())) if names else [()]
        variants = []
        for position, combo in enumerate(combos, start=1):
            values = list(combo) or ["Default Title"]
            stock = item.stock.units_of(dict(zip(names, combo, strict=True))) if item.stock else 0
            variants.append(
                {
                    "id": _variant_id(index, position),
                    "product_id": PRODUCT_ID_BASE + index,
                    "sku": item.sku,
                    "title": " / ".join(values),
                    "price": str(item.price),
                    "position": position,
                    **{f"option{i}": v for i, v in enumerate(values, start=1)},
                    "inventory_management": "shopify" if item.stock else None,
                    "inventory_policy": "deny",
                    "inventory_quantity": stock,
                }
            )
        options = [
            {"name": name.capitalize(), "position": i, "values": list(item.variants[name])}
            for i, name in enumerate(names, start=1)
        ] or [{"name": "Title", "position": 1, "values": ["Default Title"]}]
        products.append(
            {
                "id": PRODUCT_ID_BASE + index,
                "title": item.name,
                "handle": item.sku.lower(),
                "vendor": item.brand,
                "product_type": item.product_type,
                "status": "active",
                "tags": ", ".join([item.product_type, item.model]),
                "options": options,
                "variants": variants,
                "metafields": [
                    {
                        "namespace": "aftercare",
                        "key": "warranty_months",
                        "value": str(item.warranty_months),
                    },
                    {"namespace": "aftercare", "key": "model", "value": item.model},
                ],
            }
        )
    return products


def _variant_lookup(products: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """(sku, option values joined) → variant id."""
    lookup: dict[tuple[str, str], int] = {}
    for product in products:
        names = [o["name"].lower() for o in product["options"]]
        for variant in product["variants"]:
            values = [variant.get(f"option{i}") for i in range(1, len(names) + 1)]
            key = "|".join(f"{n}={v}" for n, v in zip(names, values, strict=True) if n != "title")
            lookup[(variant["sku"], key)] = variant["id"]
    return lookup


def _address(raw: dict[str, str]) -> dict[str, str | None]:
    first, _, last = raw["name"].partition(" ")
    return {
        "first_name": first,
        "last_name": last,
        "name": raw["name"],
        "address1": raw["line1"],
        "address2": raw.get("line2") or None,
        "city": raw["city"],
        "province_code": raw["region"],
        "zip": raw["postal_code"],
        "country_code": raw.get("country", "US"),
    }


def _customer(customer: Customer) -> dict[str, Any]:
    first, _, last = customer.name.partition(" ")
    default = next((a for a in customer.addresses if a.is_default), None)
    return {
        "id": CUSTOMER_ID_BASE + customer.id,
        "email": customer.email,
        "first_name": first,
        "last_name": last,
        "phone": customer.phone,
        "created_at": customer.created_at.isoformat(),
        "tags": "vip" if customer.vip else "",
        "accepts_marketing": customer.marketing_consent,
        "default_address": _address(
            {
                "name": default.name,
                "line1": default.line1,
                "line2": default.line2 or "",
                "city": default.city,
                "region": default.region,
                "postal_code": default.postal_code,
                "country": default.country,
            }
        )
        if default
        else None,
    }


_SHOPIFY_SHIPMENT_STATUS = {
    ShipmentStatus.LABEL_CREATED: "label_printed",
    ShipmentStatus.IN_TRANSIT: "in_transit",
    ShipmentStatus.OUT_FOR_DELIVERY: "out_for_delivery",
    ShipmentStatus.DELIVERED: "delivered",
    ShipmentStatus.EXCEPTION: "failure",
    ShipmentStatus.RETURNED: "returned",
}


def _order(
    order: Order, variants: dict[tuple[str, str], int], policy: StorePolicy
) -> dict[str, Any]:
    lines = []
    for line in order.lines:
        key = "|".join(f"{k}={v}" for k, v in line.variant.items())
        lines.append(
            {
                "id": ORDER_ID_BASE * 10 + line.id,
                "sku": line.sku,
                "variant_id": variants.get((line.sku, key)),
                "title": line.name,
                "variant_title": " / ".join(line.variant.values()) or None,
                "quantity": line.quantity,
                "price": str(line.unit_price),
                "total_discount": str(line.unit_price * line.quantity - line.line_total),
            }
        )
    method = policy.shipping.method(order.shipping_method)
    refunded = order.status in (OrderStatus.RETURNED, OrderStatus.CANCELLED)
    refunds = []
    if order.returned_at is not None:
        refunds.append({"created_at": order.returned_at.isoformat()})
    elif order.cancelled_at is not None:
        refunds.append({"created_at": order.cancelled_at.isoformat()})
    payment: dict[str, Any] = {"payment_gateway_names": [order.payment_brand]}
    if order.payment_last4:
        payment = {
            "payment_gateway_names": ["shopify_payments"],
            "payment_details": {
                "credit_card_company": order.payment_brand,
                "credit_card_number": f"•••• •••• •••• {order.payment_last4}",
            },
        }
    return {
        "id": ORDER_ID_BASE + order.id,
        "name": f"#{order.number}",
        "email": order.email,
        "created_at": order.placed_at.isoformat(),
        "updated_at": order.updated_at.isoformat(),
        "currency": order.currency,
        "financial_status": "refunded" if refunded else "paid",
        "fulfillment_status": "fulfilled" if order.shipments else None,
        "cancelled_at": order.cancelled_at.isoformat() if order.cancelled_at else None,
        "tags": "processing" if order.status is OrderStatus.PROCESSING else "",
        "customer": {"id": CUSTOMER_ID_BASE + order.customer_id, "email": order.email},
        "line_items": lines,
        "shipping_address": _address(order.shipping_address),
        "billing_address": _address(order.billing_address),
        "shipping_lines": [
            {"code": method.code, "title": method.name, "price": str(order.shipping)}
        ],
        "tax_lines": [{"rate": str(order.tax_rate)}],
        "subtotal_price": str(order.subtotal),
        "total_tax": str(order.tax),
        "total_price": str(order.total),
        "fulfillments": [
            {
                "id": ORDER_ID_BASE * 10 + shipment.id,
                "created_at": (order.shipped_at or shipment.last_event_at).isoformat(),
                "updated_at": shipment.last_event_at.isoformat(),
                "status": "success",
                "tracking_company": shipment.carrier,
                "tracking_number": shipment.tracking_number,
                "shipment_status": _SHOPIFY_SHIPMENT_STATUS[shipment.status],
                "service": shipment.service,
                "delivered_at": order.delivered_at.isoformat() if order.delivered_at else None,
                "events": [
                    {
                        "status": event["status"],
                        "message": event["description"],
                        "happened_at": event["at"],
                        "city": event["location"],
                    }
                    for event in shipment.events
                ],
            }
            for shipment in order.shipments
        ],
        "refunds": refunds,
        **payment,
    }


def _subscription(sub: Subscription, email: str, policy: StorePolicy) -> dict[str, Any]:
    frequencies = policy.subscriptions.frequencies if policy.subscriptions else {}
    frequency = frequencies[sub.frequency]
    if frequency.months is not None:
        unit, every = "month", frequency.months
    elif frequency.days is not None and frequency.days % 7 == 0:
        unit, every = "week", frequency.days // 7
    else:
        unit, every = "day", frequency.days or 1
    status = {
        SubscriptionStatus.ACTIVE: "active",
        SubscriptionStatus.PAUSED: "paused",
        SubscriptionStatus.CANCELLED: "cancelled",
    }[sub.status]
    return {
        "id": SUBSCRIPTION_ID_BASE + sub.id,
        "customer_id": CUSTOMER_ID_BASE + sub.customer_id,
        "email": email,
        "sku": sub.sku,
        "variant_title": sub.grind,
        "quantity": sub.quantity,
        "price": str(sub.price),
        "status": status,
        "order_interval_unit": unit,
        "order_interval_frequency": every,
        "next_charge_scheduled_at": (
            sub.next_delivery_date.isoformat() if sub.next_delivery_date else None
        ),
        "created_at": sub.started_at.isoformat(),
        "cancelled_at": sub.cancelled_at.isoformat() if sub.cancelled_at else None,
    }


def _write(path: Path, kind: str, records: list[dict[str, Any]]) -> None:
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    path.write_text(f'{{"{kind}": [\n{body}\n]}}\n', encoding="utf-8")


def export_store(store: Store, policy: StorePolicy, directory: Path) -> dict[str, int]:
    """Write a seeded demo store's exports into ``directory``; returns the record counts."""
    directory.mkdir(parents=True, exist_ok=True)
    products = demo_products()
    variants = _variant_lookup(products)
    with store.sessions() as session:
        customers, orders, subscriptions = _read_all(session)
        emails = {c.id: c.email for c in customers}
        files = {
            "products": products,
            "customers": [_customer(c) for c in customers],
            "orders": [_order(o, variants, policy) for o in orders],
            "subscriptions": [
                _subscription(s, emails[s.customer_id], policy) for s in subscriptions
            ],
        }
    for kind, records in files.items():
        _write(directory / f"{kind}.json", kind, records)
    return {kind: len(records) for kind, records in files.items()}


def _read_all(
    session: Session,
) -> tuple[list[Customer], list[Order], list[Subscription]]:
    customers = list(
        session.scalars(
            select(Customer).options(selectinload(Customer.addresses)).order_by(Customer.id)
        )
    )
    orders = list(
        session.scalars(
            select(Order)
            .options(selectinload(Order.lines), selectinload(Order.shipments))
            .order_by(Order.placed_at, Order.id)
        )
    )
    subscriptions = list(session.scalars(select(Subscription).order_by(Subscription.id)))
    return customers, orders, subscriptions
