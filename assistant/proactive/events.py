"""The events the store and the carriers post to ``POST /v1/events``, and their signature.

The signature header is ``sha256=<hex HMAC-SHA256 of the raw body>`` with
``settings.events_secret``; it is checked over the exact bytes received, before the body is
parsed, with a constant-time comparison.
"""

from __future__ import annotations

import hashlib
import hmac
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.proactive.errors import InvalidSignature, MalformedEvent

SIGNATURE_HEADER = "X-Aftercare-Signature"
_PREFIX = "sha256="


class EventType(StrEnum):
    ORDER_PLACED = "order.placed"
    ORDER_SHIPPED = "order.shipped"
    OUT_FOR_DELIVERY = "shipment.out_for_delivery"
    SHIPMENT_DELAYED = "shipment.delayed"
    ORDER_DELIVERED = "order.delivered"
    RENEWAL_UPCOMING = "subscription.renewal_upcoming"
    WARRANTY_EXPIRING = "warranty.expiring"

    @property
    def needs_subscription(self) -> bool:
        return self is EventType.RENEWAL_UPCOMING


class Event(BaseModel):
    """One event. Order events need ``order_number``; the renewal needs ``subscription_id``;
    ``warranty.expiring`` needs ``order_number`` and ``sku``. ``data`` carries optional
    details (e.g. ``{"estimated_delivery": "2026-01-22"}``) that templates may use."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1, max_length=128, pattern=r"^[\x21-\x7e]+$")
    type: EventType
    occurred_at: AwareDatetime
    order_number: str | None = Field(default=None, min_length=1, max_length=20)
    subscription_id: int | None = Field(default=None, ge=1)
    sku: str | None = Field(default=None, min_length=1, max_length=32)
    data: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _required_references(self) -> Event:
        if self.type.needs_subscription:
            if self.subscription_id is None:
                raise ValueError(f"{self.type.value} needs subscription_id")
        elif self.order_number is None:
            raise ValueError(f"{self.type.value} needs order_number")
        if self.type is EventType.WARRANTY_EXPIRING and self.sku is None:
            raise ValueError("warranty.expiring needs sku")
        return self

    def data_text(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) and value.strip() else None


def sign(body: bytes, secret: str) -> str:
    """The header value for ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return _PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, header: str | None, secret: str) -> None:
    """``InvalidSignature`` unless ``header`` is the signature of exactly ``body``."""
    if not secret:
        raise InvalidSignature("Event signing is not configured.")
    if not header or not header.startswith(_PREFIX):
        raise InvalidSignature("Missing or malformed X-Aftercare-Signature header.")
    if not hmac.compare_digest(sign(body, secret).encode(), header.strip().encode()):
        raise InvalidSignature("The event signature does not match its body.")


def parse_event(body: bytes) -> Event:
    """The event in ``body``; ``MalformedEvent`` says what is wrong (first three problems)."""
    try:
        return Event.model_validate_json(body)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:3]:
            where = ".".join(str(p) for p in error["loc"]) or "body"
            problems.append(f"{where}: {error['msg']}")
        raise MalformedEvent("Invalid event: " + "; ".join(problems)) from None
