"""Tools are plain typed functions ``fn(deps, **params) -> value`` with a docstring. Their JSON
schema comes from the signature (a pydantic model built from the parameters after ``deps``);
dispatch is a lookup by name in the :class:`Toolset`, never a chain of name comparisons."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from assistant.agent.deps import Deps
from assistant.agent.messages import ToolCall, ToolOutcome, ToolSpec
from assistant.commerce.errors import ActionNotAllowed, CommerceError

ToolFunction = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    function: ToolFunction
    description: str
    params: type[BaseModel]
    requires_verification: bool
    proposes_action: bool
    only_before_verification: bool = False
    prepare: Callable[[Deps, list[dict[str, Any]]], None] | None = None
    spec: ToolSpec = field(init=False)

    def __post_init__(self) -> None:
        # built once: JSON-schema generation is costly and the loop asks every step
        schema = self.params.model_json_schema()
        schema.pop("title", None)
        object.__setattr__(self, "spec", ToolSpec(self.name, self.description, schema))


def make_tool(
    function: ToolFunction,
    *,
    requires_verification: bool = False,
    proposes_action: bool = False,
    only_before_verification: bool = False,
    prepare: Callable[[Deps, list[dict[str, Any]]], None] | None = None,
) -> Tool:
    hints = get_type_hints(function)
    signature = inspect.signature(function)
    fields: dict[str, Any] = {}
    for index, (name, param) in enumerate(signature.parameters.items()):
        if index == 0:
            if hints.get(name) is not Deps:
                raise TypeError(f"{function.__name__}: the first parameter must be `deps: Deps`")
            continue
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[name] = (hints[name], default)
    params = create_model(
        f"{function.__name__}_params", __config__=ConfigDict(extra="forbid"), **fields
    )
    doc = inspect.getdoc(function) or function.__name__
    return Tool(
        function.__name__,
        function,
        doc,
        params,
        requires_verification,
        proposes_action,
        only_before_verification,
        prepare=prepare,
    )


def to_content(value: Any) -> Any:
    """JSON-able form of a tool's typed result, for an LLM and for the grounding check."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_content(v) for v in value]
    if isinstance(value, dict):
        return {k: to_content(v) for k, v in value.items()}
    return value


class Toolset:
    def __init__(self, tools: Iterable[Tool]) -> None:
        self._tools = {t.name: t for t in tools}

    def __getitem__(self, name: str) -> Tool:
        return self._tools[name]

    def get(self, name: str, default: Tool | None = None) -> Tool | None:
        return self._tools.get(name, default)

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self) -> Any:
        return iter(self._tools.values())

    def names(self) -> list[str]:
        return list(self._tools)

    def specs(self, names: Sequence[str]) -> list[ToolSpec]:
        return [self._tools[n].spec for n in names if n in self._tools]

    def prepare(self, deps: Deps, calls: list[ToolCall]) -> None:
        """Let tools batch work for the calls of one step (e.g. embed all queries at once)."""
        by_tool: dict[str, list[dict[str, Any]]] = {}
        for call in calls:
            by_tool.setdefault(call.name, []).append(call.arguments)
        for name, arguments in by_tool.items():
            tool = self._tools.get(name)
            if tool is not None and tool.prepare is not None:
                tool.prepare(deps, arguments)

    def invoke(self, deps: Deps, call: ToolCall) -> ToolOutcome:
        """Validate the arguments against the signature and run the tool; domain errors become
        an outcome the model can react to (never an exception the customer sees)."""
        tool = self._tools.get(call.name)
        if tool is None:
            return ToolOutcome(call, error=f"unknown tool {call.name!r}", error_code="unknown_tool")
        try:
            args = tool.params.model_validate(call.arguments)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "arguments"
            return ToolOutcome(
                call, error=f"invalid {where}: {first['msg']}", error_code="invalid_arguments"
            )
        try:
            value = tool.function(deps, **{k: getattr(args, k) for k in args.model_fields})
        except ActionNotAllowed as exc:
            return ToolOutcome(call, error=str(exc), error_code=exc.reason, escalate=exc.escalate)
        except CommerceError as exc:
            return ToolOutcome(call, error=str(exc), error_code=exc.code)
        return ToolOutcome(call, value=value, content=to_content(value))
