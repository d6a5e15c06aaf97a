"""HTML building blocks of the report: the style sheet, tables, the confusion heatmap and a
conversation transcript. Every value is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

CSS = """
body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.4}
h1{margin-bottom:0} h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:36px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f4f4f4} .num{text-align:right;font-variant-numeric:tabular-nums}
.PASS,.pass{color:#1a7f37;font-weight:bold} .FAIL,.fail{color:#c62828;font-weight:bold}
.skipped{color:#888} .verdict{font-size:28px} .regression{background:#fde8e8}
.turn{margin:6px 0 10px;padding:6px 10px;border-left:3px solid #ccc;background:#fafafa}
.customer{color:#1f4e99} pre{white-space:pre-wrap;margin:2px 0;font-size:12.5px}
.meta{color:#666;font-size:12px} details{margin:6px 0} summary{cursor:pointer}
.charts{display:flex;flex-wrap:wrap;gap:18px} .heat td{text-align:center;min-width:18px}
"""


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) >= 1 else f"{value:.3f}"
    return str(value)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], row_class: Sequence[str] = ()
) -> str:
    out = ["<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>"]
    for i, row in enumerate(rows):
        cls = f' class="{row_class[i]}"' if i < len(row_class) and row_class[i] else ""
        cells = []
        for cell in row:
            num = isinstance(cell, int | float) and not isinstance(cell, bool)
            cells.append(f"<td{' class=num' if num else ''}>{escape(fmt(cell))}</td>")
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    return "".join(out) + "</table>"


def heatmap(confusion: dict[str, dict[str, int]]) -> str:
    labels = list(dict.fromkeys([*confusion, *(p for row in confusion.values() for p in row)]))
    peak = max((n for row in confusion.values() for n in row.values()), default=1)
    out = ["<table class=heat><tr><th>expected \\ predicted</th>"]
    out += [f'<th title="{escape(p)}">{i + 1}</th>' for i, p in enumerate(labels)]
    out.append("</tr>")
    for i, e in enumerate(labels):
        out.append(f"<tr><th>{i + 1}. {escape(e)}</th>")
        for p in labels:
            n = confusion.get(e, {}).get(p, 0)
            share = n / peak
            colour = (
                (
                    f"rgba(31,119,180,{0.15 + 0.85 * share:.2f})"
                    if e == p
                    else f"rgba(214,39,40,{0.25 + 0.75 * share:.2f})"
                )
                if n
                else "#fff"
            )
            out.append(
                f'<td style="background:{colour}" title="{escape(e)} → {escape(p)}">{n or ""}</td>'
            )
        out.append("</tr>")
    return "".join(out) + "</table>"


def transcript(item: dict[str, Any]) -> str:
    parts = []
    for n, t in enumerate(item["turns"], start=1):
        tools = (
            ", ".join(
                f"{c['name']}{'' if c['ok'] else ' (refused: ' + str(c['error_code']) + ')'}"
                for c in t["tool_calls"]
            )
            or "none"
        )
        meta = (
            f"intent {t['intent']} ({t['confidence']}), tools: {tools}; pending: "
            f"{t['pending_action'] or '–'}; executed: {', '.join(t['executed_actions']) or '–'}"
            f"; escalation: {t['escalation']['reason'] if t['escalation'] else '–'}; "
            f"{t['latency_ms']} ms"
        )
        parts.append(
            f"<div class=turn><div class=customer><b>{n}. customer:</b> "
            f"{escape(t['customer'])}</div><pre>{escape(t['reply'])}</pre>"
            f"<div class=meta>{escape(meta)}</div></div>"
        )
    return "".join(parts)
