"""Small helpers the planner's handlers share: a view of this turn's tool outcomes and
constructors for the model turns they emit."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn, ToolCall, ToolOutcome

_ids = itertools.count(1)


class Done:
    """This turn's tool outcomes, by tool name (latest first)."""

    def __init__(self, outcomes: Sequence[ToolOutcome]) -> None:
        self.outcomes = list(outcomes)

    def get(self, name: str, **match: Any) -> ToolOutcome | None:
        for outcome in reversed(self.outcomes):
            if outcome.call.name != name:
                continue
            if all(outcome.call.arguments.get(k) == v for k, v in match.items()):
                return outcome
        return None

    def has(self, name: str, **match: Any) -> bool:
        return self.get(name, **match) is not None

    def value(self, name: str, **match: Any) -> Any:
        outcome = self.get(name, **match)
        return outcome.value if outcome is not None and outcome.ok else None

    def all_ok(self, name: str) -> list[ToolOutcome]:
        return [o for o in self.outcomes if o.call.name == name and o.ok]


@dataclass(slots=True)
class Step:
    """What a handler sees: the turn context, the outcomes so far, the tools on offer."""

    ctx: TurnContext
    done: Done
    tools: frozenset[str]

    def can(self, tool: str) -> bool:
        return tool in self.tools


def call(*calls: tuple[str, dict[str, Any]]) -> ModelTurn:
    return ModelTurn(
        tool_calls=[ToolCall(f"plan-{next(_ids)}", name, args) for name, args in calls]
    )


def one(name: str, **arguments: Any) -> ModelTurn:
    return call((name, arguments))


def say(text: str, citations: Iterable[str] = ()) -> ModelTurn:
    return ModelTurn(text=text.strip(), citation_ids=list(dict.fromkeys(citations)))
