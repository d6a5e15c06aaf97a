"""``evals``: measure the assistant before a release.

evals retrieval --corpus DIR --dataset FILE [--json OUT] [--systems ours,bm25,llamaindex]
evals bench     ingestion and retrieval figures (full/no-op/one-edit ingest, p50/p95, recall)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from evals.datasets import DATASETS, DatasetError, RetrievalItem, read_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _embedder() -> Any:
    from assistant.settings import get_settings
    from ingest.embedding import HashingEmbedder, MiniLMEmbedder

    return HashingEmbedder() if get_settings().embedder == "hashing" else MiniLMEmbedder()


def _print_retrieval(result: dict[str, Any]) -> None:
    print(
        f"retrieval: {result['corpus']} ({result['chunks']} chunks, index "
        f"{result['index_version']})"
    )
    header = f"{'system':<11}" + "".join(
        f"{m:>10}" for m in ("R@1", "R@3", "R@5", "R@10", "MRR@10", "nDCG@10", "p50 ms", "p95 ms")
    )
    print(header)
    for name, system in result["systems"].items():
        m = system["metrics"]
        print(
            f"{name:<11}"
            + "".join(
                f"{m[k]:>10}"
                for k in (
                    "recall@1",
                    "recall@3",
                    "recall@5",
                    "recall@10",
                    "mrr@10",
                    "ndcg@10",
                    "latency_ms_p50",
                    "latency_ms_p95",
                )
            )
        )


def cmd_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval import run_retrieval_suite

    items = [it for path in args.dataset for it in read_jsonl(path, RetrievalItem)]
    result = run_retrieval_suite(
        args.corpus, items, _embedder(), args.scratch, systems=tuple(args.systems.split(","))
    )
    _print_retrieval(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


def _timed_ingest(corpus: Path, store: Path) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "ingest", "--corpus", str(corpus), "--store", str(store), "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CI": "1"},
    )
    return time.perf_counter() - started, json.loads(out.stdout)


def cmd_bench(args: argparse.Namespace) -> int:
    import resource

    from evals.retrieval import run_retrieval_suite

    with tempfile.TemporaryDirectory(prefix="aftercare-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        store = Path(tmp) / "store"
        full_s, full = _timed_ingest(corpus, store)
        noop_s, noop = _timed_ingest(corpus, store)
        edited = next(corpus.rglob("*.md"))
        edited.write_text(edited.read_text() + "\n\nAn added paragraph for the benchmark.\n")
        edit_s, edit = _timed_ingest(corpus, store)
        pages, chunks = full["pages"], full["chunks"]
        print("ingestion (whole process, real model, empty cache):")
        print(
            f"  full      {full_s:6.2f} s  {full['documents']['added']} documents, {pages} pages,"
            f" {chunks} chunks  -> {pages / full_s:.1f} pages/s, {chunks / full_s:.1f} chunks/s"
        )
        print(
            f"  no-op     {noop_s:6.2f} s  unchanged={noop['documents']['unchanged']} "
            f"embedded={noop['embedding']['computed']}"
        )
        print(
            f"  one edit  {edit_s:6.2f} s  updated={edit['documents']['updated']} "
            f"embedded={edit['embedding']['computed']} (from cache "
            f"{edit['embedding']['from_cache']})"
        )
        for path in args.dataset:
            items = read_jsonl(path, RetrievalItem)
            result = run_retrieval_suite(args.corpus, items, _embedder(), args.scratch)
            print(f"\n{path.name}: {len(items)} questions")
            _print_retrieval(result)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the bench process: {rss_mb:.0f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="evals", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    scratch = ROOT / "var" / "evals"
    default_sets = [DATASETS / "retrieval_dev.jsonl", DATASETS / "retrieval_test.jsonl"]

    r = sub.add_parser("retrieval", help="score retrieval: ours vs BM25 vs llama-index")
    r.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    r.add_argument(
        "--dataset",
        type=Path,
        action="append",
        help="JSONL file (repeatable); default: our dev and test splits",
    )
    r.add_argument("--json", type=Path, help="write machine-readable results here")
    r.add_argument("--systems", default="ours,bm25,llamaindex")
    r.add_argument("--scratch", type=Path, default=scratch, help="scratch index folder")
    r.set_defaults(func=cmd_retrieval)

    b = sub.add_parser("bench", help="print ingestion and retrieval figures")
    b.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    b.add_argument("--dataset", type=Path, action="append")
    b.add_argument("--scratch", type=Path, default=scratch)
    b.set_defaults(func=cmd_bench)

    args = parser.parse_args(argv)
    if getattr(args, "dataset", None) is None:
        args.dataset = default_sets
    try:
        return int(args.func(args))
    except DatasetError as exc:
        print(f"evals: {exc}", file=sys.stderr)
        return 2
