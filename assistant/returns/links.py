"""Signed links to return labels: ``/v1/returns/<RMA>/label.pdf?expires=<unix>&sig=<mac>``.

The MAC (HMAC-SHA256 over the RMA and the expiry, with a key derived from the confirmation
secret) lets the customer open the label from an email or the chat without signing in; a changed
RMA or expiry, or an expired link, is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta

from assistant.settings import Settings

LINK_TTL = timedelta(days=30)


class LabelLinks:
    def __init__(self, settings: Settings) -> None:
        secret = settings.confirmation_secret.get_secret_value().encode()
        self._key = hmac.new(secret, b"return-label-link", hashlib.sha256).digest()
        self._base = settings.public_url.rstrip("/")

    def _mac(self, rma: str, expires: int) -> str:
        digest = hmac.new(self._key, f"{rma}|{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    @staticmethod
    def path(rma: str) -> str:
        return f"/v1/returns/{rma}/label.pdf"

    def url(self, rma: str, now: datetime) -> str:
        expires = int((now + LINK_TTL).timestamp())
        return f"{self._base}{self.path(rma)}?expires={expires}&sig={self._mac(rma, expires)}"

    def valid(self, rma: str, expires: int, sig: str, now: datetime) -> bool:
        if expires < now.timestamp():
            return False
        return hmac.compare_digest(self._mac(rma, expires).encode(), sig.encode())
