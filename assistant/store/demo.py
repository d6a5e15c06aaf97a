"""The deterministic demo store: ``seed_demo(sessions, clock, seed, policy)``.

Everything is generated from ``random.Random(seed)`` and offsets from ``clock.now()``, so the
same seed and clock give byte-identical data, and the real clock keeps the same offsets. Seeding
is idempotent: a database that already holds demo data (``store_meta.demo_seed``) or an imported
store (``store_meta.store_import``) is left as is and ``seed_demo`` returns ``False``; rebuild by
deleting the database file.

Figures: 300 generated customers plus the reference customers, 1,000 generated orders over the
last 12 months (mostly delivered, some in transit, a few placed/processing, ~3 % cancelled,
~3 % returned), carrier event histories with weather delays and stuck parcels, 100+
subscriptions with an order for each past delivery (``demo_deliveries``, ~840 more orders),
warranty registrations, tickets, feedback, and accessory co-purchase patterns
(the spec's basket shares, e.g. how many camera owners also bought a spare battery); the
catalogue's stock (the spec's ``stock``), cards on file (``demo_cards``) and a return record
with its refund for every returned order (``demo_returns``), each from a generator of its own
so the orders do not change with them.
What the store sells and who the reference customers are comes from the pack's ``demo.yaml``
(:mod:`assistant.store.demo_spec`); this code knows no store.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.store import exports
from assistant.store.clock import Clock
from assistant.store.demo_build import Payment
from assistant.store.demo_cards import add_generated_cards
from assistant.store.demo_data import CITIES, FIRST_NAMES, LAST_NAMES, PAYMENT_BRANDS, STREETS
from assistant.store.demo_deliveries import add_deliveries
from assistant.store.demo_orders import OrderGenerator
from assistant.store.demo_pack import demo_products
from assistant.store.demo_reference import add_reference_customers
from assistant.store.demo_returns import add_past_returns
from assistant.store.demo_spec import demo_products as products
from assistant.store.demo_spec import demo_spec
from assistant.store.importer import IMPORT_META_KEY, load_plans, upsert_product
from assistant.store.models import Address, Customer, Product, StoreMeta
from assistant.store.policy import StorePolicy

GENERATED_CUSTOMERS = 300
GENERATED_ORDERS = 1000


def seed_demo(
    sessions: sessionmaker[Session], clock: Clock, seed: int, policy: StorePolicy
) -> bool:
    """Fill an empty store with the demo data under the demo store's ``policy`` (shipping,
    subscription frequencies; its catalogue is loaded through the importer); ``False`` if
    the database already holds a store."""
    with sessions.begin() as session:
        if session.get(StoreMeta, "demo_seed") is not None:
            return False
        if session.get(StoreMeta, IMPORT_META_KEY) is not None:  # another store's data
            return False
        seed_products(session)
        seed_catalogue(session, policy)
        add_reference_customers(session, clock, policy)
        rng = random.Random(seed)
        customers = _customers(session, rng, clock.now())
        reserved = demo_spec().reference_order_numbers
        OrderGenerator(session, rng, clock, customers, reserved, policy).run(GENERATED_ORDERS)
        add_deliveries(session, clock, policy, seed=seed + 1)
        add_generated_cards(session, customers, demo_spec().cards)
        add_past_returns(session, clock, policy, demo_spec().past_returns)
        session.add(StoreMeta(key="demo_seed", value=str(seed)))
        session.add(StoreMeta(key="demo_now", value=clock.now().isoformat()))
    return True


def seed_products(session: Session) -> None:
    """The products table mirrors the demo catalogue (inserted when missing)."""
    existing = set(session.scalars(select(Product.sku)))
    for item in products():
        if item.sku not in existing:
            session.add(
                Product(
                    sku=item.sku,
                    name=item.name,
                    brand=item.brand,
                    category=item.product_type,
                    price=item.price,
                    warranty_months=item.warranty_months,
                    subscription_eligible=item.subscription_eligible,
                )
            )
    session.flush()


def seed_catalogue(session: Session, policy: StorePolicy) -> None:
    """The demo pack's products and subscription plans, loaded as an import would."""
    for record in demo_products():
        upsert_product(session, exports.Product.model_validate(record), policy)
    load_plans(session, policy)


def _customers(
    session: Session, rng: random.Random, now: datetime
) -> list[tuple[Customer, Payment]]:
    brands = [b for b, _ in PAYMENT_BRANDS]
    weights = [w for _, w in PAYMENT_BRANDS]
    customers: list[tuple[Customer, Payment]] = []
    for i in range(GENERATED_CUSTOMERS):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, region, postal = rng.choice(CITIES)
        customer = Customer(
            email=f"{first}.{last}{i + 1}@example.com".lower(),
            name=f"{first} {last}",
            phone=f"+1-{rng.randint(201, 989)}-555-{rng.randint(100, 199):04d}",
            vip=rng.random() < 0.04,
            marketing_consent=rng.random() < 0.45,
            notification_consent=rng.random() < 0.85,
            created_at=now - timedelta(days=rng.randint(366, 900), hours=rng.randint(0, 23)),
        )
        customer.addresses.append(
            Address(
                label="home",
                name=customer.name,
                line1=f"{rng.randint(1, 9899)} {rng.choice(STREETS)}",
                line2=rng.choice([None, None, None, f"Apt {rng.randint(1, 40)}"]),
                city=city,
                region=region,
                postal_code=postal,
                country="US",
                is_default=True,
            )
        )
        brand = rng.choices(brands, weights)[0]
        last4 = "" if brand == "PayPal" else f"{rng.randint(0, 9999):04d}"
        customers.append((customer, Payment(brand, last4)))
    session.add_all([c for c, _ in customers])
    session.flush()
    return customers
