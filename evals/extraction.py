"""``evals extraction``: does answer extraction quote the span that answers the question?

Dataset (JSON Lines): ``{"id", "question", "source", "answer_span"}``: ``source`` the file (relative
to the corpus) that answers, ``answer_span`` an exact piece of its text that the quoted answer
must contain. Sets: ``evals/datasets/extraction_demo.jsonl`` on the demo corpus and each foreign
set's ``answers.jsonl``.

Scored per item, all on our retriever's top 3 passages for the question:

- ``ours``: :class:`AnswerExtractor` (at most 3 sentences, or one whole procedure);
- ``lead3``: the first three sentences/steps of the top passage (a plain baseline);
- ``passage``: the whole top passage (what was quoted before: the ceiling, at many more words);
- ``planner``: the chat planner's extractor (:func:`assistant.planner.answers.best_answer`) on
  the same passages, read the way chat reads them (:func:`planner_answer`: passages as the search
  tool returns them, with each unit's cosine to the question from the same embedder).

``exact_span_hit`` is the share of items whose quoted text contains the span (whitespace and
case folded); ``gold_span_hit`` is the same for ``ours`` and ``planner`` given the top 3
passages of the right document (extraction alone, without retrieval misses). ``words`` is the
mean length quoted. Latency (of ``ours``) is reported cold (every unit embedded for the first
time) and warm (unit vectors memoised, as in a running service once a passage was quoted).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, Field

from assistant.agent.highlights import Embed, UnitScorer
from assistant.agent.tools import UNIT_SCORED_PASSAGES, PassageOut
from assistant.planner.answers import best_answer
from assistant.retrieval.extract import AnswerExtractor, split_units
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.types import Passage, SearchFilters
from evals.datasets import DATASETS, read_jsonl
from evals.foreign import FOREIGN
from evals.metrics import percentile
from evals.retrieval import scratch_index
from ingest.embedding import Embedder

ROOT = Path(__file__).resolve().parents[1]


class ExtractionItem(BaseModel):
    id: str
    question: str = Field(min_length=1)
    source: str
    answer_span: str = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class ExtractionSet:
    name: str
    corpus: Path
    dataset: Path


def extraction_sets() -> list[ExtractionSet]:
    gnome = FOREIGN / "gnome-help"
    return [
        ExtractionSet("demo", ROOT / "corpus", DATASETS / "extraction_demo.jsonl"),
        ExtractionSet("gnome-help", gnome / "corpus", gnome / "answers.jsonl"),
    ]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def contains(quoted: str, span: str) -> bool:
    return _norm(span) in _norm(quoted)


def _lead(text: str, n: int = 3) -> str:
    return "\n".join(u.text for u in split_units(text)[:n])


def planner_scorer(retriever: HybridRetriever) -> UnitScorer:
    """The unit scorer chat uses, over the same embedder and query vectors as ``retriever``."""
    embedder = retriever.embedder
    return UnitScorer(
        cast(Embed, embedder.embed),  # rows of a float32 matrix are sequences of floats
        retriever.query_vector,
        embedder.model_id,
        retriever.store.cache_path,
    )


def planner_answer(question: str, passages: Sequence[Passage], scorer: UnitScorer) -> str:
    """What the chat planner quotes from ``passages``: they become the search tool's
    ``PassageOut`` (the first few with their units' cosines), then ``best_answer`` picks (its
    lines and, when it has one, the aside from another section, as chat shows them)."""
    found = [
        PassageOut(
            chunk_id=p.chunk_id,
            text=p.text,
            source=p.citation.source,
            title=p.citation.title,
            section=p.citation.section,
            page=p.citation.page,
            doc_type=p.doc_type.value,
            skus=list(p.skus),
        )
        for p in passages
    ]
    top = found[:UNIT_SCORED_PASSAGES]
    for out, scores in zip(top, scorer.scores(question, [p.text for p in top]), strict=True):
        out.unit_scores = scores
    answer = best_answer(question, found)
    return answer.shown if answer else ""


def score_extraction(
    items: Sequence[ExtractionItem],
    retriever: HybridRetriever,
    extractor: AnswerExtractor,
    scorer: UnitScorer | None = None,
) -> dict[str, Any]:
    scorer = scorer or planner_scorer(retriever)
    hits = {"ours": 0, "lead3": 0, "passage": 0, "planner": 0, "gold": 0, "planner_gold": 0}
    words: dict[str, list[int]] = {"ours": [], "lead3": [], "passage": [], "planner": []}
    latencies, records = [], []
    for item in items:
        passages = retriever.search(item.question, k=3)
        vector = retriever.query_vector(item.question)
        started = time.perf_counter()
        answer = extractor.extract(item.question, passages, question_vector=vector)
        latencies.append((time.perf_counter() - started) * 1000)
        quoted = {
            "ours": answer.text if answer else "",
            "lead3": _lead(passages[0].text) if passages else "",
            "passage": passages[0].text if passages else "",
            "planner": planner_answer(item.question, passages, scorer),
        }
        for name, text in quoted.items():
            hits[name] += contains(text, item.answer_span)
            words[name].append(len(text.split()))
        gold = retriever.search(item.question, k=3, filters=SearchFilters(sources=[item.source]))
        gold_answer = extractor.extract(item.question, gold, question_vector=vector)
        hits["gold"] += bool(gold_answer and contains(gold_answer.text, item.answer_span))
        hits["planner_gold"] += contains(
            planner_answer(item.question, gold, scorer), item.answer_span
        )
        records.append(
            {
                "id": item.id,
                "hit": contains(quoted["ours"], item.answer_span),
                "quoted": quoted["ours"],
                "planner_hit": contains(quoted["planner"], item.answer_span),
                "source": answer.passage.citation.source if answer else None,
            }
        )
    warm = []
    for item in items:  # again, unit vectors now memoised: the steady state of a live service
        passages = retriever.search(item.question, k=3)
        vector = retriever.query_vector(item.question)
        started = time.perf_counter()
        extractor.extract(item.question, passages, question_vector=vector)
        warm.append((time.perf_counter() - started) * 1000)
    n = len(items)
    return {
        "items": n,
        "exact_span_hit": {
            name: round(hits[name] / n, 4) for name in ("ours", "lead3", "passage", "planner")
        },
        "gold_span_hit": round(hits["gold"] / n, 4),
        "planner_gold_span_hit": round(hits["planner_gold"] / n, 4),
        "words": {name: round(statistics.fmean(v), 1) for name, v in words.items()},
        "latency_ms_p50": round(percentile(latencies, 50), 2),
        "latency_ms_p95": round(percentile(latencies, 95), 2),
        "warm_latency_ms_p50": round(percentile(warm, 50), 2),
        "records": records,
    }


def run_extraction_suite(
    embedder: Embedder, scratch_root: Path, sets: Sequence[ExtractionSet] | None = None
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for eval_set in sets or extraction_sets():
        items = read_jsonl(eval_set.dataset, ExtractionItem)
        store = scratch_index(eval_set.corpus, scratch_root, embedder)
        retriever = HybridRetriever(store, embedder)
        retriever.prefetch([it.question for it in items])
        scorer = planner_scorer(retriever)
        results[eval_set.name] = score_extraction(
            items, retriever, AnswerExtractor(embedder), scorer
        )
        scorer.close()
        retriever.close()
    return {"suite": "extraction", "sets": results}


def format_extraction(result: dict[str, Any]) -> str:
    lines = [
        "| set | items | ours hit | planner hit | lead-3 hit | whole passage hit "
        "| ours / planner on gold passages | words ours / planner / lead-3 / passage "
        "| extract p50 / p95 ms (cold) | p50 ms (warm) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    totals = {"items": 0, "ours": 0.0, "planner": 0.0}
    for name, r in result["sets"].items():
        hit, w = r["exact_span_hit"], r["words"]
        totals["items"] += r["items"]
        totals["ours"] += hit["ours"] * r["items"]
        totals["planner"] += hit["planner"] * r["items"]
        lines.append(
            f"| {name} | {r['items']} | {hit['ours']:.3f} | {hit['planner']:.3f} | "
            f"{hit['lead3']:.3f} | {hit['passage']:.3f} | "
            f"{r['gold_span_hit']:.3f} / {r['planner_gold_span_hit']:.3f} | "
            f"{w['ours']} / {w['planner']} / {w['lead3']} / {w['passage']} | "
            f"{r['latency_ms_p50']} / {r['latency_ms_p95']} | {r['warm_latency_ms_p50']} |"
        )
    if totals["items"]:
        n = totals["items"]
        lines.append(
            f"| all | {n} | {totals['ours'] / n:.3f} | {totals['planner'] / n:.3f} | | | | | | |"
        )
    return "\n".join(lines)
