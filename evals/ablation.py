"""``evals ablation``: each retrieval component switched off (or swapped) in turn, on every set.

Sets: the dev split of our golden set on the demo corpus (its test split is never used to make
a choice), the foreign sets stored in the repository and the TV manual from ``../shared`` when
it is there (see :mod:`evals.foreign`); each foreign set is named with its split: choices are
made on the golden dev split and the ``dev`` split, and the
``held-out`` sets only report them. Every variant reads the
same scratch index and the same query embeddings (embedded once per set), so the table shows
what each component adds, not noise from the machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.retrieval.fusion import RetrievalConfig
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.types import SearchFilters
from evals.datasets import DATASETS, RetrievalItem, read_jsonl
from evals.foreign import foreign_sets
from evals.retrieval import score_system, scratch_index
from ingest.embedding import Embedder

ROOT = Path(__file__).resolve().parents[1]
BASE = RetrievalConfig()
MAX_SIM = replace(BASE, max_sim=0.3, max_sim_stage="rerank", unit_text="context")
VARIANTS: tuple[tuple[str, RetrievalConfig, str], ...] = (
    ("ours (defaults)", BASE, "hybrid"),
    ("- query rewrite", replace(BASE, rewrite=False), "hybrid"),
    ("- known-word guard (rewrite)", replace(BASE, spell_guard=False), "hybrid"),
    ("- light stemmer (older fold)", replace(BASE, stemmer="fold"), "hybrid"),
    ("stemmer also drops a final e", replace(BASE, stemmer="final-e"), "hybrid"),
    ("- copies last", replace(BASE, copies_last=False), "hybrid"),
    ("- bm25 ceiling (over best score)", replace(BASE, bm25_scale="max"), "hybrid"),
    ("bm25 ceiling of the rewritten query", replace(BASE, bm25_scale="rewritten"), "hybrid"),
    ("dense up to its ceiling (cosine 1)", replace(BASE, dense_scale="ceiling"), "hybrid"),
    ("dense from the mean cosine", replace(BASE, dense_scale="mean"), "hybrid"),
    ("rrf instead of convex", replace(BASE, fusion="rrf"), "hybrid"),
    ("zscore instead of convex", replace(BASE, fusion="zscore"), "hybrid"),
    ("+ heading field", replace(BASE, fields=True), "hybrid"),
    ("+ section field", replace(BASE, section_field=True), "hybrid"),
    ("depth 20 (not 40)", replace(BASE, depth=20), "hybrid"),
    ("- product fallback", replace(BASE, fallback=False), "hybrid"),
    ("- own product slot", replace(BASE, own_slot=False), "hybrid"),
    ("- document blend (dense)", replace(BASE, doc_blend=0.0), "hybrid"),
    ("document blend 0.5 (not 0.2)", replace(BASE, doc_blend=0.5), "hybrid"),
    ("+ max-sim rerank (best unit, 0.3 of top 30)", MAX_SIM, "hybrid"),
    ("+ max-sim, units without their heading", replace(MAX_SIM, unit_text="plain"), "hybrid"),
    ("+ max-sim, heading as one more unit", replace(MAX_SIM, unit_text="heading"), "hybrid"),
    ("+ max-sim in the dense score (no rerank)", replace(MAX_SIM, max_sim_stage="dense"), "hybrid"),
    ("+ max-sim rerank of the top 10", replace(MAX_SIM, max_sim_depth=10), "hybrid"),
    ("+ max-sim weight 0.5", replace(MAX_SIM, max_sim=0.5), "hybrid"),
    ("+ max-sim with the document blend", replace(MAX_SIM, max_sim_doc=True), "hybrid"),
    ("+ max-sim, the passage one of its units", replace(MAX_SIM, max_sim_chunk=True), "hybrid"),
    ("+ max-sim and document blend 0.5", replace(MAX_SIM, doc_blend=0.5), "hybrid"),
    ("+ document field (bm25, 0.5)", replace(BASE, doc_bm25=0.5), "hybrid"),
    ("+ dense feedback (rocchio 0.5)", replace(BASE, prf=0.5), "hybrid"),
    ("+ one chunk per document first", replace(BASE, per_source=1), "hybrid"),
    ("+ near-duplicates last (0.95)", replace(BASE, near_duplicate=0.95), "hybrid"),
    ("+ rare-word rescue (held by <= 2 chunks)", replace(BASE, rare_terms=2), "hybrid"),
    ("+ rare-word rescue (held by <= 4 chunks)", replace(BASE, rare_terms=4), "hybrid"),
    (
        "previous retriever (rrf)",
        RetrievalConfig(
            fusion="rrf",
            rewrite=False,
            doc_blend=0,
            copies_last=False,
            stemmer="fold",
            max_sim=0.0,
        ),
        "hybrid",
    ),
    ("dense only", BASE, "dense"),
    ("bm25 only (with rewrite)", BASE, "bm25"),
)
METRICS = ("recall@5", "ndcg@10", "mrr@10")


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    corpus: Path
    items: list[RetrievalItem]


def eval_sets() -> tuple[list[EvalSet], list[str]]:
    golden = read_jsonl(DATASETS / "retrieval_dev.jsonl", RetrievalItem)
    sets = [EvalSet("golden dev (demo)", ROOT / "corpus", golden)]
    found, notes = foreign_sets()
    sets += [
        EvalSet(f"{f.name} ({f.split})", f.corpus, read_jsonl(f.dataset, RetrievalItem))
        for f in found
    ]
    return sets, notes


def run_ablation(
    sets: Sequence[EvalSet], embedder: Embedder, scratch_root: Path
) -> dict[str, dict[str, dict[str, float]]]:
    """variant -> set -> metric."""
    table: dict[str, dict[str, dict[str, float]]] = {name: {} for name, _, _ in VARIANTS}
    for eval_set in sets:
        store = scratch_index(eval_set.corpus, scratch_root, embedder)
        shared: HybridRetriever | None = None
        for name, config, mode in VARIANTS:
            retriever = HybridRetriever(store, embedder, mode=mode, config=config)
            if shared is None:
                retriever.prefetch([it.question for it in eval_set.items])
                shared = retriever
            retriever._vectors = shared._vectors  # one embedding per question for all variants
            chunks = retriever.chunks

            def ideal(item: RetrievalItem, chunks: Any = chunks) -> int:
                admit = SearchFilters(skus=tuple(item.products)).admits
                return sum(1 for c in chunks if c.source in item.relevant_sources and admit(c))

            def search(q: str, f: Any, k: int, r: HybridRetriever = retriever) -> Any:
                return r.search(q, filters=f, k=k)

            metrics = score_system(eval_set.items, search, ideal)["metrics"]
            table[name][eval_set.name] = {m: float(metrics[m]) for m in METRICS}
            retriever.close()
    return table


def format_table(table: dict[str, dict[str, dict[str, float]]], sets: Sequence[str]) -> str:
    head = "| variant | " + " | ".join(f"{s} R@5 / nDCG@10 / MRR" for s in sets) + " |"
    lines = [head, "|---" * (len(sets) + 1) + "|"]
    for name, per_set in table.items():
        cells = [
            " / ".join(f"{per_set[s][m]:.3f}" for m in METRICS) if s in per_set else "n/a"
            for s in sets
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
