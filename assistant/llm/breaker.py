"""A small thread-safe circuit breaker for the LLM endpoint.

    closed ──(N consecutive failures)──► open ──(reset seconds pass)──► half-open
      ▲                                   ▲                                │
      └──────────(trial succeeds)─────────┼────────────────────────────────┤
                                          └─────────(trial fails)──────────┘

While open, :meth:`CircuitBreaker.allow` refuses at once (the caller falls back without touching
the server). Half-open lets exactly one trial call through; its result closes or re-opens the
circuit. The clock is injectable so tests never sleep.

Slow calls (timeouts, or answers slower than the caller's limit: ``record_failure(slow=True)``)
are also remembered for ``window_seconds``, and a success does not forget them: N of them in the
window open the circuit, so a model that keeps hanging is skipped for the cooling period even
when some of its calls succeed in between (a first call that answers, a second that hangs).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import Enum

Clock = Callable[[], float]


class BreakerState(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold: int,
        reset_seconds: float,
        *,
        clock: Clock = time.monotonic,
        window_seconds: float = 300.0,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_seconds <= 0:
            raise ValueError("reset_seconds must be positive")
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_in_flight = False
        self.window_seconds = window_seconds
        self._slow: list[float] = []  # when slow calls happened, within the window

    @property
    def state(self) -> BreakerState:
        """The current state (an open circuit whose reset time has passed reads as half-open)."""
        with self._lock:
            if self._state is BreakerState.OPEN and self._reset_due():
                return BreakerState.HALF_OPEN
            return self._state

    @property
    def consecutive_failures(self) -> int:
        with self._lock:
            return self._failures

    def allow(self) -> bool:
        """May a call go out now? In half-open state only one trial call is let through; the
        caller must report its result with :meth:`record_success` or :meth:`record_failure`."""
        with self._lock:
            if self._state is BreakerState.CLOSED:
                return True
            if self._state is BreakerState.OPEN:
                if not self._reset_due():
                    return False
                self._state = BreakerState.HALF_OPEN
                self._trial_in_flight = False
            if self._trial_in_flight:
                return False
            self._trial_in_flight = True
            return True

    def record_success(self) -> None:
        with self._lock:
            self._state = BreakerState.CLOSED
            self._failures = 0
            self._trial_in_flight = False

    @property
    def slow_calls(self) -> int:
        """Slow calls remembered in the window."""
        with self._lock:
            return len(self._recent_slow())

    def _recent_slow(self) -> list[float]:
        since = self._clock() - self.window_seconds
        self._slow = [t for t in self._slow if t >= since]
        return self._slow

    def record_failure(self, *, slow: bool = False) -> None:
        with self._lock:
            self._failures += 1
            self._trial_in_flight = False
            if slow:
                self._slow.append(self._clock())
            if self._state is BreakerState.OPEN:
                return  # a late result of a call let through earlier: keep the reset time
            if (
                self._state is BreakerState.HALF_OPEN
                or self._failures >= self.failure_threshold
                or len(self._recent_slow()) >= self.failure_threshold
            ):
                self._state = BreakerState.OPEN
                self._opened_at = self._clock()

    def _reset_due(self) -> bool:
        return self._clock() - self._opened_at >= self.reset_seconds
