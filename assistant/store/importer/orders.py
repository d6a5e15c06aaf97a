"""Shopify orders → orders, lines and shipments, written in bulk."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.calendar import add_business_days
from assistant.store.importer.records import (
    Invalid,
    Lookups,
    address,
    aware,
    money,
    order_number,
    remember,
)
from assistant.store.models import (
    Customer,
    Order,
    OrderLine,
    Shipment,
)
from assistant.store.policy import StorePolicy
from assistant.store.types import EmailStatus, OrderStatus, ShipmentStatus

# Shopify's fulfilment shipment_status → the store's shipment status
_SHIPMENT_STATUS = {
    None: ShipmentStatus.IN_TRANSIT,
    "label_printed": ShipmentStatus.LABEL_CREATED,
    "label_purchased": ShipmentStatus.LABEL_CREATED,
    "confirmed": ShipmentStatus.LABEL_CREATED,
    "ready_for_pickup": ShipmentStatus.OUT_FOR_DELIVERY,
    "in_transit": ShipmentStatus.IN_TRANSIT,
    "out_for_delivery": ShipmentStatus.OUT_FOR_DELIVERY,
    "attempted_delivery": ShipmentStatus.EXCEPTION,
    "delayed": ShipmentStatus.EXCEPTION,
    "failure": ShipmentStatus.EXCEPTION,
    "delivered": ShipmentStatus.DELIVERED,
    "returned": ShipmentStatus.RETURNED,
    "label_created": ShipmentStatus.LABEL_CREATED,
    "exception": ShipmentStatus.EXCEPTION,
}


class OrderBuilder:
    """Shopify orders → orders, lines and shipments. Rows are collected as plain values and
    written in bulk by :meth:`flush` (ids allocated here), which keeps 10,000 orders fast."""

    def __init__(
        self,
        lookups: Lookups,
        orders: dict[str, int],
        tracking: dict[str, str],
        next_ids: dict[str, int],
    ) -> None:
        self.lookups = lookups
        self.orders = orders
        self.tracking = tracking
        self.next_ids = next_ids
        self._new: list[dict[str, Any]] = []
        self._changed: list[dict[str, Any]] = []
        self._lines: list[dict[str, Any]] = []
        self._shipments: list[dict[str, Any]] = []

    @classmethod
    def for_session(cls, session: Session, lookups: Lookups) -> OrderBuilder:
        tracking = session.execute(
            select(Shipment.tracking_number, Order.number).join(
                Order, Order.id == Shipment.order_id
            )
        )
        next_ids = {
            table: (session.scalar(select(func.max(model.id))) or 0) + 1
            for table, model in (("orders", Order), ("lines", OrderLine), ("shipments", Shipment))
        }
        return cls(
            lookups,
            {n: i for i, n in session.execute(select(Order.id, Order.number))},
            {t: n for t, n in tracking},
            next_ids,
        )

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def upsert(self, session: Session, item: exports.Order, policy: StorePolicy) -> bool:
        """Checks everything first (``Invalid``), then queues the order's rows."""
        number = order_number(item.name)
        if re.fullmatch(policy.orders.number_pattern, number) is None:
            raise Invalid(
                f"name: order number {item.name!r} does not match the store's orders.number_pattern"
            )
        lines = self._line_rows(item)
        shipments = self._shipment_rows(item, policy, number)
        customer_id = self._customer(session, item)
        existing_id = self.orders.get(number)
        values = self._values(item, policy, customer_id, number, bool(shipments))
        order_id = existing_id if existing_id is not None else self._id("orders")
        values["id"] = order_id
        (self._new if existing_id is None else self._changed).append(values)
        self.orders[number] = order_id
        for row in lines:
            row.update(id=self._id("lines"), order_id=order_id)
        for row in shipments:
            row.update(id=self._id("shipments"), order_id=order_id)
            self.tracking[row["tracking_number"]] = number
        self._lines += lines
        self._shipments += shipments
        return existing_id is None

    def flush(self, session: Session) -> None:
        """Write the queued rows: replace the changed orders' lines and shipments."""
        session.flush()
        changed = [row["id"] for row in self._changed]
        for start in range(0, len(changed), 500):
            ids = changed[start : start + 500]
            for table in (OrderLine, Shipment):
                session.execute(
                    delete(table).where(table.order_id.in_(ids)),
                    execution_options={"synchronize_session": False},
                )
        if self._new:
            session.execute(insert(Order), self._new)
        if self._changed:
            session.execute(update(Order), self._changed)
        if self._lines:
            session.execute(insert(OrderLine), self._lines)
        if self._shipments:
            session.execute(insert(Shipment), self._shipments)
        self._new, self._changed, self._lines, self._shipments = [], [], [], []
        if session.get_bind().dialect.name == "postgresql":  # ids were given: move sequences on
            for name in ("orders", "order_lines", "shipments"):
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                    )
                )

    def _customer(self, session: Session, item: exports.Order) -> int:
        ref = item.customer
        email = (ref.email if ref and ref.email else item.email).lower()
        found = self.lookups.customer_id(ref.id if ref else None, email)
        if found is not None:
            return found
        first = ref.first_name if ref else None
        last = ref.last_name if ref else None
        name = " ".join(p for p in (first, last) if p)
        if not name and item.shipping_address is not None:
            name = item.shipping_address.full_name()
        customer = Customer(
            email=email,
            name=(name or email)[:120],
            created_at=aware(item.created_at),
            notification_consent=True,
        )
        session.add(customer)
        session.flush()
        self.lookups.customers_by_email[email] = customer.id
        if ref is not None and ref.id is not None:
            remember(session, "customer", ref.id, customer.id)
            self.lookups.customer_refs[ref.id] = customer.id
        return customer.id

    def _line_rows(self, item: exports.Order) -> list[dict[str, Any]]:
        lines = []
        for index, li in enumerate(item.line_items):
            try:
                sku, options = self.lookups.line_sku(li.sku, li.variant_id)
            except Invalid as exc:
                raise Invalid(f"line_items[{index}]: {exc}") from None
            lines.append(
                {
                    "sku": sku,
                    "name": (li.title or sku)[:200],
                    "variant": options,
                    "quantity": li.quantity,
                    "unit_price": li.price,
                    "line_total": money(li.price * li.quantity - li.total_discount),
                }
            )
        return lines

    def _values(
        self,
        item: exports.Order,
        policy: StorePolicy,
        customer_id: int,
        number: str,
        shipped: bool,
    ) -> dict[str, Any]:
        placed = aware(item.created_at)
        subtotal = item.subtotal_price
        if subtotal is None:
            subtotal = money(sum((li.price * li.quantity for li in item.line_items), Decimal(0)))
        ship_to = address(item.shipping_address, item.email)
        if item.tax_lines:
            rate = item.tax_lines[0].rate
        elif subtotal > 0:
            rate = (item.total_tax / subtotal).quantize(Decimal("0.00001"))
        else:
            rate = policy.tax.rate(ship_to["region"])
        payment_brand, payment_last4 = _payment(item)
        values: dict[str, Any] = {
            "number": number,
            "customer_id": customer_id,
            "email": item.email,
            "placed_at": placed,
            "currency": (item.currency or policy.currency)[:3],
            "shipping_method": self._method(item, policy),
            "subtotal": subtotal,
            "shipping": money(sum((s.price for s in item.shipping_lines), Decimal(0))),
            "tax_rate": rate,
            "tax": item.total_tax,
            "total": item.total_price,
            "payment_brand": payment_brand,
            "payment_last4": payment_last4,
            "shipping_address": ship_to,
            "billing_address": address(item.billing_address or item.shipping_address, item.email),
            "confirmation_email_status": EmailStatus.SENT,
            "confirmation_email_at": placed,
            "subscription_id": None,
        }
        values.update(_status(item))
        return values

    def _method(self, item: exports.Order, policy: StorePolicy) -> str:
        codes = {m.code.lower(): m.code for m in policy.shipping.methods}
        names = {m.name.lower(): m.code for m in policy.shipping.methods}
        for line in item.shipping_lines:
            for key in (line.code or "", line.title):
                code = codes.get(key.lower()) or names.get(key.lower())
                if code is not None:
                    return code
            for key, code in codes.items():
                if key in line.title.lower():
                    return code
        return policy.shipping.default_method

    def _shipment_rows(
        self, item: exports.Order, policy: StorePolicy, number: str
    ) -> list[dict[str, Any]]:
        method = policy.shipping.method(self._method(item, policy))
        shipments: list[dict[str, Any]] = []
        for index, f in enumerate(item.fulfillments):
            if not f.tracking_number:
                continue
            owner = self.tracking.get(f.tracking_number)
            if owner is not None and owner != number:
                raise Invalid(
                    f"fulfillments[{index}]: tracking number {f.tracking_number!r} belongs to "
                    "another order"
                )
            if f.shipment_status not in _SHIPMENT_STATUS:
                raise Invalid(
                    f"fulfillments[{index}].shipment_status: unknown value {f.shipment_status!r}"
                )
            status = _SHIPMENT_STATUS[f.shipment_status]
            shipped = aware(f.created_at)
            last = aware(f.delivered_at or f.updated_at or f.created_at)
            events = _events(f, status, shipped, last)
            if f.estimated_delivery_at is not None:
                start = end = aware(f.estimated_delivery_at).astimezone(policy.tz).date()
            else:
                day = shipped.astimezone(policy.tz).date()
                lo, hi = method.transit_business_days
                start, end = add_business_days(day, lo), add_business_days(day, hi)
            shipments.append(
                {
                    "carrier": (f.tracking_company or "carrier")[:16],
                    "service": service_name(f.service or method.name),
                    "tracking_number": f.tracking_number,
                    "status": status,
                    "events": events,
                    "estimated_from": start,
                    "estimated_to": end,
                    "last_event_at": datetime.fromisoformat(events[-1]["at"]),
                }
            )
        return shipments


def service_name(text: str, limit: int = 32) -> str:
    """A carrier service as the shipment keeps it: without a parenthetical remark ("Priority
    (USPS, Alaska, Hawaii, PO boxes)" -> "Priority"), cut at a word within ``limit``."""
    name = re.sub(r"\s*\([^)]*\)?", "", text).strip() or text.strip()
    if len(name) <= limit:
        return name
    cut = name[: limit + 1].rsplit(" ", 1)[0]
    return (cut if 0 < len(cut) <= limit else name[:limit]).rstrip(" ,;-")


def _status(item: exports.Order) -> dict[str, Any]:
    """The order's status and timestamps from Shopify's cancel, refund and fulfilment fields."""
    placed = aware(item.created_at)
    shipped = sorted(aware(f.created_at) for f in item.fulfillments if f.tracking_number)
    delivered = [
        aware(f.delivered_at or f.updated_at or f.created_at)
        for f in item.fulfillments
        if f.shipment_status == "delivered"
    ]
    refunded = item.financial_status == "refunded" and bool(item.refunds)
    out: dict[str, Any] = dict.fromkeys(
        ("processing_at", "shipped_at", "delivered_at", "cancelled_at", "returned_at")
    )
    if item.cancelled_at is not None:
        out.update(status=OrderStatus.CANCELLED, cancelled_at=aware(item.cancelled_at))
    elif refunded and not shipped:
        out.update(status=OrderStatus.CANCELLED, cancelled_at=aware(item.refunds[-1].created_at))
    elif refunded:
        out.update(status=OrderStatus.RETURNED, returned_at=aware(item.refunds[-1].created_at))
    elif shipped and delivered and len(delivered) == len(shipped):
        out.update(status=OrderStatus.DELIVERED)
    elif shipped:
        out.update(status=OrderStatus.SHIPPED)
    elif "processing" in item.tag_list():
        out.update(
            status=OrderStatus.PROCESSING, processing_at=aware(item.updated_at or item.created_at)
        )
    else:
        out.update(status=OrderStatus.PLACED)
    if shipped:
        out["shipped_at"] = shipped[0]
    if delivered and out["status"] in (OrderStatus.DELIVERED, OrderStatus.RETURNED):
        out["delivered_at"] = max(delivered)
    stamps = [placed, *(v for v in out.values() if isinstance(v, datetime))]
    out["updated_at"] = aware(item.updated_at) if item.updated_at else max(stamps)
    return out


def _events(
    f: exports.Fulfillment, status: ShipmentStatus, shipped: datetime, last: datetime
) -> list[dict[str, Any]]:
    if f.events:
        out = []
        for e in sorted(f.events, key=lambda e: aware(e.happened_at)):
            mapped = _SHIPMENT_STATUS.get(e.status, ShipmentStatus.IN_TRANSIT)
            where = ", ".join(p for p in (e.city, e.province) if p)
            out.append(
                {
                    "at": aware(e.happened_at).isoformat(),
                    "status": mapped.value,
                    "description": e.message or mapped.value.replace("_", " "),
                    "location": where,
                }
            )
        return out
    events = [
        {
            "at": shipped.isoformat(),
            "status": ShipmentStatus.LABEL_CREATED.value,
            "description": "Shipping label created",
            "location": "",
        }
    ]
    if status is not ShipmentStatus.LABEL_CREATED:
        events.append(
            {
                "at": max(last, shipped).isoformat(),
                "status": status.value,
                "description": status.value.replace("_", " ").capitalize(),
                "location": "",
            }
        )
    return events


def _payment(item: exports.Order) -> tuple[str, str]:
    details = item.payment_details
    if details is not None and details.credit_card_company:
        digits = re.sub(r"\D", "", details.credit_card_number or "")
        return details.credit_card_company[:20], digits[-4:]
    if item.payment_gateway_names:
        return item.payment_gateway_names[0][:20], ""
    return "", ""
