"""Generated orders over the last 12 months, with statuses and carrier histories."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from assistant.store.clock import Clock
from assistant.store.demo_baskets import BasketMaker
from assistant.store.demo_build import (
    LineSpec,
    Payment,
    ShipPlan,
    apply_shipment,
    build_shipment,
    new_order,
)
from assistant.store.demo_data import STATE_TAX
from assistant.store.demo_deliveries import plan_line
from assistant.store.demo_extras import DemoExtras
from assistant.store.demo_spec import demo_spec
from assistant.store.models import (
    Customer,
    Order,
    OutboxMessage,
)
from assistant.store.policy import StorePolicy
from assistant.store.types import EmailStatus, OrderStatus, ShipmentStatus

SUBSCRIPTIONS = 112
FIRST_NUMBER = 41000  # generated order numbers run from here up to the reference ones
STUCK = 8


class OrderGenerator:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        clock: Clock,
        customers: list[tuple[Customer, Payment]],
        reserved: frozenset[str],
        policy: StorePolicy,
    ) -> None:
        self.session, self.rng, self.clock = session, rng, clock
        self.now, self.customers, self.reserved = clock.now(), customers, reserved
        self.shipping, self.policy = policy.shipping, policy
        self.baskets = BasketMaker(rng, demo_spec().baskets)
        self.plans = [p for p in demo_spec().products if p.subscription_eligible]
        frequencies = policy.subscriptions.frequencies if policy.subscriptions else {}
        self.extras = DemoExtras(session, rng, clock, frequencies)

    def run(self, count: int) -> None:
        rng, now = self.rng, self.now
        placed = sorted(self._placed_times(count))
        last = max(int(n) for n in self.reserved)
        pool = [n for n in range(FIRST_NUMBER, last + 1) if str(n) not in self.reserved]
        numbers = sorted(rng.sample(pool, count))
        owners = list(range(len(self.customers)))
        weights = [3 if c.vip else 1 for c, _ in self.customers]
        owners += rng.choices(range(len(self.customers)), weights, k=count - len(owners))
        rng.shuffle(owners)
        subs = self._subscription_orders(placed, owners)
        ages = [(now - p).days for p in placed]
        stuck = set(
            rng.sample([i for i, a in enumerate(ages) if 9 <= a <= 25 and i not in subs], STUCK)
        )
        orders: list[Order] = []
        for i in range(count):
            customer, payment = self.customers[owners[i]]
            lines = self._subscription_lines() if i in subs else self.baskets.basket(owners[i])
            orders.append(
                self._order(
                    str(numbers[i]),
                    customer,
                    payment,
                    placed[i],
                    lines,
                    subscription=i in subs,
                    stuck=i in stuck,
                )
            )
        self.session.add_all(orders)
        self.session.flush()
        for i in sorted(subs):
            self.extras.subscription(orders[i], self.customers[owners[i]][0])
        for order in orders:
            self.extras.registrations(order)
        self.extras.tickets_and_feedback(orders)

    def _subscription_lines(self) -> list[LineSpec]:
        bags = self.rng.choice((1, 2, 2, 3))
        product = self.rng.choice(self.plans)
        option = self.rng.choice(next(iter(product.variants.values())))
        return [plan_line(self.policy, product.sku, option, bags)]

    def _placed_times(self, count: int) -> list[datetime]:
        rng, now = self.rng, self.now
        ages = [timedelta(minutes=18), timedelta(minutes=42)]
        ages += [timedelta(hours=rng.uniform(1.5, 36)) for _ in range(13)]
        ages += [timedelta(days=rng.uniform(1.5, 8)) for _ in range(45)]
        while len(ages) < count:
            holiday = rng.random() < 0.15
            ages.append(timedelta(days=rng.uniform(30, 60) if holiday else rng.uniform(8, 365)))
        return [now - age for age in ages]

    def _subscription_orders(self, placed: list[datetime], owners: list[int]) -> set[int]:
        first_old_order: dict[int, int] = {}
        for i, owner in enumerate(owners):
            if (self.now - placed[i]).days >= 12:
                first_old_order.setdefault(owner, i)
        chosen = self.rng.sample(sorted(first_old_order), SUBSCRIPTIONS)
        return {first_old_order[owner] for owner in chosen}

    def _order(
        self,
        number: str,
        customer: Customer,
        payment: Payment,
        placed_at: datetime,
        lines: list[LineSpec],
        *,
        subscription: bool,
        stuck: bool,
    ) -> Order:
        rng, now = self.rng, self.now
        home = customer.addresses[0]
        ship_to = {
            "name": home.name,
            "line1": home.line1,
            "line2": home.line2 or "",
            "city": home.city,
            "region": home.region,
            "postal_code": home.postal_code,
            "country": "US",
        }
        express = rng.random() < 0.12
        order = new_order(
            number=number,
            customer_id=customer.id,
            email=customer.email,
            placed_at=placed_at,
            lines=lines,
            ship_to=ship_to,
            tax_rate=STATE_TAX[home.region],
            payment=payment,
            shipping=self.shipping,
            method="express" if express and not subscription else "standard",
            free_shipping=subscription,
        )
        age = now - placed_at
        order.confirmation_email_status = rng.choices(
            [EmailStatus.DELIVERED, EmailStatus.BOUNCED, EmailStatus.NOT_DELIVERED], [95, 2, 3]
        )[0]
        if age < timedelta(minutes=15):
            order.confirmation_email_status, order.confirmation_email_at = EmailStatus.QUEUED, None
        if not subscription and age > timedelta(hours=3) and rng.random() < 0.03:
            order.status = OrderStatus.CANCELLED
            order.cancelled_at = order.updated_at = placed_at + timedelta(
                minutes=rng.randint(8, 55)
            )
            return order
        shipped_at = placed_at + timedelta(hours=rng.uniform(18, 44))
        if age < timedelta(hours=1):
            return order
        if shipped_at > now:
            order.status = OrderStatus.PROCESSING
            order.processing_at = order.updated_at = placed_at + timedelta(minutes=50)
            return order
        carrier = rng.choices(("UPS", "USPS", "FedEx"), (40, 30, 30))[0]
        recent = age < timedelta(days=12)
        delayed = not stuck and rng.random() < (0.3 if recent else 0.02)
        plan = ShipPlan(
            carrier,
            order.shipping_method == "express",
            shipped_at,
            rng.randint(1, 2) if order.shipping_method == "express" else rng.randint(3, 5),
            f"{home.city}, {home.region}",
            delayed=delayed,
            stuck=stuck,
        )
        shipment = build_shipment(rng, plan, now, self.clock.tz, delivery_hour=rng.uniform(10, 19))
        apply_shipment(order, shipment, shipped_at)
        if (
            not subscription
            and order.delivered_at is not None
            and order.delivered_at < now - timedelta(days=6)
            and rng.random() < 0.035
        ):
            returned_at = order.delivered_at + timedelta(days=rng.uniform(3, 20))
            if returned_at < now - timedelta(days=1):
                order.status, order.returned_at = OrderStatus.RETURNED, returned_at
                order.updated_at = returned_at
        if (
            delayed
            and shipment.status is not ShipmentStatus.DELIVERED
            and customer.notification_consent
        ):
            self.session.add(
                OutboxMessage(
                    customer_id=customer.id,
                    channel="email",
                    recipient=customer.email,
                    kind="shipment_delayed",
                    status="pending",
                    created_at=shipment.last_event_at,
                    payload={
                        "order_number": number,
                        "tracking_number": shipment.tracking_number,
                        "estimated_to": shipment.estimated_to.isoformat(),
                    },
                )
            )
        return order
