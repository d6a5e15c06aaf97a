from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from assistant.admin.reingest import ReingestRunner
from ingest.embedding import Embedder, HashingEmbedder
from ingest.errors import IngestLocked
from ingest.pipeline import Options, Summary
from tests.proactive.factory import NOW

OPTIONS = Options(corpus=Path("corpus"), store=Path("index"))


class BlockingRun:
    """A stand-in for run_ingestion that waits until released."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.release = threading.Event()
        self.calls: list[Options] = []
        self.fail = fail

    def __call__(self, options: Options, factory: Callable[[], Embedder]) -> Summary:
        self.calls.append(options)
        factory()
        self.release.wait(5)
        if self.fail is not None:
            raise self.fail
        return Summary(
            corpus=str(options.corpus),
            store=str(options.store),
            seen=3,
            added=1,
            version="v2",
            switched=True,
        )


def runner(run: BlockingRun, refreshes: list[int]) -> ReingestRunner:
    def refresh() -> bool:
        refreshes.append(1)
        return True

    return ReingestRunner(OPTIONS, HashingEmbedder, refresh=refresh, now=lambda: NOW, run=run)


def test_one_run_at_a_time_then_refresh() -> None:
    run, refreshes = BlockingRun(), []
    r = runner(run, refreshes)
    assert r.last_run().status == "idle"
    assert r.start() is True
    assert r.running and r.start() is False
    run.release.set()
    r.join(5)
    last = r.last_run()
    assert last.status == "succeeded"
    assert last.summary is not None and last.summary["documents"]["added"] == 1
    assert last.summary["index"]["version"] == "v2"
    assert last.refreshed is True and refreshes == [1]
    assert (last.started_at, last.finished_at) == (NOW, NOW)
    assert r.start() is True  # a new run may start once the last one ended
    r.join(5)
    assert len(run.calls) == 2


def test_a_failed_run_is_recorded_and_nothing_refreshes() -> None:
    run, refreshes = BlockingRun(fail=IngestLocked("another ingestion is running")), []
    run.release.set()
    r = runner(run, refreshes)
    r.start()
    r.join(5)
    last = r.last_run()
    assert (last.status, last.error) == ("failed", "another ingestion is running")
    assert refreshes == []


def test_an_unexpected_error_is_recorded_without_internals() -> None:
    run, refreshes = BlockingRun(fail=KeyError("chunk")), []
    run.release.set()
    r = runner(run, refreshes)
    r.start()
    r.join(5)
    assert r.last_run().error == "re-ingestion failed (KeyError)"
