"""Read services: everything a verified customer may see, scoped to that customer.

Another customer's order, shipment or subscription is indistinguishable from a missing one.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from assistant.commerce import validation
from assistant.commerce.errors import (
    InvalidInput,
    OrderNotFound,
    ShipmentNotFound,
    SubscriptionNotFound,
)
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.mapping import (
    coverage,
    order_public,
    registration_public,
    serials_on,
    shipment_public,
    subscription_public,
)
from assistant.commerce.schemas import (
    AddressPublic,
    CustomerPublic,
    OrderPublic,
    OwnedProduct,
    ShipmentPublic,
    SubscriptionPublic,
    WarrantyCoverage,
    WarrantyRegistrationPublic,
)
from assistant.commerce.shop import Shop
from assistant.store.clock import today
from assistant.store.models import Customer, Order, Subscription, WarrantyRegistration
from assistant.store.store import Store
from assistant.store.types import OrderStatus

MAX_ORDERS = 50


def customer_orders(customer: VerifiedCustomer) -> Select[Order]:
    return (
        select(Order)
        .where(Order.customer_id == customer.customer_id)
        .options(selectinload(Order.lines), selectinload(Order.shipments))
    )


def load_order(session: Session, customer: VerifiedCustomer, raw_number: str) -> Order:
    number = validation.order_lookup(raw_number)
    order = session.scalars(customer_orders(customer).where(Order.number == number)).first()
    if order is None:
        raise OrderNotFound(number)
    return order


def load_subscription(session: Session, customer: VerifiedCustomer, sub_id: int) -> Subscription:
    if isinstance(sub_id, bool) or not isinstance(sub_id, int) or sub_id < 1:
        raise InvalidInput("Invalid subscription id.", field="subscription_id")
    sub = session.scalars(
        select(Subscription)
        .where(Subscription.id == sub_id, Subscription.customer_id == customer.customer_id)
        .options(selectinload(Subscription.events))
    ).first()
    if sub is None:
        raise SubscriptionNotFound(sub_id)
    return sub


class ReadService:
    def __init__(self, store: Store, shop: Shop) -> None:
        self._store = store
        self._shop = shop

    def customer_profile(self, customer: VerifiedCustomer) -> CustomerPublic:
        with self._store.sessions() as session:
            row = session.scalars(
                select(Customer)
                .where(Customer.id == customer.customer_id)
                .options(selectinload(Customer.addresses))
            ).one()
            home = next((a for a in row.addresses if a.is_default), None)
            address = (
                None
                if home is None
                else AddressPublic(
                    name=home.name,
                    line1=home.line1,
                    line2=home.line2 or "",
                    city=home.city,
                    region=home.region,
                    postal_code=home.postal_code,
                    country=home.country,
                )
            )
            return CustomerPublic(
                name=row.name,
                email=row.email,
                phone=row.phone,
                vip=row.vip,
                default_address=address,
                marketing_consent=row.marketing_consent,
                notification_consent=row.notification_consent,
            )

    def list_orders(self, customer: VerifiedCustomer, *, limit: int = 10) -> list[OrderPublic]:
        """The customer's most recent orders, newest first."""
        limit = max(1, min(limit, MAX_ORDERS))
        with self._store.sessions() as session:
            orders = session.scalars(
                customer_orders(customer).order_by(Order.placed_at.desc()).limit(limit)
            ).all()
            return [order_public(o, self._store.clock.tz, self._shop) for o in orders]

    def get_order(self, customer: VerifiedCustomer, order_number: str) -> OrderPublic:
        with self._store.sessions() as session:
            order = load_order(session, customer, order_number)
            return order_public(order, self._store.clock.tz, self._shop)

    def get_shipments(self, customer: VerifiedCustomer, order_number: str) -> list[ShipmentPublic]:
        """Carrier tracking for one order; ``ShipmentNotFound`` if it has not shipped."""
        with self._store.sessions() as session:
            order = load_order(session, customer, order_number)
            if not order.shipments:
                raise ShipmentNotFound(order.number)
            now = self._store.clock.now()
            return [shipment_public(order.number, s, now, self._shop) for s in order.shipments]

    def list_subscriptions(self, customer: VerifiedCustomer) -> list[SubscriptionPublic]:
        with self._store.sessions() as session:
            subs = session.scalars(
                select(Subscription)
                .where(Subscription.customer_id == customer.customer_id)
                .options(selectinload(Subscription.events))
                .order_by(Subscription.id)
            ).all()
            day = today(self._store.clock)
            return [subscription_public(s, day, self._shop) for s in subs]

    def get_subscription(
        self, customer: VerifiedCustomer, subscription_id: int
    ) -> SubscriptionPublic:
        with self._store.sessions() as session:
            sub = load_subscription(session, customer, subscription_id)
            return subscription_public(sub, today(self._store.clock), self._shop)

    def list_warranty_registrations(
        self, customer: VerifiedCustomer
    ) -> list[WarrantyRegistrationPublic]:
        with self._store.sessions() as session:
            rows = session.execute(
                select(WarrantyRegistration, Order)
                .join(Order, Order.id == WarrantyRegistration.order_id)
                .where(WarrantyRegistration.customer_id == customer.customer_id)
                .order_by(WarrantyRegistration.registered_at)
            ).all()
            day, tz = today(self._store.clock), self._store.clock.tz
            return [registration_public(reg, order, day, tz, self._shop) for reg, order in rows]

    def warranty_coverage(
        self, customer: VerifiedCustomer, order_number: str, sku: str
    ) -> WarrantyCoverage:
        """Start (delivery), end, days remaining and what is covered for one purchased item."""
        item = validation.known_product(self._shop, sku)
        with self._store.sessions() as session:
            order = load_order(session, customer, order_number)
            if item.sku not in {ln.sku for ln in order.lines}:
                raise InvalidInput(
                    f"Order #{order.number} doesn't include {item.name}.",
                    field="sku",
                    code="sku_not_in_order",
                )
            registrations = session.scalars(
                select(WarrantyRegistration)
                .where(
                    WarrantyRegistration.order_id == order.id, WarrantyRegistration.sku == item.sku
                )
                .order_by(WarrantyRegistration.registered_at)
            ).all()
            clock = self._store.clock
            units = serials_on(order, item.sku, self._shop)
            return coverage(
                order, item.sku, today(clock), clock.tz, registrations, self._shop, units
            )

    def owned_products(self, customer: VerifiedCustomer) -> list[OwnedProduct]:
        """Products the customer bought and kept (not cancelled or returned)."""
        with self._store.sessions() as session:
            orders = session.scalars(
                customer_orders(customer)
                .where(Order.status.not_in([OrderStatus.CANCELLED, OrderStatus.RETURNED]))
                .order_by(Order.placed_at)
            ).all()
            return [
                OwnedProduct(
                    sku=ln.sku, name=ln.name, order_number=o.number, delivered_at=o.delivered_at
                )
                for o in orders
                for ln in o.lines
            ]
