"""Small inline SVG charts for the report: lines, a histogram and horizontal bars. No plotting
library: each chart is a few dozen SVG elements, readable without JavaScript."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_FONT = 'font-family="sans-serif" font-size="11"'
_STROKES = ((4.5, "none"), (2.5, "7 4"), (1.5, "2 3"), (1.5, "none"))


def _frame(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def line_chart(
    series: Mapping[str, Sequence[tuple[float, float]]],
    *,
    title: str,
    x_label: str,
    y_label: str,
    y_range: tuple[float, float] = (0.0, 1.0),
    width: int = 420,
    height: int = 260,
) -> str:
    """One polyline with markers per series; x values are spread evenly by rank."""
    left, right, top, bottom = 48, 110, 14, 36
    xs = sorted({x for points in series.values() for x, _ in points})
    lo, hi = y_range
    span = (hi - lo) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return left + (xs.index(x) / max(1, len(xs) - 1)) * plot_w

    def py(y: float) -> float:
        return top + plot_h - (min(max(y, lo), hi) - lo) / span * plot_h

    body = [
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" '
        'stroke="#ccc"/>'
    ]
    for i in range(5):
        y = lo + span * i / 4
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(y):.1f}" y2="{py(y):.1f}" '
            'stroke="#e5e5e5"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end" {_FONT}>{y:.2f}</text>'
        )
    for x in xs:
        body.append(
            f'<text x="{px(x):.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f"{_FONT}>{x:g}</text>"
        )
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        f"{_FONT}>{escape(x_label)}</text>"
    )
    body.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" text-anchor="middle" {_FONT} '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    for n, (name, points) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        coords = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sorted(points))
        # wide solid first, then narrower dashed lines: series that coincide stay visible
        stroke, dash = _STROKES[n % len(_STROKES)]
        body.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{stroke}" '
            f'stroke-dasharray="{dash}"/>'
        )
        for x, y in points:
            body.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)}: {y:.3f} at {x:g}</title></circle>"
            )
        ly = top + 12 + n * 16
        body.append(
            f'<rect x="{width - right + 10}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
        )
        body.append(f'<text x="{width - right + 24}" y="{ly + 1}" {_FONT}>{escape(name)}</text>')
    return _frame(width, height, body, title)


def histogram(
    values: Sequence[float],
    *,
    title: str,
    x_label: str,
    bins: int = 20,
    width: int = 520,
    height: int = 240,
) -> str:
    """Counts of ``values`` in ``bins`` equal-width bins from 0 to the largest value."""
    left, right, top, bottom = 40, 14, 14, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max(values, default=0.0) or 1.0
    step = top_value / bins
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int(v / step))] += 1
    peak = max(counts) or 1
    bar_w = plot_w / bins
    body = [
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#999"/>'
    ]
    for i, count in enumerate(counts):
        h = count / peak * plot_h
        x = left + i * bar_w
        body.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[0]}"><title>{i * step:.0f}–'
            f"{(i + 1) * step:.0f}: {count}</title></rect>"
        )
    for i in range(0, bins + 1, max(1, bins // 5)):
        x = left + i * bar_w
        body.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle" {_FONT}>'
            f"{i * step:.0f}</text>"
        )
    body.append(f'<text x="{left - 6}" y="{top + 8}" text-anchor="end" {_FONT}>{peak}</text>')
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        f"{_FONT}>{escape(x_label)} (n={len(values)})</text>"
    )
    return _frame(width, height, body, title)


def bars(
    rows: Sequence[tuple[str, float, str]],
    *,
    title: str,
    width: int = 520,
    bar_height: int = 16,
) -> str:
    """Horizontal bars for values in 0..1: (label, value, annotation) per row."""
    label_w, right = 190, 90
    height = 10 + len(rows) * (bar_height + 4)
    plot_w = width - label_w - right
    body = []
    for i, (label, value, note) in enumerate(rows):
        y = 6 + i * (bar_height + 4)
        w = 0.0 if math.isnan(value) else max(0.0, min(1.0, value)) * plot_w
        colour = "#2ca02c" if value >= 0.999 else ("#ff7f0e" if value >= 0.5 else "#d62728")
        body.append(
            f'<text x="{label_w - 6}" y="{y + bar_height - 4}" text-anchor="end" '
            f"{_FONT}>{escape(label)}</text>"
        )
        body.append(
            f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_height}" fill="#f0f0f0"/>'
        )
        body.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>'
        )
        body.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_height - 4}" {_FONT}>'
            f"{escape(note)}</text>"
        )
    return _frame(width, height, body, title)
