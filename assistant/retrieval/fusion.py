"""How the dense and keyword rankings become one, and the switches the ablation turns.

Three fusions over the same candidates (the top ``depth`` of each list): a convex combination of
scores (``convex``, the default: cosine min-max scaled over the candidates, BM25 divided by its
*ceiling*, the score a full match of the query earns, then weighted), reciprocal rank fusion
(``rrf``: each list votes ``weight / (k + rank)``) and z-scores over all admitted passages
(``zscore``). Dividing BM25 by its ceiling rather than by the best candidate's score makes a
query whose words the documents barely use lean on the dense side, and a query that matches
the documents' own words lean on keywords, per query, without a weight tuned per corpus.

Before fusion, a chunk's cosine is blended with its whole document's (``doc_blend``: the
cosine of the query to the normalised mean of the document's chunk vectors), so a chunk of a
document that is about the question as a whole outranks a stray chunk elsewhere that happens to
share a sentence's wording; it costs one small matrix-vector product per query. A blend of 0.5
ranks documents better still, but then a document's chunks score too much alike and the chunk
that holds the answer is the top passage less often (answer extraction on the demo set loses
two questions), so the default is 0.2.

After fusion, the first ``max_sim_depth`` (30) passages can be re-scored with their best
answer unit (``max_sim``, sentence-level late interaction: :mod:`assistant.retrieval.units`):
``1 - max_sim`` of the fused score (over the best one) plus ``max_sim`` of the best cosine of
the question to one of the passage's sentences, steps or rows (each embedded under its
heading), min-max scaled over those passages as the dense side is before fusion. The chunk
vector averages everything a long passage says; the one sentence that answers is not diluted.
At 0.3 it raises nDCG@10 and MRR on the golden dev split and ``gnome-dev`` (and on both
held-out sets), but drops one ``gnome-dev`` question from the top five (rank 5 -> 8) and costs
golden MRR; it stays off (see ``evals/README.md``). Mixed into the cosine before fusion
(``max_sim_stage="dense"``), with units embedded without their heading, or with the heading as
a unit of its own, it costs the golden or the dev split more.

Then a passage whose words are those of a passage above it (a manual that repeats a
whole section, differing only in page numbers or line breaks) waits until the other passages
have had their turn (``copies_last``): two identical quotes tell the customer nothing more.

Chosen on the golden set and the foreign dev split (``gnome-dev``), checked on the TV manual,
then reported on the held-out sets (``evals ablation``, table in ``evals/README.md``): convex
fusion, the BM25 ceiling, query rewriting (with its known-word guard), the light stemmer, the
document blend and copies last are on by default; the max-sim rerank, the heading, section and
document fields of BM25, z-scores, RRF, the other scalings of the dense side (over its ceiling,
cosine 1, or from the mean cosine), dense pseudo-relevance feedback and the per-document and
near-duplicate diversification stay switches so the table can be re-run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Fusion = Literal["rrf", "convex", "zscore"]
_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class RetrievalConfig:
    """The retriever's switches (each one is a row of ``evals ablation``).

    ``fields``: the sparse index also scores the title and heading path as a field of its own.
    ``rewrite``: filler words dropped and misspelt words corrected before the keyword search.
    ``fusion``/``depth``/weights: how the two rankings are fused and how deep each is read.
    ``fallback``: a product-scoped search that is weak falls back to store-wide passages.
    ``doc_blend``/``doc_bm25``: a chunk also scores what its whole document matches.
    ``per_source``/``near_duplicate``/``copies_last``: diversify the first results.
    ``dense_scale``: convex: the cosine scaled over the candidates' range (``minmax``), up to
    a perfect match (``ceiling``: cosine 1) or from the mean cosine of all admitted passages.
    ``bm25_scale``: convex: BM25 over the best candidate's score, the ceiling of the query as
    typed, or the ceiling of the rewritten query.
    ``stemmer``: BM25 terms through :func:`bm25.stem` (``light``; ``final-e``: also without
    a final "e") or the older :func:`bm25.fold`.
    ``max_sim``: the best cosine of the query to one of a chunk's answer units
    (:mod:`assistant.retrieval.units`), mixed into the chunk's cosine before fusion
    (``max_sim_stage="dense"``) or into the fused score of the top ``max_sim_depth``
    passages, scaled over them (``rerank``); ``unit_text``: what a unit's vector embeds.
    ``rare_terms``: a query word that at most this many chunks hold and none of the results
    does ("pacemaker" in a chatty question) brings its best chunk in as the last result (3 by
    default: neutral on recall@5 of every set, and the planner then has the passage to quote).
    ``own_slot``: a product-scoped search whose results are all store-wide passages (policies)
    gives its last place to the best of the product's own passages, so its documents are read.
    """

    fields: bool = False
    heading_weight: float = 1.0
    rewrite: bool = True
    fusion: Fusion = "convex"
    depth: int = 40
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    fallback: bool = True
    fallback_margin: float = 0.15
    section_field: bool = False  # BM25 also scores the chunk's whole section (all its chunks)
    bm25_scale: Literal["max", "ceiling", "rewritten"] = "ceiling"
    doc_blend: float = 0.2  # share of a chunk's cosine taken from its whole document's vector
    prf: float = 0.0  # dense pseudo-relevance feedback: weight of the top passages' centroid
    prf_depth: int = 3
    per_source: int = 0  # at most this many chunks of one document before other documents
    near_duplicate: float = 0.0  # a chunk this similar (cosine) to one above it waits too
    doc_bm25: float = 0.0  # share of a chunk's BM25 score taken from its whole document's
    spell_guard: bool = True  # rewrite: a known English word is never "corrected"
    copies_last: bool = True  # a passage with the words of one above it waits
    dense_scale: Literal["minmax", "ceiling", "mean"] = "minmax"
    stemmer: Literal["light", "final-e", "fold"] = "light"
    max_sim: float = 0.0  # share of a chunk's cosine taken from its best unit's (units.py)
    max_sim_stage: Literal["dense", "rerank"] = "rerank"
    max_sim_depth: int = 30  # rerank: how many fused passages are re-scored
    max_sim_chunk: bool = False  # max-sim: the whole passage is one more of its units
    max_sim_doc: bool = False  # max-sim: blended with the document's cosine as the chunk's is
    unit_text: Literal["plain", "heading", "context"] = "context"  # max-sim: units.unit_texts
    rare_terms: int = 3  # a query word at most this many chunks hold, none of the results: rescue
    own_slot: bool = True  # a product-scoped search keeps one of the product's own passages


def rrf(
    rankings: Mapping[str, Sequence[tuple[int, float]]], weights: Mapping[str, float], k: int
) -> dict[int, float]:
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        for rank, (row, _) in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weights[name] / (k + rank)
    return fused


def convex(
    candidates: Sequence[int],
    cosine: Mapping[int, float],
    bm25: Mapping[int, float],
    dense_weight: float,
    bm25_weight: float,
    bm25_ceiling: float | None = None,
    dense_ceiling: float | None = None,
    dense_floor: float | None = None,
) -> dict[int, float]:
    """``bm25_ceiling``: divide BM25 by this (a full match's score) instead of the best score
    among the candidates, so a query the keywords barely match leans on the dense side.
    ``dense_ceiling``/``dense_floor``: scale the cosine up to this (instead of the best
    candidate's) and from this (instead of the worst candidate's; below it counts 0)."""
    if not candidates:
        return {}
    cos = [cosine[r] for r in candidates]
    low, high = min(cos), max(cos)
    if dense_floor is not None:
        low = dense_floor
    if dense_ceiling is not None:
        high = max(high, dense_ceiling)
    span = (high - low) or 1.0
    best_bm25 = max((bm25.get(r, 0.0) for r in candidates), default=0.0)
    if bm25_ceiling:
        best_bm25 = max(best_bm25, bm25_ceiling)
    best_bm25 = best_bm25 or 1.0
    total = (dense_weight + bm25_weight) or 1.0
    return {
        r: (
            dense_weight * max(cosine[r] - low, 0.0) / span
            + bm25_weight * bm25.get(r, 0.0) / best_bm25
        )
        / total
        for r in candidates
    }


def zscore(
    candidates: Sequence[int],
    cosine: np.ndarray,
    bm25: np.ndarray,
    mask: np.ndarray,
    dense_weight: float,
    bm25_weight: float,
) -> dict[int, float]:
    """Each list's scores in standard deviations above its own mean over every admitted passage:
    a ranker whose best passages stand out counts for more than one that scores all alike."""
    if not candidates or not mask.any():
        return {}
    dense_pop, sparse_pop = cosine[mask], bm25[mask]
    z_dense = (cosine - dense_pop.mean()) / (float(dense_pop.std()) or 1.0)
    z_sparse = (bm25 - sparse_pop.mean()) / (float(sparse_pop.std()) or 1.0)
    total = (dense_weight + bm25_weight) or 1.0
    return {
        r: float(dense_weight * z_dense[r] + bm25_weight * z_sparse[r]) / total for r in candidates
    }


def rerank(
    ranked: Sequence[tuple[int, float]], best_unit: Mapping[int, float], weight: float, depth: int
) -> list[tuple[int, float]]:
    """The first ``depth`` of ``ranked`` re-scored: ``(1 - weight)`` of the fused score (over
    the best one) plus ``weight`` of the best unit cosine, min-max scaled over those passages
    (as the dense side is before fusion); the rest keep their fused share, so stay below."""
    head, tail = list(ranked[:depth]), list(ranked[depth:])
    if not head:
        return tail
    top = max(s for _, s in head) or 1.0
    unit = [float(best_unit[r]) for r, _ in head]
    low, high = min(unit), max(unit)
    span = (high - low) or 1.0
    scored = [
        (r, (1 - weight) * s / top + weight * (u - low) / span)
        for (r, s), u in zip(head, unit, strict=True)
    ]
    scored.sort(key=lambda x: (-x[1], x[0]))
    # a passage below the first ``depth`` keeps its fused share, which no passage above falls under
    return scored + [(r, (1 - weight) * s / top) for r, s in tail]


def copy_ids(texts: Sequence[str]) -> list[int]:
    """Per passage, the position of the first passage with the same words (letters only, so a
    copy of a section that differs only in its page number or line breaks is the same)."""
    first: dict[str, int] = {}
    return [
        first.setdefault(" ".join(_LETTERS.findall(t.lower())) or f"\0{row}", row)
        for row, t in enumerate(texts)
    ]


def diversify(
    ranked: Sequence[tuple[int, float]],
    k: int,
    config: RetrievalConfig,
    doc_row: np.ndarray,
    copy_of: Sequence[int],
    matrix: np.ndarray,
) -> list[tuple[int, float]]:
    """The best ``k`` of ``ranked`` (best first); with ``per_source``, a chunk whose document
    already has that many chunks above it waits until the other documents have had their turn;
    so does, with ``near_duplicate``, a chunk almost identical (cosine) to one above it, and
    with ``copies_last``, a chunk whose words are those of one above it (:func:`copy_ids`): the
    first results cover several passages rather than one document's chunks or copies."""
    first: list[tuple[int, float]] = []
    later: list[tuple[int, float]] = []
    per_doc: dict[int, int] = {}
    kept: list[int] = []
    shown: set[int] = set()
    for row, score in ranked:
        doc = int(doc_row[row])
        waits = bool(config.per_source) and per_doc.get(doc, 0) >= config.per_source
        waits = waits or (config.copies_last and copy_of[row] in shown)
        if not waits and config.near_duplicate and kept:
            waits = float(np.max(matrix[kept] @ matrix[row])) >= config.near_duplicate
        if waits:
            later.append((row, score))
            continue
        shown.add(copy_of[row])
        per_doc[doc] = per_doc.get(doc, 0) + 1
        kept.append(row)
        first.append((row, score))
        if len(first) >= k:
            break
    return (first + later)[:k]
