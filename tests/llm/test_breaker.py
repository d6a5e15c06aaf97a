"""The circuit breaker on a fake clock."""

from __future__ import annotations

import threading

import pytest

from assistant.llm.breaker import BreakerState, CircuitBreaker
from tests.llm.conftest import FakeClock


def test_opens_after_n_consecutive_failures(clock: FakeClock) -> None:
    breaker = CircuitBreaker(3, 10, clock=clock)
    for _ in range(2):
        assert breaker.allow()
        breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    assert not breaker.allow()


def test_a_success_resets_the_count(clock: FakeClock) -> None:
    breaker = CircuitBreaker(2, 10, clock=clock)
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED
    assert breaker.consecutive_failures == 1


def test_half_open_lets_one_trial_through(clock: FakeClock) -> None:
    breaker = CircuitBreaker(1, 10, clock=clock)
    breaker.record_failure()
    clock.advance(9.99)
    assert not breaker.allow()
    clock.advance(0.01)
    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.allow()
    assert not breaker.allow()  # the trial is still running
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED
    assert breaker.allow() and breaker.allow()


def test_a_failed_trial_reopens_for_another_reset_period(clock: FakeClock) -> None:
    breaker = CircuitBreaker(1, 10, clock=clock)
    breaker.record_failure()
    clock.advance(10)
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    clock.advance(9)
    assert not breaker.allow()
    clock.advance(1)
    assert breaker.allow()


def test_a_late_failure_does_not_extend_the_open_period(clock: FakeClock) -> None:
    breaker = CircuitBreaker(1, 10, clock=clock)
    breaker.record_failure()
    clock.advance(5)
    breaker.record_failure()  # a call let through before the circuit opened
    clock.advance(5)
    assert breaker.allow()


def test_thread_safety(clock: FakeClock) -> None:
    breaker = CircuitBreaker(1000, 10, clock=clock)
    start = threading.Barrier(8)

    def fail() -> None:
        start.wait()
        for _ in range(250):
            breaker.record_failure()

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert breaker.consecutive_failures == 2000
    assert breaker.state is BreakerState.OPEN

    clock.advance(10)
    allowed: list[bool] = []
    gate = threading.Barrier(8)

    def try_call() -> None:
        gate.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=try_call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert allowed.count(True) == 1  # exactly one half-open trial


@pytest.mark.parametrize(("failures", "reset"), [(0, 10.0), (1, 0.0)])
def test_refuses_nonsense(failures: int, reset: float) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(failures, reset)
