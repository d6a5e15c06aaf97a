"""After the orders exist: subscriptions, warranty registrations, tickets and feedback."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from assistant.store.calendar import next_cycle
from assistant.store.clock import Clock, today
from assistant.store.demo_build import serial_number
from assistant.store.demo_data import FEEDBACK_COMMENTS, TICKET_REASONS
from assistant.store.demo_spec import demo_spec
from assistant.store.models import (
    Customer,
    EscalationTicket,
    Feedback,
    Order,
    Subscription,
    SubscriptionEvent,
    WarrantyRegistration,
)
from assistant.store.policy import Frequency
from assistant.store.types import OrderStatus, SubscriptionStatus

FREQUENCIES = (
    ("monthly", 50),
    ("every-2-weeks", 20),
    ("every-6-weeks", 15),
    ("every-2-months", 15),
)


class DemoExtras:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        clock: Clock,
        frequencies: Mapping[str, Frequency],
    ) -> None:
        self.session, self.rng, self.clock, self.now = session, rng, clock, clock.now()
        self.frequencies = frequencies
        self.serials: set[str] = set()
        self.registration_ids: set[str] = set()

    def _next(self, day: date, frequency: str, cycles: int = 1) -> date:
        return next_cycle(day, self.frequencies[frequency], cycles)

    def subscription(self, order: Order, customer: Customer) -> None:
        rng = self.rng
        line = order.lines[0]
        frequency = rng.choices([f for f, _ in FREQUENCIES], [w for _, w in FREQUENCIES])[0]
        start = order.placed_at.astimezone(self.clock.tz).date()
        sub = Subscription(
            customer_id=customer.id,
            sku=line.sku,
            grind=line.variant["grind"],
            quantity=int(line.variant.get("bags", line.quantity)),
            frequency=frequency,
            price=line.line_total,
            status=SubscriptionStatus.ACTIVE,
            started_at=order.placed_at,
            first_order_number=order.number,
        )
        events: list[SubscriptionEvent] = []
        day, current = start, today(self.clock)
        while day <= current:
            day = self._next(day, frequency)
            if day <= current and rng.random() < 0.08:
                at = datetime.combine(day - timedelta(days=3), time(9), tzinfo=self.clock.tz)
                events.append(
                    SubscriptionEvent(kind="skip", at=at, details={"skipped": day.isoformat()})
                )
        roll = rng.random()
        if roll < 0.12:
            sub.status = SubscriptionStatus.CANCELLED
            sub.cancelled_at = order.placed_at + (self.now - order.placed_at) * rng.uniform(
                0.3, 0.95
            )
            events.append(
                SubscriptionEvent(
                    kind="cancel", at=sub.cancelled_at, details={"reason": "too much coffee"}
                )
            )
        elif roll < 0.20:
            cycles = rng.randint(1, 3)
            sub.status = SubscriptionStatus.PAUSED
            sub.paused_until = sub.next_delivery_date = self._next(day, frequency, cycles)
            events.append(
                SubscriptionEvent(
                    kind="pause",
                    at=self.now - timedelta(days=rng.randint(1, 10)),
                    details={"cycles": cycles, "resumes_on": sub.paused_until.isoformat()},
                )
            )
        else:
            sub.next_delivery_date = day
        sub.events = events
        self.session.add(sub)
        self.session.flush()
        order.subscription_id = sub.id

    def registrations(self, order: Order) -> None:
        if order.status is not OrderStatus.DELIVERED or order.delivered_at is None:
            return
        for line in order.lines:
            if line.sku not in demo_spec().serials or self.rng.random() >= 0.4:
                continue
            at = order.delivered_at + timedelta(days=self.rng.uniform(0.5, 30))
            if at >= self.now:
                continue
            serial = serial_number(self.rng, line.sku)
            reg_id = f"WR-{self.rng.randint(100000, 999999)}"
            if serial in self.serials or reg_id in self.registration_ids:
                continue
            self.serials.add(serial)
            self.registration_ids.add(reg_id)
            self.session.add(
                WarrantyRegistration(
                    registration_id=reg_id,
                    customer_id=order.customer_id,
                    order_id=order.id,
                    sku=line.sku,
                    serial_number=serial,
                    registered_at=at,
                )
            )

    def tickets_and_feedback(self, orders: list[Order]) -> None:
        rng = self.rng
        for i, order in enumerate(rng.sample(orders, 12)):
            self.session.add(
                EscalationTicket(
                    ticket_number=f"ESC-{10001 + i}",
                    customer_id=order.customer_id,
                    conversation_id=f"demo-conv-{i + 1:03d}",
                    order_number=order.number,
                    reason=rng.choice(TICKET_REASONS),
                    summary="Customer asked for a human agent.",
                    priority=rng.choice(("normal", "normal", "high")),
                    status=rng.choice(("open", "closed", "closed")),
                    created_at=max(order.placed_at, self.now - timedelta(days=rng.uniform(1, 60))),
                )
            )
        for i, order in enumerate(rng.sample(orders, 40)):
            self.session.add(
                Feedback(
                    customer_id=order.customer_id,
                    conversation_id=f"demo-fb-{i + 1:03d}",
                    csat=rng.choices((5, 4, 3, 2, 1), (55, 25, 10, 6, 4))[0],
                    nps=rng.choices(range(11), (1, 1, 1, 1, 2, 3, 5, 8, 15, 25, 38))[0],
                    comment=rng.choice(FEEDBACK_COMMENTS),
                    created_at=max(order.placed_at, self.now - timedelta(days=rng.uniform(0, 90))),
                )
            )
