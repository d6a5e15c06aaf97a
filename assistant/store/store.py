"""``open_store(settings)``: engine, migrations and demo data in one call (CLI, API lifespan)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.settings import Settings
from assistant.store.clock import (
    Clock,
    ClockMismatch,
    check_pinned_clock,
    clock_from_settings,
)
from assistant.store.db import (
    make_engine,
    session_factory,
    startup_lock,
    write_session_factory,
)
from assistant.store.demo import seed_demo
from assistant.store.migrations import migrate
from assistant.store.models import StoreMeta
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
    store = Store(
        engine,
        session_factory(engine),
        write_session_factory(engine),
        clock or clock_from_settings(settings),
    )
    with startup_lock(engine):  # several workers may start at once
        migrate(engine)
        if settings.seed_demo_data if seed is None else seed:
            policy = load_policy(settings.store_policy_path)
            seed_demo(store.write_sessions, store.clock, settings.demo_seed, policy)
    if clock is None:  # the settings' clock: a pinned one must match the data's date
        with store.sessions() as session:
            seeded = session.get(StoreMeta, "demo_now")
        try:
            check_pinned_clock(settings, seeded.value if seeded else None)
        except ClockMismatch:
            engine.dispose()
            raise
    return store
