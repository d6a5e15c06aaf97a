from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.store import Store
from tests.proactive.factory import NOW, TZ, make_settings, make_store


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, TZ)


@pytest.fixture
def store(settings: Settings, clock: FixedClock) -> Iterator[Store]:
    s = make_store(settings, clock)
    yield s
    s.close()
