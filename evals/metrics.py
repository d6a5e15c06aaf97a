"""Ranking metrics with binary relevance, and latency percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence


def first_hit_rank(relevant_flags: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, or None."""
    for rank, flag in enumerate(relevant_flags, start=1):
        if flag:
            return rank
    return None


def recall_at(relevant_flags: Sequence[bool], k: int) -> float:
    """1.0 when any of the top ``k`` is relevant (a "hit"), else 0.0."""
    return 1.0 if any(relevant_flags[:k]) else 0.0


def mrr_at(relevant_flags: Sequence[bool], k: int = 10) -> float:
    rank = first_hit_rank(relevant_flags[:k])
    return 1.0 / rank if rank else 0.0


def ndcg_at(relevant_flags: Sequence[bool], ideal_relevant: int, k: int = 10) -> float:
    """nDCG with binary gains; the ideal ranking puts ``ideal_relevant`` relevant items first."""
    dcg = sum(1.0 / math.log2(i + 2) for i, f in enumerate(relevant_flags[:k]) if f)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, ideal_relevant)))
    return dcg / ideal if ideal else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[index]
