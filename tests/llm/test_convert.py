"""Agent messages and tool specs to the chat format; citation ids from the answer."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.agent.messages import Message, ToolCall, ToolOutcome, ToolSpec
from assistant.llm.convert import citation_ids, to_chat_messages, to_chat_tools

CALL = ToolCall("call_1", "get_order", {"order_number": "NM-10042"})


def test_a_conversation_becomes_chat_messages() -> None:
    chat = to_chat_messages(
        "SYSTEM",
        [
            Message("user", "Where is NM-10042?"),
            Message("assistant", tool_calls=(CALL,)),
            Message("tool", outcome=ToolOutcome(CALL, content={"total": Decimal("19.99")})),
            Message("system_note", "The customer is verified."),
            Message("assistant", "It ships tomorrow."),
        ],
    )
    assert chat == [
        {"role": "system", "content": "SYSTEM"},
        {"role": "user", "content": "Where is NM-10042?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_order", "arguments": '{"order_number": "NM-10042"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": '{"total": "19.99"}'},
        {"role": "system", "content": "The customer is verified."},
        {"role": "assistant", "content": "It ships tomorrow."},
    ]


def test_a_tool_error_is_sent_as_an_error_object() -> None:
    outcome = ToolOutcome(CALL, error="Too late to cancel.", error_code="shipped", escalate=True)
    (_, tool) = to_chat_messages("S", [Message("tool", outcome=outcome)])
    assert tool["role"] == "tool"
    assert json.loads(str(tool["content"])) == {
        "error": "Too late to cancel.",
        "error_code": "shipped",
        "escalate": True,
    }


def test_a_tool_message_without_outcome_is_a_bug() -> None:
    with pytest.raises(ValueError):
        to_chat_messages("S", [Message("tool", "orphan")])


def test_tool_specs_become_function_tools() -> None:
    spec = ToolSpec("list_orders", "The customer's orders.", {"type": "object", "properties": {}})
    assert to_chat_tools([spec]) == [
        {
            "type": "function",
            "function": {
                "name": "list_orders",
                "description": "The customer's orders.",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ]


def test_only_passages_of_this_turn_are_cited() -> None:
    search = ToolCall("c", "search_documents", {"query": "descale"})
    outcomes = [
        ToolOutcome(search, content=[{"chunk_id": "aaa-0001"}, {"chunk_id": "bbb-0002"}]),
        ToolOutcome(search, error="boom"),
    ]
    text = "Use vinegar [bbb-0002]. Boil twice [aaa-0001, bbb-0002]. Trust me [zzz-0009]."
    assert citation_ids(text, outcomes) == ["bbb-0002", "aaa-0001"]
    assert citation_ids("No citations.", outcomes) == []
