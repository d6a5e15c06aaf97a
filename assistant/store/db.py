"""Engine and session factories.

SQLite (the default) gets WAL journaling, enforced foreign keys, a busy timeout and explicit
``BEGIN`` handling so that write transactions can take the write lock up front
(``BEGIN IMMEDIATE``): two writers then queue instead of failing with "database is locked".
Any other SQLAlchemy URL (e.g. ``postgresql+psycopg://user:pass@host/db``) is used as is.

:func:`startup_lock` serialises migrating and seeding between processes that start together
(several uvicorn workers): a PostgreSQL advisory lock, or an ``flock`` beside a SQLite file.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 10_000
_IMMEDIATE = "aftercare_sqlite_immediate"
STARTUP_LOCK_KEY = 0x41_4654_4552  # any constant shared by every process of this service
POOL_SIZE = 20  # connections per process; a turn holds one for its whole transaction


def _is_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def make_engine(url: str, *, echo: bool = False, pool_size: int = POOL_SIZE) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, echo=echo, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size
        )
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    if _is_memory(url):
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, echo=echo, **kwargs)
    memory = _is_memory(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reads (a plain deferred transaction on SQLite)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def write_engine(engine: Engine) -> Engine:
    """``engine`` whose transactions take SQLite's write lock as they begin."""
    return engine.execution_options(**{_IMMEDIATE: True})


def write_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for writes: on SQLite the transaction takes the write lock when it begins."""
    return sessionmaker(bind=engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False)


@contextlib.contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Held by one process at a time: wrap migrating and seeding in it."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK_KEY}
                )
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or _is_memory(str(engine.url)) or not database:
        yield
        return
    with Path(f"{database}.startup-lock").open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
