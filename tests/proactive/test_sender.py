from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest

from assistant.proactive.events import sign, verify_signature
from assistant.proactive.sender import OutboundMessage, WebhookSender
from tests.proactive.factory import NOW, make_settings

URL = "https://notify.example/hook"
MESSAGE = OutboundMessage(
    id=42,
    channel="email",
    recipient="jordan@example.com",
    kind="order_shipped",
    payload={"subject": "Your order #47234 has shipped", "text": "Hi"},
    created_at=NOW,
)


def sender_with(handler: httpx.MockTransport) -> WebhookSender:
    return WebhookSender(URL, "hook-secret", http_client=httpx.Client(transport=handler))


def test_posts_a_signed_json_body_with_an_idempotency_key() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202)

    result = sender_with(httpx.MockTransport(handle)).send(MESSAGE)
    assert result.ok and result.status_code == 202
    [request] = seen
    assert str(request.url) == URL
    assert request.headers["Idempotency-Key"] == "outbox-42"
    verify_signature(request.content, request.headers["X-Aftercare-Signature"], "hook-secret")
    assert request.headers["X-Aftercare-Signature"] == sign(request.content, "hook-secret")
    body = json.loads(request.content)
    assert body["id"] == 42 and body["recipient"] == "jordan@example.com"
    assert body["payload"]["subject"] == "Your order #47234 has shipped"
    assert datetime.fromisoformat(body["created_at"]) == NOW


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (503, True), (429, True), (400, False), (404, False)]
)
def test_http_failures_say_whether_a_retry_can_help(status: int, retryable: bool) -> None:
    result = sender_with(httpx.MockTransport(lambda r: httpx.Response(status))).send(MESSAGE)
    assert not result.ok
    assert result.retryable is retryable
    assert result.error == f"HTTP {status}"


def test_network_failures_are_results_not_exceptions() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    refused = sender_with(httpx.MockTransport(refuse)).send(MESSAGE)
    assert not refused.ok and refused.retryable and "network error" in (refused.error or "")
    timed_out = sender_with(httpx.MockTransport(slow)).send(MESSAGE)
    assert not timed_out.ok and timed_out.error == "timed out"


def test_from_settings(tmp_path: object) -> None:
    from pathlib import Path

    assert WebhookSender.from_settings(make_settings(Path(str(tmp_path)))) is None
    configured = make_settings(Path(str(tmp_path)), outbox_webhook_url=URL)
    assert isinstance(WebhookSender.from_settings(configured), WebhookSender)


def test_refuses_bad_configuration() -> None:
    with pytest.raises(ValueError):
        WebhookSender("ftp://x", "secret")
    with pytest.raises(ValueError):
        WebhookSender(URL, "")
