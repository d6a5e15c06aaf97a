"""A flaky model must not cost every turn its whole timeout (issue 10, item 6): slow calls count
as breaker failures that a success does not wipe out, and the turn has one time budget."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assistant.agent.messages import Message, ModelRequest, ModelTurn
from assistant.intents import Intent
from assistant.llm.breaker import BreakerState, CircuitBreaker
from assistant.llm.openai_model import OpenAICompatibleModel
from assistant.runtime import Assistant
from tests.agent.conftest import FixedRouter, ScriptedModel, calls
from tests.llm.conftest import FakeClock, llm_settings, make_request
from tests.llm.fake_openai import CallTools, Delay, FakeOpenAI, Reply, ScriptedCall

GET_ORDER = CallTools([ScriptedCall("get_order", ['{"order_number": "47234"}'])])


def test_slow_calls_open_the_breaker_whatever_succeeds_between() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(3, 60, clock=clock, window_seconds=300)
    for _ in range(3):
        breaker.record_success()  # the first call of a turn answers...
        assert breaker.state is BreakerState.CLOSED
        breaker.record_failure(slow=True)  # ...the next one hangs
        clock.advance(5)
    assert breaker.state is BreakerState.OPEN and breaker.slow_calls == 3
    clock.advance(60)
    assert breaker.allow()  # the trial after the cooling period
    breaker.record_success()
    breaker.record_failure(slow=True)  # still hanging: skipped again at once
    assert breaker.state is BreakerState.OPEN


def test_slow_strikes_expire_with_the_window() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(2, 60, clock=clock, window_seconds=100)
    breaker.record_failure(slow=True)
    breaker.record_success()
    clock.advance(101)
    breaker.record_failure(slow=True)
    assert breaker.state is BreakerState.CLOSED and breaker.slow_calls == 1


def test_an_answer_slower_than_the_limit_counts_as_a_failure(hanging: FakeOpenAI) -> None:
    fake = hanging
    ticks = FakeClock()

    def clock() -> float:  # every reading is 4 s later: each call "takes" 4 s
        ticks.advance(4)
        return ticks()

    breaker = CircuitBreaker(3, 60, clock=FakeClock())
    model = OpenAICompatibleModel(
        llm_settings(fake.url, llm_slow_call_seconds=3.0), breaker=breaker, clock=clock
    )
    try:
        for _ in range(3):
            fake.add(Reply(["Fine."]))
            assert model.next_step(make_request(Message("user", "hi"))).text == "Fine."
        assert breaker.state is BreakerState.OPEN
    finally:
        model.close()


def test_the_turn_budget_bounds_every_model_call(build: Callable[..., Assistant]) -> None:
    clock = FakeClock()

    def slow_tool_step(request: ModelRequest) -> ModelTurn:
        assert request.budget_left == pytest.approx(6.0)
        clock.advance(6.5)  # this step used the whole budget
        return calls(("search_documents", {"query": "shipping"}))

    model = ScriptedModel([slow_tool_step])  # a second step is never asked for
    assistant = build(llm=model, router=FixedRouter(Intent.SHIPPING_INFO))
    assistant.loop.budget_clock = clock
    reply = assistant.reply(assistant.start(), "how long does shipping take?")
    assert reply.model == "planner" and reply.fallback and "budget" in reply.fallback


@pytest.fixture
def hanging() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_first_call_ok_next_hangs_settles_to_the_planner_within_three_turns(
    build: Callable[..., Assistant], hanging: FakeOpenAI
) -> None:
    cooling = FakeClock()  # never advances: the cooling period does not end during the test
    # 1 s, not less: on a loaded CI machine the first (instant) answer must not time out too
    slow = llm_settings(hanging.url, llm_timeout_seconds=1.0, llm_max_retries=0)
    breaker = CircuitBreaker(3, 60, clock=cooling, window_seconds=300)
    model = OpenAICompatibleModel(slow, breaker=breaker)
    assistant = build(llm=model, router=FixedRouter(Intent.ORDER_STATUS))
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    replies: list[Any] = []
    latencies: list[float] = []
    try:
        for _ in range(5):
            hanging.add(GET_ORDER, Delay(5.0, Reply(["late"])))
            requests_before = len(hanging.bodies)
            started = time.perf_counter()
            replies.append(assistant.reply(state, "did order 47234 go through?"))
            latencies.append(time.perf_counter() - started)
            if len(hanging.bodies) == requests_before:  # the model was skipped
                hanging.script.clear()
    finally:
        model.close()
    reasons = [r.fallback for r in replies]
    assert reasons[:3] == ["model unavailable: timed out"] * 3, reasons
    assert reasons[3:] == ["model unavailable: circuit breaker open"] * 2, reasons
    assert all(r.model == "planner" and r.text for r in replies)  # the planner answered
    settle = time.monotonic() + 2.0  # a request the client gave up on may be recorded late
    while len(hanging.bodies) < 6 and time.monotonic() < settle:
        time.sleep(0.02)
    assert len(hanging.bodies) == 6  # two calls in each slow turn, none after
    print("turn latencies (s):", [round(s, 3) for s in latencies])
