"""Delivering outbox messages: the :class:`Sender` protocol and :class:`WebhookSender`.

The webhook receives the message as JSON (``id``, ``channel``, ``recipient``, ``kind``,
``payload``, ``created_at``) and turns it into an email, SMS or push notice. The body is signed
like the helpdesk webhook: ``X-Aftercare-Signature: sha256=<hex HMAC-SHA256 of the body>``;
``Idempotency-Key: outbox-<id>`` lets the receiver drop a message delivered twice (a crash
between sending and marking it sent). :meth:`WebhookSender.send` never raises for HTTP or
network problems: it returns a :class:`SendResult`; 4xx answers (except 408 and 429) are not
worth retrying.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx
from pydantic import SecretStr

from assistant.proactive.events import SIGNATURE_HEADER, sign
from assistant.settings import Settings

_RETRYABLE_4XX = frozenset({408, 409, 425, 429})


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    id: int
    channel: str
    recipient: str
    kind: str
    payload: dict[str, Any]
    created_at: datetime

    def body(self) -> bytes:
        return json.dumps(
            {
                "id": self.id,
                "channel": self.channel,
                "recipient": self.recipient,
                "kind": self.kind,
                "payload": self.payload,
                "created_at": self.created_at.isoformat(),
            },
            separators=(",", ":"),
            sort_keys=True,
        ).encode()


@dataclass(frozen=True, slots=True)
class SendResult:
    ok: bool
    error: str | None = None
    retryable: bool = True
    status_code: int | None = None


class Sender(Protocol):
    def send(self, message: OutboundMessage) -> SendResult: ...


class WebhookSender:
    """Posts messages to ``url``. An ``http_client`` passed in is used as is and not closed
    here (tests pass one with ``httpx.MockTransport``)."""

    def __init__(
        self,
        url: str,
        secret: SecretStr | str,
        http_client: httpx.Client | None = None,
        timeout: float = 5.0,
    ) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("the outbox webhook URL must be an http(s) URL")
        raw = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
        if not raw:
            raise ValueError("the outbox webhook secret must not be empty")
        self._url = url
        self._secret = raw
        self._timeout = timeout
        self._owns_client = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=timeout)

    @classmethod
    def from_settings(
        cls, settings: Settings, http_client: httpx.Client | None = None
    ) -> WebhookSender | None:
        """A sender for ``settings.outbox_webhook_url`` signed with ``events_secret`` (the
        secret shared with the store platform), or ``None`` when no URL is configured."""
        if not settings.outbox_webhook_url:
            return None
        return cls(settings.outbox_webhook_url, settings.events_secret, http_client=http_client)

    def send(self, message: OutboundMessage) -> SendResult:
        body = message.body()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, self._secret),
            "Idempotency-Key": f"outbox-{message.id}",
        }
        try:
            response = self._http.post(
                self._url, content=body, headers=headers, timeout=self._timeout
            )
        except httpx.TimeoutException:
            return SendResult(False, "timed out")
        except httpx.TransportError as exc:
            return SendResult(False, f"network error ({type(exc).__name__})")
        except httpx.HTTPError as exc:
            return SendResult(False, f"HTTP error ({type(exc).__name__})", retryable=False)
        status = response.status_code
        if response.is_success:
            return SendResult(True, status_code=status)
        retryable = response.is_server_error or status in _RETRYABLE_4XX
        return SendResult(False, f"HTTP {status}", retryable=retryable, status_code=status)

    def close(self) -> None:
        if self._owns_client:
            self._http.close()
