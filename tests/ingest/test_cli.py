"""The ``ingest`` command as the content team runs it: exit codes, JSON summary, lock, and a
``kill -9`` at many moments of a run never leaving the store without a serving version."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.retrieval.hybrid import HybridRetriever
from ingest.embedding import HashingEmbedder
from ingest.versions import IndexStore

ENV = {**os.environ, "AFTERCARE_EMBEDDER": "hashing", "CI": "1"}


def _ingest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )


def test_json_summary_and_strict(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "blob.xyz").write_bytes(b"\x00junk")
    out = _ingest("--corpus", str(small_corpus), "--store", str(tmp_path / "s"), "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["documents"] == {
        "seen": 6,
        "added": 5,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
        "failed": 1,
    }
    assert summary["failures"][0]["source"] == "blob.xyz"
    assert summary["failures"][0]["reason"] == "unsupported_format"
    assert "blob.xyz" in out.stderr  # reported to the person too
    assert summary["chunks"] > 0 and summary["index"]["switched"] is True
    strict = _ingest("--corpus", str(small_corpus), "--store", str(tmp_path / "s2"), "--strict")
    assert strict.returncode == 1


def test_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    out = _ingest("--corpus", str(tmp_path / "nope"), "--store", str(tmp_path / "s"))
    assert out.returncode == 2 and "corpus folder not found" in out.stderr


def test_locked_store_exits_3_with_a_clear_message(small_corpus: Path, tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "s")
    with store.lock():
        out = _ingest("--corpus", str(small_corpus), "--store", str(store.root))
    assert out.returncode == 3
    assert "another ingestion" in out.stderr and str(os.getpid()) in out.stderr


def _grow(corpus: Path, n: int, tag: str) -> None:
    for i in range(n):
        (corpus / "bulk").mkdir(exist_ok=True)
        (corpus / "bulk" / f"doc-{i:03d}.md").write_text(
            f"# Bulk document {i} {tag}\n\n"
            + "\n\n".join(
                f"## Section {j}\n" + f"Paragraph {j} of document {i} ({tag}). " * 20
                for j in range(6)
            )
        )


@pytest.mark.integration
def test_kill_9_at_any_moment_leaves_the_previous_version_serving(
    small_corpus: Path, tmp_path: Path
) -> None:
    store = tmp_path / "s"
    _grow(small_corpus, 40, "v1")
    assert _ingest("--corpus", str(small_corpus), "--store", str(store)).returncode == 0
    live = IndexStore(store).current_name()
    _grow(small_corpus, 40, "v2")  # every bulk document changes
    killed_mid_build = 0
    for extra in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4):
        before = {p.name for p in (store / "versions").iterdir()}
        proc = subprocess.Popen(
            [sys.executable, "-m", "ingest", "--corpus", str(small_corpus), "--store", str(store)],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:  # wait for the build to start
            if {p.name for p in (store / "versions").iterdir()} - before:
                break
            time.sleep(0.005)
        time.sleep(extra)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        current = IndexStore(store).current_name()
        assert current is not None
        if current == live:
            killed_mid_build += 1
        else:  # the run finished before the kill: the new version is complete
            assert IndexStore(store).is_complete(current)
            live = current
        retriever = HybridRetriever(store, HashingEmbedder())
        assert retriever.version == live
        assert retriever.search("paragraph of document", k=3)
        retriever.close()
    assert killed_mid_build >= 3  # the kills really landed while a new version was being built
    # and the next run recovers and completes
    out = _ingest("--corpus", str(small_corpus), "--store", str(store), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["documents"]["failed"] == 0
