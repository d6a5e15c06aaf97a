"""The OpenAI-compatible LLM as a :class:`~assistant.agent.messages.Model`, via the ``openai`` SDK.

One :meth:`OpenAICompatibleModel.next_step` is one streamed chat completion, retried at most
``llm_max_retries`` times, all within a hard budget of ``llm_timeout_seconds × (retries + 1)``,
or less: what is left of the turn's budget (``ModelRequest.budget_left``). A timeout, or an
answer slower than ``llm_slow_call_seconds``, counts as a *slow* failure for the breaker, which
a success does not wipe out (see :mod:`assistant.llm.breaker`).

Failures, every one raised as ``ModelUnavailable`` (the loop then falls back to the planner) and
counted by the circuit breaker; while the breaker is open no request is made at all:

    retried (if no text was streamed yet and the budget allows)
        timeout, connection refused or lost, HTTP 408 / 409 / 429 / 5xx
    not retried
        other HTTP status, error event or malformed data in the stream, answer cut off
        (``length`` / ``content_filter``), empty answer, malformed tool-call arguments

Retries are ours, not the SDK's (``max_retries=0``): the SDK would honour a ``Retry-After`` of
up to two minutes and back off with jitter, which no time budget survives.

The request runs on a short-lived worker thread that hands text pieces, the finished turn or the
failure to the caller through a queue. The caller runs ``on_text`` on its own thread and stops
waiting at the deadline, even when a server trickles bytes just fast enough to dodge the
per-read timeout; the abandoned worker stops at its next chunk or read timeout.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import openai
from openai.types.chat import (
    ChatCompletionChunk,
    ChatCompletionFunctionToolParam,
    ChatCompletionMessageParam,
)
from openai.types.chat.chat_completion_chunk import ChoiceDeltaToolCall

from assistant.agent.messages import (
    ModelRequest,
    ModelTurn,
    ModelUnavailable,
    TextSink,
    ToolCall,
)
from assistant.llm.breaker import CircuitBreaker
from assistant.llm.convert import citation_ids, to_chat_messages, to_chat_tools
from assistant.llm.prompts import system_prompt
from assistant.settings import Settings

RETRY_PAUSE_SECONDS = 0.2  # before retrying a refused connection or an error status
MIN_ATTEMPT_SECONDS = 0.1  # no retry starts with less time than this left
_RETRY_STATUSES = frozenset({408, 409, 429})
_CUT_OFF = frozenset({"length", "content_filter"})

Summarizer = Callable[[ModelRequest], str]


class _AttemptFailed(ModelUnavailable):
    def __init__(self, reason: str, *, retryable: bool = False, pause: float = 0.0) -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.pause = pause


@dataclass(frozen=True, slots=True)
class _Payload:
    messages: list[ChatCompletionMessageParam]
    tools: list[ChatCompletionFunctionToolParam]


# What the worker thread hands to the caller's thread.
@dataclass(frozen=True, slots=True)
class _Text:
    piece: str


@dataclass(frozen=True, slots=True)
class _Finished:
    turn: ModelTurn


@dataclass(frozen=True, slots=True)
class _Failed:
    reason: str


@dataclass(frozen=True, slots=True)
class _Crashed:
    error: Exception  # a bug, re-raised on the caller's thread


_Event = _Text | _Finished | _Failed | _Crashed


@dataclass(slots=True)
class _PartialCall:
    id: str = ""
    name: str = ""
    arguments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Assembly:
    """One streamed answer put back together: text pieces, and tool calls by their index."""

    text: list[str] = field(default_factory=list)
    calls: dict[int, _PartialCall] = field(default_factory=dict)
    finish_reason: str | None = None
    emitted: bool = False

    def add(self, chunk: ChatCompletionChunk, emit: TextSink) -> None:
        for choice in chunk.choices:
            if choice.index != 0:
                continue
            delta = choice.delta
            if delta.content:
                self.text.append(delta.content)
                if not self.calls:  # text after a tool call is no final answer
                    emit(delta.content)
                    self.emitted = True
            for call in delta.tool_calls or ():
                self._add_call(call)
            if choice.finish_reason:
                self.finish_reason = choice.finish_reason

    def _add_call(self, delta: ChoiceDeltaToolCall) -> None:
        part = self.calls.setdefault(delta.index, _PartialCall())
        if delta.id and not part.id:
            part.id = delta.id
        if delta.function is not None:
            if delta.function.name and not part.name:
                part.name = delta.function.name
            if delta.function.arguments:
                part.arguments.append(delta.function.arguments)

    def turn(self, model_name: str) -> ModelTurn:
        if self.finish_reason in _CUT_OFF:
            raise _AttemptFailed(f"answer cut off ({self.finish_reason})")
        if self.calls:
            calls = [_tool_call(part) for _, part in sorted(self.calls.items())]
            return ModelTurn(tool_calls=calls, model_name=model_name)
        text = "".join(self.text)
        if not text.strip():
            raise _AttemptFailed("empty answer")
        return ModelTurn(text=text, model_name=model_name)


def _tool_call(part: _PartialCall) -> ToolCall:
    if not part.name:
        raise _AttemptFailed("tool call without a name")
    raw = "".join(part.arguments).strip() or "{}"
    try:
        arguments = json.loads(raw)
    except ValueError:
        raise _AttemptFailed(f"malformed arguments for {part.name}") from None
    if not isinstance(arguments, dict):
        raise _AttemptFailed(f"arguments for {part.name} are not an object")
    return ToolCall(part.id or f"call_{uuid.uuid4().hex[:16]}", part.name, arguments)


class OpenAICompatibleModel:
    """The LLM behind an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    ``settings`` gives the endpoint, model, key, timeout, retries and breaker thresholds;
    ``http_client`` replaces the SDK's HTTP client (tests); ``breaker`` replaces the one built
    from the settings (e.g. with a fake clock); ``summarize`` turns a request into the trusted
    context summary appended to the system prompt (none by default).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.Client | None = None,
        breaker: CircuitBreaker | None = None,
        summarize: Summarizer | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not settings.llm_base_url:
            raise ValueError("llm_base_url is not set: use the offline planner")
        self.name = f"llm:{settings.llm_model}"
        self.model = settings.llm_model
        self.timeout_seconds = settings.llm_timeout_seconds
        self.attempts = settings.llm_max_retries + 1
        self.budget_seconds = self.timeout_seconds * self.attempts
        self.slow_seconds = settings.llm_slow_call_seconds
        self._clock = clock
        self.breaker = breaker or CircuitBreaker(
            settings.llm_breaker_failures,
            settings.llm_breaker_reset_seconds,
            window_seconds=settings.llm_breaker_window_seconds,
        )
        self._summarize = summarize
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key.get_secret_value(),
            timeout=settings.llm_timeout_seconds,
            max_retries=0,  # retries are ours, within the budget (see the module docstring)
            http_client=http_client,
        )
        # The SDK loads its chat resources on first use (over a second): do it now, not on the
        # first customer's turn, whose time budget it would eat.
        self._completions = self._client.chat.completions

    def close(self) -> None:
        """Close the HTTP client (an injected one too)."""
        self._client.close()

    def next_step(self, request: ModelRequest, on_text: TextSink | None = None) -> ModelTurn:
        budget = self.budget_seconds
        if request.budget_left is not None:
            budget = min(budget, request.budget_left)
            if budget < MIN_ATTEMPT_SECONDS:
                raise ModelUnavailable("the turn's time budget is spent")
        if not self.breaker.allow():
            raise ModelUnavailable("circuit breaker open")
        started = self._clock()
        succeeded = timed_out = False
        try:
            turn = self._complete(request, on_text, budget)
            succeeded = True
        except ModelUnavailable as exc:
            timed_out = "timed out" in str(exc)
            raise
        finally:
            slow = timed_out or self._clock() - started > self.slow_seconds
            if succeeded and not slow:
                self.breaker.record_success()
            else:
                self.breaker.record_failure(slow=slow)
        if turn.text is not None:
            turn.citation_ids = citation_ids(turn.text, request.turn_outcomes)
        return turn

    def _payload(self, request: ModelRequest) -> _Payload:
        summary = self._summarize(request) if self._summarize else ""
        shop = getattr(request.context, "shop", None)
        store = getattr(shop, "store_name", None)
        return _Payload(
            to_chat_messages(system_prompt(summary, store), request.messages),
            to_chat_tools(request.tools),
        )

    def _complete(
        self, request: ModelRequest, on_text: TextSink | None, budget: float
    ) -> ModelTurn:
        payload = self._payload(request)
        deadline = time.monotonic() + budget
        events: queue.SimpleQueue[_Event] = queue.SimpleQueue()
        cancelled = threading.Event()
        worker = threading.Thread(
            target=self._work,
            args=(payload, events, cancelled, deadline),
            name="llm-request",
            daemon=True,
        )
        worker.start()
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ModelUnavailable("timed out")
                try:
                    event = events.get(timeout=remaining)
                except queue.Empty:
                    raise ModelUnavailable("timed out") from None
                if isinstance(event, _Text):
                    if on_text is not None:
                        on_text(event.piece)
                elif isinstance(event, _Finished):
                    return event.turn
                elif isinstance(event, _Failed):
                    raise ModelUnavailable(event.reason)
                else:
                    raise event.error
        finally:
            cancelled.set()

    # --- on the worker thread ---------------------------------------------------------------
    def _work(
        self,
        payload: _Payload,
        events: queue.SimpleQueue[_Event],
        cancelled: threading.Event,
        deadline: float,
    ) -> None:
        try:
            turn = self._with_retries(payload, events, cancelled, deadline)
        except ModelUnavailable as exc:
            events.put(_Failed(str(exc)))
        except Exception as exc:  # noqa: BLE001 - not swallowed: re-raised on the caller's thread
            events.put(_Crashed(exc))
        else:
            events.put(_Finished(turn))

    def _with_retries(
        self,
        payload: _Payload,
        events: queue.SimpleQueue[_Event],
        cancelled: threading.Event,
        deadline: float,
    ) -> ModelTurn:
        attempt = 0
        while True:
            attempt += 1
            assembly = _Assembly()
            try:
                self._stream(payload, assembly, events, cancelled, deadline)
                return assembly.turn(self.name)
            except _AttemptFailed as failure:
                left = deadline - time.monotonic() - failure.pause
                if (
                    not failure.retryable
                    or assembly.emitted  # the customer saw text: a retry would repeat it
                    or attempt >= self.attempts
                    or left < MIN_ATTEMPT_SECONDS
                    or cancelled.wait(failure.pause)
                ):
                    raise

    def _stream(
        self,
        payload: _Payload,
        assembly: _Assembly,
        events: queue.SimpleQueue[_Event],
        cancelled: threading.Event,
        deadline: float,
    ) -> None:
        def emit(piece: str) -> None:
            events.put(_Text(piece))

        timeout = min(self.timeout_seconds, max(deadline - time.monotonic(), MIN_ATTEMPT_SECONDS))
        try:
            stream = self._completions.create(
                model=self.model,
                messages=payload.messages,
                tools=payload.tools or openai.omit,
                stream=True,
                timeout=timeout,
            )
            with stream:
                for chunk in stream:
                    if cancelled.is_set():
                        raise _AttemptFailed("cancelled")
                    assembly.add(chunk, emit)
        except openai.APITimeoutError:
            raise _AttemptFailed("timed out", retryable=True) from None
        except openai.APIConnectionError:
            raise _AttemptFailed(
                "connection failed", retryable=True, pause=RETRY_PAUSE_SECONDS
            ) from None
        except openai.APIStatusError as exc:
            status = exc.status_code
            retryable = status in _RETRY_STATUSES or status >= 500
            raise _AttemptFailed(
                f"HTTP {status}", retryable=retryable, pause=RETRY_PAUSE_SECONDS
            ) from None
        except openai.APIError:
            raise _AttemptFailed("error reported in the stream") from None
        except httpx.TimeoutException:  # while reading the stream: the SDK does not wrap these
            raise _AttemptFailed("timed out", retryable=True) from None
        except httpx.HTTPError:
            raise _AttemptFailed(
                "connection lost", retryable=True, pause=RETRY_PAUSE_SECONDS
            ) from None
        except ValueError:  # undecodable JSON in an event
            raise _AttemptFailed("malformed stream") from None
