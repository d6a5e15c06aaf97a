"""The bench's client: the whole script over one kept-alive connection, errors counted."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from evals.bench_clients import SCRIPT, Timings, run_client


class _Fake(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    seen: ClassVar[list[tuple[str, str, str | None, int]]] = []

    def _answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        json.loads(self.rfile.read(length))
        token = self.headers.get("X-Conversation-Token")
        self.seen.append(("POST", self.path, token, self.client_address[1]))
        if self.path == "/v1/conversations":
            self._answer(201, {"conversation_id": "c1", "conversation_token": "t1"})
        elif self.path.endswith("/verify"):
            self._answer(401, {"error": {"code": "verification_failed"}})
        else:
            self._answer(200, {"text": "ok"})

    def do_GET(self) -> None:
        token = self.headers.get("X-Conversation-Token")
        self.seen.append(("GET", self.path, token, self.client_address[1]))
        self._answer(200, {"messages": []})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Fake.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_script_runs_on_one_connection_and_errors_are_counted(server: str) -> None:
    timings = Timings()
    run_client(server, len(SCRIPT) + 2, timings)
    paths = [(method, path, token) for method, path, token, _port in _Fake.seen]
    assert paths[:3] == [
        ("POST", "/v1/conversations", None),
        ("POST", "/v1/conversations/c1/messages", "t1"),
        ("POST", "/v1/conversations/c1/messages", "t1"),
    ]
    assert paths[len(SCRIPT) - 1] == ("GET", "/v1/conversations/c1/transcript", "t1")
    assert paths[len(SCRIPT)] == ("POST", "/v1/conversations", None)  # the script again
    assert len({port for *_, port in _Fake.seen}) == 1  # one kept-alive connection
    assert sum(len(v) for v in timings.by_kind.values()) == len(SCRIPT) + 2
    assert len(timings.errors) == 1 and timings.errors[0].startswith("verify: HTTP 401")


def test_a_refused_connection_is_an_error_not_a_crash() -> None:
    timings = Timings()
    run_client("http://127.0.0.1:9", 2, timings)  # the discard port: nobody listens
    assert len(timings.errors) == 2 and timings.errors[0].startswith("start: HTTP 0")
