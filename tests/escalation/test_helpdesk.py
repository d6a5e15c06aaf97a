from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable

import httpx
import pytest
from pydantic import SecretStr

from assistant.escalation.helpdesk import SIGNATURE_HEADER, DeliveryResult, HelpdeskClient, sign
from assistant.escalation.packet import EscalationPacket, build_packet
from assistant.escalation.reasons import EscalationReason
from assistant.settings import Settings
from tests.escalation.conftest import NOW

URL = "https://helpdesk.test/hooks/aftercare"
SECRET = "helpdesk-test-secret"


def make_packet() -> EscalationPacket:
    packet = build_packet(
        reason=EscalationReason.BILLING_DISPUTE,
        conversation_id="conv-42",
        created_at=NOW,
        settings=Settings(environment="test"),
        issue="charged twice",
    )
    return packet.model_copy(update={"ticket_number": "ESC-123456"})


Handler = Callable[[httpx.Request], httpx.Response]


def client_with(handler: Handler, requests: list[httpx.Request]) -> HelpdeskClient:
    def record(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return handler(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    return HelpdeskClient(URL, SecretStr(SECRET), http_client=http, retry_delay=0)


def test_posts_the_signed_packet() -> None:
    requests: list[httpx.Request] = []
    packet = make_packet()
    result = client_with(lambda r: httpx.Response(202), requests).post(packet)
    assert result == DeliveryResult(delivered=True, status_code=202, error=None, attempts=1)
    (request,) = requests
    assert request.method == "POST" and str(request.url) == URL
    assert request.headers["content-type"] == "application/json"
    assert request.headers["idempotency-key"] == "ESC-123456"
    body = request.content
    assert EscalationPacket.model_validate_json(body) == packet
    assert json.loads(body)["reason"] == "billing_dispute"
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert request.headers[SIGNATURE_HEADER] == f"sha256={expected}"
    assert SECRET not in body.decode() and SECRET not in str(request.headers)


def test_signature_changes_with_body_and_secret() -> None:
    assert sign(b"a", b"k") != sign(b"b", b"k") != sign(b"a", b"other")
    assert sign(b"a", b"k").startswith("sha256=") and len(sign(b"a", b"k")) == 7 + 64


def test_one_retry_on_5xx_then_success() -> None:
    requests: list[httpx.Request] = []
    answers = iter([httpx.Response(503), httpx.Response(200)])
    result = client_with(lambda r: next(answers), requests).post(make_packet())
    assert result == DeliveryResult(delivered=True, status_code=200, error=None, attempts=2)
    assert requests[0].content == requests[1].content
    assert requests[0].headers[SIGNATURE_HEADER] == requests[1].headers[SIGNATURE_HEADER]


def test_gives_up_after_one_retry() -> None:
    requests: list[httpx.Request] = []
    result = client_with(lambda r: httpx.Response(500), requests).post(make_packet())
    assert result == DeliveryResult(delivered=False, status_code=500, error="HTTP 500", attempts=2)
    assert len(requests) == 2


def test_retries_a_timeout() -> None:
    requests: list[httpx.Request] = []
    calls = iter([True, False])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(calls):
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(204)

    result = client_with(handler, requests).post(make_packet())
    assert result.delivered and result.attempts == 2 and result.status_code == 204


def test_network_failure_is_reported_not_raised() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    requests: list[httpx.Request] = []
    result = client_with(handler, requests).post(make_packet())
    assert result == DeliveryResult(
        delivered=False, status_code=None, error="network error (ConnectError)", attempts=2
    )


def test_timeouts_twice_are_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("slow", request=request)

    result = client_with(handler, []).post(make_packet())
    assert result == DeliveryResult(False, None, "timed out", 2)


@pytest.mark.parametrize("status", [400, 401, 404, 422, 301])
def test_client_errors_are_not_retried(status: int) -> None:
    requests: list[httpx.Request] = []
    result = client_with(lambda r: httpx.Response(status), requests).post(make_packet())
    assert result == DeliveryResult(False, status, f"HTTP {status}", 1)
    assert len(requests) == 1


def test_from_settings() -> None:
    assert HelpdeskClient.from_settings(Settings(environment="test")) is None
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    configured = Settings(
        environment="test", helpdesk_webhook_url=URL, helpdesk_webhook_secret=SecretStr(SECRET)
    )
    client = HelpdeskClient.from_settings(configured, http_client=http)
    assert client is not None and client.post(make_packet()).delivered
    client.close()
    assert not http.is_closed  # a client passed in belongs to the caller


def test_owns_and_closes_its_own_client() -> None:
    with HelpdeskClient(URL, SECRET) as client:
        http = client._http
    assert http.is_closed


@pytest.mark.parametrize(
    ("url", "secret", "timeout"),
    [("ftp://x", SECRET, 3.0), ("helpdesk.test", SECRET, 3.0), (URL, "", 3.0), (URL, SECRET, 0)],
)
def test_rejects_bad_configuration(url: str, secret: str, timeout: float) -> None:
    with pytest.raises(ValueError):
        HelpdeskClient(url, secret, timeout=timeout)
