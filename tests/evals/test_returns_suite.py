"""The returns suite (evals/returns.py): its datasets load, its scorer counts what the issue
asks for, and every case holds when the planner is given the returns intent (an oracle router;
`evals run --suites returns` measures it with the trained router)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from assistant.agent.state import ConversationState
from assistant.commerce.errors import CommerceError
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.intents import Intent
from assistant.runtime import Assistant
from evals.returns import CaseResult, ReturnCase, read_return_cases, return_files, run_case, score
from evals.sandbox import Identity
from tests.agent.conftest import FixedRouter, backend, build, settings, template_db  # noqa: F401

CASES = read_return_cases(return_files())


def result(expect: str, executed: list[str], escalated: bool, passed: bool) -> CaseResult:
    return CaseResult.model_validate(
        {"id": f"c{expect}{passed}", "split": "dev", "expect": expect, "executed": executed,
         "escalated": escalated, "passed": passed, "replies": []}
    )  # fmt: skip


def test_the_scorer_counts_automation_and_escalation_recall() -> None:
    metrics = score(
        [
            result("automated", ["return_items"], False, True),
            result("automated", [], True, False),
            result("person", [], True, True),
            result("person", [], False, False),
            result("refused", ["return_items"], False, False),
        ]
    )
    assert metrics["automation_rate"] == 0.5 and metrics["escalation_recall"] == 0.5
    assert metrics["escalation_precision"] == 0.5 and metrics["unsafe_actions"] == 1


def test_both_splits_cover_every_outcome() -> None:
    for split in ("dev", "test"):
        kinds = {c.expect for c in CASES if c.split == split}
        assert kinds == {"automated", "person", "refused"}, split


@dataclass
class _Conversation:
    assistant: Assistant
    backend: SqlCommerceBackend
    state: ConversationState
    verification_error: str | None = None

    def verify(self, identity: Identity) -> None:
        try:
            self.assistant.verify(self.state, identity.order_number or "", identity.email or "")
        except CommerceError as exc:
            self.verification_error = str(exc)

    def say(self, text: str) -> object:
        return type("Turn", (), {"reply": self.assistant.reply(self.state, text)})


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case_with_the_returns_intent(
    case: ReturnCase,
    build: Callable[..., Assistant],  # noqa: F811
    backend: SqlCommerceBackend,  # noqa: F811
) -> None:
    assistant = build(router=FixedRouter(Intent.RETURNS_REFUNDS))

    @contextmanager
    def conversation(name: str) -> Iterator[_Conversation]:
        yield _Conversation(assistant, backend, assistant.start(name))

    outcome = run_case(conversation, case)
    assert outcome.passed, outcome.model_dump()
