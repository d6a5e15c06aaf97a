from __future__ import annotations

import math

from evals.metrics import mrr_at, ndcg_at, percentile, recall_at


def test_recall_and_mrr() -> None:
    flags = [False, False, True, False]
    assert recall_at(flags, 1) == 0.0 and recall_at(flags, 3) == 1.0
    assert mrr_at(flags) == 1 / 3
    assert mrr_at([False] * 12 + [True]) == 0.0  # beyond the cut-off


def test_ndcg() -> None:
    assert ndcg_at([True, True], ideal_relevant=2) == 1.0
    expected = (1 / math.log2(3)) / (1 + 1 / math.log2(3))
    assert math.isclose(ndcg_at([False, True], ideal_relevant=2), expected)
    assert ndcg_at([False], ideal_relevant=0) == 0.0


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0 and percentile(values, 95) == 95.0
    assert percentile([], 50) == 0.0
