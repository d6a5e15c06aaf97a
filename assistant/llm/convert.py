"""Between the agent's messages and the OpenAI chat format: the conversation and tool specs
going out, the citation ids found in the text coming back."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from assistant.agent.messages import Message, ToolCall, ToolOutcome, ToolSpec

if TYPE_CHECKING:  # importing ``openai`` takes most of a second: only the types are needed here
    from openai.types.chat import (
        ChatCompletionFunctionToolParam,
        ChatCompletionMessageFunctionToolCallParam,
        ChatCompletionMessageParam,
    )


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def outcome_content(outcome: ToolOutcome) -> str:
    """A tool result as the JSON the model reads: ``content``, or an error it can react to."""
    if outcome.ok:
        return to_json(outcome.content)
    error: dict[str, Any] = {"error": outcome.error}
    if outcome.error_code:
        error["error_code"] = outcome.error_code
    if outcome.escalate:
        error["escalate"] = True
    return to_json(error)


def _tool_call(call: ToolCall) -> ChatCompletionMessageFunctionToolCallParam:
    return {
        "id": call.id,
        "type": "function",
        "function": {"name": call.name, "arguments": to_json(call.arguments)},
    }


def to_chat_messages(system: str, messages: Iterable[Message]) -> list[ChatCompletionMessageParam]:
    """The system prompt first, then the conversation; ``system_note`` messages become system
    messages in place, tool results become ``tool`` messages bound to their call id."""
    chat: list[ChatCompletionMessageParam] = [{"role": "system", "content": system}]
    for message in messages:
        if message.role == "user":
            chat.append({"role": "user", "content": message.text})
        elif message.role == "system_note":
            chat.append({"role": "system", "content": message.text})
        elif message.role == "assistant":
            if message.tool_calls:
                chat.append(
                    {
                        "role": "assistant",
                        "content": message.text or None,
                        "tool_calls": [_tool_call(c) for c in message.tool_calls],
                    }
                )
            else:
                chat.append({"role": "assistant", "content": message.text})
        elif message.outcome is not None:  # role == "tool"
            chat.append(
                {
                    "role": "tool",
                    "tool_call_id": message.outcome.call.id,
                    "content": outcome_content(message.outcome),
                }
            )
        else:
            raise ValueError("a tool message must carry its outcome")
    return chat


def to_chat_tools(specs: Iterable[ToolSpec]) -> list[ChatCompletionFunctionToolParam]:
    return [
        {
            "type": "function",
            "function": {
                "name": spec.name,
                "description": spec.description,
                "parameters": spec.parameters,
            },
        }
        for spec in specs
    ]


# ``[id]`` or ``[id1, id2]``: the citation form the system prompt asks for.
_CITATION = re.compile(r"\[([^\[\]\n]{1,200})\]")


def _passage_ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        chunk_id = value.get("chunk_id")
        if isinstance(chunk_id, str):
            yield chunk_id
        for item in value.values():
            yield from _passage_ids(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _passage_ids(item)


def citation_ids(text: str, outcomes: Iterable[ToolOutcome]) -> list[str]:
    """The passage ids cited in ``text`` (first mention first) that appear in this turn's tool
    results; ids the model made up are dropped."""
    known = {pid for outcome in outcomes if outcome.ok for pid in _passage_ids(outcome.content)}
    cited: list[str] = []
    for group in _CITATION.findall(text):
        for pid in re.split(r"[,;\s]+", group):
            if pid in known and pid not in cited:
                cited.append(pid)
    return cited
