"""Cases run end to end on a fresh demo store each, with the offline planner behind a keyword
router and an empty retriever (no model), plus the shape and coverage of our datasets."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant.escalation.reasons import EscalationReason
from assistant.intents import Intent
from assistant.retrieval.types import Passage, SearchFilters
from assistant.settings import Settings
from evals.conversations import ConversationCase, read_cases, run_case, run_conversation_suite
from evals.datasets import DATASETS
from evals.sandbox import Sandbox, Shared


@dataclass
class Route:
    intent: Intent
    confidence: float
    ranked: list[tuple[Intent, float]]


@dataclass
class KeywordRouter:
    """The first keyword found in the message picks the intent; otherwise a greeting."""

    routes: dict[str, Intent]

    def route(self, text: str) -> Route:
        intent = next((i for k, i in self.routes.items() if k in text.lower()), Intent.GREETING)
        return Route(intent, 0.95, [(intent, 0.95)])


@dataclass
class EmptyRetriever:
    chunks: list[object] = field(default_factory=list)

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> Sequence[Passage]:
        return []


ROUTES = {
    "skip": Intent.SUBSCRIPTION_SKIP,
    "cancel my order": Intent.ORDER_CANCEL,
    "weather": Intent.OUT_OF_SCOPE,
    "person": Intent.HUMAN_AGENT,
}


def make_sandbox(routes: dict[str, Intent] = ROUTES) -> Sandbox:
    settings = Settings(environment="test", embedder="hashing", llm_base_url=None)
    return Sandbox(Shared(settings, EmptyRetriever(), KeywordRouter(routes)))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = make_sandbox()
    yield box
    box.close()


def case(**raw: Any) -> ConversationCase:
    return ConversationCase.model_validate({"id": "c", "split": "dev", **raw})


ALEX = {"order_number": "46890", "email": "alex.kim@example.com"}
JORDAN = {"order_number": "47234", "email": "jordan.rivera@example.com"}


def test_a_case_that_passes(sandbox: Sandbox) -> None:
    item = run_case(
        sandbox,
        case(
            identity=ALEX,
            turns=[
                {
                    "say": "Skip next month's delivery",
                    "expect": {
                        "intent": "subscription_skip",
                        "pending_action": "skip_next_delivery",
                        "executed": [],
                        "facts": ["February 15", "March 15"],
                        "store_state": {
                            "subscription": {
                                "customer": "alex.kim@example.com",
                                "next_delivery_date": "2026-02-15",
                            }
                        },
                    },
                },
                {"say": "yes", "expect": {"executed": ["skip_next_delivery"]}},
            ],
            expect={
                "escalation": False,
                "store_state": [
                    {
                        "subscription": {
                            "customer": "alex.kim@example.com",
                            "next_delivery_date": "2026-03-15",
                            "status": "active",
                        }
                    },
                    {"action": {"action": "skip_next_delivery", "outcome": "executed", "count": 1}},
                ],
            },
        ),
    )
    assert item["passed"], [c for c in item["checks"] if not c["passed"]]
    assert item["unconfirmed_executions"] == [] and item["error"] is None
    first, second = item["turns"]
    assert first["pending_action"] == "skip_next_delivery"
    assert [c["name"] for c in first["tool_calls"]] == [
        "list_subscriptions",
        "propose_skip_delivery",
    ]
    assert second["executed_actions"] == ["skip_next_delivery"]
    assert first["latency_ms"] > 0 and first["invented_facts"] == []


def test_every_case_gets_a_fresh_store(sandbox: Sandbox) -> None:
    cancel = case(
        identity=JORDAN,
        turns=["cancel my order", "yes"],
        expect={"store_state": {"order": {"number": "47234", "status": "cancelled"}}},
    )
    assert run_case(sandbox, cancel)["passed"]
    again = case(
        identity=JORDAN,
        turns=["hello"],
        expect={"store_state": {"order": {"number": "47234", "status": "placed"}}},
    )
    assert run_case(sandbox, again)["passed"]


def test_failures_are_recorded_per_expectation(sandbox: Sandbox) -> None:
    item = run_case(
        sandbox,
        case(
            identity=ALEX,
            turns=[{"say": "skip it", "expect": {"pending_action": False, "facts": ["April 1"]}}],
        ),
    )
    assert not item["passed"]
    bad = {c["kind"]: c["detail"] for c in item["checks"] if not c["passed"]}
    assert bad["pending_action"] == "expected none, got skip_next_delivery"
    assert "missing" in bad["facts"]


def test_a_crash_fails_the_case_and_the_suite_goes_on(sandbox: Sandbox) -> None:
    broken = case(id="broken", turns=["hello", "   "])  # an empty message raises
    fine = case(id="fine", turns=["hello"], expect={"intent": "greeting"})
    result = run_conversation_suite(sandbox, [broken, fine])
    items = result["systems"]["ours"]["items"]
    assert [i["passed"] for i in items] == [False, True]
    assert "EmptyMessage" in items[0]["error"] and len(items[0]["turns"]) == 1
    metrics = result["systems"]["ours"]["metrics"]
    assert metrics["errors"] == 1 and metrics["task_success"] == 0.5
    assert set(result["systems"]["ours"]["by_split"]) == {"dev"}


def test_a_wrong_identity_fails_the_case(sandbox: Sandbox) -> None:
    item = run_case(
        sandbox, case(identity={"order_number": "47234", "email": "x@example.com"}, turns=["hello"])
    )
    assert [c["kind"] for c in item["checks"] if not c["passed"]] == ["identity"]


def test_invented_facts_are_numbers_no_tool_gave(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.intents import Intent
    from assistant.planner import planner
    from assistant.planner.kit import say

    # an answer quoting a phone number and a price that no tool or passage returned
    monkeypatch.setitem(
        planner.HANDLERS,
        Intent.OUT_OF_SCOPE,
        lambda step, slots: say("Call 1-800-555-0134; it costs $77.77."),
    )
    item = run_case(sandbox, case(turns=["what's the weather tomorrow?"]))
    assert set(item["turns"][0]["invented_facts"]) >= {"800", "555", "77.77"}


def test_escalations_are_counted(sandbox: Sandbox) -> None:
    item = run_case(
        sandbox,
        case(
            identity=ALEX,
            turns=["can I talk to a person"],
            expect={
                "escalation": "customer_request",
                "store_state": {"ticket": {"reason": "customer_request", "count": 1}},
            },
        ),
    )
    assert item["passed"] and item["escalation_reasons"] == ["customer_request"]


def test_the_clock_follows_the_case(sandbox: Sandbox) -> None:
    later = case(
        now="2026-03-02T09:00:00-05:00",
        identity=ALEX,
        turns=["skip it", "yes"],
        expect={
            "store_state": {
                "subscription": {
                    "customer": "alex.kim@example.com",
                    "next_delivery_date": "2026-04-28",
                }
            }
        },
    )
    assert run_case(sandbox, later)["passed"]


# --- our datasets -------------------------------------------------------------------------------
def load(split: str) -> list[ConversationCase]:
    return read_cases(DATASETS / f"conversations_{split}.yaml", ConversationCase)[0]


def covered(cases: list[ConversationCase]) -> tuple[set[str], set[str]]:
    intents = {
        i.value
        for c in cases
        for e in [c.expect, *(t.expect for t in c.turns)]
        for i in e.intent or []
    }
    return intents, {r for c in cases for r in c.expected_reasons()}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_covers_every_intent_and_escalation_reason(split: str) -> None:
    cases = load(split)
    assert len(cases) >= 33
    intents, reasons = covered(cases)
    assert intents == {i.value for i in Intent}
    assert reasons == {r.value for r in EscalationReason}
    fast = [c for c in cases if "fast" in c.tags]
    assert 5 <= len(fast) <= 7


def test_the_reference_conversations_are_in_test_with_variants_in_dev() -> None:
    test_refs = [c.id for c in load("test") if "reference" in c.tags]
    dev_refs = [c.id for c in load("dev") if "reference-variant" in c.tags]
    assert len(test_refs) == 5 and len(dev_refs) == 5
    assert all("fast" in c.tags for c in load("test") if "reference" in c.tags)
    ids = [c.id for s in ("dev", "test") for c in load(s)]
    assert len(ids) == len(set(ids))


def test_dataset_files_are_what_the_runner_reads() -> None:
    assert {p.name for p in Path(DATASETS).glob("conversations_*.yaml")} == {
        "conversations_dev.yaml",
        "conversations_test.yaml",
    }
