"""``POST /v1/events``: store and carrier events that become proactive messages.

The signature (``X-Aftercare-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` with
``settings.events_secret``) is checked over the exact bytes before anything is parsed: a bad or
missing one is 401 ``invalid_signature``; a body that is not a valid event is 400
``invalid_event``. A replayed event id answers 202 with ``duplicate: true`` and the first
outcome, and never queues a second message.

Reads ``app.state.services`` (store, settings, the assistant's retriever for setup tips) and
counts ``aftercare_proactive_events_total`` on ``app.state.metrics`` when it is installed.

The router's lifespan (merged into the app's, after it) starts an
:class:`~assistant.proactive.dispatch.OutboxWorker` when ``settings.outbox_webhook_url`` is set:
every 30 s it sends the due outbox messages through the signed webhook; it stops at shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, FastAPI, Header, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from assistant.api.deps import AppServices
from assistant.api.errors import ApiError
from assistant.api.schemas import ErrorBody
from assistant.api.services import Services
from assistant.metrics.asgi import AppMetrics
from assistant.proactive.dispatch import OutboxDispatcher, OutboxWorker
from assistant.proactive.errors import InvalidSignature, MalformedEvent
from assistant.proactive.events import SIGNATURE_HEADER, parse_event, verify_signature
from assistant.proactive.schedule import QuietHours
from assistant.proactive.sender import WebhookSender
from assistant.proactive.service import ProactiveService

DISPATCH_INTERVAL_SECONDS = 30.0


@asynccontextmanager
async def outbox_lifespan(app: FastAPI) -> AsyncIterator[None]:
    services = getattr(app.state, "services", None)
    sender = (
        WebhookSender.from_settings(services.settings) if isinstance(services, Services) else None
    )
    if sender is None or not isinstance(services, Services):
        yield
        return
    dispatcher = OutboxDispatcher(
        services.store, sender, quiet_hours=QuietHours.from_settings(services.settings)
    )
    worker = OutboxWorker(dispatcher, services.store.clock, DISPATCH_INTERVAL_SECONDS)
    worker.start()
    app.state.outbox_worker = worker
    try:
        yield
    finally:
        await run_in_threadpool(worker.stop)
        sender.close()


router = APIRouter(tags=["events"], lifespan=outbox_lifespan)


class EventAccepted(BaseModel):
    accepted: bool = True
    outbox_message_id: str | None
    duplicate: bool
    suppressed: str | None


@router.post(
    "/v1/events",
    status_code=202,
    responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)
async def receive_event(
    request: Request,
    services: AppServices,
    signature: Annotated[
        str | None,
        Header(
            alias=SIGNATURE_HEADER,
            description="sha256=<hex HMAC-SHA256 of the raw body with the events secret>",
        ),
    ] = None,
) -> EventAccepted:
    """Accept one event: ``{"id", "type", "occurred_at", "order_number"?, "subscription_id"?,
    "sku"?, "data"?}``. Types: order.placed, order.shipped, shipment.out_for_delivery,
    shipment.delayed, order.delivered, subscription.renewal_upcoming, warranty.expiring."""
    settings = services.settings
    body = await request.body()
    if len(body) > settings.max_request_bytes:
        raise ApiError(413, "request_too_large", "The event is too large.")
    try:
        verify_signature(body, signature, settings.events_secret.get_secret_value())
        event = parse_event(body)
    except InvalidSignature as exc:
        raise ApiError(401, exc.code, exc.message) from None
    except MalformedEvent as exc:
        raise ApiError(400, exc.code, exc.message) from None
    service = ProactiveService(services.store, settings, retriever=services.assistant.retriever)
    outcome = await run_in_threadpool(service.handle, event)
    metrics = getattr(request.app.state, "metrics", None)
    if isinstance(metrics, AppMetrics):
        kind = (
            "duplicate" if outcome.duplicate else "suppressed" if outcome.suppressed else "queued"
        )
        metrics.events.inc(event.type.value, kind)
    return EventAccepted(
        outbox_message_id=outcome.outbox_message_id,
        duplicate=outcome.duplicate,
        suppressed=outcome.suppressed,
    )
