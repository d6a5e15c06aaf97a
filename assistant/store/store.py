"""``open_store(settings)``: engine, migrations and demo data in one call (CLI, API lifespan)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.settings import Settings
from assistant.store.clock import Clock, clock_from_settings
from assistant.store.db import make_engine, session_factory, write_session_factory
from assistant.store.demo import seed_demo
from assistant.store.migrations import migrate
from assistant.store.policy import load_policy


@dataclass(frozen=True, slots=True)
class Store:
    """The database handles and the clock that every service shares."""

    engine: Engine
    sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    clock: Clock

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    settings: Settings, *, clock: Clock | None = None, seed: bool | None = None
) -> Store:
    """Create (if needed) and migrate the database at ``settings.database_url``; seed the demo
    store into it when ``settings.seed_demo_data`` (or ``seed``) is true and it is not seeded."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    store = Store(
        engine,
        session_factory(engine),
        write_session_factory(engine),
        clock or clock_from_settings(settings),
    )
    if settings.seed_demo_data if seed is None else seed:
        policy = load_policy(settings.store_policy_path)
        seed_demo(store.write_sessions, store.clock, settings.demo_seed, policy)
    return store
