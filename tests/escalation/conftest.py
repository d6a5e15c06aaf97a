"""A demo store seeded once for this package (FixedClock at 2026-01-20T10:00-05:00), the
reference customers verified against it, and a fake backend for the service's unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from assistant.commerce.errors import CommerceError
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import CustomerPublic, OrderPublic, SubscriptionPublic, TicketPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.commerce.support import Priority
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from tests.support import NOW, TZ, make_settings


@pytest.fixture(scope="session")
def store_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("escalation-store") / "store.db")


@pytest.fixture(scope="session")
def store(store_settings: Settings) -> Iterator[SqlCommerceBackend]:
    backend = SqlCommerceBackend.from_settings(store_settings, clock=FixedClock(NOW, TZ))
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def taylor(store: SqlCommerceBackend) -> VerifiedCustomer:
    return store.verify_by_order("conv-taylor", "46511", "taylor.brooks@example.com")


@pytest.fixture(scope="session")
def taylor_order(store: SqlCommerceBackend, taylor: VerifiedCustomer) -> OrderPublic:
    return store.get_order(taylor, "46511")  # the Lumora Z8, $1,899 + tax: a high-value order


@pytest.fixture(scope="session")
def jordan(store: SqlCommerceBackend) -> VerifiedCustomer:
    return store.verify_by_order("conv-jordan", "47234", "jordan.rivera@example.com")


@pytest.fixture(scope="session")
def jordan_order(store: SqlCommerceBackend, jordan: VerifiedCustomer) -> OrderPublic:
    return store.get_order(jordan, "47234")  # shoes and socks, $143.50, still "placed"


@pytest.fixture(scope="session")
def alex_subscription(store: SqlCommerceBackend) -> SubscriptionPublic:
    token = store.identity.issue_storefront_token("alex.kim@example.com")
    alex = store.verify_by_token("conv-alex", token)
    (subscription,) = store.list_subscriptions(alex)
    return subscription


@dataclass
class FakeBackend:
    """Just the two calls :class:`EscalationService` makes; records every ticket opened."""

    vip: bool = False
    profile_error: CommerceError | None = None
    ticket_error: CommerceError | None = None
    tickets: list[dict[str, object]] = field(default_factory=list)

    def customer_profile(self, customer: VerifiedCustomer) -> CustomerPublic:
        if self.profile_error is not None:
            raise self.profile_error
        return CustomerPublic(
            name=customer.name,
            email=customer.email,
            phone=None,
            vip=self.vip,
            default_address=None,
            marketing_consent=False,
            notification_consent=True,
        )

    def open_ticket(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        reason: str,
        summary: str,
        order_number: str | None = None,
        priority: Priority = "normal",
    ) -> TicketPublic:
        if self.ticket_error is not None:
            raise self.ticket_error
        self.tickets.append(
            {
                "customer": customer,
                "conversation_id": conversation_id,
                "reason": reason,
                "summary": summary,
                "order_number": order_number,
                "priority": priority,
            }
        )
        return TicketPublic(
            ticket_number=f"ESC-{100000 + len(self.tickets)}",
            status="open",
            reason=reason,
            priority=priority,
            order_number=order_number,
            created_at=NOW,
        )
