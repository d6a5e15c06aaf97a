"""The HTML report of ``evals run``: one self-contained file (inline CSS and SVG, no scripts):
verdict and thresholds, regressions, retrieval recall@k curves, the routing confusion matrix,
conversation results per intent and per escalation reason, the turn latency histogram, safety
violations, and every failure with its transcript."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from evals import svg
from evals.report_html import CSS, fmt, heatmap, table, transcript


def _gate(run: dict[str, Any]) -> str:
    gate = run["gate"]
    rows = [
        (
            c["suite"],
            c["metric"],
            c["split"],
            f"{c['op']} {fmt(c['bound'])}",
            c["value"],
            c["status"],
        )
        for c in gate["checks"]
    ]
    html = table(
        ["suite", "metric", "split", "threshold", "value", "status"],
        rows,
        [c["status"] for c in gate["checks"]],
    )
    if gate["crashed"]:
        html += f"<p class=FAIL>Suites that crashed: {escape(', '.join(gate['crashed']))}</p>"
    return html


def _comparison(run: dict[str, Any]) -> str:
    rows = run.get("comparison")
    if rows is None:
        return "<p>No previous results given (<code>--previous FILE</code>).</p>"
    flagged = sum(r["regression"] for r in rows)
    previous = escape(str(run.get("previous")))
    html = f"<p>Compared with <code>{previous}</code>: {flagged} regression(s).</p>"
    return html + table(
        ["suite", "metric", "split", "previous", "current", "change", "tolerance", "regression"],
        [
            (
                r["suite"],
                r["metric"],
                r["split"],
                r["previous"],
                r["current"],
                r["change"],
                r["tolerance"],
                "REGRESSION" if r["regression"] else "",
            )
            for r in rows
        ],
        ["regression" if r["regression"] else "" for r in rows],
    )


def _retrieval(result: dict[str, Any]) -> str:
    systems = result["systems"]
    ks = (1, 3, 5, 10)
    charts = []
    splits = sorted({s for sys in systems.values() for s in sys.get("by_split", {})})
    for split in [*splits, "all"]:
        series = {}
        for name, sys in systems.items():
            m = sys["metrics"] if split == "all" else sys["by_split"][split]
            series[name] = [(float(k), float(m[f"recall@{k}"])) for k in ks]
        lowest = min(y for pts in series.values() for _, y in pts)
        charts.append(
            svg.line_chart(
                series,
                title=f"recall@k, {split}",
                x_label=f"k ({split})",
                y_label="recall@k",
                y_range=(min(0.8, lowest), 1.0),
            )
        )
    rows = []
    for name, sys in systems.items():
        for split in [*splits, "all"]:
            m = sys["metrics"] if split == "all" else sys["by_split"][split]
            rows.append(
                (
                    name,
                    split,
                    m["items"],
                    *(m[f"recall@{k}"] for k in ks),
                    m["mrr@10"],
                    m["ndcg@10"],
                    m["latency_ms_p50"],
                    m["latency_ms_p95"],
                )
            )
    head = f"<p>{result['chunks']} chunks, index {escape(str(result['index_version']))}.</p>"
    return (
        head
        + f"<div class=charts>{''.join(charts)}</div>"
        + table(
            [
                "system",
                "split",
                "items",
                "R@1",
                "R@3",
                "R@5",
                "R@10",
                "MRR@10",
                "nDCG@10",
                "p50 ms",
                "p95 ms",
            ],
            rows,
        )
    )


def _routing(result: dict[str, Any]) -> str:
    if result.get("skipped"):
        return f"<p class=skipped>Skipped: {escape(result['skipped'])}</p>"
    rows = []
    for name, sys in result["systems"].items():
        for split, m in [*sys.get("by_split", {}).items(), ("all", sys["metrics"])]:
            rows.append(
                (
                    name,
                    split,
                    m["items"],
                    m["accuracy"],
                    m["macro_f1"],
                    m["latency_ms_p50"],
                    m["latency_ms_p95"],
                )
            )
    confusion = result["systems"]["ours"]["metrics"]["confusion"]
    return (
        table(["system", "split", "items", "accuracy", "macro-F1", "p50 ms", "p95 ms"], rows)
        + "<h3>Confusion matrix (ours, all splits)</h3>"
        + heatmap(confusion)
    )


def _conversations(result: dict[str, Any], latencies: list[float]) -> str:
    ours = result["systems"]["ours"]
    keys = [
        "cases",
        "task_success",
        "automation_rate",
        "escalation_precision",
        "escalation_recall",
        "escalation_reason_accuracy",
        "intent_accuracy",
        "invented_facts",
        "invented_facts_per_reply",
        "unconfirmed_executions",
        "fallback_turns",
        "errors",
        "latency_ms_p50",
        "latency_ms_p95",
    ]
    blocks = [("all", ours["metrics"]), *ours["by_split"].items()]
    html = table(
        ["metric", *(b[0] for b in blocks)], [(k, *(m.get(k) for _, m in blocks)) for k in keys]
    )
    per_intent = ours["metrics"]["per_intent"]
    html += (
        "<h3>Results per intent</h3><div class=charts>"
        + svg.bars(
            [
                (k, float(v["task_success"] or 0), f"{v['passed']}/{v['cases']}")
                for k, v in per_intent.items()
            ],
            title="task success per intent",
        )
        + "</div>"
    )
    html += table(
        ["intent", "cases", "passed", "task success"],
        [(k, v["cases"], v["passed"], v["task_success"]) for k, v in per_intent.items()],
    )
    per_reason = ours["metrics"]["per_escalation_reason"]
    html += "<h3>Results per escalation reason</h3>" + table(
        [
            "reason",
            "cases expecting it",
            "escalated with it",
            "recall",
            "cases passed",
            "unexpected escalations",
        ],
        [
            (
                k,
                v["expected"],
                v["escalated_with_reason"],
                v["recall"],
                v["passed"],
                v["unexpected"],
            )
            for k, v in per_reason.items()
        ],
    )
    html += "<h3>Latency per turn</h3>" + svg.histogram(
        latencies, title="turn latency", x_label="ms per turn (conversations and safety)"
    )
    invented = [
        (i["id"], n + 1, ", ".join(t["invented_facts"]))
        for i in ours["items"]
        for n, t in enumerate(i["turns"])
        if t["invented_facts"]
    ]
    html += "<h3>Invented facts (numbers and dates no tool or passage gave)</h3>"
    html += table(["case", "turn", "facts"], invented) if invented else "<p>None.</p>"
    return html


def _safety(result: dict[str, Any]) -> str:
    ours = result["systems"]["ours"]
    blocks = [("all", ours["metrics"]), *ours["by_split"].items()]
    keys = [
        "cases",
        "violations",
        "cases_with_violations",
        "errors",
        "latency_ms_p50",
        "latency_ms_p95",
    ]
    html = table(
        ["metric", *(b[0] for b in blocks)], [(k, *(m.get(k) for _, m in blocks)) for k in keys]
    )
    m = ours["metrics"]
    html += table(["violation", "count"], list(m["by_violation"].items()))
    html += table(
        ["case kind", "cases", "violations"],
        [(k, v["cases"], v["violations"]) for k, v in m["by_case_kind"].items()],
    )
    return html


def _failures(run: dict[str, Any]) -> str:
    html = []
    for suite, key in (("conversations", "checks"), ("safety", "violations")):
        result = run["suites"].get(suite)
        if not result or result.get("error"):
            continue
        failed = [i for i in result["systems"]["ours"]["items"] if not i["passed"]]
        html.append(f"<h3>{suite}: {len(failed)} failing case(s)</h3>")
        for item in failed:
            problems = [p for p in item.get(key, []) if not p.get("passed", False)]
            rows = table(
                ["kind", "turn", "detail"], [(p["kind"], p["turn"], p["detail"]) for p in problems]
            )
            error = f"<pre>{escape(item['error'])}</pre>" if item.get("error") else ""
            html.append(
                f"<details open><summary><b>{escape(item['id'])}</b> ({escape(item['split'])})"
                f" — {escape(item.get('title', ''))}</summary>{rows}{error}"
                f"{transcript(item)}</details>"
            )
    return "".join(html)


def _section(result: dict[str, Any] | None, body: Callable[[dict[str, Any]], str]) -> str:
    if not result:
        return "<p class=skipped>Not run.</p>"
    if result.get("error"):
        return f"<p class=FAIL>The suite crashed:</p><pre>{escape(result['error'])}</pre>"
    return body(result)


def render(run: dict[str, Any]) -> str:
    suites = run["suites"]
    latencies = [
        float(t["latency_ms"])
        for s in ("conversations", "safety")
        if suites.get(s) and not suites[s].get("error")
        for i in suites[s]["systems"]["ours"]["items"]
        for t in i["turns"]
    ]
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in run["timings"].items())
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Aftercare evals — {escape(run['gate']['verdict'])}</title><style>{CSS}</style>"
        "</head><body><h1>Aftercare evals</h1>"
        f"<p class=meta>{escape(run['created_at'])} · model {escape(run['model'])} · subset "
        f"{escape(run['subset'])} · {escape(timings)}</p>"
        f"<p class=verdict>Verdict: <span class={run['gate']['verdict']}>"
        f"{run['gate']['verdict']}</span></p>"
        f"<h2>Thresholds</h2><p class=meta>{escape(run['thresholds'])}</p>{_gate(run)}"
        f"<h2>Compared with the previous run</h2>{_comparison(run)}"
        f"<h2>Retrieval</h2>{_section(suites.get('retrieval'), _retrieval)}"
        f"<h2>Routing</h2>{_section(suites.get('routing'), _routing)}"
        f"<h2>Conversations</h2>"
        f"{_section(suites.get('conversations'), lambda r: _conversations(r, latencies))}"
        f"<h2>Safety</h2>{_section(suites.get('safety'), _safety)}"
        f"<h2>Failures</h2>{_failures(run)}"
        "</body></html>"
    )
