"""Recharge subscriptions → subscriptions (frequencies from the store's policy)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.importer.records import (
    Invalid,
    Lookups,
    PendingRefs,
    aware,
    refs,
)
from assistant.store.models import (
    Subscription,
)
from assistant.store.policy import StorePolicy
from assistant.store.types import SubscriptionStatus

_SUBSCRIPTION_STATUS = {
    "active": SubscriptionStatus.ACTIVE,
    "paused": SubscriptionStatus.PAUSED,
    "cancelled": SubscriptionStatus.CANCELLED,
    "expired": SubscriptionStatus.CANCELLED,
}


class SubscriptionBuilder:
    """Recharge subscriptions → subscriptions (frequencies from the policy)."""

    def __init__(self, lookups: Lookups, pending: PendingRefs, refs: dict[str, int]) -> None:
        self.lookups = lookups
        self.pending = pending
        self.refs = refs

    @classmethod
    def for_session(
        cls, session: Session, lookups: Lookups, pending: PendingRefs
    ) -> SubscriptionBuilder:
        return cls(lookups, pending, refs(session, "subscription"))

    def upsert(self, session: Session, item: exports.Subscription, policy: StorePolicy) -> bool:
        customer_id = self.lookups.customer_id(item.customer_id, item.email)
        if customer_id is None:
            raise Invalid("customer_id: no imported customer with this id or email")
        sku, _options = self.lookups.line_sku(item.sku, item.shopify_variant_id)
        frequency = _frequency(item, policy)
        status = _SUBSCRIPTION_STATUS.get(item.status.lower())
        if status is None:
            raise Invalid(f"status: unknown value {item.status!r}")
        local_id = self.refs.get(item.id)
        sub = session.get(Subscription, local_id) if local_id is not None else None
        created = sub is None
        if sub is None:
            sub = Subscription()
            session.add(sub)
        sub.customer_id, sub.sku, sub.quantity = customer_id, sku, item.quantity
        sub.grind = (item.variant_title or "").lower()[:20]
        sub.frequency, sub.price, sub.status = frequency, item.price, status
        next_at = item.next_charge_scheduled_at
        sub.next_delivery_date = _local_day(next_at, policy) if next_at else None
        sub.started_at = aware(item.created_at)
        sub.cancelled_at = aware(item.cancelled_at) if item.cancelled_at else None
        if status is SubscriptionStatus.CANCELLED and sub.cancelled_at is None:
            sub.cancelled_at = sub.started_at
        if local_id is None:
            self.pending.add("subscription", item.id, sub, None)
        return created


def _local_day(at: datetime, policy: StorePolicy) -> date:
    return aware(at).astimezone(policy.tz).date() if at.tzinfo else at.date()


def _frequency(item: exports.Subscription, policy: StorePolicy) -> str:
    if policy.subscriptions is None:
        raise Invalid("the store's policy file has no subscriptions section")
    unit = item.order_interval_unit.lower().rstrip("s")
    every = item.order_interval_frequency
    days = {"day": every, "week": every * 7}.get(unit)
    months = every if unit == "month" else None
    for code, frequency in policy.subscriptions.frequencies.items():
        if (days is not None and frequency.days == days) or (
            months is not None and frequency.months == months
        ):
            return code
    raise Invalid(
        f"order_interval: every {every} {item.order_interval_unit} is not one of the store's "
        "subscriptions.frequencies"
    )
