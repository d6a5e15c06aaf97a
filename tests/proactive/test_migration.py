"""Migration 2 on a database created before it (version 1 without the proactive tables and the
outbox delivery columns)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from assistant.store.db import make_engine
from assistant.store.migrations import HEAD, migrate


def test_version_1_database_gets_the_proactive_schema(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine)
    with engine.begin() as connection:  # roll the database back to what version 1 created
        connection.execute(text("DROP TABLE proactive_messages"))
        connection.execute(text("DROP TABLE processed_events"))
        for column in ("send_after", "attempts", "last_error"):
            connection.execute(text(f"ALTER TABLE outbox DROP COLUMN {column}"))
        connection.execute(
            text(
                "INSERT INTO outbox (customer_id, channel, recipient, kind, payload, status, "
                "created_at) VALUES (NULL, 'email', 'a@b.c', 'order_confirmation', '{}', "
                "'pending', '2026-01-20 15:00:00')"
            )
        )
        connection.execute(text("DELETE FROM schema_version WHERE version >= 2"))
    assert migrate(engine) == HEAD
    inspector = inspect(engine)
    assert {"processed_events", "proactive_messages"} <= set(inspector.get_table_names())
    columns = {c["name"]: c for c in inspector.get_columns("outbox")}
    assert columns["attempts"]["nullable"] is False
    assert columns["send_after"]["nullable"] and columns["last_error"]["nullable"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT attempts FROM outbox")).scalar() == 0
    engine.dispose()
