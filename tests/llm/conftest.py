"""Fixtures for the LLM tests: the scripted loopback server, settings pointing at it, a fake
clock for the breaker, and a builder for model requests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assistant.agent.messages import Message, ModelRequest, ToolOutcome, ToolSpec
from assistant.llm.breaker import CircuitBreaker
from assistant.llm.openai_model import OpenAICompatibleModel
from assistant.settings import Settings
from tests.llm.fake_openai import FakeOpenAI

TIMEOUT = 0.5


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert not server.script, f"scripted behaviours never used: {list(server.script)}"
    assert server.unscripted == 0, "the client sent a request nothing was scripted for"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def llm_settings(base_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "llm_base_url": base_url,
        "llm_model": "scripted-model",
        "llm_timeout_seconds": TIMEOUT,
        "llm_max_retries": 1,
        "llm_breaker_failures": 3,
        "llm_breaker_reset_seconds": 30.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


ModelFactory = Callable[..., OpenAICompatibleModel]


@pytest.fixture
def make_model(fake: FakeOpenAI, clock: FakeClock) -> Iterator[ModelFactory]:
    """Build a model against the fake server (settings overridable); its breaker runs on the
    fake clock. Every model built is closed at teardown."""
    built: list[OpenAICompatibleModel] = []

    def make(**overrides: Any) -> OpenAICompatibleModel:
        settings = llm_settings(overrides.pop("base_url", fake.url), **overrides)
        breaker = CircuitBreaker(
            settings.llm_breaker_failures, settings.llm_breaker_reset_seconds, clock=clock
        )
        model = OpenAICompatibleModel(settings, breaker=breaker)
        built.append(model)
        return model

    yield make
    for model in built:
        model.close()


def make_request(
    *messages: Message,
    tools: list[ToolSpec] | None = None,
    outcomes: list[ToolOutcome] | None = None,
) -> ModelRequest:
    return ModelRequest(
        messages=list(messages) or [Message("user", "Hi")],
        tools=tools or [],
        turn_outcomes=outcomes or [],
        context=None,
    )
