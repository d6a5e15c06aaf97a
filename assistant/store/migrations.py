"""Checked schema versions: a ``schema_version`` table and an ordered list of migrations.

``migrate(engine)`` applies every migration newer than the database's version, each in its own
transaction, and refuses a database newer than this code. Migration 1 creates the tables of the
ORM metadata as they were at version 1; later changes to ``models.py`` must come with a new
migration (explicit, portable DDL through ``sqlalchemy`` constructs) and a new
``SCHEMA_FINGERPRINT``: ``tests/store/test_migrations.py`` fails otherwise, and also checks that
a migrated database has exactly the ORM's tables and columns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
)
from sqlalchemy.schema import CreateColumn

from assistant.store.migrations_later import (
    rate_limit_schema,
    return_received_schema,
    returns_schema,
    throttle_schema,
)
from assistant.store.models import Base
from assistant.store.types import UTCDateTime


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer version of this code."""


_version_metadata = MetaData()
schema_version = Table(
    "schema_version",
    _version_metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial_schema(connection: Connection) -> None:
    Base.metadata.create_all(connection)


# Migration 2 as it was written: its own table definitions, so later model changes don't alter
# it. Stubs stand in for the tables its foreign keys point at. A database created at version 1
# by this code already has these tables and columns (``create_all`` of the current models), so
# every step checks first.
_v2 = MetaData()
Table("customers", _v2, Column("id", Integer, primary_key=True))
Table("outbox", _v2, Column("id", Integer, primary_key=True))
_v2_processed_events = Table(
    "processed_events",
    _v2,
    Column("event_id", String(128), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("occurred_at", UTCDateTime(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("outbox_id", Integer, ForeignKey("outbox.id"), nullable=True),
    Column("suppressed", String(40), nullable=True),
)
_v2_proactive_messages = Table(
    "proactive_messages",
    _v2,
    Column("id", String(40), primary_key=True),
    Column("outbox_id", Integer, ForeignKey("outbox.id"), nullable=False, unique=True),
    Column("event_id", String(128), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("order_number", String(10), nullable=True),
    Column("subscription_id", Integer, nullable=True),
    Column("sku", String(32), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("conversation_id", String(64), nullable=True),
    Column("replied_at", UTCDateTime(), nullable=True),
    Index("ix_proactive_messages_customer_id", "customer_id"),
)
_v2_outbox_columns: tuple[Column[Any], ...] = (
    Column("send_after", UTCDateTime(), nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", String(200), nullable=True),
)


def _proactive_schema(connection: Connection) -> None:
    _v2.create_all(
        connection, tables=[_v2_processed_events, _v2_proactive_messages], checkfirst=True
    )
    present = {c["name"] for c in inspect(connection).get_columns("outbox")}
    for column in _v2_outbox_columns:
        if column.name not in present:
            ddl = CreateColumn(column).compile(dialect=connection.dialect)
            connection.exec_driver_sql(f"ALTER TABLE outbox ADD COLUMN {ddl}")


# Migration 3 as it was written (same rules as migration 2): conversations of the HTTP API,
# their transcripts, and the identity each conversation was verified as.
_v3 = MetaData()
Table("customers", _v3, Column("id", Integer, primary_key=True))
_v3_verifications = Table(
    "conversation_verifications",
    _v3,
    Column("conversation_id", String(64), primary_key=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("method", String(20), nullable=False),
    Column("verified_at", UTCDateTime(), nullable=False),
    Index("ix_conversation_verifications_customer_id", "customer_id"),
)
_v3_conversations = Table(
    "conversations",
    _v3,
    Column("id", String(64), primary_key=True),
    Column("token_hash", String(64), nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=True),
    Column("status", String(16), nullable=False),
    Column("state", JSON(), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_conversations_customer_id", "customer_id"),
)
_v3_messages = Table(
    "conversation_messages",
    _v3,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", String(64), ForeignKey("conversations.id"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("text", Text(), nullable=False),
    Column("reply", JSON(none_as_null=True), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_conversation_messages_conversation_id", "conversation_id"),
)


def _conversation_schema(connection: Connection) -> None:
    _v3.create_all(
        connection,
        tables=[_v3_verifications, _v3_conversations, _v3_messages],
        checkfirst=True,
    )


# Migration 4 as it was written: the catalogue as data (products, variants, subscription plans),
# the map from imported records' platform ids to local rows, and order numbers in any store's
# format (up to 32 characters; SQLite does not enforce VARCHAR lengths, Postgres is altered).
_v4 = MetaData()
_v4_products = Table(
    "catalog_products",
    _v4,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(40), nullable=False, unique=True),
    Column("handle", String(255), nullable=False),
    Column("title", String(255), nullable=False),
    Column("product_type", String(100), nullable=False),
    Column("vendor", String(100), nullable=False),
    Column("model", String(100), nullable=True),
    Column("tags", JSON(), nullable=False),
    Column("options", JSON(), nullable=False),
    Column("status", String(20), nullable=False),
    Column("warranty_months", Integer, nullable=False),
    Column("subscription_eligible", Boolean, nullable=False),
    Column("description", Text(), nullable=True),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_catalog_products_product_type", "product_type"),
)
_v4_variants = Table(
    "catalog_variants",
    _v4,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(40), nullable=False, unique=True),
    Column("product_id", Integer, ForeignKey("catalog_products.id"), nullable=False),
    Column("sku", String(32), nullable=False),
    Column("title", String(255), nullable=False),
    Column("options", JSON(), nullable=False),
    Column("price", Numeric(12, 2), nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_catalog_variants_product_id", "product_id"),
    Index("ix_catalog_variants_sku", "sku"),
)
_v4_plans = Table(
    "subscription_plans",
    _v4,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("quantity", Integer, nullable=False),
    Column("price", Numeric(12, 2), nullable=False),
)
_v4_refs = Table(
    "external_refs",
    _v4,
    Column("kind", String(20), primary_key=True),
    Column("external_id", String(40), primary_key=True),
    Column("local_id", Integer, nullable=False),
)
_v4_order_number_columns = (
    ("orders", "number"),
    ("subscriptions", "first_order_number"),
    ("escalation_tickets", "order_number"),
    ("proactive_messages", "order_number"),
)


def _catalogue_schema(connection: Connection) -> None:
    _v4.create_all(
        connection, tables=[_v4_products, _v4_variants, _v4_plans, _v4_refs], checkfirst=True
    )
    if connection.dialect.name == "postgresql":
        for table, column in _v4_order_number_columns:
            connection.exec_driver_sql(
                f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(32)"
            )


_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: commerce records, confirmations, audit, outbox", _initial_schema),
    Migration(
        2,
        "proactive messages: processed events, proactive messages, outbox delivery columns",
        _proactive_schema,
    ),
    Migration(
        3,
        "conversations: conversations, their messages, verified identities",
        _conversation_schema,
    ),
    Migration(
        4,
        "catalogue as data: products, variants, subscription plans, import refs; longer "
        "order numbers",
        _catalogue_schema,
    ),
    Migration(
        5,
        "self-service returns: returns, return lines, refunds, variant stock, payment methods "
        "on file",
        returns_schema,
    ),
    Migration(
        6,
        "verification lockout across conversations: failures per order, email and client",
        throttle_schema,
    ),
    Migration(7, "rate limits shared by all workers: counted requests", rate_limit_schema),
    Migration(8, "refund lifecycle: when a return reached the store", return_received_schema),
)
MIGRATIONS = tuple(sorted(_MIGRATIONS, key=lambda m: m.version))
HEAD = MIGRATIONS[-1].version

# sha256 of schema_description(Base.metadata) at HEAD; update it together with a new migration.
SCHEMA_FINGERPRINT = "a1749a46ddda2cf3"


def schema_description(metadata: MetaData) -> str:
    """Tables, columns (type, nullability), primary keys and unique constraints, sorted."""
    lines: list[str] = []
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        for column in table.columns:
            targets = sorted(fk.target_fullname for fk in column.foreign_keys)
            lines.append(
                f"{table.name}.{column.name} {column.type!r} null={column.nullable} "
                f"pk={column.primary_key} unique={bool(column.unique)} fk={targets}"
            )
        uniques = sorted(
            str(sorted(c.name for c in uc.columns))
            for uc in table.constraints
            if isinstance(uc, UniqueConstraint)
        )
        lines += [f"{table.name} unique {u}" for u in uniques]
    return "\n".join(lines)


def schema_fingerprint(metadata: MetaData = Base.metadata) -> str:
    return hashlib.sha256(schema_description(metadata).encode()).hexdigest()[:16]


def current_version(engine: Engine) -> int:
    """The database's schema version; 0 for an empty database."""
    if not inspect(engine).has_table("schema_version"):
        return 0
    with engine.connect() as connection:
        versions = connection.execute(select(schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Bring the database to ``HEAD``; returns the version it is at afterwards."""
    _version_metadata.create_all(engine)
    version = current_version(engine)
    if version > HEAD:
        raise SchemaTooNew(f"database schema version {version} is newer than this code ({HEAD})")
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        with engine.begin() as connection:
            migration.apply(connection)
            connection.execute(
                insert(schema_version).values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(UTC),
                )
            )
    return current_version(engine)
