"""``evals``: measure the assistant before a release.

evals retrieval --corpus DIR --dataset FILE [--json OUT] [--systems ours,bm25,llamaindex]
evals ablation  each retrieval component off in turn, on the golden set and the foreign sets
evals extraction  answer extraction: exact-span hit rate vs lead-3 and whole passage
evals bench     ingestion and retrieval figures (full/no-op/one-edit ingest, p50/p95, recall)
evals bench-service  the HTTP service with 1 and 2 workers: 16 concurrent clients, p50/p95, RSS
evals bench-import   `assistant store import` of 10,000 generated orders (and a re-import)
evals store-gen DIR  a store's generated customers/orders/subscriptions (deterministic)
evals routing   [--dataset FILE] [--json OUT]  intent router vs TF-IDF baseline, per dataset
evals bitext    [--csv PATH] [--json OUT]  the router on Bitext's validation split (measure only)
evals conversations [--dataset FILE] [--json OUT] [--model URL]  scripted conversations, checked
evals safety    [--dataset FILE] [--json OUT] [--model URL]  violations (must be 0)
evals shoppers  --split dev|test|all [--smoke] [--json OUT]  correct-and-helpful rate, per kind
evals run       [--model URL] [--json OUT] [--report HTML] [--previous FILE] [--subset fast]
                every suite, the verdict from evals/thresholds.yaml (exit 1 on FAIL), the report
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

from evals.cli_common import embedder, write_json
from evals.cli_routing import ROUTING_SETS
from evals.datasets import DATASETS, DatasetError, RetrievalItem, read_jsonl

ROOT = Path(__file__).resolve().parents[1]


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


def _print_ratio(result: dict[str, Any]) -> None:
    systems = result["systems"]
    if "ours" in systems and "llamaindex" in systems:
        ours = systems["ours"]["metrics"]["latency_ms_p50"]
        plain = systems["llamaindex"]["metrics"]["latency_ms_p50"]
        print(f"p50 latency ours / llama-index vector: {ours / plain:.2f}x (target <= 1.2x)")


def cmd_ablation(args: argparse.Namespace) -> int:
    from evals.ablation import eval_sets, format_table, run_ablation

    sets, notes = eval_sets()
    for note in notes:
        print(f"note: {note}")
    table = run_ablation(sets, embedder(), args.scratch)
    print(format_table(table, [s.name for s in sets]))
    write_json(args.json, {"suite": "ablation", "table": table})
    return 0


def cmd_extraction(args: argparse.Namespace) -> int:
    from evals.extraction import format_extraction, run_extraction_suite

    result = run_extraction_suite(embedder(), args.scratch)
    print(format_extraction(result))
    write_json(args.json, result)
    return 0


def cmd_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval import run_retrieval_suite

    items = [it for path in args.dataset for it in read_jsonl(path, RetrievalItem)]
    result = run_retrieval_suite(
        args.corpus, items, embedder(), args.scratch, systems=tuple(args.systems.split(","))
    )
    _print_retrieval(result)
    _print_ratio(result)
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
            result = run_retrieval_suite(args.corpus, items, embedder(), args.scratch)
            print(f"\n{path.name}: {len(items)} questions")
            _print_retrieval(result)
    from evals.bench_assistant import run as run_turns

    turns = run_turns(ROOT / "var" / "index" if args.index is None else args.index)
    print(
        f"\nassistant turns (offline planner, real model/index/store, start-up excluded): "
        f"{turns['turns']} turns, p50 {turns['p50_ms']} ms, p95 {turns['p95_ms']} ms, "
        f"max {turns['max_ms']} ms; start-up {turns['startup_s']} s"
    )
    print("  p50 by intent: " + ", ".join(f"{k} {v}" for k, v in turns["by_intent"].items()))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the bench process: {rss_mb:.0f} MB")
    return 0


def cmd_bench_service(args: argparse.Namespace) -> int:
    from evals.bench_service import print_scaling_bench, run_scaling_bench

    result = run_scaling_bench(
        workers=[int(n) for n in args.workers.split(",")],
        clients=args.clients,
        requests=args.requests,
        index_dir=args.index,
    )
    print_scaling_bench(result)
    write_json(args.json, result)
    return 0 if result["error_count"] == 0 else 1


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

    for name, help_text, func in (
        ("ablation", "each retrieval component off in turn, on every set", cmd_ablation),
        ("extraction", "answer extraction: exact-span hit rate", cmd_extraction),
    ):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("--json", type=Path, help="write machine-readable results here")
        s.add_argument("--scratch", type=Path, default=scratch, help="scratch index folder")
        s.set_defaults(func=func)

    b = sub.add_parser("bench", help="print ingestion and retrieval figures")
    b.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    b.add_argument("--dataset", type=Path, action="append")
    b.add_argument("--scratch", type=Path, default=scratch)
    b.add_argument(
        "--index",
        type=Path,
        default=None,
        help="live index for the assistant-turn benchmark (default var/index)",
    )
    b.set_defaults(func=cmd_bench)

    bs = sub.add_parser(
        "bench-service",
        help="the HTTP service under 16 concurrent clients: start-up, p50/p95, throughput, RSS",
    )
    bs.add_argument("--clients", type=int, default=16)
    bs.add_argument("--requests", type=int, default=24, help="requests per client")
    bs.add_argument("--index", type=Path, default=None, help="index (default: the settings')")
    bs.add_argument(
        "--workers", default="1,2", help="worker processes per run, comma-separated (default 1,2)"
    )
    bs.add_argument("--json", type=Path, help="write machine-readable results here")
    bs.set_defaults(func=cmd_bench_service)

    from evals.bench_import import add_parsers as add_store_parsers

    add_store_parsers(sub)

    from evals.cli_routing import add_parsers as add_routing_parsers

    add_routing_parsers(sub, scratch)  # routing, bitext

    from evals.cli_suites import add_parsers

    add_parsers(sub, scratch)  # conversations, safety, run
    from evals.shoppers import add_parser as add_shoppers_parser

    add_shoppers_parser(sub, scratch)  # shopper conversations (issue 9)

    args = parser.parse_args(argv)
    if getattr(args, "dataset", "n/a") is None:
        args.dataset = ROUTING_SETS if args.command == "routing" else default_sets
    try:
        return int(args.func(args))
    except DatasetError as exc:
        print(f"evals: {exc}", file=sys.stderr)
        return 2
