"""A pinned store clock over a database seeded for another day is refused at start, with a
message that says what to do; the same day, or the real clock, opens as before."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.store.clock import ClockMismatch
from assistant.store.store import open_store
from tests.support import NOW

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clock") / "seeded.db"
    open_store(
        Settings(environment="test", database_url=f"sqlite:///{path}", store_now=NOW)
    ).close()
    return path


def _open(seeded: Path, tmp_path: Path, store_now: datetime | None) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(seeded, copy)
    settings = Settings(environment="test", database_url=f"sqlite:///{copy}", store_now=store_now)
    open_store(settings).close()


def test_another_day_is_refused_with_a_clear_message(seeded: Path, tmp_path: Path) -> None:
    with pytest.raises(ClockMismatch) as caught:
        _open(seeded, tmp_path, NOW + timedelta(days=3))
    message = str(caught.value)
    assert "2026-01-23" in message and "2026-01-20" in message
    assert "AFTERCARE_STORE_NOW" in message and NOW.isoformat() in message


def test_the_same_store_day_opens(seeded: Path, tmp_path: Path) -> None:
    _open(seeded, tmp_path, NOW + timedelta(hours=5))


def test_the_real_clock_is_not_checked(seeded: Path, tmp_path: Path) -> None:
    _open(seeded, tmp_path, None)
