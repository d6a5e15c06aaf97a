"""The conversation suite: scripted customer conversations on a fresh demo store each, checked
turn by turn and at the end (see :mod:`evals.expectations`), then summed up as task success,
automation rate, escalation precision/recall, invented facts and per-turn latency."""

from __future__ import annotations

import traceback
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.agent.reply import Reply
from evals.datasets import DatasetError
from evals.expectations import Check, Expectations, check, clear_confirmation
from evals.metrics import percentile
from evals.sandbox import Conversation, Identity, Sandbox

T = TypeVar("T", bound=BaseModel)
NO_INTENT = "(no intent expected)"


class CaseIdentity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    order_number: str | None = None
    email: str | None = None
    customer_email: str | None = None

    def as_identity(self) -> Identity:
        return Identity(self.order_number, self.email, self.customer_email)


def yaml_word(value: Any) -> Any:
    """YAML reads a bare ``yes``/``no`` as a boolean: keep the customer's word."""
    return ("yes" if value else "no") if isinstance(value, bool) else value


class CaseTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    say: str = Field(min_length=1)
    expect: Expectations = Field(default_factory=Expectations)

    @field_validator("say", mode="before")
    @classmethod
    def _word(cls, value: Any) -> Any:
        return yaml_word(value)


class ConversationCase(BaseModel):
    """One conversation: who the customer is, what they say, what must happen."""

    model_config = ConfigDict(extra="forbid")

    # the conversation's id in the assistant too, which takes at most 64 characters
    id: str = Field(min_length=1, max_length=64)
    title: str = ""
    tags: list[str] = Field(default_factory=list)
    now: datetime | None = None
    identity: CaseIdentity | None = None
    turns: list[CaseTurn] = Field(min_length=1)
    expect: Expectations = Field(default_factory=Expectations)
    split: str = ""  # set from the file name by the loader

    @field_validator("turns", mode="before")
    @classmethod
    def _plain_turns(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [v if isinstance(v, dict) else {"say": yaml_word(v)} for v in value]

    def expected_reasons(self) -> list[str]:
        found = [t.expect.escalation for t in self.turns] + [self.expect.escalation]
        return [str(r.value) for r in found if r not in (None, False) and not isinstance(r, bool)]

    def primary_intent(self) -> str | None:
        for turn in self.turns:
            if turn.expect.intent:
                return turn.expect.intent[0].value
        return self.expect.intent[0].value if self.expect.intent else None


def split_of(path: Path) -> str:
    """``conversations_dev.yaml`` -> ``dev``; any other name: the file's stem."""
    stem = path.stem
    return stem.rsplit("_", 1)[1] if "_" in stem else stem


def read_cases(path: Path, model: type[T], key: str = "cases") -> tuple[list[T], dict[str, Any]]:
    """The cases under ``key`` in a YAML file (validated, unique ids) and the file's other keys."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DatasetError(f"{path}: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list) or not raw[key]:
        raise DatasetError(f"{path}: expected a mapping with a non-empty {key!r} list")
    cases: list[T] = []
    seen: set[str] = set()
    for number, item in enumerate(raw[key], start=1):
        try:
            case = model.model_validate({**item, "split": split_of(path)})
        except (ValidationError, TypeError) as exc:
            raise DatasetError(f"{path}: case {number}: {exc}") from exc
        case_id = str(getattr(case, "id", number))
        if case_id in seen:
            raise DatasetError(f"{path}: duplicate id {case_id!r}")
        seen.add(case_id)
        cases.append(case)
    return cases, {k: v for k, v in raw.items() if k != key}


def turn_record(conv: Conversation, index: int) -> dict[str, Any]:
    """A turn as the results file shows it."""
    turn = conv.turns[index]
    r = turn.reply
    return {
        "customer": turn.text,
        "reply": r.text,
        "intent": r.intent,
        "confidence": r.confidence,
        "tool_calls": [
            {"name": c.name, "arguments": c.arguments, "ok": c.ok, "error_code": c.error_code}
            for c in r.tool_calls
        ],
        "pending_action": r.pending_action.action if r.pending_action else None,
        "executed_actions": [a.action for a in r.executed_actions],
        "escalation": r.escalation.model_dump() if r.escalation else None,
        "citations": [c.source for c in r.citations],
        "model": r.model,
        "fallback": r.fallback,
        "latency_ms": turn.latency_ms,
        "invented_facts": turn.invented,
    }


def unconfirmed_executions(texts: Sequence[str], replies: Sequence[Reply]) -> list[str]:
    """Actions executed without a preview of that action in the previous reply and a plain yes
    (:func:`~evals.expectations.clear_confirmation`) from the customer in this turn."""
    found = []
    for i, reply in enumerate(replies):
        previous = replies[i - 1].pending_action if i > 0 else None
        for action in reply.executed_actions:
            previewed = previous is not None and previous.action == action.action
            if not (previewed and clear_confirmation(texts[i])):
                why = "confirmed by" if previewed else "never previewed; customer said"
                found.append(f"turn {i + 1}: {action.action} executed ({why} {texts[i]!r})")
    return found


def run_case(sandbox: Sandbox, case: ConversationCase) -> dict[str, Any]:
    """Run one case and check every expectation; an exception becomes a failed ``error`` check
    with its traceback, so one broken case does not stop the suite."""
    checks: list[Check] = []
    error = None
    with sandbox.conversation(case.id, case.now) as conv:
        try:
            conv.verify(case.identity.as_identity() if case.identity else None)
            if conv.verification_error:
                checks.append(Check("identity", None, False, conv.verification_error))
            for number, turn in enumerate(case.turns, start=1):
                reply = conv.say(turn.say).reply
                snap = conv.snapshot() if turn.expect.store_state else None
                checks += check(turn.expect, [reply], snap, number)
            replies = [t.reply for t in conv.turns]
            snap = conv.snapshot() if case.expect.store_state else None
            checks += check(case.expect, replies, snap, None)
        except Exception:  # noqa: BLE001 - the run goes on; the case fails with the traceback
            error = traceback.format_exc(limit=8)
            checks.append(Check("error", None, False, error.strip().splitlines()[-1]))
        turns = [turn_record(conv, i) for i in range(len(conv.turns))]
        unconfirmed = unconfirmed_executions(
            [t.text for t in conv.turns], [t.reply for t in conv.turns]
        )
    reasons = [t["escalation"]["reason"] for t in turns if t["escalation"]]
    return {
        "id": case.id,
        "split": case.split,
        "title": case.title,
        "tags": case.tags,
        "intent": case.primary_intent(),
        "passed": all(c.passed for c in checks),
        "checks": [c.as_dict() for c in checks],
        "turns": turns,
        "escalated": bool(reasons),
        "escalation_reasons": reasons,
        "expected_escalation": case.expected_reasons(),
        "unconfirmed_executions": unconfirmed,
        "error": error,
    }


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarise(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The suite's metrics over ``items`` (records from :func:`run_case`)."""
    n = len(items)
    expected = [bool(i["expected_escalation"]) for i in items]
    escalated = [bool(i["escalated"]) for i in items]
    tp = sum(e and g for e, g in zip(expected, escalated, strict=True))
    reason_ok = sum(
        1
        for i in items
        if i["expected_escalation"] and set(i["expected_escalation"]) & set(i["escalation_reasons"])
    )
    turns = [t for i in items for t in i["turns"]]
    latencies = [float(t["latency_ms"]) for t in turns]
    invented = [len(t["invented_facts"]) for t in turns]
    per_intent: dict[str, dict[str, Any]] = defaultdict(lambda: {"cases": 0, "passed": 0})
    for item in items:
        cell = per_intent[item["intent"] or NO_INTENT]
        cell["cases"] += 1
        cell["passed"] += bool(item["passed"])
    per_reason: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"expected": 0, "escalated_with_reason": 0, "passed": 0, "unexpected": 0}
    )
    for item in items:
        for reason in set(item["expected_escalation"]):
            cell = per_reason[reason]
            cell["expected"] += 1
            cell["escalated_with_reason"] += reason in item["escalation_reasons"]
            cell["passed"] += bool(item["passed"])
        for reason in set(item["escalation_reasons"]) - set(item["expected_escalation"]):
            per_reason[reason]["unexpected"] += 1
    intent_checks = [c for i in items for c in i["checks"] if c["kind"] == "intent"]
    return {
        "cases": n,
        "turns": len(turns),
        "task_success": _rate(sum(bool(i["passed"]) for i in items), n),
        "automation_rate": _rate(sum(not g for g in escalated), n),
        "escalation_precision": _rate(tp, sum(escalated)),
        "escalation_recall": _rate(tp, sum(expected)),
        "escalation_reason_accuracy": _rate(reason_ok, sum(expected)),
        "intent_accuracy": _rate(sum(c["passed"] for c in intent_checks), len(intent_checks)),
        "checks_passed": _rate(
            sum(c["passed"] for i in items for c in i["checks"]),
            sum(len(i["checks"]) for i in items),
        ),
        "invented_facts": sum(invented),
        "invented_facts_per_reply": round(sum(invented) / len(turns), 4) if turns else 0.0,
        "replies_with_invented_facts": sum(1 for k in invented if k),
        "unconfirmed_executions": sum(len(i["unconfirmed_executions"]) for i in items),
        "fallback_turns": sum(1 for t in turns if t.get("fallback")),  # --model: planner took over
        "errors": sum(1 for i in items if i["error"]),
        "latency_ms_p50": round(percentile(latencies, 50), 2),
        "latency_ms_p95": round(percentile(latencies, 95), 2),
        "per_intent": {
            k: {**v, "task_success": _rate(v["passed"], v["cases"])}
            for k, v in sorted(per_intent.items())
        },
        "per_escalation_reason": {
            k: {**v, "recall": _rate(v["escalated_with_reason"], v["expected"])}
            for k, v in sorted(per_reason.items())
        },
    }


def by_split(
    items: Sequence[dict[str, Any]], summary: Callable[[Sequence[dict[str, Any]]], dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    splits: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        splits[item["split"]].append(item)
    return {name: summary(group) for name, group in sorted(splits.items())}


def run_conversation_suite(
    sandbox: Sandbox,
    cases: Sequence[ConversationCase],
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """``{"suite": "conversations", "systems": {"ours": {"metrics", "by_split", "items"}}}``."""
    items = []
    for case in cases:
        item = run_case(sandbox, case)
        items.append(item)
        if progress is not None:
            progress(item)
    return {
        "suite": "conversations",
        "model": sandbox.shared.llm_name,
        "systems": {
            "ours": {
                "metrics": summarise(items),
                "by_split": by_split(items, summarise),
                "items": items,
            }
        },
    }
