"""Hot index reload: a version built by the ``ingest`` pipeline while the service runs is
noticed, validated and served; ``/readyz`` reports the served version and fails when a newer
one has waited too long (e.g. it failed validation)."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.api.reload import RequestGate
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion
from ingest.versions import IndexStore
from tests.api.conftest import ApiTemplate, api_settings
from tests.databases import Databases

NEW_DOC = """---
title: Gift Wrapping
doc_type: policy
---
# Gift wrapping

Every order can be gift wrapped in recycled kraft paper with a handwritten zebraflamingo card.
"""


@pytest.fixture
def served(api_template: ApiTemplate, databases: Databases, tmp_path: Path) -> Any:
    """``with served(**settings) as (client, index_dir)``: the app over its own copy of the
    index, which the test may re-ingest into."""
    if api_template.chroma_url:
        pytest.skip("re-ingests into an on-disk index")

    @contextmanager
    def make(**overrides: Any) -> Iterator[tuple[TestClient, Path]]:
        index_dir = tmp_path / "index"
        shutil.copytree(api_template.index_dir, index_dir)
        db = databases.copy(api_template.database)
        app = create_app(api_settings(db, index_dir, **overrides))
        with TestClient(app) as client:
            yield client, index_dir

    return make


def _reingest(index_dir: Path, corpus: Path, embedder: HashingEmbedder | None = None) -> str:
    corpus.mkdir(exist_ok=True)
    (corpus / "gift-wrapping.md").write_text(NEW_DOC, encoding="utf-8")
    summary = run_ingestion(
        Options(corpus=corpus, store=index_dir, rebuild=True), lambda: embedder or HashingEmbedder()
    )
    assert summary.switched and summary.version
    return summary.version


def _wait_for(predicate: Any, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_version_built_by_ingest_is_served(served: Any, tmp_path: Path) -> None:
    with served(index_poll_seconds=0.05) as (client, index_dir):
        before = client.get("/readyz").json()["index"]["served"]
        new = _reingest(index_dir, tmp_path / "corpus")
        assert new != before

        def switched() -> bool:
            return bool(client.get("/readyz").json()["index"]["served"] == new)

        _wait_for(switched)
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["index"]["current"] == new
        retriever = client.app.state.assistant.retriever  # type: ignore[attr-defined]
        hits = retriever.search("zebraflamingo gift wrap card", k=1)
        assert hits and "zebraflamingo" in hits[0].text


def test_readyz_fails_when_a_newer_version_lags_too_long(served: Any, tmp_path: Path) -> None:
    """A version embedded by another model fails validation: the old one keeps serving, and
    once it has lagged past ``index_max_lag_seconds`` the service is not ready."""
    with served(index_poll_seconds=0.05, index_max_lag_seconds=60) as (client, index_dir):
        reloader = client.app.state.services.reloader  # type: ignore[attr-defined]
        now = [1000.0]
        reloader.clock = lambda: now[0]
        before = reloader.retriever.version
        bad = _reingest(index_dir, tmp_path / "corpus", HashingEmbedder(dimension=64))
        _wait_for(lambda: reloader._rejected == bad)
        ready = client.get("/readyz")
        assert ready.status_code == 200  # lagging, but not for long yet
        assert ready.json()["index"] == {"served": before, "current": bad, "lag_seconds": 0.0}
        now[0] += 61
        late = client.get("/readyz")
        assert late.status_code == 503
        assert late.json()["checks"]["index_current"] is False
        assert late.json()["index"]["served"] == before
        assert IndexStore(index_dir).current_name() == bad


def test_the_gate_switches_between_requests() -> None:
    async def scenario() -> list[str]:
        gate, log = RequestGate(), []

        async def request(name: str, seconds: float) -> None:
            await gate.enter()
            log.append(f"{name} starts")
            await asyncio.sleep(seconds)
            log.append(f"{name} ends")
            gate.leave()

        running = asyncio.create_task(request("first", 0.05))
        await asyncio.sleep(0)  # the first request is in

        async def switch() -> None:
            async with gate.exclusive(drain_seconds=5):
                log.append("switch")

        switching = asyncio.create_task(switch())
        await asyncio.sleep(0)
        waiting = asyncio.create_task(request("second", 0))
        await asyncio.gather(running, switching, waiting)
        return log

    assert asyncio.run(scenario()) == [
        "first starts",
        "first ends",
        "switch",
        "second starts",
        "second ends",
    ]
