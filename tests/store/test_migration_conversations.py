"""Migration 3 (conversations) applied to a database at version 2 gives the ORM's schema."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, inspect

from assistant.store.db import make_engine
from assistant.store.migrations import HEAD, current_version, migrate, schema_version
from assistant.store.models import Base

NEW_TABLES = {"conversations", "conversation_messages", "conversation_verifications"}


def test_version_2_database_gains_the_conversation_tables() -> None:
    engine = make_engine("sqlite://")
    old = [t for t in Base.metadata.sorted_tables if t.name not in NEW_TABLES]
    with engine.begin() as connection:
        schema_version.metadata.create_all(connection)
        Base.metadata.create_all(connection, tables=old)
        for version in (1, 2):
            connection.execute(
                insert(schema_version).values(
                    version=version, description="old", applied_at=datetime.now(UTC)
                )
            )
    assert current_version(engine) == 2
    assert HEAD >= 3 and migrate(engine) == HEAD
    inspector = inspect(engine)
    for name in NEW_TABLES:
        table = Base.metadata.tables[name]
        reflected = {c["name"]: c for c in inspector.get_columns(name)}
        assert set(reflected) == set(table.columns.keys()), name
        for column in table.columns:
            assert reflected[column.name]["nullable"] == column.nullable, (name, column.name)
        indexed = {tuple(i["column_names"]) for i in inspector.get_indexes(name)}
        assert indexed == {tuple(c.name for c in i.columns) for i in table.indexes}, name
