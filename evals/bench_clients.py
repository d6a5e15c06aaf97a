"""The clients of ``evals bench-service``: the scripted conversation each one runs, over and
over, on one kept-alive HTTP/1.1 connection (the standard library's client: a fraction of
httpx's CPU per request, and the clients run on the same cores as the server), and the
latencies they record."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

STORE_NOW = "2026-01-20T10:00:00-05:00"
SCRIPT: tuple[tuple[str, Any], ...] = (
    ("start", None),
    ("say", "How long do I have to return running shoes?"),
    ("say", "How do I pair my SoundWave Pro headphones?"),
    ("verify", {"order_number": "47234", "email": "jordan.rivera@example.com"}),
    ("say", "Did my order go through? I never got a confirmation email"),
    ("say", "where is my package?"),
    ("transcript", None),
)


@dataclass
class Timings:
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.by_kind.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(error)


class Connection:
    """One kept-alive HTTP/1.1 connection to ``base``."""

    def __init__(self, base: str) -> None:
        url = urlsplit(base)
        self._host, self._port = url.hostname or "127.0.0.1", url.port or 80
        self._http: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        sent = dict(headers or {})
        payload = None if body is None else json.dumps(body).encode()
        if payload is not None:
            sent["Content-Type"] = "application/json"
        if self._http is None:
            self._http = http.client.HTTPConnection(self._host, self._port, timeout=120)
        try:
            self._http.request(method, path, body=payload, headers=sent)
            response = self._http.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.close()  # counted as an error; the next request opens a new connection
            raise

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None


def run_client(base: str, requests: int, timings: Timings) -> None:
    """Run the script until ``requests`` requests are made, timing each one."""
    done = 0
    connection = Connection(base)
    try:
        while done < requests:
            headers: dict[str, str] = {}
            conversation = ""
            for kind, payload in SCRIPT:
                if done >= requests:
                    return
                started = time.perf_counter()
                try:
                    status, body = _send(connection, kind, payload, conversation, headers)
                except (OSError, http.client.HTTPException) as exc:
                    status, body = 0, f"{type(exc).__name__}: {exc}".encode()
                if kind == "start" and status == 201:
                    started_body = json.loads(body)
                    conversation = f"/v1/conversations/{started_body['conversation_id']}"
                    headers = {"X-Conversation-Token": started_body["conversation_token"]}
                ok = status in (200, 201)
                error = None if ok else f"{kind}: HTTP {status} {body[:80]!r}"
                timings.add(kind, time.perf_counter() - started, error)
                done += 1
    finally:
        connection.close()


def _send(
    connection: Connection, kind: str, payload: Any, conversation: str, headers: dict[str, str]
) -> tuple[int, bytes]:
    if kind == "start":
        return connection.request("POST", "/v1/conversations", {})
    if kind == "say":
        return connection.request("POST", f"{conversation}/messages", {"text": payload}, headers)
    if kind == "verify":
        return connection.request("POST", f"{conversation}/verify", payload, headers)
    return connection.request("GET", f"{conversation}/transcript", None, headers)
