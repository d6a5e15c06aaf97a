"""What every action planner returns, and the context it runs in.

A planner checks the store's rules against the current records (raising ``InvalidInput``,
``NotFound`` or ``ActionNotAllowed``) and returns a :class:`Plan`: the preview text, the
changes, and an ``apply`` callable that performs them on the same session. Preview runs the
planner and discards ``apply``; confirm runs it again (rules re-checked) and applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.orm import Session

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import Change
from assistant.commerce.shop import Shop
from assistant.returns.provider import ReturnsProvider
from assistant.store.models import OutboxMessage


@dataclass(frozen=True, slots=True)
class RecordRef:
    kind: Literal["order", "subscription", "registration", "return"]
    key: str


@dataclass(slots=True)
class Plan:
    summary: str
    apply: Callable[[], RecordRef]
    changes: list[Change] = field(default_factory=list)
    amount_change: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ActionContext:
    session: Session
    customer: VerifiedCustomer
    now: datetime
    today: date
    tz: tzinfo
    shop: Shop
    returns: ReturnsProvider | None = None  # issues return labels (returns and exchanges)

    def notify(self, kind: str, payload: dict[str, Any], recipient: str | None = None) -> None:
        """Queue an email to the customer (the address on file, never one from the request)."""
        self.session.add(
            OutboxMessage(
                customer_id=self.customer.customer_id,
                channel="email",
                recipient=recipient or self.customer.email,
                kind=kind,
                payload=payload,
                status="pending",
                created_at=self.now,
            )
        )


def usd(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def day(value: date) -> str:
    return f"{value:%A, %B} {value.day}"
