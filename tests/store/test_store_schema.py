from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from assistant.store.db import make_engine
from assistant.store.migrations import (
    HEAD,
    SCHEMA_FINGERPRINT,
    SchemaTooNew,
    current_version,
    migrate,
    schema_fingerprint,
    schema_version,
)
from assistant.store.models import Base


def test_models_match_the_recorded_fingerprint() -> None:
    # Changing models.py needs a new migration and a new SCHEMA_FINGERPRINT.
    assert schema_fingerprint(Base.metadata) == SCHEMA_FINGERPRINT


def test_migrated_schema_equals_orm_metadata() -> None:
    engine = make_engine("sqlite://")
    assert current_version(engine) == 0
    assert migrate(engine) == HEAD
    assert migrate(engine) == HEAD  # idempotent
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == set(Base.metadata.tables) | {"schema_version"}
    for name, table in Base.metadata.tables.items():
        reflected = {c["name"]: c for c in inspector.get_columns(name)}
        assert set(reflected) == set(table.columns.keys()), name
        for column in table.columns:
            assert reflected[column.name]["nullable"] == column.nullable, (name, column.name)


def test_newer_database_is_refused() -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(schema_version).values(
                version=HEAD + 1, description="future", applied_at=text("CURRENT_TIMESTAMP")
            )
        )
    with pytest.raises(SchemaTooNew):
        migrate(engine)


def test_schema_compiles_for_postgres() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in Base.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "CREATE TABLE" in ddl
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    orders = str(CreateTable(Base.metadata.tables["orders"]).compile(dialect=dialect))
    assert "NUMERIC(12, 2)" in orders and "TIMESTAMP WITH TIME ZONE" in orders


@pytest.mark.integration
def test_sqlite_file_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    engine.dispose()


def test_a_version_3_database_gains_the_catalogue_tables() -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    new = ("external_refs", "subscription_plans", "catalog_variants", "catalog_products")
    with engine.begin() as connection:
        for table in new:
            connection.exec_driver_sql(f"DROP TABLE {table}")
        connection.exec_driver_sql("DELETE FROM schema_version WHERE version >= 4")
    assert current_version(engine) == 3
    assert migrate(engine) == HEAD == 8
    inspector = inspect(engine)
    assert set(new) <= set(inspector.get_table_names())
    for name in new:
        reflected = {c["name"] for c in inspector.get_columns(name)}
        assert reflected == set(Base.metadata.tables[name].columns.keys()), name
