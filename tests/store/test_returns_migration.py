"""Migration 5: a version-4 database gains the returns, refunds, stock and payment-method tables
with exactly the ORM's columns; migration 8: a version-7 one gains ``returns.received_at``."""

from __future__ import annotations

from sqlalchemy import inspect

from assistant.store.db import make_engine
from assistant.store.migrations import HEAD, current_version, migrate
from assistant.store.models import Base

NEW = ("return_lines", "refunds", "returns", "variant_stock", "payment_methods")


def test_a_version_4_database_gains_the_returns_tables() -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    with engine.begin() as connection:
        for table in NEW:  # children first: foreign keys
            connection.exec_driver_sql(f"DROP TABLE {table}")
        connection.exec_driver_sql("DELETE FROM schema_version WHERE version >= 5")
    assert current_version(engine) == 4
    assert migrate(engine) == HEAD
    inspector = inspect(engine)
    for name in NEW:
        reflected = {c["name"] for c in inspector.get_columns(name)}
        assert reflected == set(Base.metadata.tables[name].columns.keys()), name
    engine.dispose()


def test_a_version_7_database_gains_when_returns_were_received() -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE returns DROP COLUMN received_at")
        connection.exec_driver_sql("DELETE FROM schema_version WHERE version >= 8")
    assert current_version(engine) == 7
    assert migrate(engine) == HEAD == 8
    reflected = {c["name"] for c in inspect(engine).get_columns("returns")}
    assert reflected == set(Base.metadata.tables["returns"].columns.keys())
    engine.dispose()
