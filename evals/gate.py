"""The release gate: thresholds from ``evals/thresholds.yaml`` give the verdict, and a previous
results file gives the regressions.

A check names a suite, a metric as ``system.metric`` (``ours.recall@5``), the split it reads
(``dev``, ``test`` or ``all``) and a ``min`` or ``max``. A check whose suite or split did not run
is skipped, never failed. A metric is a regression when it got worse than in the previous file by
more than the tolerance: absolute for rates and counts, relative for latencies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from evals.datasets import DatasetError

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metric: str  # "system.metric"
    split: str = "all"
    min: float | None = None
    max: float | None = None
    note: str = ""

    @model_validator(mode="after")
    def _one_bound(self) -> Threshold:
        if (self.min is None) == (self.max is None):
            raise ValueError(f"{self.metric}: give exactly one of min and max")
        if "." not in self.metric:
            raise ValueError(f"{self.metric}: write the metric as system.metric")
        return self

    @property
    def higher_is_better(self) -> bool:
        return self.min is not None


class Watch(BaseModel):
    """A metric compared with the previous run without a threshold."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    split: str = "all"
    better: Literal["higher", "lower"]


class Tolerance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rate: float = 0.02  # absolute, for shares and scores in 0..1
    count: float = 0.0  # absolute, for counts (violations, invented facts)
    latency: float = 0.5  # relative: +50 % is still fine


class GateConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance: Tolerance = Field(default_factory=Tolerance)
    checks: dict[str, list[Threshold]]
    watch: dict[str, list[Watch]] = Field(default_factory=dict)


def load_config(path: Path = THRESHOLDS) -> GateConfig:
    try:
        return GateConfig.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise DatasetError(f"{path}: {exc}") from exc


def metric_value(result: dict[str, Any] | None, metric: str, split: str) -> float | None:
    """``system.metric`` of one suite result, over all items or one split; None if absent."""
    if not result:
        return None
    system, _, name = metric.partition(".")
    block = result.get("systems", {}).get(system)
    if block is None:
        return None
    metrics = block.get("metrics") if split == "all" else block.get("by_split", {}).get(split)
    value = (metrics or {}).get(name)
    return float(value) if isinstance(value, int | float) else None


def verdict(config: GateConfig, suites: dict[str, Any]) -> dict[str, Any]:
    """PASS when no check fails (skipped checks do not count) and no suite crashed."""
    rows = []
    for suite, checks in config.checks.items():
        for c in checks:
            value = metric_value(suites.get(suite), c.metric, c.split)
            bound = c.min if c.min is not None else c.max
            if value is None:
                status = "skipped"
            elif c.min is not None:
                status = "pass" if value >= c.min else "fail"
            else:
                status = "pass" if c.max is not None and value <= c.max else "fail"
            rows.append(
                {
                    "suite": suite,
                    "metric": c.metric,
                    "split": c.split,
                    "op": ">=" if c.min is not None else "<=",
                    "bound": bound,
                    "value": value,
                    "status": status,
                    "note": c.note,
                }
            )
    crashed = sorted(name for name, r in suites.items() if r and r.get("error"))
    failed = any(r["status"] == "fail" for r in rows) or bool(crashed)
    return {"verdict": "FAIL" if failed else "PASS", "checks": rows, "crashed": crashed}


def _tolerance(config: GateConfig, metric: str, previous: float) -> float:
    name = metric.rsplit(".", 1)[-1]
    if "latency" in name or name.endswith("_ms"):
        return abs(previous) * config.tolerance.latency
    if name in ("violations", "invented_facts", "errors", "unconfirmed_executions"):
        return config.tolerance.count
    return config.tolerance.rate


def compare(
    config: GateConfig, suites: dict[str, Any], previous: dict[str, Any]
) -> list[dict[str, Any]]:
    """Every gated or watched metric present in both runs, with its change and a regression
    flag. ``previous`` is an earlier ``evals run --json`` file."""
    before_suites = previous.get("suites", {})
    tracked: list[tuple[str, str, str, bool]] = [
        (suite, c.metric, c.split, c.higher_is_better)
        for suite, checks in config.checks.items()
        for c in checks
    ]
    tracked += [
        (suite, w.metric, w.split, w.better == "higher")
        for suite, watches in config.watch.items()
        for w in watches
    ]
    rows = []
    for suite, metric, split, higher in tracked:
        now = metric_value(suites.get(suite), metric, split)
        before = metric_value(before_suites.get(suite), metric, split)
        if now is None or before is None:
            continue
        worse_by = (before - now) if higher else (now - before)
        tolerance = _tolerance(config, metric, before)
        rows.append(
            {
                "suite": suite,
                "metric": metric,
                "split": split,
                "previous": before,
                "current": now,
                "change": round(now - before, 4),
                "tolerance": round(tolerance, 4),
                "regression": worse_by > tolerance + 1e-9,
            }
        )
    return rows
