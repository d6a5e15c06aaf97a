"""``evals routing`` and ``evals bitext``: the intent router against a TF-IDF baseline on our
routing sets, and on Bitext's validation split (measure only). Wired in :func:`evals.cli.main`."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.cli_common import embedder as settings_embedder
from evals.cli_common import write_json
from evals.datasets import DATASETS, RoutingItem, read_jsonl

ROUTING_SETS = [DATASETS / "routing_dev.jsonl", DATASETS / "routing_test.jsonl"]


def _router_systems(args: argparse.Namespace) -> tuple[Any, Any, dict[str, Any]]:
    """Our router (trained once, then loaded from ``--router-cache``) and the TF-IDF baseline,
    both from the same examples."""
    from assistant.planner.router import ROUTER_VERSION, load_examples
    from assistant.planner.router_store import cache_key, load_or_train
    from evals.routing import TfidfBaseline

    examples = load_examples(args.examples)
    embedder = settings_embedder()
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
    write_json(args.json, result)
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
    write_json(args.json, result)
    return 0


def add_parsers(sub: Any, scratch: Path) -> None:
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
