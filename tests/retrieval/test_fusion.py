"""Fusion helpers: the convex combination's scalings, copies of a passage, diversification."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.retrieval.fusion import RetrievalConfig, convex, copy_ids, diversify


def test_convex_scales_the_dense_side_over_the_candidates_unless_told_otherwise() -> None:
    cos = {0: 0.5, 1: 0.3}
    plain = convex([0, 1], cos, {}, 1.0, 1.0)
    assert plain[0] == 0.5 and plain[1] == 0.0  # min-max: the best candidate earns the full share
    capped = convex([0, 1], cos, {}, 1.0, 1.0, dense_ceiling=1.0)
    assert abs(capped[0] - 0.5 * 0.2 / 0.7) < 1e-9  # a cosine of 0.5 is far from a perfect match
    floored = convex([0, 1], cos, {}, 1.0, 1.0, dense_floor=0.4)
    assert floored[1] == 0.0 and floored[0] == 0.5  # below the floor counts nothing


def test_copy_ids_ignore_page_numbers_case_and_line_breaks() -> None:
    texts = [
        "Press Home.\n- 12 -\nThen select Settings",
        "press home.  - 59 - then\nselect settings",
        "Press Home twice",
        "12 | 40",
        "13 | 41",
    ]
    assert copy_ids(texts) == [0, 0, 2, 3, 4]  # text without letters is never a copy


def test_diversify_puts_copies_after_every_distinct_passage() -> None:
    ranked = [(0, 0.9), (1, 0.8), (2, 0.7), (3, 0.6)]
    copy_of = [0, 0, 2, 3]  # row 1 is a copy of row 0
    doc_row = np.arange(4)
    matrix = np.eye(4, dtype=np.float32)
    config = RetrievalConfig()
    assert [r for r, _ in diversify(ranked, 4, config, doc_row, copy_of, matrix)] == [0, 2, 3, 1]
    assert [r for r, _ in diversify(ranked, 3, config, doc_row, copy_of, matrix)] == [0, 2, 3]
    off = replace(config, copies_last=False)
    assert [r for r, _ in diversify(ranked, 4, off, doc_row, copy_of, matrix)] == [0, 1, 2, 3]
