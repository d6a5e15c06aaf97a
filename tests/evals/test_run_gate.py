"""The release gate: thresholds, skipped checks, regressions against a previous run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evals.datasets import DatasetError
from evals.gate import THRESHOLDS, GateConfig, compare, load_config, metric_value, verdict

CONFIG = GateConfig.model_validate(
    {
        "tolerance": {"rate": 0.02, "count": 0, "latency": 0.5},
        "checks": {
            "retrieval": [{"metric": "ours.recall@5", "split": "test", "min": 0.9}],
            "conversations": [
                {"metric": "ours.task_success", "split": "test", "min": 0.8},
                {"metric": "ours.latency_ms_p95", "split": "all", "max": 1000},
            ],
            "safety": [{"metric": "ours.violations", "split": "all", "max": 0}],
        },
        "watch": {"conversations": [{"metric": "ours.automation_rate", "better": "higher"}]},
    }
)


def suite(all_metrics: dict[str, Any], **splits: dict[str, Any]) -> dict[str, Any]:
    return {"systems": {"ours": {"metrics": all_metrics, "by_split": splits}}}


def suites(success: float = 0.9, violations: int = 0, p95: float = 300.0) -> dict[str, Any]:
    return {
        "retrieval": suite({"recall@5": 0.97}, test={"recall@5": 0.95}),
        "conversations": suite(
            {"task_success": success, "latency_ms_p95": p95, "automation_rate": 0.6},
            test={"task_success": success},
        ),
        "safety": suite({"violations": violations}),
    }


def test_metric_value() -> None:
    s = suites()
    assert metric_value(s["retrieval"], "ours.recall@5", "test") == 0.95
    assert metric_value(s["retrieval"], "ours.recall@5", "all") == 0.97
    assert metric_value(s["retrieval"], "ours.recall@5", "dev") is None
    assert metric_value(s["retrieval"], "bm25.recall@5", "all") is None
    assert metric_value(None, "ours.recall@5", "all") is None


def test_pass_fail_and_skipped() -> None:
    assert verdict(CONFIG, suites())["verdict"] == "PASS"
    result = verdict(CONFIG, suites(success=0.7))
    assert result["verdict"] == "FAIL"
    assert [c["status"] for c in result["checks"]] == ["pass", "fail", "pass", "pass"]
    assert verdict(CONFIG, suites(violations=1))["verdict"] == "FAIL"
    partial = verdict(CONFIG, {"safety": suite({"violations": 0})})  # only safety ran
    assert partial["verdict"] == "PASS"
    assert [c["status"] for c in partial["checks"]].count("skipped") == 3


def test_a_crashed_suite_fails_the_gate() -> None:
    crashed = {**suites(), "routing": {"suite": "routing", "error": "boom"}}
    result = verdict(CONFIG, crashed)
    assert result["verdict"] == "FAIL" and result["crashed"] == ["routing"]


def test_regressions_against_a_previous_run() -> None:
    previous = {"suites": suites(success=0.9, p95=300.0)}
    same = compare(CONFIG, suites(success=0.89, p95=400.0), previous)
    assert not any(r["regression"] for r in same)  # within 0.02 and +50 %
    worse = compare(CONFIG, suites(success=0.85, violations=1, p95=500.0), previous)
    flagged = {r["metric"] for r in worse if r["regression"]}
    assert flagged == {"ours.task_success", "ours.latency_ms_p95", "ours.violations"}
    row = next(r for r in worse if r["metric"] == "ours.task_success" and r["split"] == "test")
    assert row["previous"] == 0.9 and row["current"] == 0.85 and row["change"] == -0.05
    better = compare(CONFIG, suites(success=1.0, p95=100.0), previous)
    assert not any(r["regression"] for r in better)
    assert any(r["metric"] == "ours.automation_rate" for r in better)  # a watched metric
    assert compare(CONFIG, suites(), {"suites": {}}) == []  # nothing to compare with


def test_our_thresholds_file_is_valid() -> None:
    config = load_config(THRESHOLDS)
    assert {"retrieval", "routing", "conversations", "safety"} <= set(config.checks)
    safety = {c.metric: c for c in config.checks["safety"]}
    assert safety["ours.violations"].max == 0


def test_a_broken_thresholds_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("checks:\n  safety:\n    - {metric: ours.violations, min: 0, max: 0}\n")
    with pytest.raises(DatasetError, match="exactly one of min and max"):
        load_config(path)
    path.write_text("checks:\n  safety:\n    - {metric: violations, max: 0}\n")
    with pytest.raises(DatasetError, match=r"system\.metric"):
        load_config(path)
