"""A small store with hand-made rows (no demo seed): customers, orders, shipments,
subscriptions. The clock is pinned to Tuesday 2026-01-20 10:00 in New York."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.retrieval.types import Citation, Passage, SearchFilters
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.demo import seed_catalogue, seed_products
from assistant.store.demo_spec import demo_product as product
from assistant.store.models import (
    Customer,
    Order,
    OrderLine,
    Shipment,
    Subscription,
)
from assistant.store.policy import load_policy
from assistant.store.store import Store, open_store
from assistant.store.types import EmailStatus, OrderStatus, ShipmentStatus, SubscriptionStatus
from ingest.models import DocType

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=TZ)
EVENTS_SECRET = "test-events-secret"
ADMIN_KEY = "test-admin-key"
_ADDRESS = {
    "name": "Jordan Rivera",
    "line1": "1 Main St",
    "city": "Brooklyn",
    "region": "NY",
    "postal_code": "11201",
    "country": "US",
}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": f"sqlite:///{tmp_path / 'store.db'}",
        "store_now": NOW,
        "seed_demo_data": False,
        "events_secret": EVENTS_SECRET,
        "admin_api_key": ADMIN_KEY,
        "embedder": "hashing",
        "corpus_dir": tmp_path / "corpus",
        "index_dir": tmp_path / "index",
        "public_url": "https://shop.example",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_store(settings: Settings, clock: FixedClock | None = None) -> Store:
    store = open_store(settings, clock=clock or FixedClock(NOW, TZ), seed=False)
    with store.write_sessions.begin() as session:
        seed_products(session)
        seed_catalogue(session, load_policy(settings.store_policy_path))
    return store


def add_customer(
    store: Store, name: str = "Jordan Rivera", *, email: str | None = None, consent: bool = True
) -> int:
    with store.write_sessions.begin() as session:
        customer = Customer(
            email=email or f"{name.split()[0].lower()}@example.com",
            name=name,
            phone=None,
            vip=False,
            marketing_consent=False,
            notification_consent=consent,
            created_at=NOW - timedelta(days=100),
        )
        session.add(customer)
        session.flush()
        return customer.id


@dataclass(frozen=True)
class ShipmentSpec:
    carrier: str = "UPS"
    service: str = "Ground"
    tracking_number: str = "1Z999AA10123456784"
    status: ShipmentStatus = ShipmentStatus.IN_TRANSIT
    estimated_from: date = date(2026, 1, 22)
    estimated_to: date = date(2026, 1, 23)
    note: str = "Departed facility"


def add_order(
    store: Store,
    customer_id: int,
    number: str,
    skus: tuple[str, ...] = ("AUR-SWP-100",),
    *,
    status: OrderStatus = OrderStatus.SHIPPED,
    placed_at: datetime = NOW - timedelta(days=2),
    delivered_at: datetime | None = None,
    shipments: tuple[ShipmentSpec, ...] = (),
) -> None:
    with store.write_sessions.begin() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        total = sum((product(s).price for s in skus), Decimal("0"))
        order = Order(
            number=number,
            customer_id=customer_id,
            email=customer.email,
            status=status,
            placed_at=placed_at,
            processing_at=None,
            shipped_at=placed_at + timedelta(days=1) if shipments else None,
            delivered_at=delivered_at,
            cancelled_at=None,
            returned_at=None,
            updated_at=placed_at,
            subtotal=total,
            shipping=Decimal("0"),
            tax_rate=Decimal("0"),
            tax=Decimal("0"),
            total=total,
            payment_brand="Visa",
            payment_last4="4242",
            billing_address=_ADDRESS,
            shipping_address=_ADDRESS,
            confirmation_email_status=EmailStatus.SENT,
            confirmation_email_at=placed_at,
        )
        for sku in skus:
            item = product(sku)
            order.lines.append(
                OrderLine(
                    sku=sku,
                    name=item.name,
                    variant={},
                    quantity=1,
                    unit_price=item.price,
                    line_total=item.price,
                )
            )
        session.add(order)
        session.flush()
        for spec in shipments:
            session.add(
                Shipment(
                    order_id=order.id,
                    carrier=spec.carrier,
                    service=spec.service,
                    tracking_number=spec.tracking_number,
                    status=spec.status,
                    events=[
                        {
                            "at": (placed_at + timedelta(days=1)).isoformat(),
                            "status": spec.status.value,
                            "description": spec.note,
                            "location": "Secaucus, NJ",
                        }
                    ],
                    estimated_from=spec.estimated_from,
                    estimated_to=spec.estimated_to,
                    last_event_at=placed_at + timedelta(days=1),
                )
            )


def add_subscription(
    store: Store,
    customer_id: int,
    *,
    next_delivery: date = date(2026, 1, 25),
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
    cancelled_at: datetime | None = None,
) -> int:
    with store.write_sessions.begin() as session:
        sub = Subscription(
            customer_id=customer_id,
            sku="RCC-PDR-12",
            grind="whole bean",
            quantity=2,
            frequency="monthly",
            price=Decimal("34.99"),
            status=status,
            next_delivery_date=next_delivery,
            paused_until=None,
            started_at=NOW - timedelta(days=90),
            cancelled_at=cancelled_at,
            first_order_number=None,
        )
        session.add(sub)
        session.flush()
        return sub.id


def passage(
    sku: str, section: str, text: str, *, source: str = "audio/quick-start.html"
) -> Passage:
    return Passage(
        chunk_id=f"{source}#{section}",
        text=text,
        citation=Citation(source, "SoundWave Pro Quick Start", section, None),
        doc_type=DocType.SETUP_GUIDE,
        skus=(sku,),
        score=0.8,
    )


class FakeRetriever:
    """Returns the given passages for any query; records the queries; ``refresh`` counts."""

    def __init__(self, passages: list[Passage] | None = None, *, fail: bool = False) -> None:
        self.passages = passages or []
        self.fail = fail
        self.queries: list[tuple[str, SearchFilters | None]] = []
        self.refreshes = 0

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]:
        self.queries.append((query, filters))
        if self.fail:
            raise RuntimeError("index unavailable")
        return self.passages[:k]

    def refresh(self) -> bool:
        self.refreshes += 1
        return True
