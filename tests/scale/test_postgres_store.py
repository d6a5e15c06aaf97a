"""The store on a real PostgreSQL (``pytest --engines``): every migration applies and yields
exactly the ORM's schema, workers that start together migrate and seed once, and the shared
rate limit never lets two processes take the last slot."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from assistant.store.db import make_engine
from assistant.store.migrations import HEAD, current_version, migrate
from assistant.store.models import Base, Customer, Order
from assistant.store.ratelimits import StoreWindowLimiter
from assistant.store.store import open_store
from tests.engines import PostgresServer
from tests.support import make_settings


def _fresh(server: PostgresServer) -> str:
    return server.url(server.create_database())


def _together(count: int, work: Callable[[int], Any]) -> list[Any]:
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


@pytest.mark.integration
def test_every_migration_applies_and_gives_the_orm_schema(postgres_server: PostgresServer) -> None:
    engine = make_engine(_fresh(postgres_server))
    try:
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
    finally:
        engine.dispose()


@pytest.mark.integration
def test_workers_starting_together_migrate_and_seed_once(postgres_server: PostgresServer) -> None:
    settings = make_settings(Path("unused.db"), database_url=_fresh(postgres_server))

    def start(_: int) -> tuple[int, int]:
        store = open_store(settings)
        try:
            with store.sessions() as session:
                customers = session.scalar(select(func.count()).select_from(Customer)) or 0
                orders = session.scalar(select(func.count()).select_from(Order)) or 0
            return customers, orders
        finally:
            store.close()

    counts = _together(3, start)
    assert not [c for c in counts if isinstance(c, Exception)], counts
    reference = open_store(make_settings(Path("unused.db"), database_url=_fresh(postgres_server)))
    try:
        with reference.sessions() as session:
            expected = (
                session.scalar(select(func.count()).select_from(Customer)),
                session.scalar(select(func.count()).select_from(Order)),
            )
    finally:
        reference.close()
    assert set(counts) == {expected}  # seeded once: the same data as a single start


@pytest.mark.integration
def test_the_shared_limit_admits_exactly_the_limit(postgres_server: PostgresServer) -> None:
    url = _fresh(postgres_server)
    migrate_engine = make_engine(url)
    migrate(migrate_engine)
    migrate_engine.dispose()
    workers = [StoreWindowLimiter(url, 5, name="test") for _ in range(2)]  # two processes' own
    try:
        outcomes = _together(12, lambda i: workers[i % 2].hit("client-1"))
        assert [o for o in outcomes if isinstance(o, Exception)] == []
        assert sum(o is None for o in outcomes) == 5
        assert all(o is not None and 0 < o <= 60 for o in outcomes if o is not None)
        assert workers[0].hit("client-2") is None  # another key has its own window
    finally:
        for limiter in workers:
            limiter.close()


@pytest.mark.integration
def test_a_turn_waits_for_the_one_before_it_then_gives_up(postgres_server: PostgresServer) -> None:
    from assistant.conversations.errors import ConversationBusy
    from assistant.conversations.repository import ConversationRepository, TurnOutcome

    store = open_store(make_settings(Path("unused.db"), database_url=_fresh(postgres_server)))
    try:
        first, second = ConversationRepository(store), ConversationRepository(store)
        first.create("c1", token_hash="x", customer_id=None, state={}, greeting="Hi")
        held, release = threading.Event(), threading.Event()

        def long_turn() -> None:
            with first.turn("c1") as turn:
                held.set()
                release.wait(30)
                turn.save(TurnOutcome(state={"turns": 1}, customer_id=None, status="open"))

        worker = threading.Thread(target=long_turn)
        worker.start()
        assert held.wait(30)
        with pytest.raises(ConversationBusy), second.turn("c1", lock_timeout=0.2):
            pass
        release.set()
        worker.join(30)
        with second.turn("c1") as turn:  # runs after the first: sees its saved state
            assert turn.record.version == 1 and turn.record.state == {"turns": 1}
            assert [m.text for m in turn.history] == ["Hi"]
    finally:
        store.close()
