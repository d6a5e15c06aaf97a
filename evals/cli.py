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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.datasets import DATASETS, DatasetError, RetrievalItem, RoutingItem, read_jsonl

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
    table = run_ablation(sets, _embedder(), args.scratch)
    print(format_table(table, [s.name for s in sets]))
    _write_json(args.json, {"suite": "ablation", "table": table})
    return 0


def cmd_extraction(args: argparse.Namespace) -> int:
    from evals.extraction import format_extraction, run_extraction_suite

    result = run_extraction_suite(_embedder(), args.scratch)
    print(format_extraction(result))
    _write_json(args.json, result)
    return 0


def cmd_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval import run_retrieval_suite

    items = [it for path in args.dataset for it in read_jsonl(path, RetrievalItem)]
    result = run_retrieval_suite(
        args.corpus, items, _embedder(), args.scratch, systems=tuple(args.systems.split(","))
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
            result = run_retrieval_suite(args.corpus, items, _embedder(), args.scratch)
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


def _write_json(path: Path | None, result: dict[str, Any]) -> None:
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"wrote {path}")


def _router_systems(args: argparse.Namespace) -> tuple[Any, Any, dict[str, Any]]:
    """Our router (trained once, then loaded from ``--router-cache``) and the TF-IDF baseline,
    both from the same examples."""
    from assistant.planner.router import ROUTER_VERSION, load_examples
    from assistant.planner.router_store import cache_key, load_or_train
    from evals.routing import TfidfBaseline

    examples = load_examples(args.examples)
    embedder = _embedder()
    started = time.perf_counter()
    router = load_or_train(examples, embedder, args.router_cache)
    info = {
        "version": ROUTER_VERSION,
        "embedder": embedder.model_id,
        "key": cache_key(examples, embedder.model_id),
        "examples": sum(len(v) for v in examples.values()),
        "ready_s": round(time.perf_counter() - started, 3),
    }
    return router, TfidfBaseline(examples), info


def _print_routing(result: dict[str, Any]) -> None:
    r = result["router"]
    print(
        f"routing: router v{r['version']} ({r['embedder']}, key {r['key'][:12]}, "
        f"{r['examples']} examples, ready in {r['ready_s']} s) vs tfidf_lr; {result['slots_note']}"
    )
    systems = result["systems"]
    print(
        f"{'dataset':<16}{'system':<10}{'items':>6}{'accuracy':>10}{'macro-F1':>10}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'slot EM':>9}"
    )
    for dataset in result["datasets"]:
        for name, system in systems.items():
            m = system["by_dataset"][dataset]
            slot = "-" if m["slot_exact_match"] is None else f"{m['slot_exact_match']:.3f}"
            print(
                f"{dataset:<16}{name:<10}{m['items']:>6}{m['accuracy']:>10.3f}"
                f"{m['macro_f1']:>10.3f}{m['latency_ms_p50']:>9.2f}{m['latency_ms_p95']:>9.2f}"
                f"{slot:>9}"
            )
    columns = [(d, n) for d in result["datasets"] for n in systems]
    labels = "".join(f"{d[-12:] + ' ' + n[:5]:>20}" for d, n in columns)
    tags = sorted({t for s in systems.values() for t in s["metrics"]["per_tag"]})
    print(f"\naccuracy per tag (items)\n{'tag':<22}{labels}")
    for tag in tags:
        cells = []
        for d, n in columns:
            cell = systems[n]["by_dataset"][d]["per_tag"].get(tag)
            cells.append(f"{cell['accuracy']:.3f} ({cell['items']})" if cell else "-")
        print(f"{tag:<22}" + "".join(f"{c:>20}" for c in cells))
    print(f"\nF1 per intent\n{'intent':<22}{labels}")
    for intent in systems["ours"]["metrics"]["per_intent"]:
        cells = []
        for d, n in columns:
            cell = systems[n]["by_dataset"][d]["per_intent"].get(intent)
            cells.append(f"{cell['f1']:.3f}" if cell else "-")
        print(f"{intent:<22}" + "".join(f"{c:>20}" for c in cells))
    ours = systems["ours"]["metrics"]
    confusions = sorted(
        ((-n, e, p) for e, row in ours["confusion"].items() for p, n in row.items() if p != e)
    )
    print("\nmost frequent confusions, ours, all datasets (expected -> predicted: n)")
    for n, e, p in confusions[:10]:
        print(f"  {e} -> {p}: {-n}")
    print("\nconfidence threshold, ours, per dataset: routed share / accuracy of routed / wrong")
    for dataset in result["datasets"]:
        sweep = systems["ours"]["by_dataset"][dataset]["threshold_sweep"]
        line = "  ".join(
            f"{row['threshold']:.2f}: {row['coverage']:.3f}/{row['accuracy_routed'] or 0:.3f}/"
            f"{row['wrong_routed']}"
            for row in sweep
        )
        print(f"  {dataset}: {line}")


def cmd_routing(args: argparse.Namespace) -> int:
    from evals.packs import demo_view
    from evals.routing import find_slot_extractor, router_predict, run_routing_suite

    names = [p.stem for p in args.dataset]
    keys = names if len(set(names)) == len(names) else [str(p) for p in args.dataset]
    datasets = {k: read_jsonl(p, RoutingItem) for k, p in zip(keys, args.dataset, strict=True)}
    router, baseline, info = _router_systems(args)
    systems = {"ours": router_predict(router), "tfidf_lr": baseline.predict}
    result = run_routing_suite(datasets, systems, find_slot_extractor(demo_view()))
    result["router"] = info
    _print_routing(result)
    _write_json(args.json, result)
    return 0


def _print_bitext(result: dict[str, Any]) -> None:
    from evals.bitext import MAPPING

    systems = result["systems"]
    names = list(systems)
    print(f"bitext: {result['rows']} rows of {result['csv']} (measure only, never trained on)")
    print(f"{'':<26}" + "".join(f"{n:>10}" for n in names))
    for key, title in (
        ("accuracy", "accuracy"),
        ("accuracy_in_scope", "  mapped to a real intent"),
        ("accuracy_out_of_scope", "  mapped to out_of_scope"),
    ):
        print(f"{title:<26}" + "".join(f"{systems[n]['metrics'][key]:>10.3f}" for n in names))
    sections: list[tuple[str, str, Callable[[str], str]]] = [
        ("per tag", "per_tag", lambda k: f"{k} {result['tag_names'].get(k, '?')}"),
        ("per mapped intent", "per_mapped_intent", str),
        ("per Bitext intent -> ours", "per_bitext_intent", lambda k: f"{k} -> {MAPPING[k].intent}"),
    ]
    for title, key, label in sections:
        top_title = "" if key == "per_tag" else "  ours' top prediction"
        print(f"\n{title:<48}{'items':>6}" + "".join(f"{n:>10}" for n in names) + top_title)
        for group, cell in systems[names[0]]["metrics"][key].items():
            scores = "".join(
                f"{systems[n]['metrics'][key][group]['accuracy']:>10.3f}" for n in names
            )
            top = systems["ours"]["metrics"][key][group]["top_predicted"]
            top = "" if key == "per_tag" else f"  {top}"
            print(f"{label(group):<48}{cell['items']:>6}{scores}{top}")


def cmd_bitext(args: argparse.Namespace) -> int:
    from evals.bitext import run_bitext_suite

    router, baseline, info = _router_systems(args)

    def ours(texts: Any) -> list[tuple[Any, float]]:
        return [(r.intent, r.confidence) for r in router.route_many(texts)]

    result = run_bitext_suite(args.csv, {"ours": ours, "tfidf_lr": baseline.predict_many})
    result["router"] = info
    _print_bitext(result)
    _write_json(args.json, result)
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
    _write_json(args.json, result)
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

    from assistant.planner.router import EXAMPLES_PATH
    from evals.bitext import DEFAULT_CSV

    for name, help_text, func in (
        ("routing", "score the intent router vs a TF-IDF baseline", cmd_routing),
        ("bitext", "score the intent router on Bitext's validation split", cmd_bitext),
    ):
        s = sub.add_parser(name, help=help_text)
        if name == "routing":
            s.add_argument(
                "--dataset",
                type=Path,
                action="append",
                help="routing JSONL (repeatable); default: our dev and test splits, each reported",
            )
        else:
            s.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="Bitext CSV")
        s.add_argument("--json", type=Path, help="write machine-readable results here")
        s.add_argument("--examples", type=Path, default=EXAMPLES_PATH, help="training examples")
        s.add_argument(
            "--router-cache",
            type=Path,
            default=scratch / "router",
            help="where the trained router is kept (reused while examples and model match)",
        )
        s.set_defaults(func=func)
    routing_sets = [DATASETS / "routing_dev.jsonl", DATASETS / "routing_test.jsonl"]

    from evals.cli_suites import add_parsers

    add_parsers(sub, scratch)  # conversations, safety, run
    from evals.shoppers import add_parser as add_shoppers_parser

    add_shoppers_parser(sub, scratch)  # shopper conversations (issue 9)

    args = parser.parse_args(argv)
    if getattr(args, "dataset", "n/a") is None:
        args.dataset = routing_sets if args.command == "routing" else default_sets
    try:
        return int(args.func(args))
    except DatasetError as exc:
        print(f"evals: {exc}", file=sys.stderr)
        return 2
