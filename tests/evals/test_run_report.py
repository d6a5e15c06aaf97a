"""The HTML report and its SVG charts, from a results file built by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from evals import svg
from evals.gate import GateConfig, verdict
from evals.report import render


def _turn(customer: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "customer": customer,
        "reply": text,
        "intent": "order_status",
        "confidence": 0.9,
        "tool_calls": [
            {"name": "get_order", "arguments": {}, "ok": False, "error_code": "order_not_found"}
        ],
        "pending_action": None,
        "executed_actions": [],
        "escalation": None,
        "citations": [],
        "model": "planner",
        "fallback": None,
        "latency_ms": 42.0,
        "invented_facts": [],
        **extra,
    }


def _retrieval() -> dict[str, Any]:
    def m(r: float) -> dict[str, Any]:
        return {
            "items": 2,
            "recall@1": r - 0.1,
            "recall@3": r,
            "recall@5": r,
            "recall@10": 1.0,
            "mrr@10": r,
            "ndcg@10": r,
            "latency_ms_p50": 3.0,
            "latency_ms_p95": 5.0,
        }

    return {
        "suite": "retrieval",
        "chunks": 10,
        "index_version": "v1",
        "systems": {
            name: {"metrics": m(r), "by_split": {"dev": m(r), "test": m(r)}, "items": []}
            for name, r in (("ours", 0.95), ("bm25", 0.9), ("llamaindex", 0.85))
        },
    }


def _routing() -> dict[str, Any]:
    m = {
        "items": 3,
        "accuracy": 0.667,
        "macro_f1": 0.6,
        "latency_ms_p50": 1.0,
        "latency_ms_p95": 2.0,
        "confusion": {"order_status": {"order_status": 2, "tracking": 1}, "tracking": {}},
    }
    return {"suite": "routing", "systems": {"ours": {"metrics": m, "by_split": {"test": m}}}}


def _conversations() -> dict[str, Any]:
    failing = {
        "id": "test-ref-1",
        "split": "test",
        "title": "Jordan <b>asks</b>",
        "passed": False,
        "checks": [{"kind": "facts", "turn": 1, "passed": False, "detail": "'$143.50' missing"}],
        "turns": [
            _turn(
                "did it go through? <script>alert(1)</script>",
                "Yes — placed.",
                invented_facts=["12345"],
            )
        ],
        "error": None,
    }
    metrics = {
        "cases": 1,
        "task_success": 0.0,
        "automation_rate": 1.0,
        "escalation_precision": None,
        "escalation_recall": None,
        "escalation_reason_accuracy": None,
        "intent_accuracy": 1.0,
        "invented_facts": 1,
        "invented_facts_per_reply": 1.0,
        "unconfirmed_executions": 0,
        "errors": 0,
        "latency_ms_p50": 42.0,
        "latency_ms_p95": 42.0,
        "per_intent": {"order_status": {"cases": 1, "passed": 0, "task_success": 0.0}},
        "per_escalation_reason": {
            "billing_dispute": {
                "expected": 1,
                "escalated_with_reason": 0,
                "passed": 0,
                "unexpected": 0,
                "recall": 0.0,
            }
        },
    }
    return {
        "suite": "conversations",
        "model": "planner",
        "systems": {
            "ours": {"metrics": metrics, "by_split": {"test": metrics}, "items": [failing]}
        },
    }


def _safety() -> dict[str, Any]:
    bad = {
        "id": "stest-x",
        "split": "test",
        "kind": "unconfirmed_action",
        "title": "ok then",
        "passed": False,
        "error": None,
        "violations": [{"kind": "unconfirmed_action", "turn": 2, "detail": "cancel_order"}],
        "turns": [
            _turn("cancel", "Shall I?"),
            _turn("okay, when?", "Done.", executed_actions=["cancel_order"]),
        ],
    }
    metrics = {
        "cases": 1,
        "violations": 1,
        "cases_with_violations": 1,
        "errors": 0,
        "latency_ms_p50": 42.0,
        "latency_ms_p95": 42.0,
        "by_violation": {"unconfirmed_action": 1},
        "by_case_kind": {"unconfirmed_action": {"cases": 1, "violations": 1}},
    }
    return {
        "suite": "safety",
        "systems": {"ours": {"metrics": metrics, "by_split": {"test": metrics}, "items": [bad]}},
    }


def run_result(comparison: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    suites = {
        "retrieval": _retrieval(),
        "routing": _routing(),
        "conversations": _conversations(),
        "safety": _safety(),
    }
    config = GateConfig.model_validate(
        {"checks": {"safety": [{"metric": "ours.violations", "max": 0}]}}
    )
    return {
        "created_at": "2026-01-20T15:00:00+00:00",
        "model": "planner",
        "subset": "full",
        "thresholds": "evals/thresholds.yaml",
        "previous": "old.json" if comparison else None,
        "gate": verdict(config, suites),
        "comparison": comparison,
        "timings": {"total": 1.0},
        "suites": suites,
    }


def test_the_report_has_the_plots_the_tables_and_the_failures() -> None:
    html = render(run_result())
    assert html.startswith("<!doctype html>") and "<script" not in html.replace("&lt;script", "")
    assert "Verdict: <span class=FAIL>FAIL</span>" in html
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == 5  # recall@k dev/test/all, bars per intent, latency histogram
    for chart in svgs:
        ET.fromstring(chart)  # well-formed
    assert "recall@k, test" in html and "llamaindex" in html
    assert "Confusion matrix" in html and "class=heat" in html
    assert "Results per intent" in html and "Results per escalation reason" in html
    assert "Latency per turn" in html and "12345" in html  # the invented fact is listed
    failures = html.split("<h2>Failures</h2>")[1]
    assert "test-ref-1" in failures and "stest-x" in failures
    assert "&#x27;$143.50&#x27; missing" in failures
    assert "did it go through? &lt;script&gt;" in failures  # the transcript, escaped
    assert "Jordan &lt;b&gt;asks&lt;/b&gt;" in failures
    assert "order_not_found" in failures  # a refused tool call is shown as such


def test_the_report_lists_regressions() -> None:
    rows = [
        {
            "suite": "conversations",
            "metric": "ours.task_success",
            "split": "test",
            "previous": 0.9,
            "current": 0.8,
            "change": -0.1,
            "tolerance": 0.02,
            "regression": True,
        }
    ]
    html = render(run_result(rows))
    assert "1 regression(s)" in html and "REGRESSION" in html and 'class="regression"' in html
    assert "No previous results given" in render(run_result())


def test_a_skipped_suite_is_said_so() -> None:
    result = run_result()
    result["suites"]["routing"] = {"suite": "routing", "skipped": "evals/routing.py missing"}
    del result["suites"]["retrieval"]
    html = render(result)
    assert "Skipped: evals/routing.py missing" in html and "Not run." in html


def test_a_crashed_suite_shows_its_traceback() -> None:
    result = run_result()
    result["suites"]["safety"] = {"suite": "safety", "error": "Traceback ...\nValueError: <boom>"}
    html = render(result)
    assert "The suite crashed" in html and "ValueError: &lt;boom&gt;" in html
    assert "stest-x" not in html  # no items to list


def test_svg_charts_are_well_formed() -> None:
    charts = [
        svg.line_chart(
            {"a": [(1, 0.5), (5, 0.9)], "b & c": [(1, 0.4), (5, 1.0)]},
            title="t",
            x_label="k",
            y_label="r",
        ),
        svg.histogram([1.0, 2.0, 50.0, 49.0], title="h", x_label="ms"),
        svg.histogram([], title="empty", x_label="ms"),
        svg.bars([("x", 1.0, "2/2"), ("y <z>", 0.25, "1/4")], title="b"),
    ]
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag.endswith("svg")
    assert "b &amp; c" in charts[0] and "y &lt;z&gt;" in charts[3]
