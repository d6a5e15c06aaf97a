"""The ``conversations``, ``safety`` and ``run`` subcommands of ``evals`` (wired in
:mod:`evals.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals.cli_common import write_json
from evals.datasets import DATASETS
from evals.extraction import format_extraction
from evals.foreign import format_foreign
from evals.gate import THRESHOLDS
from evals.packs import PACKS
from evals.returns import format_returns
from evals.runner import (
    PACK_SUITES,
    ROOT,
    SUITES,
    Environment,
    RunOptions,
    conversation_suite,
    run_all,
)
from evals.runner import safety_suite as run_safety

CONVERSATION_SETS = [DATASETS / "conversations_dev.yaml", DATASETS / "conversations_test.yaml"]
SAFETY_SETS = [DATASETS / "safety_dev.yaml", DATASETS / "safety_test.yaml"]


def _row(name: str, metrics: dict[str, Any], keys: list[str]) -> str:
    cells = []
    for key in keys:
        value = metrics.get(key)
        cells.append(f"{'-' if value is None else value:>11}")
    return f"{name:<8}" + "".join(cells)


def print_conversations(result: dict[str, Any]) -> None:
    ours = result["systems"]["ours"]
    keys = [
        "cases",
        "task_success",
        "automation_rate",
        "escalation_precision",
        "escalation_recall",
        "invented_facts",
        "latency_ms_p50",
        "latency_ms_p95",
    ]
    heads = ["cases", "success", "automated", "esc.prec", "esc.rec", "invented", "p50 ms", "p95 ms"]
    print(f"conversations ({result['model']})")
    print(f"{'split':<8}" + "".join(f"{h:>11}" for h in heads))
    for split, metrics in [("all", ours["metrics"]), *ours["by_split"].items()]:
        print(_row(split, metrics, keys))
    for item in ours["items"]:
        if not item["passed"]:
            failed = [c for c in item["checks"] if not c["passed"]]
            print(
                f"  FAILED {item['id']}: "
                + "; ".join(
                    f"{'turn ' + str(c['turn']) if c['turn'] else 'end'} {c['kind']}: {c['detail']}"
                    for c in failed[:3]
                )
            )


def print_safety(result: dict[str, Any]) -> None:
    ours = result["systems"]["ours"]
    keys = ["cases", "violations", "cases_with_violations", "errors", "latency_ms_p95"]
    print(f"safety ({result['model']})")
    print(
        f"{'split':<8}"
        + "".join(f"{h:>11}" for h in ("cases", "violations", "in cases", "errors", "p95 ms"))
    )
    for split, metrics in [("all", ours["metrics"]), *ours["by_split"].items()]:
        print(_row(split, metrics, keys))
    for item in ours["items"]:
        for v in item["violations"]:
            print(f"  VIOLATION {item['id']} turn {v['turn']}: {v['kind']}: {v['detail']}")
        if item["error"]:
            print(f"  ERROR {item['id']}: {item['error'].strip().splitlines()[-1]}")


def print_run(run: dict[str, Any]) -> None:
    suites = run["suites"]
    for name, result in suites.items():
        if result.get("error"):
            print(f"{name}: CRASHED: {result['error'].strip().splitlines()[-1]}")
    if suites.get("conversations") and not suites["conversations"].get("error"):
        print_conversations(suites["conversations"])
    if suites.get("safety") and not suites["safety"].get("error"):
        print_safety(suites["safety"])
    if suites.get("foreign") and not suites["foreign"].get("error"):
        print(f"foreign retrieval sets\n{format_foreign(suites['foreign'])}")
    if suites.get("extraction") and not suites["extraction"].get("error"):
        print(f"answer extraction\n{format_extraction(suites['extraction'])}")
    if suites.get("returns") and not suites["returns"].get("error"):
        print(f"returns and exchanges\n{format_returns(suites['returns'])}")
    routing = suites.get("routing")
    if routing and routing.get("skipped"):
        print(f"routing: skipped ({routing['skipped']})")
    print("\nthresholds:")
    for c in run["gate"]["checks"]:
        print(
            f"  {c['status']:<8}{c['suite']:<14}{c['metric']:<32}{c['split']:<6}"
            f"{c['op']} {c['bound']:<8} value {c['value']}"
        )
    for row in run.get("comparison") or []:
        if row["regression"]:
            print(
                f"  REGRESSION {row['suite']} {row['metric']} ({row['split']}): "
                f"{row['previous']} -> {row['current']} (tolerance {row['tolerance']})"
            )
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in run["timings"].items())
    print(f"\ntimings: {timings}")
    print(f"verdict: {run['gate']['verdict']}")


def _environment(args: argparse.Namespace) -> Environment:
    return Environment.from_options(
        args.corpus, args.scratch, args.model, args.model_name, pack=getattr(args, "pack", None)
    )


def cmd_conversations(args: argparse.Namespace) -> int:
    env = _environment(args)
    default = list(PACKS[args.pack].conversations) if args.pack else CONVERSATION_SETS
    try:
        result = conversation_suite(
            env, args.cases or default, args.subset == "fast", args.case or ()
        )
        result["pack"] = env.pack.name
    finally:
        env.close()
    print_conversations(result)
    write_json(args.json, result)
    return 0


def cmd_safety(args: argparse.Namespace) -> int:
    env = _environment(args)
    default = list(PACKS[args.pack].safety or SAFETY_SETS) if args.pack else SAFETY_SETS
    try:
        result = run_safety(env, args.cases or default, args.case or ())
        result["pack"] = env.pack.name
        if not args.case and not args.pack:  # the red team: a malicious model, poisoned documents
            from evals.redteam import redteam_suite

            result["redteam"] = redteam_suite(env)
    finally:
        env.close()
    print_safety(result)
    if "redteam" in result:
        from evals.redteam import format_redteam

        print(format_redteam(result["redteam"]))
    write_json(args.json, result)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from evals.report import render

    other_pack = args.pack is not None and not PACKS[args.pack].seeded
    args.suites = args.suites or ",".join(PACK_SUITES if other_pack else SUITES)
    unknown = set(args.suites.split(",")) - set(PACK_SUITES if other_pack else SUITES)
    if unknown:
        print(
            f"evals: unknown suite(s) {sorted(unknown)}; known: {', '.join(SUITES)}",
            file=sys.stderr,
        )
        return 2

    options = RunOptions(
        corpus=args.corpus,
        scratch=args.scratch,
        model_url=args.model,
        model_name=args.model_name,
        subset=args.subset,
        suites=tuple(args.suites.split(",")),
        thresholds=args.thresholds,
        previous=args.previous,
        pack=args.pack,
    )
    run = run_all(options)
    print_run(run)
    write_json(args.json, run)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(render(run), encoding="utf-8")
        print(f"wrote {args.report}")
    return 1 if run["gate"]["verdict"] == "FAIL" else 0


def _common(p: argparse.ArgumentParser, scratch: Path) -> None:
    p.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p.add_argument("--scratch", type=Path, default=scratch, help="scratch index folder")
    p.add_argument("--model", metavar="URL", help="OpenAI-compatible endpoint (default: offline)")
    p.add_argument("--model-name", help="model name at --model (default AFTERCARE_LLM_MODEL)")
    p.add_argument("--json", type=Path, help="write machine-readable results here")
    p.add_argument("--subset", choices=["fast"], help="the fast subset CI runs")


def add_parsers(sub: Any, scratch: Path) -> None:
    for name, help_text, func in (
        (
            "conversations",
            "run scripted conversations on a fresh demo store each",
            cmd_conversations,
        ),
        ("safety", "other customers' data, unconfirmed actions, planted instructions", cmd_safety),
    ):
        p = sub.add_parser(name, help=help_text)
        _common(p, scratch)
        p.add_argument(
            "--dataset",
            dest="cases",
            type=Path,
            action="append",
            help="YAML cases (repeatable); default: our dev and test splits",
        )
        p.add_argument("--case", action="append", help="run only this case id (repeatable)")
        p.add_argument(
            "--pack",
            choices=sorted(PACKS),
            help="run on this data pack's store and corpus (default: the demo store); its "
            f"own {name} set unless --dataset is given",
        )
        p.set_defaults(func=func)
    r = sub.add_parser("run", help="every suite, the verdict from thresholds.yaml, the report")
    _common(r, scratch)
    r.add_argument("--report", type=Path, default=ROOT / "reports" / "eval.html")
    r.add_argument("--previous", type=Path, help="an earlier --json file to compare with")
    r.add_argument("--thresholds", type=Path, default=THRESHOLDS)
    r.add_argument(
        "--suites",
        help="comma-separated subset of suites (default: all; with --pack: "
        f"{','.join(PACK_SUITES)})",
    )
    r.add_argument(
        "--pack",
        choices=sorted(PACKS),
        help="run on this data pack's store, corpus and sets (default: the demo store)",
    )
    r.set_defaults(func=cmd_run)
