"""Migrations 5 to 8 as they were written (see ``migrations``): returns, refunds, stock and
payment methods on file; failed verifications; shared rate-limit hits; when a return arrived."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    inspect,
)
from sqlalchemy.schema import CreateColumn

from assistant.store.types import UTCDateTime


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer version of this code."""


# Migration 5 as it was written: self-service returns (returns, their lines, refunds), stock of
# catalogue variants (exchanges) and the payment methods customers keep on file (order edits).
_v5 = MetaData()
Table("customers", _v5, Column("id", Integer, primary_key=True))
Table("orders", _v5, Column("id", Integer, primary_key=True))
Table("order_lines", _v5, Column("id", Integer, primary_key=True))
_v5_returns = Table(
    "returns",
    _v5,
    Column("id", Integer, primary_key=True),
    Column("rma", String(20), nullable=False, unique=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("refund_to", String(20), nullable=False),
    Column("items_amount", Numeric(12, 2), nullable=False),
    Column("tax_amount", Numeric(12, 2), nullable=False),
    Column("shipping_refund", Numeric(12, 2), nullable=False),
    Column("fee", Numeric(12, 2), nullable=False),
    Column("refund_total", Numeric(12, 2), nullable=False),
    Column("answers", JSON(), nullable=False),
    Column("note", Text(), nullable=True),
    Column("exchange_order_number", String(32), nullable=True),
    Column("carrier", String(40), nullable=False),
    Column("label_file", String(255), nullable=False),
    Column("drop_off_by", Date(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_returns_customer_id", "customer_id"),
    Index("ix_returns_order_id", "order_id"),
)
_v5_return_lines = Table(
    "return_lines",
    _v5,
    Column("id", Integer, primary_key=True),
    Column("return_id", Integer, ForeignKey("returns.id"), nullable=False),
    Column("order_line_id", Integer, ForeignKey("order_lines.id"), nullable=False),
    Column("sku", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("variant", JSON(), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Numeric(12, 2), nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    Index("ix_return_lines_return_id", "return_id"),
    Index("ix_return_lines_order_line_id", "order_line_id"),
)
_v5_refunds = Table(
    "refunds",
    _v5,
    Column("id", Integer, primary_key=True),
    Column("reference", String(20), nullable=False, unique=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("return_id", Integer, ForeignKey("returns.id"), nullable=True),
    Column("amount", Numeric(12, 2), nullable=False),
    Column("destination", String(20), nullable=False),
    Column("method", String(60), nullable=False),
    Column("status", String(20), nullable=False),
    Column("expected_from", Date(), nullable=True),
    Column("expected_to", Date(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=True),
    Index("ix_refunds_customer_id", "customer_id"),
    Index("ix_refunds_order_id", "order_id"),
)
_v5_stock = Table(
    "variant_stock",
    _v5,
    Column("variant_external_id", String(40), primary_key=True),
    Column("available", Integer, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)
_v5_payment_methods = Table(
    "payment_methods",
    _v5,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("brand", String(20), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("is_default", Boolean, nullable=False),
    Index("ix_payment_methods_customer_id", "customer_id"),
)


def returns_schema(connection: Connection) -> None:
    _v5.create_all(
        connection,
        tables=[_v5_returns, _v5_return_lines, _v5_refunds, _v5_stock, _v5_payment_methods],
        checkfirst=True,
    )


# Migration 6 as it was written: failed verifications per order, email and client.
_v6 = MetaData()
_v6_throttle = Table(
    "verification_throttle",
    _v6,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locks", Integer, nullable=False),
    Column("locked_until", UTCDateTime(), nullable=True),
    Column("updated_at", UTCDateTime(), nullable=False),
)


def throttle_schema(connection: Connection) -> None:
    _v6.create_all(connection, tables=[_v6_throttle], checkfirst=True)


# Migration 7 as it was written: requests counted by rate limits that all workers share.
_v7 = MetaData()
_v7_hits = Table(
    "rate_limit_hits",
    _v7,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),
    Column("at", Float(), nullable=False),
    Index("ix_rate_limit_hits_key_at", "key", "at"),
)


def rate_limit_schema(connection: Connection) -> None:
    _v7.create_all(connection, tables=[_v7_hits], checkfirst=True)


# Migration 8 as it was written: when a return's parcel reached the store (the refund lifecycle:
# label sent, received, refunded).
_v8_received_at: Column[datetime] = Column("received_at", UTCDateTime(), nullable=True)


def return_received_schema(connection: Connection) -> None:
    present = {c["name"] for c in inspect(connection).get_columns("returns")}
    if _v8_received_at.name not in present:
        ddl = CreateColumn(_v8_received_at).compile(dialect=connection.dialect)
        connection.exec_driver_sql(f"ALTER TABLE returns ADD COLUMN {ddl}")
