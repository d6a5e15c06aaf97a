"""Shopify customers → customers and their default address."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.importer.records import (
    Lookups,
    PendingRefs,
    address,
    aware,
    remember,
)
from assistant.store.models import (
    Address,
    Customer,
)


class CustomerBuilder:
    """Shopify customers → customers and their default address (matched by id, then email)."""

    def __init__(self, lookups: Lookups, pending: PendingRefs) -> None:
        self.lookups = lookups
        self.pending = pending

    def upsert(self, session: Session, item: exports.Customer) -> bool:
        local_id = self.lookups.customer_id(item.id, item.email)
        with session.no_autoflush:
            customer = session.get(Customer, local_id) if local_id is not None else None
            if customer is not None:
                customer.addresses  # noqa: B018 - load them now, without flushing the chunk
        created = customer is None
        if customer is None:
            customer = Customer(notification_consent=True, addresses=[])
            session.add(customer)
        customer.email, customer.name = item.email, item.full_name()[:120]
        customer.phone = item.phone[:32] if item.phone else None
        customer.vip = "vip" in [t.strip().lower() for t in item.tags.split(",")]
        customer.marketing_consent = item.accepts_marketing
        if item.created_at is not None:
            customer.created_at = aware(item.created_at)
        elif customer.created_at is None:
            customer.created_at = datetime.now(UTC)  # first seen now
        if item.default_address is not None:
            fields = address(item.default_address, customer.name)
            current = next((a for a in customer.addresses if a.is_default), None)
            if current is None:
                current = Address(label="home", is_default=True)
                customer.addresses.append(current)
            current.name = fields["name"][:120]
            current.line1, current.line2 = fields["line1"][:200], fields["line2"][:200] or None
            current.city, current.region = fields["city"][:100], fields["region"][:2]
            current.postal_code = fields["postal_code"][:10]
            current.country = fields["country"][:2]
        if item.id not in self.lookups.customer_refs:
            if local_id is not None:
                remember(session, "customer", item.id, local_id)
                self.lookups.customer_refs[item.id] = local_id
            else:
                self.pending.add("customer", item.id, customer, self.lookups)
        return created
