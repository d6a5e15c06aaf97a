"""The agent loop with the OpenAI-compatible model against a scripted OpenAI-compatible server
on loopback: native tool calls, streaming, timeouts, 500s, and fallback to the planner."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from assistant.intents import Intent
from assistant.llm.openai_model import OpenAICompatibleModel
from assistant.runtime import Assistant
from tests.agent.conftest import FixedRouter
from tests.llm.conftest import llm_settings
from tests.llm.fake_openai import CallTools, Delay, FakeOpenAI, Reply, ScriptedCall, Status


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
    assert not fake.script, "every scripted behaviour must be used"


@pytest.fixture
def jordan(
    build: Callable[..., Assistant], server: FakeOpenAI
) -> Iterator[tuple[Assistant, object]]:
    model = OpenAICompatibleModel(llm_settings(server.url, llm_timeout_seconds=0.5))
    assistant = build(llm=model, router=FixedRouter(Intent.ORDER_STATUS))
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    yield assistant, state
    model.close()


@pytest.fixture
def patient_jordan(
    build: Callable[..., Assistant], server: FakeOpenAI
) -> Iterator[tuple[Assistant, object]]:
    """Jordan's verified session with a model that never runs out of time: no timeout, slow
    call or turn budget can fire however loaded the machine is (the turn budget's clock is
    pinned), so the scripted answer always comes from the model."""
    model = OpenAICompatibleModel(
        llm_settings(
            server.url,
            llm_timeout_seconds=600.0,
            llm_slow_call_seconds=600.0,
            llm_turn_budget_seconds=600.0,
        ),
        clock=lambda: 0.0,
    )
    assistant = build(llm=model, router=FixedRouter(Intent.ORDER_STATUS))
    assistant.loop.budget_clock = lambda: 0.0
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    yield assistant, state
    model.close()


def test_tool_call_then_streamed_answer(
    server: FakeOpenAI, patient_jordan: tuple[Assistant, object]
) -> None:
    assistant, state = patient_jordan
    server.add(
        CallTools([ScriptedCall("get_order", ['{"order_', 'number": "47234"}'])]),
        Reply(["Your order #47234 ", "went through: ", "$143.50 in total."]),
    )
    pieces: list[str] = []
    reply = assistant.reply(state, "did order 47234 go through?", on_text=pieces.append)  # type: ignore[arg-type]
    assert reply.model == "llm:scripted-model" and reply.fallback is None, reply.fallback
    assert [(c.name, c.ok) for c in reply.tool_calls] == [("get_order", True)]
    assert reply.text == "Your order #47234 went through: $143.50 in total."
    # released sentence by sentence once checked; all of it is in the final reply
    assert pieces == ["Your order #47234 went through: ", "$143.50 in total."]
    assert "".join(pieces) == reply.text
    second = server.bodies[1]  # the tool result went back to the model as a "tool" message
    tool_messages = [m for m in second["messages"] if m["role"] == "tool"]
    assert tool_messages and "143.5" in tool_messages[0]["content"]
    assert {t["function"]["name"] for t in second["tools"]} >= {"get_order", "list_orders"}
    assert "verify_customer" not in {t["function"]["name"] for t in second["tools"]}


def test_server_errors_fall_back_to_the_planner(
    server: FakeOpenAI, jordan: tuple[Assistant, object]
) -> None:
    assistant, state = jordan
    server.add(Status(500), Status(500))  # the call and its one retry
    reply = assistant.reply(state, "did order 47234 go through?")  # type: ignore[arg-type]
    assert reply.model == "planner" and reply.fallback and "unavailable" in reply.fallback
    assert "$143.50" in reply.text


def test_a_timeout_falls_back_to_the_planner(
    server: FakeOpenAI, jordan: tuple[Assistant, object]
) -> None:
    assistant, state = jordan
    server.add(Delay(2.0, Reply(["late"])), Delay(2.0, Reply(["late"])))
    reply = assistant.reply(state, "did order 47234 go through?")  # type: ignore[arg-type]
    assert reply.model == "planner" and "$143.50" in reply.text


def test_an_ungrounded_llm_answer_is_replaced(
    server: FakeOpenAI, jordan: tuple[Assistant, object]
) -> None:
    assistant, state = jordan
    server.add(Reply(["Your order ships on March 30 and costs $12.00."]))
    reply = assistant.reply(state, "did order 47234 go through?")  # type: ignore[arg-type]
    assert reply.fallback is not None and reply.fallback.startswith("ungrounded")
    assert "$12.00" not in reply.text and "$143.50" in reply.text
