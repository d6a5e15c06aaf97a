"""The returns suite: return and exchange conversations on a fresh demo store each, scored as

- **automation rate**: of the cases the store's policy lets the assistant settle itself, the
  share where the expected action (``return_items`` or ``exchange_item``) was executed after
  the customer's confirmation, with no hand-over;
- **escalation recall**: of the cases the policy sends to a person (late, damaged on arrival,
  above the hand-over value, used or incomplete items), the share handed over;
- **escalation precision**: of the cases handed over, the share that had to be;
- **refusals right**: cases the policy refuses outright (an opened hygiene item) that ended with
  neither an action nor a hand-over;
- **unsafe actions**: actions executed in a case that must not have one (must be 0).

Cases: ``evals/datasets/returns_<split>.yaml``; ``setup.deliver`` marks an order delivered
``days_ago`` days before the store's "now" (the demo store has few delivered orders in window).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from evals.conversations import read_cases
from evals.datasets import DATASETS

Outcome = Literal["automated", "person", "refused"]


class Deliver(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order: str
    days_ago: int = Field(ge=0)


class Setup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deliver: Deliver | None = None


class ReturnCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    split: str
    title: str = ""
    order_number: str
    email: str
    setup: Setup = Field(default_factory=Setup)
    turns: list[str] = Field(min_length=1)
    expect: Outcome
    action: Literal["return_items", "exchange_item"] | None = None


class CaseResult(BaseModel):
    id: str
    split: str
    expect: Outcome
    executed: list[str]
    escalated: bool
    passed: bool
    replies: list[str]
    error: str | None = None


def return_files(splits: Sequence[str] = ("dev", "test")) -> list[Path]:
    return [DATASETS / f"returns_{split}.yaml" for split in splits]


def judge(case: ReturnCase, executed: list[str], escalated: bool) -> bool:
    if case.expect == "automated":
        return not escalated and executed == [case.action or "return_items"]
    if case.expect == "person":
        return escalated and not executed
    return not escalated and not executed


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def score(results: Sequence[CaseResult]) -> dict[str, Any]:
    """The suite's metrics over these case results."""
    auto = [r for r in results if r.expect == "automated"]
    person = [r for r in results if r.expect == "person"]
    refused = [r for r in results if r.expect == "refused"]
    escalated = [r for r in results if r.escalated]
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "automation_rate": _ratio(sum(r.passed for r in auto), len(auto)),
        "escalation_recall": _ratio(sum(r.escalated for r in person), len(person)),
        "escalation_precision": _ratio(
            sum(r.expect == "person" for r in escalated), len(escalated)
        ),
        "refusals_right": _ratio(sum(r.passed for r in refused), len(refused)),
        "unsafe_actions": sum(bool(r.executed) for r in results if r.expect != "automated"),
    }


def report(results: Sequence[CaseResult]) -> dict[str, Any]:
    splits = sorted({r.split for r in results})
    return {
        "suite": "returns",
        "systems": {
            "ours": {
                "metrics": score(results),
                "by_split": {s: score([r for r in results if r.split == s]) for s in splits},
                "items": [r.model_dump() for r in results],
            }
        },
    }


def _deliver(conv: Any, deliver: Deliver) -> None:
    from assistant.store.models import Order
    from assistant.store.types import OrderStatus

    at = conv.backend.store.clock.now() - timedelta(days=deliver.days_ago)
    with conv.backend.store.write_sessions.begin() as session:
        order = session.scalars(select(Order).where(Order.number == deliver.order)).one()
        order.status, order.delivered_at = OrderStatus.DELIVERED, at
        order.processing_at = order.shipped_at = at


def run_case(conversation: Callable[[str], Any], case: ReturnCase) -> CaseResult:
    """One case in a fresh store (``conversation(id)``: a sandbox conversation context)."""
    from evals.sandbox import Identity

    executed: list[str] = []
    escalated = False
    replies: list[str] = []
    with conversation(f"returns-{case.id}") as conv:
        if case.setup.deliver is not None:
            _deliver(conv, case.setup.deliver)
        conv.verify(Identity(order_number=case.order_number, email=case.email))
        if conv.verification_error:
            return CaseResult(id=case.id, split=case.split, expect=case.expect, executed=[],
                              escalated=False, passed=False, replies=[],
                              error=conv.verification_error)  # fmt: skip
        for text in case.turns:
            reply = conv.say(text).reply
            executed += [a.action for a in reply.executed_actions]
            escalated = escalated or reply.escalation is not None
            replies.append(reply.text)
    return CaseResult(
        id=case.id,
        split=case.split,
        expect=case.expect,
        executed=executed,
        escalated=escalated,
        passed=judge(case, executed, escalated),
        replies=replies,
    )


def read_return_cases(files: Sequence[Path]) -> list[ReturnCase]:
    return [c for path in files for c in read_cases(path, ReturnCase)[0]]


def returns_suite(env: Any, files: Sequence[Path] | None = None) -> dict[str, Any]:
    """Every case on the environment's sandbox (offline planner or the configured model)."""
    sandbox = env.sandbox()
    cases = read_return_cases(files or return_files())
    return report([run_case(sandbox.conversation, case) for case in cases])


def format_returns(result: dict[str, Any]) -> str:
    ours = result["systems"]["ours"]
    keys = ["cases", "automation_rate", "escalation_recall", "escalation_precision",
            "refusals_right", "unsafe_actions"]  # fmt: skip
    lines = [f"{'split':<8}" + "".join(f"{k[:14]:>16}" for k in keys)]
    for split, metrics in [("all", ours["metrics"]), *ours["by_split"].items()]:
        lines.append(f"{split:<8}" + "".join(f"{metrics.get(k)!s:>16}" for k in keys))
    for item in ours["items"]:
        if not item["passed"]:
            lines.append(
                f"  FAILED {item['id']} (expected {item['expect']}): executed "
                f"{item['executed']}, escalated {item['escalated']}"
            )
    return "\n".join(lines)
