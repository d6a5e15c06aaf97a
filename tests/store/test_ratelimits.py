"""The database-backed sliding window (``assistant.store.ratelimits``) on a SQLite file: the
same contract as the in-memory limiter, shared by every limiter object on the database."""

from __future__ import annotations

from pathlib import Path

from assistant.store.db import make_engine
from assistant.store.migrations import migrate
from assistant.store.ratelimits import StoreWindowLimiter, shared_limits_for


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_slides_and_is_shared(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'limits.db'}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    clock = Clock()
    first, second = (StoreWindowLimiter(url, 3, 60, name="ip", clock=clock) for _ in range(2))
    try:
        assert first.hit("a") is None
        clock.now += 5
        assert [second.hit("a"), first.hit("a")] == [None, None]
        clock.now += 5
        assert second.hit("a") == 50  # the first hit leaves the window in 50 s
        assert first.hit("b") is None  # keys are counted apart
        other = StoreWindowLimiter(url, 3, 60, name="conversation", clock=clock)
        assert other.hit("a") is None  # and so are limits
        other.close()
        clock.now += 50.5
        assert first.hit("a") is None  # the first hit left; the refused one was not counted
        assert second.hit("a") == 4.5
    finally:
        first.close()
        second.close()


def test_shared_only_on_a_server_database() -> None:
    assert shared_limits_for("postgresql+psycopg://u@127.0.0.1/db")
    assert not shared_limits_for("sqlite:///var/store.db")
