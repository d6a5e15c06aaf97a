"""Request size limit (413), rate limits per conversation and per IP (429), CORS."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from assistant.api.limits import SlidingWindowLimiter
from tests.api.conftest import SHOP, MakeClient, assert_clean_error, start


def test_sliding_window() -> None:
    now = [100.0]
    limiter = SlidingWindowLimiter(2, 60, clock=lambda: now[0])
    assert limiter.hit("a") is None and limiter.hit("a") is None
    assert limiter.hit("a") == 60.0
    assert limiter.hit("b") is None  # keys are independent
    now[0] += 30
    assert limiter.hit("a") == 30.0  # the window slides: the first hit leaves at 160
    now[0] += 30.5
    assert limiter.hit("a") is None


def test_idle_keys_are_forgotten() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(1, 10, clock=lambda: now[0], max_keys=3)
    for key in "abc":
        limiter.hit(key)
    now[0] = 20
    limiter.hit("d")
    assert len(limiter._hits) == 1


def test_oversized_bodies_are_413(client: TestClient) -> None:
    big = {"text": "x" * 20_000}
    chat = start(client)
    assert_clean_error(chat.post("messages", big), 413, "request_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"text": "'
        for _ in range(40):
            yield b"y" * 1000
        yield b'"}'

    streamed = client.post(
        chat.url("messages"),
        content=chunks(),
        headers={**chat.headers, "Content-Type": "application/json"},
    )
    assert_clean_error(streamed, 413, "request_too_large")
    assert [m["role"] for m in chat.transcript()] == ["assistant"]  # the app never saw them


def test_per_conversation_rate_limit(make_client: MakeClient) -> None:
    with make_client(rate_limit_per_conversation_per_minute=3) as client:
        chat, other = start(client), start(client)
        for _ in range(3):
            chat.say("hello")
        limited = chat.post("messages", {"text": "hello"})
        assert_clean_error(limited, 429, "rate_limited")
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert other.say("hello")["intent"] == "greeting"  # other conversations go on


def test_per_ip_rate_limit(make_client: MakeClient) -> None:
    with make_client(rate_limit_per_ip_per_minute=4) as client:
        chat = start(client)
        for _ in range(3):
            assert client.get(chat.url("transcript"), headers=chat.headers).status_code == 200
        assert_clean_error(client.post("/v1/conversations", json={}), 429, "rate_limited")
        assert client.get("/healthz").status_code == 200  # only the API is limited


def test_cors_allows_only_the_storefront_origins(client: TestClient) -> None:
    allowed = client.post("/v1/conversations", json={}, headers={"Origin": SHOP})
    assert allowed.headers["access-control-allow-origin"] == SHOP
    other = client.post("/v1/conversations", json={}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-conversation-token",
    }
    ok = client.options("/v1/conversations/x/messages", headers={"Origin": SHOP, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == SHOP
    assert "x-conversation-token" in ok.headers["access-control-allow-headers"].lower()
    refused = client.options(
        "/v1/conversations/x/messages", headers={"Origin": "https://evil.example", **preflight}
    )
    assert_clean_error(refused, 400, "cors_refused")
    assert "access-control-allow-origin" not in refused.headers
