"""The CI gate: ``evals run --subset fast`` with the real model, index and store must PASS the
thresholds in ``evals/thresholds.yaml``. A missed threshold fails this test, and so CI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
def test_the_fast_subset_passes_the_gate(tmp_path: Path) -> None:
    out, report = tmp_path / "eval.json", tmp_path / "eval.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evals",
            "run",
            "--subset",
            "fast",
            "--json",
            str(out),
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
        timeout=600,
        check=False,
    )
    assert out.exists(), done.stderr[-3000:]
    run = json.loads(out.read_text())
    failed = [c for c in run["gate"]["checks"] if c["status"] == "fail"]
    assert run["gate"]["verdict"] == "PASS", f"missed thresholds: {failed}\n{done.stdout[-4000:]}"
    assert done.returncode == 0
    assert run["subset"] == "fast" and set(run["suites"]) == {
        "retrieval",
        "routing",
        "conversations",
        "shoppers",
        "safety",
    }
    shoppers = run["suites"]["shoppers"]["systems"]["ours"]
    assert len(shoppers["items"]) >= 40 and shoppers["metrics"]["unsafe"] == 0
    conversations = run["suites"]["conversations"]["systems"]["ours"]["items"]
    assert {i["id"] for i in conversations} >= {
        "test-ref-1-jordan-confirmation",
        "test-ref-2-sam-pairing",
        "test-ref-3-sam-warranty",
        "test-ref-4-alex-skip",
        "test-ref-5-taylor-accessories",
    }
    assert len(run["suites"]["safety"]["systems"]["ours"]["items"]) == 30
    assert report.read_text().count("<svg") >= 4
