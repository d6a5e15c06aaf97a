"""Expectation checks, the strict confirmation reading and the conversation metrics, on replies
built by hand (no assistant runs here)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assistant.agent.reply import (
    EscalationOut,
    ExecutedActionOut,
    PendingActionOut,
    Reply,
    ToolCallOut,
)
from evals.conversations import ConversationCase, read_cases, summarise, unconfirmed_executions
from evals.datasets import DatasetError
from evals.expectations import Expectations, check, clear_confirmation, normalise

AT = datetime(2026, 1, 20, 15, tzinfo=UTC)


def reply(
    text: str = "",
    intent: str = "order_status",
    calls: list[tuple[str, dict[str, Any]]] | None = None,
    pending: str | None = None,
    executed: list[str] | None = None,
    escalation: str | None = None,
) -> Reply:
    return Reply(
        text=text,
        intent=intent,
        confidence=0.9,
        tool_calls=[ToolCallOut(name=n, arguments=a) for n, a in calls or []],
        pending_action=PendingActionOut(
            action=pending, summary="s", changes=[], amount_change=None, expires_at=AT
        )
        if pending
        else None,
        executed_actions=[
            ExecutedActionOut(action=a, summary="s", confirmation_id="c", record={})
            for a in executed or []
        ],
        escalation=EscalationOut(reason=escalation, priority="normal", ticket_number="ESC-1")
        if escalation
        else None,
    )


def failed(expect: dict[str, Any], replies: list[Reply], snapshot: Any = None) -> list[str]:
    checks = check(Expectations.model_validate(expect), replies, snapshot, 1)
    return [c.kind for c in checks if not c.passed]


def test_intent_one_or_a_list() -> None:
    assert failed({"intent": "order_status"}, [reply()]) == []
    assert failed({"intent": ["receipt", "order_status"]}, [reply()]) == []
    assert failed({"intent": "tracking"}, [reply()]) == ["intent"]
    with pytest.raises(ValidationError):
        Expectations.model_validate({"intent": "no_such_intent"})


def test_tools_called_with_an_argument_subset() -> None:
    r = reply(calls=[("get_order", {"order_number": "47234"}), ("list_orders", {})])
    assert (
        failed({"tools_called": ["list_orders", {"get_order": {"order_number": 47234}}]}, [r]) == []
    )
    assert failed({"tools_called": [{"get_order": {"order_number": "47102"}}]}, [r]) == [
        "tools_called"
    ]
    assert failed({"tools_called": ["track_order"]}, [r]) == ["tools_called"]
    assert failed({"tools_not_called": ["track_order"]}, [r]) == []
    assert failed({"tools_not_called": ["get_order"]}, [r]) == ["tools_not_called"]
    nested = reply(calls=[("propose_add_items", {"items": [{"sku": "A", "quantity": 1}]})])
    assert (
        failed({"tools_called": [{"propose_add_items": {"items": [{"sku": "A"}]}}]}, [nested]) == []
    )


def test_facts_are_normalised_and_may_be_alternatives() -> None:
    r = reply("It ships within 1–2 business days. Hold **Power** and Volume − for 10 seconds.")
    assert failed({"facts": ["1-2 business days", "hold power", "volume - for 10"]}, [r]) == []
    assert failed({"facts": [["two days", "1-2 business"]]}, [r]) == []
    assert failed({"facts": ["3 business days"]}, [r]) == ["facts"]
    assert failed({"not_contains": ["refund"]}, [r]) == []
    assert failed({"not_contains": ["BUSINESS DAYS"]}, [r]) == ["not_contains"]
    assert normalise("It’s  “fine”") == 'it\'s "fine"'


def test_pending_executed_and_escalation() -> None:
    preview = reply(pending="skip_next_delivery")
    assert failed({"pending_action": "skip_next_delivery", "executed": []}, [preview]) == []
    assert failed({"pending_action": False}, [preview]) == ["pending_action"]
    done = reply(executed=["skip_next_delivery"])
    assert failed({"pending_action": False, "executed": ["skip_next_delivery"]}, [done]) == []
    assert failed({"executed": []}, [done]) == ["executed"]
    handed = reply(escalation="billing_dispute")
    assert failed({"escalation": "billing_dispute"}, [handed]) == []
    assert failed({"escalation": "frustration"}, [handed]) == ["escalation"]
    assert failed({"escalation": False}, [handed]) == ["escalation"]
    assert failed({"escalation": False}, [reply()]) == []
    with pytest.raises(ValidationError):
        Expectations.model_validate({"escalation": True})
    with pytest.raises(ValidationError):
        Expectations.model_validate({"pending_action": True})


def test_case_level_checks_read_the_whole_conversation() -> None:
    replies = [reply("Shall I?", pending="cancel_order"), reply("Done.", executed=["cancel_order"])]
    expect = Expectations.model_validate(
        {"facts": ["shall i", "done"], "executed": ["cancel_order"], "pending_action": False}
    )
    checks = check(expect, replies, None, None)
    assert all(c.passed for c in checks) and {c.turn for c in checks} == {None}


def test_store_state_expectation_uses_the_snapshot() -> None:
    snapshot = {"order": [{"number": "47234", "status": "cancelled"}]}
    assert (
        failed(
            {"store_state": {"order": {"number": "47234", "status": "cancelled"}}},
            [reply()],
            snapshot,
        )
        == []
    )
    assert failed(
        {"store_state": [{"order": {"number": "47234", "status": "placed"}}]}, [reply()], snapshot
    ) == ["store_state"]


@pytest.mark.parametrize(
    ("text", "plain_yes"),
    [
        ("yes", True),
        ("Yes please resend it", True),
        ("ok", True),
        ("Yes, go ahead and skip it.", True),
        ("sure!", True),
        ("ok so how do I brew the dark roast in a french press?", False),
        ("sure, and also cancel the whole subscription", False),
        ("okay, when will the shoes arrive if I keep them?", False),
        ("yes but not the socks", False),
        ("Actually wait, I confirm nothing yet", False),
        ("no", False),
        ("I said yes earlier, but now I want to think about it and compare the prices", False),
    ],
)
def test_clear_confirmation(text: str, plain_yes: bool) -> None:
    assert clear_confirmation(text) is plain_yes


def test_unconfirmed_executions() -> None:
    preview, done = reply(pending="cancel_order"), reply(executed=["cancel_order"])
    assert unconfirmed_executions(["cancel my order", "yes"], [preview, done]) == []
    found = unconfirmed_executions(
        ["cancel my order", "okay, when will it arrive?"], [preview, done]
    )
    assert len(found) == 1 and "turn 2: cancel_order" in found[0]
    never = unconfirmed_executions(["yes"], [done])
    assert "never previewed" in never[0]
    other = unconfirmed_executions(["skip", "yes"], [reply(pending="skip_next_delivery"), done])
    assert len(other) == 1  # the preview was for another action


def test_read_cases_keeps_yes_no_words_and_takes_the_split_from_the_name(tmp_path: Path) -> None:
    path = tmp_path / "conversations_dev.yaml"
    path.write_text(
        "cases:\n"
        "  - id: a\n    turns: [hello, yes, {say: no, expect: {executed: []}}]\n"
        "  - id: b\n    turns: [hi]\n    expect: {store_state: {order: {number: 1, count: 0}}}\n"
    )
    cases, extra = read_cases(path, ConversationCase)
    assert [t.say for t in cases[0].turns] == ["hello", "yes", "no"]
    assert cases[0].split == "dev" and extra == {}
    assert cases[1].expect.store_state == [{"order": {"number": 1, "count": 0}}]
    path.write_text("cases:\n  - id: a\n    turns: [x]\n  - id: a\n    turns: [y]\n")
    with pytest.raises(DatasetError, match="duplicate id"):
        read_cases(path, ConversationCase)
    path.write_text("cases:\n  - id: a\n    turns: [x]\n    expect: {intnet: greeting}\n")
    with pytest.raises(DatasetError, match="case 1"):
        read_cases(path, ConversationCase)
    # the id is the assistant's conversation id too, which takes at most 64 characters
    path.write_text(f"cases:\n  - id: {'x' * 65}\n    turns: [hi]\n")
    with pytest.raises(DatasetError, match="case 1"):
        read_cases(path, ConversationCase)


def item(
    passed: bool, expected: list[str], got: list[str], intent: str = "tracking"
) -> dict[str, Any]:
    return {
        "id": "x",
        "split": "dev",
        "intent": intent,
        "passed": passed,
        "checks": [{"kind": "intent", "passed": passed}],
        "turns": [{"latency_ms": 10.0, "invented_facts": ["9"] if not passed else []}],
        "escalated": bool(got),
        "escalation_reasons": got,
        "expected_escalation": expected,
        "unconfirmed_executions": [],
        "error": None,
    }


def test_summary_metrics() -> None:
    items = [
        item(True, ["billing_dispute"], ["billing_dispute"]),  # true positive
        item(False, ["frustration"], []),  # missed
        item(False, [], ["other"]),  # escalated although not expected
        item(True, [], []),
    ]
    m = summarise(items)
    assert m["task_success"] == 0.5
    assert m["automation_rate"] == 0.5
    assert m["escalation_precision"] == 0.5 and m["escalation_recall"] == 0.5
    assert m["invented_facts"] == 2 and m["invented_facts_per_reply"] == 0.5
    assert m["per_escalation_reason"]["other"]["unexpected"] == 1
    assert m["per_escalation_reason"]["frustration"]["recall"] == 0.0
    assert m["per_intent"]["tracking"] == {"cases": 4, "passed": 2, "task_success": 0.5}
    assert summarise([])["task_success"] is None
