"""A scripted OpenAI-compatible server on loopback: ``POST /v1/chat/completions``, streaming
(SSE ``chat.completion.chunk`` events ending with ``data: [DONE]``) and not.

Each request takes the next behaviour from the script (a queue) and is recorded, so tests can
assert what the client sent. A request with nothing left in the script gets HTTP 500 and is
noted in ``unscripted``; the fixture checks at teardown that every behaviour was used and no
request went unscripted.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A text answer, streamed one piece per chunk. With ``gate``, the server waits (up to 2 s)
    for the gate after the first piece: the test opens it from ``on_text``, which proves the
    piece arrived before the stream ended."""

    pieces: list[str]
    finish_reason: str = "stop"
    gate: threading.Event | None = None


@dataclass(frozen=True)
class ScriptedCall:
    name: str
    argument_pieces: list[str]
    id: str = "call_1"


@dataclass(frozen=True)
class CallTools:
    """Tool calls; in a stream the first chunk of each call carries id and name, the following
    ones only its index and a piece of the arguments."""

    calls: list[ScriptedCall]


@dataclass(frozen=True)
class Delay:
    """Wait before doing ``then`` (cut short when the server stops)."""

    seconds: float
    then: Reply | CallTools


@dataclass(frozen=True)
class Status:
    code: int
    message: str = "scripted failure"


@dataclass(frozen=True)
class Stall:
    """Stream ``pieces``, then go silent for ``seconds`` before finishing."""

    pieces: list[str]
    seconds: float


@dataclass(frozen=True)
class Trickle:
    """Stream one piece every ``interval`` seconds, ``count`` times: never silent for long."""

    interval: float
    count: int


Behaviour = Reply | CallTools | Delay | Status | Stall | Trickle


@dataclass
class Received:
    path: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: deque[Behaviour] = deque()
        self.received: list[Received] = []
        self.unscripted = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        host, port = self._server.server_address[:2]
        self.url = f"http://{host!s}:{port}/v1"

    def add(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self.script.extend(behaviours)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.body for r in self.received]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=2)

    def _next(self, received: Received) -> Behaviour | None:
        with self._lock:
            self.received.append(received)
            if not self.script:
                self.unscripted += 1
                return None
            return self.script.popleft()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAI


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        fake = self.server.fake
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        behaviour = fake._next(Received(self.path, body, dict(self.headers)))
        try:
            if self.path != "/v1/chat/completions":
                self._json(404, _error("no such route"))
            elif behaviour is None:
                self._json(500, _error("nothing scripted for this request"))
            else:
                self._perform(behaviour, body.get("model", ""), bool(body.get("stream")))
        except OSError:  # the client gave up (timeout, cancellation): nobody is listening
            pass

    def _perform(self, behaviour: Behaviour, model: str, stream: bool) -> None:
        fake = self.server.fake
        if isinstance(behaviour, Delay):
            fake.stopping.wait(behaviour.seconds)
            behaviour = behaviour.then
        if isinstance(behaviour, Status):
            self._json(behaviour.code, _error(behaviour.message))
        elif not stream:
            self._json(200, _completion(behaviour, model))
        elif isinstance(behaviour, Reply):
            self._sse_start()
            self._event(_chunk(model, {"role": "assistant", "content": ""}))
            for n, piece in enumerate(behaviour.pieces):
                self._event(_chunk(model, {"content": piece}))
                if n == 0 and behaviour.gate is not None:
                    behaviour.gate.wait(2)
            self._event(_chunk(model, {}, behaviour.finish_reason))
            self._sse_end()
        elif isinstance(behaviour, CallTools):
            self._sse_start()
            self._event(_chunk(model, {"role": "assistant", "content": None}))
            for index, call in enumerate(behaviour.calls):
                first, *rest = call.argument_pieces or [""]
                head = {"index": index, "id": call.id, "type": "function"}
                head["function"] = {"name": call.name, "arguments": first}
                self._event(_chunk(model, {"tool_calls": [head]}))
                for piece in rest:
                    delta = {"index": index, "function": {"arguments": piece}}
                    self._event(_chunk(model, {"tool_calls": [delta]}))
            self._event(_chunk(model, {}, "tool_calls"))
            self._sse_end()
        elif isinstance(behaviour, Stall):
            self._sse_start()
            for piece in behaviour.pieces:
                self._event(_chunk(model, {"content": piece}))
            fake.stopping.wait(behaviour.seconds)
            self._event(_chunk(model, {}, "stop"))
            self._sse_end()
        elif isinstance(behaviour, Trickle):
            self._sse_start()
            for n in range(behaviour.count):
                self._event(_chunk(model, {"content": f"{n} "}))
                if fake.stopping.wait(behaviour.interval):
                    return
            self._event(_chunk(model, {}, "stop"))
            self._sse_end()

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _sse_start(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # HTTP/1.0 without Content-Length: the body ends when we close

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
        self.wfile.flush()

    def _sse_end(self) -> None:
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def _error(message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "server_error", "code": None}}


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(behaviour: Behaviour, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = "stop"
    if isinstance(behaviour, Reply):
        message["content"] = "".join(behaviour.pieces)
        finish = behaviour.finish_reason
    elif isinstance(behaviour, CallTools):
        message["tool_calls"] = [
            {
                "id": c.id,
                "type": "function",
                "function": {"name": c.name, "arguments": "".join(c.argument_pieces)},
            }
            for c in behaviour.calls
        ]
        finish = "tool_calls"
    elif isinstance(behaviour, Stall | Trickle):
        raise NotImplementedError("stalls and trickles are streaming behaviours")
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
