"""Slow clients against a real uvicorn server on loopback, in this process, with the service's
connection protocol and body limit: half-sent headers, a trickling body, idle kept-alive
connections and too many connections from one client are all cut off.

The limits are short (fractions of a second) and every wait for the server's reaction is long
(10 s): only the order of events is asserted, never how fast the machine is."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from assistant.api.connections import guarded_protocol
from assistant.api.limits import BodySizeLimit

HEADER_TIMEOUT = 0.3
BODY_TIMEOUT = 0.3
PER_CLIENT = 3
WAIT = 10.0


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"got %d" % len(body)})


PROTOCOL = guarded_protocol(header_timeout=HEADER_TIMEOUT, max_per_client=PER_CLIENT)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    config = uvicorn.Config(
        BodySizeLimit(echo, max_bytes=4096, timeout=BODY_TIMEOUT),
        host="127.0.0.1",
        port=0,
        lifespan="off",
        log_level="warning",
        http=PROTOCOL,
        timeout_keep_alive=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(WAIT)


def _connect(address: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(address, timeout=WAIT)
    sock.settimeout(WAIT)
    return sock


TIMER_SLACK = 0.01


def _read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection."""
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


def test_a_complete_request_is_answered(server: tuple[str, int]) -> None:
    with _connect(server) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")


def test_half_sent_headers_are_cut_off(server: tuple[str, int]) -> None:
    started = time.monotonic()  # before the connection: the server's clock starts at accept
    with _connect(server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        assert _read_all(sock) == b""  # closed by the server
        # asyncio runs a timer up to its clock resolution early (measured here: 0.2998 s for a
        # 0.3 s timeout), so "not before the timeout" allows 10 ms
        assert time.monotonic() - started >= HEADER_TIMEOUT - TIMER_SLACK


def test_headers_trickling_in_do_not_reset_the_clock(server: tuple[str, int]) -> None:
    with _connect(server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        closed = False
        for _ in range(int(WAIT / 0.1)):
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed = True
                break
            time.sleep(0.1)
        if not closed:
            assert _read_all(sock) == b""


def test_a_trickling_body_gets_408(server: tuple[str, int]) -> None:
    with _connect(server) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
        answer = _read_all(sock)
        assert answer.startswith(b"HTTP/1.1 408") and b"request_timeout" in answer


def test_an_idle_kept_alive_connection_is_closed(server: tuple[str, int]) -> None:
    with _connect(server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        assert _read_all(sock) == b""  # then nothing: the keep-alive timeout closes it


def test_too_many_connections_from_one_client(server: tuple[str, int]) -> None:
    deadline = time.monotonic() + WAIT  # the earlier tests' connections are gone
    while PROTOCOL.open_by_client:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    held = [_connect(server) for _ in range(PER_CLIENT)]
    try:
        for sock in held:  # each is accepted and working
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        with _connect(server) as extra:
            answer = _read_all(extra)
        assert answer.startswith(b"HTTP/1.1 503") and b"too_many_connections" in answer
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + WAIT  # once they are gone, the client may connect again
    while True:
        with _connect(server) as again:
            again.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            if again.recv(4096).startswith(b"HTTP/1.1 200"):
                break
        assert time.monotonic() < deadline
        time.sleep(0.05)
