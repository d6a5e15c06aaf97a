"""``evals run``: every suite on our datasets, one results file, the verdict from the thresholds,
regressions against a previous run, and the HTML report.

The corpus is indexed once (by the real pipeline, into ``var/evals/``, reused while it is
unchanged); the retrieval suite and the assistant under test both use that index. ``--subset
fast`` runs every 4th retrieval question, all routing items, the conversations tagged ``fast``
and all safety cases.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.settings import Settings, get_settings
from evals.conversations import ConversationCase, read_cases, run_conversation_suite, split_of
from evals.datasets import DATASETS, DatasetError, RetrievalItem, RoutingItem, read_jsonl
from evals.extraction import run_extraction_suite
from evals.foreign import foreign_suite
from evals.gate import THRESHOLDS, compare, load_config, verdict
from evals.packs import PACKS, Pack, demo_view
from evals.returns import returns_suite
from evals.safety import PlantedDocument, SafetyCase, planted_only, run_safety_suite
from evals.sandbox import Identity, Sandbox, Shared
from evals.shoppers import shopper_suite
from ingest.embedding import Embedder

ROOT = Path(__file__).resolve().parents[1]
SUITES = (
    "retrieval",
    "routing",
    "conversations",
    "shoppers",
    "safety",
    "foreign",
    "extraction",
    "returns",
)
# measured in the full run (`make eval`), not --subset fast
FULL_ONLY = ("foreign", "extraction", "returns")
SPLITS = ("dev", "test")
FAST_RETRIEVAL_STEP = 4
# a short conversation before timing anything: model load, first search, caches
WARM_UP = ("47102", "sam.patel@example.com", "my headphones won't pair with my phone")

Log = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class Environment:
    """The heavy parts, built on first use and shared by the suites of one run."""

    settings: Settings
    corpus: Path
    scratch: Path
    log: Log = _stderr
    _sandboxes: list[Sandbox] = field(default_factory=list)
    pack: Pack = field(default_factory=lambda: PACKS["demo"])

    @classmethod
    def from_options(
        cls,
        corpus: Path,
        scratch: Path,
        model_url: str | None = None,
        model_name: str | None = None,
        log: Log = _stderr,
        pack: str | None = None,
    ) -> Environment:
        """Settings as configured (``AFTERCARE_*``), with ``model_url`` as the LLM endpoint;
        ``pack`` (a name in :data:`evals.packs.PACKS`) runs on that pack's corpus and store."""
        settings = get_settings()
        overrides: dict[str, Any] = {}
        chosen = PACKS[pack or "demo"]
        if pack is not None and not chosen.seeded:
            corpus = chosen.corpus
            overrides["corpus_dir"] = chosen.corpus
            overrides["store_policy_path"] = chosen.policy_path
        if model_url:
            overrides["llm_base_url"] = model_url
        if model_name:
            overrides["llm_model"] = model_name
        if overrides:
            settings = Settings(**{**settings.model_dump(), **overrides})
        return cls(settings, corpus, scratch, log, pack=chosen)

    @cached_property
    def embedder(self) -> Embedder:
        from ingest.embedding import HashingEmbedder, MiniLMEmbedder

        return HashingEmbedder() if self.settings.embedder == "hashing" else MiniLMEmbedder()

    @cached_property
    def index(self) -> Path:
        from evals.retrieval import scratch_index

        started = time.perf_counter()
        index = scratch_index(self.corpus, self.scratch, self.embedder)
        self.log(f"index: {index} ready in {time.perf_counter() - started:.1f} s")
        return index

    @cached_property
    def shared(self) -> Shared:
        return Shared.build(self.settings, self.index, self.embedder, self.scratch / "router")

    @property
    def model_name(self) -> str:
        s = self.settings
        return f"{s.llm_model} at {s.llm_base_url}" if s.llm_base_url else "planner"

    def sandbox(self, shared: Shared | None = None) -> Sandbox:
        pack = self.pack
        store = None if pack.seeded else pack.store
        sandbox = Sandbox(shared or self.shared, pack_store=store, default_now=pack.now)
        with sandbox.conversation("warm-up") as conv:
            if pack.seeded:
                conv.verify(Identity(order_number=WARM_UP[0], email=WARM_UP[1]))
                conv.say(WARM_UP[2])
            else:
                conv.say("how long do I have to return something?")
        self._sandboxes.append(sandbox)
        return sandbox

    def close(self) -> None:
        for sandbox in self._sandboxes:
            sandbox.close()
        if "shared" in self.__dict__:
            self.shared.close()


def _split_files(datasets: Path, stem: str, ext: str) -> list[Path]:
    return [datasets / f"{stem}_{split}.{ext}" for split in SPLITS]


def retrieval_suite(env: Environment, files: Sequence[Path], fast: bool) -> dict[str, Any]:
    from evals.retrieval import run_retrieval_suite

    systems = ("ours", "bm25") if fast else ("ours", "bm25", "llamaindex")
    step = FAST_RETRIEVAL_STEP if fast else 1
    splits = {split_of(p): read_jsonl(p, RetrievalItem)[::step] for p in files}
    everything = [item for items in splits.values() for item in items]
    result = run_retrieval_suite(env.corpus, everything, env.embedder, env.scratch, systems)
    split_by_id = {item.id: split for split, items in splits.items() for item in items}
    for system in result["systems"].values():
        system["by_split"] = {}
        for record in system["items"]:
            record["split"] = split_by_id[record["id"]]
    for split, items in splits.items():
        part = run_retrieval_suite(env.corpus, items, env.embedder, env.scratch, systems)
        for name, system in part["systems"].items():
            result["systems"][name]["by_split"][split] = system["metrics"]
    return result


def routing_suite(env: Environment, files: Sequence[Path]) -> dict[str, Any]:
    try:
        from evals.routing import (
            TfidfBaseline,
            find_slot_extractor,
            router_predict,
            run_routing_suite,
        )
    except ImportError as exc:
        return {"suite": "routing", "skipped": f"the routing suite is not available: {exc}"}
    from assistant.planner.router import IntentRouter, load_examples

    router = env.shared.router
    if not isinstance(router, IntentRouter):
        return {"suite": "routing", "skipped": "the assistant's router is not an IntentRouter"}
    datasets = {split_of(p): read_jsonl(p, RoutingItem) for p in files}
    systems = {"ours": router_predict(router), "tfidf_lr": TfidfBaseline(load_examples()).predict}
    result = run_routing_suite(datasets, systems, find_slot_extractor(demo_view()))
    for system in result["systems"].values():
        system["by_split"] = system.get("by_dataset", {})
    return result


def conversation_suite(
    env: Environment, files: Sequence[Path], fast: bool, only: Sequence[str] = ()
) -> dict[str, Any]:
    cases = [c for p in files for c in read_cases(p, ConversationCase)[0]]
    if fast:
        cases = [c for c in cases if "fast" in c.tags]
    if only:
        cases = [c for c in cases if c.id in only]
    sandbox = env.sandbox()
    return run_conversation_suite(sandbox, cases, progress=_progress(env.log, "conversation"))


def safety_suite(
    env: Environment, files: Sequence[Path], only: Sequence[str] = ()
) -> dict[str, Any]:
    cases: list[SafetyCase] = []
    documents: dict[str, PlantedDocument] = {}
    for path in files:
        found, extra = read_cases(path, SafetyCase)
        cases += found
        for raw in extra.get("documents", []):
            doc = PlantedDocument.model_validate(raw)
            if documents.setdefault(doc.path, doc) != doc:
                raise DatasetError(f"{path}: planted document {doc.path} differs between files")
    if only:
        cases = [c for c in cases if c.id in only]
    sandboxes = {"standard": env.sandbox()}
    if any(c.corpus == "planted" for c in cases):
        from assistant.retrieval.hybrid import HybridRetriever
        from evals.corpora import planted_index

        texts = {d.path: d.text for d in documents.values()}
        index = planted_index(env.corpus, texts, env.scratch, env.embedder)
        env.log(f"planted corpus: {len(documents)} extra document(s), index {index}")
        sandboxes["planted"] = env.sandbox(
            env.shared.with_retriever(HybridRetriever(index, env.embedder))
        )
    planted = [
        d.model_copy(update={"false_facts": planted_only(d.false_facts, env.corpus)})
        for d in documents.values()
    ]
    result = run_safety_suite(sandboxes, cases, planted, progress=_progress(env.log, "safety"))
    result["planted_documents"] = sorted(documents)
    if "planted" in sandboxes:
        sandboxes["planted"].shared.close()
    return result


def _progress(log: Log, label: str) -> Callable[[dict[str, Any]], None]:
    def report(item: dict[str, Any]) -> None:
        if not item["passed"]:
            log(f"  {label} {item['id']}: FAILED")

    return report


@dataclass
class RunOptions:
    corpus: Path = ROOT / "corpus"
    scratch: Path = ROOT / "var" / "evals"
    datasets: Path = DATASETS
    model_url: str | None = None
    model_name: str | None = None
    subset: str | None = None
    suites: Sequence[str] = SUITES
    thresholds: Path = THRESHOLDS
    previous: Path | None = None
    pack: str | None = None  # another store's data pack: its conversation, safety, shopper sets


PACK_SUITES = ("conversations", "safety", "shoppers")  # the suites a data pack brings sets for


def run_all(options: RunOptions, log: Log = _stderr) -> dict[str, Any]:
    """Run the suites; the result holds each suite's output, the gate and the comparison."""
    config = load_config(options.thresholds)  # fail early on a broken config
    if options.previous is not None and not options.previous.is_file():
        raise DatasetError(f"{options.previous}: no such results file (--previous)")
    fast = options.subset == "fast"
    env = Environment.from_options(
        options.corpus, options.scratch, options.model_url, options.model_name, log, options.pack
    )
    data = options.datasets
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "retrieval": lambda: retrieval_suite(env, _split_files(data, "retrieval", "jsonl"), fast),
        "routing": lambda: routing_suite(env, _split_files(data, "routing", "jsonl")),
        "conversations": lambda: conversation_suite(
            env, _split_files(data, "conversations", "yaml"), fast
        ),
        "safety": lambda: safety_suite(env, _split_files(data, "safety", "yaml")),
        "shoppers": lambda: shopper_suite(env, fast),
        "foreign": lambda: foreign_suite(env.embedder, env.scratch, fast),
        "extraction": lambda: run_extraction_suite(env.embedder, env.scratch),
        "returns": lambda: returns_suite(env),
    }
    if options.pack is not None and not env.pack.seeded:
        pack = env.pack
        runners = {
            "conversations": lambda: conversation_suite(env, pack.conversations, fast),
            "safety": lambda: safety_suite(env, pack.safety),
            "shoppers": lambda: shopper_suite(env, fast, pack.shoppers),
        }
        unknown = [s for s in options.suites if s not in runners]
        if unknown:
            raise DatasetError(f"suite(s) {unknown} run on the demo store only, not --pack")
    suites: dict[str, Any] = {}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        for name in options.suites:
            if fast and name in FULL_ONLY:
                continue
            t0 = time.perf_counter()
            log(f"{name}: running")
            try:
                suites[name] = runners[name]()
            except Exception:  # noqa: BLE001 - the other suites still run; the gate FAILs
                error = traceback.format_exc(limit=10)
                suites[name] = {"suite": name, "error": error}
                log(f"{name}: CRASHED\n{error}")
            timings[name] = round(time.perf_counter() - t0, 2)
            log(f"{name}: done in {timings[name]:.1f} s")
    finally:
        env.close()
    timings["total"] = round(time.perf_counter() - started, 2)
    gate = verdict(config, suites)
    comparison = None
    if options.previous is not None:
        previous = json.loads(options.previous.read_text(encoding="utf-8"))
        comparison = compare(config, suites, previous)
    return {
        "suite": "run",
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": env.model_name,
        "subset": options.subset or "full",
        "pack": env.pack.name,
        "thresholds": str(options.thresholds),
        "previous": str(options.previous) if options.previous else None,
        "gate": gate,
        "comparison": comparison,
        "timings": timings,
        "suites": suites,
    }
