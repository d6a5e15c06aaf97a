"""Posting an :class:`~assistant.escalation.packet.EscalationPacket` to the helpdesk's webhook.

The body is the packet's JSON; ``X-Aftercare-Signature: sha256=<hex>`` is the HMAC-SHA256 of
exactly those bytes with the shared secret, so the helpdesk can check where it came from;
``Idempotency-Key`` is the ticket number (or the conversation id), so a retried delivery is not
filed twice. A 5xx answer or a transport failure (timeout, refused connection) is retried once;
any other failure is not. :meth:`HelpdeskClient.post` never raises for HTTP or network problems:
it returns a :class:`DeliveryResult`.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from types import TracebackType

import httpx
from pydantic import SecretStr

from assistant.escalation.packet import EscalationPacket
from assistant.settings import Settings

SIGNATURE_HEADER = "X-Aftercare-Signature"
MAX_ATTEMPTS = 2  # the first try and one retry


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    delivered: bool
    status_code: int | None
    error: str | None
    attempts: int


def sign(body: bytes, secret: bytes) -> str:
    """The signature header's value for ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


class HelpdeskClient:
    """Posts packets to ``url``. An ``http_client`` passed in is used as is and not closed
    here; without one, the client creates (and :meth:`close` closes) its own."""

    def __init__(
        self,
        url: str,
        secret: SecretStr | str,
        http_client: httpx.Client | None = None,
        timeout: float = 3.0,
        *,
        retry_delay: float = 0.2,
    ) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("the helpdesk webhook URL must be an http(s) URL")
        raw = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
        if not raw:
            raise ValueError("the helpdesk webhook secret must not be empty")
        if timeout <= 0 or retry_delay < 0:
            raise ValueError("timeout must be positive and retry_delay not negative")
        self._url = url
        self._secret = raw.encode()
        self._timeout = timeout
        self._retry_delay = retry_delay
        self._owns_client = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=timeout)

    @classmethod
    def from_settings(
        cls, settings: Settings, http_client: httpx.Client | None = None
    ) -> HelpdeskClient | None:
        """A client for ``settings.helpdesk_webhook_url``, or ``None`` when none is configured."""
        if not settings.helpdesk_webhook_url:
            return None
        return cls(
            settings.helpdesk_webhook_url, settings.helpdesk_webhook_secret, http_client=http_client
        )

    def post(self, packet: EscalationPacket) -> DeliveryResult:
        body = packet.model_dump_json().encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, self._secret),
            "Idempotency-Key": packet.ticket_number or packet.conversation_id,
        }
        status: int | None = None
        error: str | None = None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if attempt > 1 and self._retry_delay:
                time.sleep(self._retry_delay)
            try:
                response = self._http.post(
                    self._url, content=body, headers=headers, timeout=self._timeout
                )
            except httpx.TimeoutException:
                status, error = None, "timed out"
                continue
            except httpx.TransportError as exc:
                status, error = None, f"network error ({type(exc).__name__})"
                continue
            except httpx.HTTPError as exc:  # e.g. too many redirects: retrying will not help
                return DeliveryResult(False, None, f"HTTP error ({type(exc).__name__})", attempt)
            status = response.status_code
            if response.is_success:
                return DeliveryResult(True, status, None, attempt)
            error = f"HTTP {status}"
            if not response.is_server_error:
                return DeliveryResult(False, status, error, attempt)
        return DeliveryResult(False, status, error, MAX_ATTEMPTS)

    def close(self) -> None:
        if self._owns_client:
            self._http.close()

    def __enter__(self) -> HelpdeskClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
