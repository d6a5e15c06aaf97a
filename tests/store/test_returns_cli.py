"""``assistant store receive-return RMA [--issue-refund]`` and ``assistant store issue-refund
RMA``: the returns desk from the command line (exit 0 done, 1 unknown RMA or wrong state)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.cli import main
from assistant.settings import get_settings
from assistant.store.clock import FixedClock
from assistant.store.models_returns import ReturnRecord
from assistant.store.store import open_store
from tests.support import NOW, TZ, make_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """The seeded demo store's URL and the RMA of its return still on the way (Morgan's)."""
    db = tmp_path / "demo.db"
    store = open_store(make_settings(db), clock=FixedClock(NOW, TZ))
    with store.sessions() as session:
        rma = session.scalars(
            select(ReturnRecord.rma).where(ReturnRecord.status == "label_sent")
        ).one()
    store.close()
    monkeypatch.setenv("AFTERCARE_STORE_NOW", NOW.isoformat())
    get_settings.cache_clear()
    yield f"sqlite:///{db}", rma
    get_settings.cache_clear()


def test_receive_then_issue_from_the_command_line(
    demo: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    url, rma = demo
    assert main(["store", "issue-refund", rma, "--database-url", url]) == 1
    assert "has not been received yet" in capsys.readouterr().err
    assert main(["store", "receive-return", rma, "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert f"{rma} (order #40958): received" in out and "processing, expected" in out
    assert main(["store", "issue-refund", rma.lower(), "--database-url", url, "--json"]) == 0
    progress = json.loads(capsys.readouterr().out)
    assert progress["status"] == "refunded" and progress["refunds"][0]["status"] == "issued"
    assert main(["store", "receive-return", rma, "--database-url", url]) == 1
    assert main(["store", "receive-return", "RMA-NOSUCH00", "--database-url", url]) == 1
    assert "There is no return RMA-NOSUCH00" in capsys.readouterr().err


def test_receive_and_issue_in_one_go(demo: tuple[str, str]) -> None:
    url, rma = demo
    assert main(["store", "receive-return", rma, "--issue-refund", "--database-url", url]) == 0
    store = open_store(make_settings(Path(url.removeprefix("sqlite:///"))), seed=False)
    try:
        with store.sessions() as session:
            record = session.scalars(select(ReturnRecord).where(ReturnRecord.rma == rma)).one()
            assert record.status == "refunded" and record.received_at is not None
    finally:
        store.close()
