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

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    insert,
    inspect,
    select,
)

from assistant.store.models import Base


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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: commerce records, confirmations, audit, outbox", _initial_schema),
)
HEAD = MIGRATIONS[-1].version

# sha256 of schema_description(Base.metadata) at HEAD; update it together with a new migration.
SCHEMA_FINGERPRINT = "232141b5d04572ac"


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
