"""Helpers the returns tests share: run an action, move an order's delivery, read records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ActionRequest
from assistant.commerce.schemas import ActionResult
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.models import Order
from assistant.store.types import OrderStatus


def run(backend: SqlCommerceBackend, who: VerifiedCustomer, request: ActionRequest) -> ActionResult:
    preview = backend.preview(who, request)
    key = f"k-{preview.confirmation_token[:12]}"
    return backend.confirm(who, preview.confirmation_token, idempotency_key=key, expected=request)


def deliver(backend: SqlCommerceBackend, number: str, at: datetime) -> None:
    with backend.store.write_sessions.begin() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        order.status, order.delivered_at = OrderStatus.DELIVERED, at
        order.shipped_at = order.processing_at = at
