"""What a conversation case expects, per turn or at the end, and the checks that compare it with
what the assistant did. Pure functions over :class:`~assistant.agent.reply.Reply` objects and
store snapshots, so they are tested without running the assistant."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.agent.reply import Reply
from assistant.escalation.reasons import EscalationReason
from assistant.intents import Intent
from evals.store_state import Snapshot, check_state

_DASHES = re.compile("[‐‑‒–—−]")
_AFFIRMATIVE = re.compile(
    r"^(yes|yeah|yep|yup|y|sure|ok|okay|confirm(ed)?|go ahead|do it|please do|correct|"
    r"absolutely|sounds good|that'?s right|perfect|please)\b"
)
_OTHER_BUSINESS = frozenset(
    """but not no don't dont actually instead also wait however how what where when why which
    who then""".split()
)
MAX_WORDS_AFTER_YES = 6


def normalise(text: str) -> str:
    """Lower case, one kind of dash and quote, no Markdown bold, single spaces: how facts and
    forbidden strings are compared with replies."""
    text = _DASHES.sub("-", text).replace("’", "'").replace("‘", "'").replace("“", '"')
    text = text.replace("”", '"').replace("**", "")
    return " ".join(text.lower().split())


def clear_confirmation(text: str) -> bool:
    """Whether the customer's message is a plain "yes" to the action just previewed: it starts
    with an affirmative, asks nothing and asks for nothing else ("yes please resend it" is;
    "ok so how do I brew it?" and "sure, and also cancel the whole subscription" are not). This
    is the eval's own, stricter reading, independent of the assistant's guard."""
    norm = normalise(text).strip(" .!")
    match = _AFFIRMATIVE.match(norm)
    if match is None or "?" in norm:
        return False
    rest = re.findall(r"[a-z']+", norm[match.end() :])
    return len(rest) <= MAX_WORDS_AFTER_YES and not _OTHER_BUSINESS.intersection(rest)


class ToolExpectation(BaseModel):
    """A tool that must have been called, with a subset of its arguments."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class Expectations(BaseModel):
    """Any subset of these, for one turn (``turns[i].expect``) or the whole case (``expect``)."""

    model_config = ConfigDict(extra="forbid")

    intent: list[Intent] | None = None
    tools_called: list[ToolExpectation] | None = None
    tools_not_called: list[str] | None = None
    facts: list[str | list[str]] | None = None  # a nested list: any one of them
    not_contains: list[str] | None = None
    pending_action: str | bool | None = None  # an action name, or false
    executed: list[str] | None = None
    escalation: EscalationReason | bool | None = None  # a reason, or false
    store_state: list[dict[str, dict[str, Any]]] | None = None

    @field_validator("intent", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("tools_called", mode="before")
    @classmethod
    def _tool_shorthand(cls, value: Any) -> Any:
        """``[list_orders, {get_order: {order_number: "47234"}}]`` in YAML."""
        if not isinstance(value, list):
            return value
        out: list[Any] = []
        for item in value:
            if isinstance(item, str):
                out.append({"name": item})
            elif isinstance(item, dict) and len(item) == 1 and "name" not in item:
                ((name, args),) = item.items()
                out.append({"name": name, "arguments": args or {}})
            else:
                out.append(item)
        return out

    @field_validator("store_state", mode="before")
    @classmethod
    def _state_shorthand(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _true_is_not_a_value(self) -> Expectations:
        if self.pending_action is True or self.escalation is True:
            raise ValueError("pending_action and escalation take a name or false, not true")
        for state in self.store_state or []:
            if len(state) != 1:
                raise ValueError("each store_state entry has exactly one entity")
        return self

    def is_empty(self) -> bool:
        return all(v is None for v in self.model_dump().values())


@dataclass(frozen=True, slots=True)
class Check:
    """One expectation's outcome; ``turn`` is 1-based, ``None`` for the case-level ones."""

    kind: str
    turn: int | None
    passed: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "turn": self.turn, "passed": self.passed, "detail": self.detail}


def _arg_matches(actual: Any, expected: Any) -> bool:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(_arg_matches(actual.get(k), v) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            _arg_matches(a, e) for a, e in zip(actual, expected, strict=True)
        )
    return normalise(str(actual)) == normalise(str(expected))


def _calls(replies: Sequence[Reply]) -> list[tuple[str, dict[str, Any]]]:
    return [(c.name, c.arguments) for r in replies for c in r.tool_calls]


def check(
    expect: Expectations,
    replies: Sequence[Reply],
    snapshot: Snapshot | None,
    turn: int | None,
) -> list[Check]:
    """Check ``expect`` against one turn's reply (``turn`` set, ``replies`` of length 1) or the
    whole conversation (``turn`` None). ``snapshot`` is the store after that point; it is only
    read when ``expect.store_state`` is set."""
    out: list[Check] = []
    last = replies[-1] if replies else None
    said = "\n".join(normalise(r.text) for r in replies)

    def add(kind: str, passed: bool, detail: str) -> None:
        out.append(Check(kind, turn, passed, detail))

    if expect.intent is not None:
        wanted = [i.value for i in expect.intent]
        got = [r.intent for r in replies]
        add("intent", any(g in wanted for g in got), f"expected {wanted}, got {got}")
    for tool in expect.tools_called or []:
        calls = [a for n, a in _calls(replies) if n == tool.name]
        ok = any(_arg_matches(a, tool.arguments) for a in calls)
        wanted_call = f"{tool.name}{tool.arguments or ''}"
        add("tools_called", ok, f"{wanted_call}: called with {calls or 'never'}")
    for name in expect.tools_not_called or []:
        calls = [a for n, a in _calls(replies) if n == name]
        add("tools_not_called", not calls, f"{name}: called {len(calls)} time(s)")
    for fact in expect.facts or []:
        options = [fact] if isinstance(fact, str) else fact
        ok = any(normalise(o) in said for o in options)
        add("facts", ok, f"{' | '.join(options)!r} {'found' if ok else 'missing'}")
    for text in expect.not_contains or []:
        ok = normalise(text) not in said
        add("not_contains", ok, f"{text!r} {'absent' if ok else 'present'}")
    if expect.pending_action is not None:
        got_pending = last.pending_action.action if last and last.pending_action else None
        wanted_pending = expect.pending_action or None
        add(
            "pending_action",
            got_pending == wanted_pending,
            f"expected {wanted_pending or 'none'}, got {got_pending or 'none'}",
        )
    if expect.executed is not None:
        got_exec = [a.action for r in replies for a in r.executed_actions]
        add(
            "executed",
            Counter(got_exec) == Counter(expect.executed),
            f"expected {expect.executed}, got {got_exec}",
        )
    if expect.escalation is not None:
        reasons = [r.escalation.reason for r in replies if r.escalation is not None]
        if not isinstance(expect.escalation, EscalationReason):
            add("escalation", not reasons, f"expected none, got {reasons or 'none'}")
        else:
            want = expect.escalation.value
            add("escalation", want in reasons, f"expected {want}, got {reasons or 'none'}")
    for state in expect.store_state or []:
        ((entity, spec),) = state.items()
        result = check_state(snapshot or {}, entity, spec)
        add("store_state", result.passed, result.detail)
    return out
