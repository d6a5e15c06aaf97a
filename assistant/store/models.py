"""The store's tables as typed SQLAlchemy 2 ORM classes (portable: SQLite and Postgres).

Money is ``Numeric(12, 2)``, instants are UTC (``UTCDateTime``), calendar dates are ``Date``.
JSON columns hold snapshots (addresses on an order, carrier events) that services validate into
pydantic models before anything leaves the store. These classes never leave ``assistant.store``
and ``assistant.commerce``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    Enum,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from assistant.store.types import (
    EmailStatus,
    Money,
    OrderStatus,
    ShipmentStatus,
    SubscriptionStatus,
    UTCDateTime,
)

Json = dict[str, Any]


def _enum(cls: type[Any]) -> Enum:
    return Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        Decimal: Money(),
        Json: JSON(),
    }


class StoreMeta(Base):
    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    vip: Mapped[bool] = mapped_column(default=False)
    marketing_consent: Mapped[bool] = mapped_column(default=False)
    notification_consent: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    addresses: Mapped[list[Address]] = relationship(back_populates="customer")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    label: Mapped[str] = mapped_column(String(32), default="home")
    name: Mapped[str] = mapped_column(String(120))
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(2))
    postal_code: Mapped[str] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2), default="US")
    is_default: Mapped[bool] = mapped_column(default=False)
    customer: Mapped[Customer] = relationship(back_populates="addresses")


class Product(Base):
    __tablename__ = "products"
    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(32))
    price: Mapped[Decimal]
    warranty_months: Mapped[int]
    subscription_eligible: Mapped[bool] = mapped_column(default=False)


class CatalogProduct(Base):
    """A product of the store's catalogue (Shopify Product): title, type, vendor, tags, the
    names of its options, and the warranty length resolved from the store's policy at import."""

    __tablename__ = "catalog_products"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(40), unique=True)
    handle: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255))
    product_type: Mapped[str] = mapped_column(String(100), index=True)
    vendor: Mapped[str] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    tags: Mapped[list[str]] = mapped_column(JSON())
    options: Mapped[list[str]] = mapped_column(JSON())
    status: Mapped[str] = mapped_column(String(20), default="active")
    warranty_months: Mapped[int]
    subscription_eligible: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(Text())
    updated_at: Mapped[datetime]
    variants: Mapped[list[CatalogVariant]] = relationship(
        back_populates="product", order_by="CatalogVariant.position"
    )


class CatalogVariant(Base):
    """One purchasable variant (Shopify Variant): its SKU, option values and price."""

    __tablename__ = "catalog_variants"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(40), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(255))
    options: Mapped[dict[str, str]] = mapped_column(JSON())
    price: Mapped[Decimal]
    position: Mapped[int] = mapped_column(default=1)
    product: Mapped[CatalogProduct] = relationship(back_populates="variants")


class SubscriptionPlan(Base):
    """A subscription price for a quantity per delivery (from the store's policy file)."""

    __tablename__ = "subscription_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    quantity: Mapped[int]
    price: Mapped[Decimal]


class ExternalRef(Base):
    """Which local row an imported record (kind + the platform's id) became: re-imports update
    that row in place."""

    __tablename__ = "external_refs"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    local_id: Mapped[int]


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus))
    placed_at: Mapped[datetime]
    processing_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    shipping_method: Mapped[str] = mapped_column(String(16), default="standard")
    subtotal: Mapped[Decimal]
    shipping: Mapped[Decimal]
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(6, 5))
    tax: Mapped[Decimal]
    total: Mapped[Decimal]
    payment_brand: Mapped[str] = mapped_column(String(20))
    payment_last4: Mapped[str] = mapped_column(String(4))
    billing_address: Mapped[Json]
    shipping_address: Mapped[Json]
    confirmation_email_status: Mapped[EmailStatus] = mapped_column(_enum(EmailStatus))
    confirmation_email_at: Mapped[datetime | None]
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("subscriptions.id"))
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.id")
    shipments: Mapped[list[Shipment]] = relationship(order_by="Shipment.id")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    variant: Mapped[Json]
    quantity: Mapped[int]
    unit_price: Mapped[Decimal]
    line_total: Mapped[Decimal]
    order: Mapped[Order] = relationship(back_populates="lines")


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(16))
    service: Mapped[str] = mapped_column(String(32))
    tracking_number: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[ShipmentStatus] = mapped_column(_enum(ShipmentStatus))
    events: Mapped[list[Json]] = mapped_column(JSON())
    estimated_from: Mapped[date] = mapped_column(Date())
    estimated_to: Mapped[date] = mapped_column(Date())
    last_event_at: Mapped[datetime]


class Subscription(Base):
    __tablename__ = "subscriptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    grind: Mapped[str] = mapped_column(String(20), default="whole bean")
    quantity: Mapped[int]
    frequency: Mapped[str] = mapped_column(String(20))
    price: Mapped[Decimal]
    status: Mapped[SubscriptionStatus] = mapped_column(_enum(SubscriptionStatus))
    next_delivery_date: Mapped[date | None] = mapped_column(Date())
    paused_until: Mapped[date | None] = mapped_column(Date())
    started_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    first_order_number: Mapped[str | None] = mapped_column(String(32))
    events: Mapped[list[SubscriptionEvent]] = relationship(order_by="SubscriptionEvent.id")


class SubscriptionEvent(Base):
    """Skip, pause, resume, frequency change, swap and cancel history."""

    __tablename__ = "subscription_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    details: Mapped[Json]


class WarrantyRegistration(Base):
    __tablename__ = "warranty_registrations"
    __table_args__ = (UniqueConstraint("sku", "serial_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[str] = mapped_column(String(12), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    serial_number: Mapped[str] = mapped_column(String(40))
    registered_at: Mapped[datetime]


class EscalationTicket(Base):
    __tablename__ = "escalation_tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_number: Mapped[str] = mapped_column(String(16), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    order_number: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text())
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime]


class Feedback(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    csat: Mapped[int | None]
    nps: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text())
    created_at: Mapped[datetime]


class ActionConfirmation(Base):
    """A server-issued, single-use confirmation for one previewed action."""

    __tablename__ = "action_confirmations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    args: Mapped[Json]
    summary: Mapped[str] = mapped_column(Text())
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    declined_at: Mapped[datetime | None]


class AuditRecord(Base):
    __tablename__ = "action_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    conversation_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20))
    confirmation_id: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[Json]


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("customer_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    key: Mapped[str] = mapped_column(String(128))
    confirmation_id: Mapped[str] = mapped_column(String(32))
    result: Mapped[Json]
    created_at: Mapped[datetime]


class OutboxMessage(Base):
    """Messages to send (emails, proactive notices); a worker delivers and marks them sent."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status", "status", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[Json]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    # delivery (migration 2): not before ``send_after`` (quiet hours, scheduled notices), the
    # tries so far and the last failure
    send_after: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(200))


class VerificationState(Base):
    """Failed identity checks per conversation and the lock that follows too many."""

    __tablename__ = "verification_state"
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class ProcessedEvent(Base):
    """A store or carrier event already handled (``POST /v1/events``): a replayed id changes
    nothing and gets the first outcome back."""

    __tablename__ = "processed_events"
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime]
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"))
    suppressed: Mapped[str | None] = mapped_column(String(40))


class ProactiveMessage(Base):
    """A proactive notice queued in the outbox. ``id`` is public and unguessable: a reply to the
    notice opens a conversation linked to it (``conversation_id``)."""

    __tablename__ = "proactive_messages"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), unique=True)
    event_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_number: Mapped[str | None] = mapped_column(String(32))
    subscription_id: Mapped[int | None]
    sku: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    conversation_id: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None]


class CustomerVerification(Base):
    """A successful identity check: the customer a conversation is verified as, and how. Written
    only by ``IdentityService``; a stored conversation gets its customer back only through it."""

    __tablename__ = "conversation_verifications"
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    verified_at: Mapped[datetime]


# The conversation and shared-limit tables and the returns, refunds, stock and payment-method
# tables live in modules of their own; importing them here registers them on ``Base.metadata``
# whenever the models are imported.
from assistant.store import models_conversations as _models_conversations  # noqa: E402, F401
from assistant.store import models_returns as _models_returns  # noqa: E402, F401
