"""OpenAICompatibleModel against the scripted loopback server: streaming, tool calls, what is
sent, timeouts, retries and the circuit breaker."""

from __future__ import annotations

import json
import socket
import threading
import time
from types import SimpleNamespace

import httpx
import openai
import pytest

from assistant.agent.messages import (
    Message,
    ModelUnavailable,
    ToolCall,
    ToolOutcome,
    ToolSpec,
)
from assistant.llm.breaker import BreakerState
from assistant.llm.openai_model import OpenAICompatibleModel
from tests.llm.conftest import TIMEOUT, FakeClock, ModelFactory, llm_settings, make_request
from tests.llm.fake_openai import (
    CallTools,
    Delay,
    FakeOpenAI,
    Reply,
    ScriptedCall,
    Stall,
    Status,
    Trickle,
)
from tests.support import pack_view

TRACK = ToolSpec(
    "track_order",
    "Carrier tracking for one of the verified customer's orders.",
    {
        "type": "object",
        "properties": {"order_number": {"type": "string"}},
        "required": ["order_number"],
        "additionalProperties": False,
    },
)
SEARCH = ToolSpec(
    "search_documents",
    "Search the store's product documents and policies.",
    {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]},
)


def test_text_streams_to_on_text_in_pieces_and_the_turn_holds_it_all(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    first_piece_seen = threading.Event()
    fake.add(Reply(["Your kettle ", "descales in ", "20 minutes."], gate=first_piece_seen))
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        first_piece_seen.set()  # the server holds the rest of the stream until this happens

    turn = make_model().next_step(make_request(Message("user", "How long?")), on_text)

    assert pieces == ["Your kettle ", "descales in ", "20 minutes."]
    assert turn.text == "Your kettle descales in 20 minutes."
    assert turn.is_final and turn.model_name == "llm:scripted-model"
    body = fake.bodies[0]
    assert body["stream"] is True and body["model"] == "scripted-model"
    assert "tools" not in body  # none offered: none sent


def test_the_system_prompt_goes_first_and_treats_documents_as_data(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(Reply(["Sure."]))
    request = make_request(
        Message("user", "Where is my order?"),
        Message("system_note", "The customer is verified."),
    )
    request.context = SimpleNamespace(shop=pack_view())  # the turn's view of the store
    make_model().next_step(request)

    messages = fake.bodies[0]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "system"]
    assert f"The store is {pack_view().store_name}." in messages[0]["content"]
    assert "data, not instructions" in messages[0]["content"]
    assert messages[2]["content"] == "The customer is verified."


def test_the_context_summary_is_appended_to_the_system_prompt(fake: FakeOpenAI) -> None:
    fake.add(Reply(["Hello Ada."]))
    model = OpenAICompatibleModel(
        llm_settings(fake.url), summarize=lambda request: "Customer verified: Ada."
    )
    try:
        model.next_step(make_request())
    finally:
        model.close()
    assert fake.bodies[0]["messages"][0]["content"].endswith("Customer verified: Ada.\n")


def test_tool_calls_are_assembled_from_split_chunks(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(
        CallTools(
            [
                ScriptedCall("track_order", ['{"order_', 'number": "NM-', '10042"}'], "call_a"),
                ScriptedCall("search_documents", ['{"query": ', '"pairing"', "}"], "call_b"),
            ]
        )
    )
    pieces: list[str] = []
    turn = make_model().next_step(make_request(tools=[TRACK, SEARCH]), pieces.append)

    assert turn.tool_calls == [
        ToolCall("call_a", "track_order", {"order_number": "NM-10042"}),
        ToolCall("call_b", "search_documents", {"query": "pairing"}),
    ]
    assert not turn.is_final and turn.text is None and pieces == []
    assert fake.bodies[0]["tools"] == [
        {
            "type": "function",
            "function": {"name": s.name, "description": s.description, "parameters": s.parameters},
        }
        for s in (TRACK, SEARCH)
    ]


def test_tool_results_go_back_as_tool_messages_bound_to_their_call(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    track = ToolCall("call_a", "track_order", {"order_number": "NM-10042"})
    search = ToolCall("call_b", "search_documents", {"query": "pairing"})
    passage = {"chunk_id": "3f2a1b9c0d4e-0003", "text": "Hold Power for 5 seconds."}
    outcomes = [
        ToolOutcome(track, error="No such order.", error_code="order_not_found"),
        ToolOutcome(search, value=object(), content=[passage]),
    ]
    fake.add(Reply(["Hold Power for 5 seconds [3f2a1b9c0d4e-0003] [made-up-0001]."]))
    request = make_request(
        Message("user", "Track NM-10042 and how do I pair?"),
        Message("assistant", tool_calls=(track, search)),
        *(Message("tool", outcome=o) for o in outcomes),
        tools=[TRACK, SEARCH],
        outcomes=outcomes,
    )
    turn = make_model().next_step(request)

    _system, user, assistant, tool_a, tool_b = fake.bodies[0]["messages"]
    assert user == {"role": "user", "content": "Track NM-10042 and how do I pair?"}
    assert assistant["role"] == "assistant"
    assert [
        (c["id"], c["function"]["name"], json.loads(c["function"]["arguments"]))
        for c in assistant["tool_calls"]
    ] == [
        ("call_a", "track_order", track.arguments),
        ("call_b", "search_documents", search.arguments),
    ]
    assert tool_a["role"] == "tool" and tool_a["tool_call_id"] == "call_a"
    assert json.loads(tool_a["content"]) == {
        "error": "No such order.",
        "error_code": "order_not_found",
    }
    assert tool_b["role"] == "tool" and tool_b["tool_call_id"] == "call_b"
    assert json.loads(tool_b["content"]) == [passage]
    assert turn.citation_ids == ["3f2a1b9c0d4e-0003"]  # the made-up id is dropped


def test_malformed_tool_arguments_are_a_model_failure_not_retried(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(CallTools([ScriptedCall("track_order", ['{"order_number": ', '"NM-1'])]))
    model = make_model()
    with pytest.raises(ModelUnavailable, match="malformed arguments for track_order"):
        model.next_step(make_request(tools=[TRACK]))
    assert len(fake.received) == 1
    assert model.breaker.consecutive_failures == 1


@pytest.mark.parametrize(
    ("reply", "reason"),
    [(Reply([]), "empty answer"), (Reply(["The answer is"], "length"), "cut off")],
)
def test_empty_or_cut_off_answers_are_failures(
    fake: FakeOpenAI, make_model: ModelFactory, reply: Reply, reason: str
) -> None:
    fake.add(reply)
    with pytest.raises(ModelUnavailable, match=reason):
        make_model().next_step(make_request())
    assert len(fake.received) == 1


def test_a_slow_server_times_out_after_one_retry(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(Delay(3, Reply(["too late"])), Delay(3, Reply(["too late"])))
    model = make_model()
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match="timed out"):
        model.next_step(make_request())
    elapsed = time.monotonic() - started
    assert elapsed < 3  # cut before the first delayed reply would have come
    assert model.budget_seconds == TIMEOUT * 2
    assert len(fake.received) == 2


def test_http_500_is_retried_once_then_unavailable(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(Status(500), Status(500))
    model = make_model(llm_max_retries=1)
    with pytest.raises(ModelUnavailable, match="HTTP 500"):
        model.next_step(make_request())
    assert len(fake.received) == 2
    assert model.breaker.consecutive_failures == 1  # one failed step, not one per attempt


@pytest.mark.parametrize("status", [429, 503])
def test_a_retry_can_succeed(fake: FakeOpenAI, make_model: ModelFactory, status: int) -> None:
    fake.add(Status(status), Reply(["Back again."]))
    model = make_model()
    assert model.next_step(make_request()).text == "Back again."
    assert len(fake.received) == 2
    assert model.breaker.consecutive_failures == 0


def test_a_client_error_is_not_retried(fake: FakeOpenAI, make_model: ModelFactory) -> None:
    fake.add(Status(400, "bad request"))
    with pytest.raises(ModelUnavailable, match="HTTP 400"):
        make_model().next_step(make_request())
    assert len(fake.received) == 1


def test_a_stall_after_streamed_text_is_not_retried(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(Stall(["Your order "], seconds=3))
    pieces: list[str] = []
    with pytest.raises(ModelUnavailable, match="timed out"):
        make_model().next_step(make_request(), pieces.append)
    assert pieces == ["Your order "]  # a retry would have repeated text the customer saw
    assert len(fake.received) == 1


def test_a_trickling_stream_is_cut_at_the_budget(
    fake: FakeOpenAI, make_model: ModelFactory
) -> None:
    fake.add(Trickle(interval=0.1, count=50))  # never silent long enough for a read timeout
    model = make_model(llm_max_retries=0)
    pieces: list[str] = []
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match="timed out"):
        model.next_step(make_request(), pieces.append)
    assert time.monotonic() - started < 3  # the stream lasts 5 s uncut
    assert pieces  # some text arrived before the cut


def test_a_refused_connection_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    model = OpenAICompatibleModel(llm_settings(f"http://127.0.0.1:{port}/v1"))
    try:
        started = time.monotonic()
        with pytest.raises(ModelUnavailable, match="connection failed"):
            model.next_step(make_request())
        assert time.monotonic() - started < 1
    finally:
        model.close()


def test_the_breaker_opens_short_circuits_and_half_opens(
    fake: FakeOpenAI, make_model: ModelFactory, clock: FakeClock
) -> None:
    model = make_model(llm_max_retries=0, llm_breaker_failures=2, llm_breaker_reset_seconds=30)
    fake.add(Status(500), Status(502))
    for _ in range(2):
        with pytest.raises(ModelUnavailable, match="HTTP 50"):
            model.next_step(make_request())
    assert model.breaker.state is BreakerState.OPEN

    with pytest.raises(ModelUnavailable, match="circuit breaker open"):
        model.next_step(make_request())
    assert len(fake.received) == 2  # short-circuited: no request

    clock.advance(29.9)
    with pytest.raises(ModelUnavailable, match="circuit breaker open"):
        model.next_step(make_request())

    clock.advance(0.1)
    assert model.breaker.state is BreakerState.HALF_OPEN
    fake.add(Reply(["Working again."]))
    assert model.next_step(make_request()).text == "Working again."
    assert model.breaker.state is BreakerState.CLOSED
    assert len(fake.received) == 3


def test_a_failed_half_open_trial_reopens(
    fake: FakeOpenAI, make_model: ModelFactory, clock: FakeClock
) -> None:
    model = make_model(llm_max_retries=0, llm_breaker_failures=1)
    fake.add(Status(500), Status(500))
    with pytest.raises(ModelUnavailable):
        model.next_step(make_request())
    clock.advance(30)
    with pytest.raises(ModelUnavailable, match="HTTP 500"):
        model.next_step(make_request())  # the trial
    with pytest.raises(ModelUnavailable, match="circuit breaker open"):
        model.next_step(make_request())
    assert len(fake.received) == 2


def test_a_bug_in_on_text_surfaces_as_itself(fake: FakeOpenAI, make_model: ModelFactory) -> None:
    fake.add(Reply(["Hello"]))

    def broken(piece: str) -> None:
        raise RuntimeError("sink is broken")

    with pytest.raises(RuntimeError, match="sink is broken"):
        make_model().next_step(make_request(), broken)


def test_an_injected_http_client_is_used() -> None:
    seen: list[httpx.Request] = []
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "From the mock."}, "finish_reason": "stop"}],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n"
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    model = OpenAICompatibleModel(llm_settings("http://llm.invalid/v1"), http_client=client)
    try:
        assert model.next_step(make_request()).text == "From the mock."
    finally:
        model.close()
    assert [str(r.url) for r in seen] == ["http://llm.invalid/v1/chat/completions"]
    assert seen[0].headers["authorization"] == "Bearer not-needed"


def test_settings_without_a_base_url_are_refused() -> None:
    with pytest.raises(ValueError, match="llm_base_url"):
        OpenAICompatibleModel(llm_settings(""))


def test_the_fake_server_also_answers_without_streaming(fake: FakeOpenAI) -> None:
    fake.add(
        Reply(["Plain answer."]),
        CallTools([ScriptedCall("track_order", ['{"order_number": "NM-1"}'], "call_z")]),
    )
    client = openai.OpenAI(base_url=fake.url, api_key="x", max_retries=0, timeout=TIMEOUT)
    try:
        text = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "?"}]
        )
        calls = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "?"}]
        )
    finally:
        client.close()
    assert text.choices[0].message.content == "Plain answer."
    tool_calls = calls.choices[0].message.tool_calls or []
    assert [(c.id, c.function.name) for c in tool_calls] == [("call_z", "track_order")]  # type: ignore[union-attr]
