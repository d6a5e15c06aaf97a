"""Admin endpoints (header ``X-Admin-Key`` must equal ``settings.admin_api_key``; compared in
constant time; otherwise 401 ``unauthorized``):

- ``POST /v1/admin/reingest`` 202 ``{"started": true}``, 409 ``reingest_running`` while a run
  is going; ``GET /v1/admin/reingest``: the last run (status, summary, refreshed, error)
- ``GET /v1/admin/escalations?status=open``: ``{"items": [ticket + packet]}``
- ``GET /v1/admin/knowledge-gaps?days=30``: ``{"groups": [{label, product_sku, count,
  examples, reasons}], "quarantined": [{source, section, text, reasons}]}`` (passages of the
  served index that ingestion kept out as instruction-like)
- ``GET /v1/admin/metrics/support?start=iso&end=iso``: support metrics (default: last 30 days)
- ``POST /v1/admin/outbox/dispatch``: send the outbox messages that are due now (409
  ``no_sender`` when ``settings.outbox_webhook_url`` is not set)
- the returns desk (:mod:`assistant.commerce.returns_desk`): ``GET /v1/admin/returns?status=
  label_sent`` (returns in that state, oldest first), ``GET /v1/admin/returns/{rma}`` (the
  return and its refunds), ``POST /v1/admin/returns/{rma}/received`` (the parcel arrived:
  the refund starts processing) and ``POST /v1/admin/returns/{rma}/refund-issued`` (the refund
  was sent); 404 ``return_not_found`` for an unknown or malformed RMA, 409 when the step does not
  fit the return's state (``return_already_received``, ``return_not_received``,
  ``refund_already_issued``, ``no_refund_due``)

Reads ``app.state.services`` (settings, store, the assistant's retriever); keeps its
:class:`~assistant.admin.reingest.ReingestRunner` on ``app.state.reingest`` (created on first
use; a test may put one there). At shutdown the router's lifespan waits up to
``SHUTDOWN_WAIT_SECONDS`` for a running re-ingestion.
"""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader
from pydantic import BaseModel

from assistant.admin.escalations import QueueItem, escalation_queue
from assistant.admin.reingest import ReingestRun, ReingestRunner
from assistant.api.deps import AppServices, AppSettings
from assistant.api.errors import ApiError
from assistant.api.schemas import ErrorBody
from assistant.api.services import Services
from assistant.commerce.returns_desk import ReturnProgress, ReturnsDesk
from assistant.metrics.gaps import GapGroup, knowledge_gaps
from assistant.metrics.store_source import SqlSupportData
from assistant.metrics.support import SupportMetrics, compute_support_metrics
from assistant.proactive.dispatch import OutboxDispatcher
from assistant.proactive.schedule import QuietHours
from assistant.proactive.sender import WebhookSender
from assistant.settings import DEV_SECRET
from ingest.embedding import Embedder, HashingEmbedder, MiniLMEmbedder
from ingest.pipeline import Options
from ingest.versions import IndexStore

MAX_PERIOD_DAYS = 366
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # metrics periods; far from datetime's limits
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
SHUTDOWN_WAIT_SECONDS = 10.0
LOOKAHEAD_DAYS = 30
_admin_key_header = APIKeyHeader(name="X-Admin-Key", auto_error=False)
_RMA = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}")  # anything else is no return, never a lookup
_runner_lock = threading.Lock()


def require_admin(
    settings: AppSettings, key: Annotated[str | None, Depends(_admin_key_header)]
) -> None:
    expected = settings.admin_api_key.get_secret_value().encode()
    public = expected == DEV_SECRET.encode() and not settings.demo_mode  # never outside demos
    if not key or not expected or public or not hmac.compare_digest(key.encode(), expected):
        raise ApiError(401, "unauthorized", "A valid X-Admin-Key header is required.")


@asynccontextmanager
async def admin_lifespan(app: FastAPI) -> AsyncIterator[None]:
    try:
        yield
    finally:
        runner = getattr(app.state, "reingest", None)
        if isinstance(runner, ReingestRunner):
            await run_in_threadpool(runner.join, SHUTDOWN_WAIT_SECONDS)


router = APIRouter(
    prefix="/v1/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses={401: {"model": ErrorBody}},
    lifespan=admin_lifespan,
)


class ReingestStarted(BaseModel):
    started: bool = True


class EscalationQueue(BaseModel):
    items: list[QueueItem]


class QuarantinedPassage(BaseModel):
    """A passage ingestion kept out of the index because it reads like instructions."""

    source: str
    section: str
    text: str
    reasons: list[str]


class KnowledgeGaps(BaseModel):
    days: int
    groups: list[GapGroup]
    quarantined: list[QuarantinedPassage] = []  # in the index being served


class DispatchResult(BaseModel):
    sent: int
    retrying: int
    failed: int


def _embedder_factory(services: Services) -> Embedder:
    embedder = getattr(services.assistant.retriever, "embedder", None)
    if embedder is not None:
        return embedder  # type: ignore[no-any-return]
    return HashingEmbedder() if services.settings.embedder == "hashing" else MiniLMEmbedder()


def _runner(request: Request, services: Services) -> ReingestRunner:
    with _runner_lock:
        runner = getattr(request.app.state, "reingest", None)
        if not isinstance(runner, ReingestRunner):
            settings = services.settings
            refresh = getattr(services.assistant.retriever, "refresh", None)
            if services.reloader is not None:  # switch between requests, like the poller
                refresh = services.reloader.reload_from_thread
            runner = ReingestRunner(
                Options(
                    corpus=settings.corpus_dir,
                    store=settings.index_dir,
                    max_bytes=settings.max_file_mb * 1_000_000,
                    chroma_url=settings.chroma_url,
                ),
                lambda: _embedder_factory(services),
                refresh=refresh if callable(refresh) else None,
                now=services.store.clock.now,
            )
            request.app.state.reingest = runner
        return runner


@router.post("/reingest", status_code=202, responses={409: {"model": ErrorBody}})
def start_reingest(request: Request, services: AppServices) -> ReingestStarted:
    """Re-ingest the corpus in the background, then switch the live index."""
    if not _runner(request, services).start():
        raise ApiError(409, "reingest_running", "A re-ingestion is already running.")
    return ReingestStarted()


@router.get("/reingest")
def last_reingest(request: Request, services: AppServices) -> ReingestRun:
    """The current or last re-ingestion: status, times, summary, whether the index switched."""
    return _runner(request, services).last_run()


@router.get("/escalations")
def escalations(
    services: AppServices,
    status: Annotated[str, Query(pattern=r"^[a-z_]{1,16}$")] = "open",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> EscalationQueue:
    """Escalation tickets with their hand-over packets, most urgent first (``status=all`` for
    every ticket)."""
    wanted = None if status == "all" else status
    return EscalationQueue(items=escalation_queue(services.store, status=wanted, limit=limit))


@router.get("/knowledge-gaps")
def knowledge_gap_report(
    services: AppServices, days: Annotated[int, Query(ge=1, le=365)] = 30
) -> KnowledgeGaps:
    """Customer questions the documents did not answer well (or that were escalated), grouped
    by product and similarity, largest group first."""
    since = services.store.clock.now() - timedelta(days=days)
    conversations = SqlSupportData(services.store).conversations_since(since)
    manifest = IndexStore(services.settings.index_dir).current_manifest()
    held = [
        QuarantinedPassage.model_validate(q)
        for entry in (manifest.documents.values() if manifest else ())
        for q in entry.quarantined
    ]
    return KnowledgeGaps(days=days, groups=knowledge_gaps(conversations), quarantined=held)


def _instant(raw: str | None, name: str) -> datetime | None:
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw)
        value = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        value.astimezone(UTC)  # an offset that pushes it past year 1 or 9999 fails here
    except (ValueError, OverflowError):
        raise ApiError(400, "invalid_period", f"{name} is not an ISO 8601 date-time.") from None
    if not EARLIEST <= value <= LATEST:
        raise ApiError(
            400, "invalid_period", f"{name} must be between {EARLIEST:%Y} and {LATEST:%Y}."
        )
    return value


@router.get("/metrics/support", responses={400: {"model": ErrorBody}})
def support_metrics(
    services: AppServices,
    start: Annotated[str | None, Query(description="ISO 8601; default: end - 30 days")] = None,
    end: Annotated[str | None, Query(description="ISO 8601; default: now")] = None,
) -> SupportMetrics:
    """Automation rate (confirmed and assumed resolutions), first-contact resolution,
    escalations by reason, time to first response, CSAT, setup success, retention after a
    cancel intent, accessory recommendation acceptance, for conversations started in
    ``[start, end)``. A naive date-time is read as UTC."""
    until = _instant(end, "end") or services.store.clock.now()
    since = _instant(start, "start") or until - timedelta(days=30)
    if since >= until or until - since > timedelta(days=MAX_PERIOD_DAYS):
        raise ApiError(
            400, "invalid_period", f"start must be before end, at most {MAX_PERIOD_DAYS} days."
        )
    data = SqlSupportData(services.store).load(since, until, lookahead_days=LOOKAHEAD_DAYS)
    return compute_support_metrics(data, since, until)


@router.post("/outbox/dispatch", responses={409: {"model": ErrorBody}})
def dispatch_outbox(services: AppServices) -> DispatchResult:
    """Send the outbox messages that are due now through the outbox webhook."""
    sender = WebhookSender.from_settings(services.settings)
    if sender is None:
        raise ApiError(409, "no_sender", "No outbox webhook is configured.")
    try:
        dispatcher = OutboxDispatcher(
            services.store, sender, quiet_hours=QuietHours.from_settings(services.settings)
        )
        report = dispatcher.dispatch_due(services.store.clock.now())
    finally:
        sender.close()
    return DispatchResult(sent=report.sent, retrying=report.retrying, failed=report.failed)


def _desk(services: Services, rma: str) -> ReturnsDesk:
    if not _RMA.fullmatch(rma):
        raise ApiError(404, "return_not_found", "There is no such return.")
    return ReturnsDesk(services.store, services.assistant.backend.policy())


_DESK_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
}


class ReturnsList(BaseModel):
    items: list[ReturnProgress]


@router.get("/returns")
def returns_in_state(
    services: AppServices,
    status: Annotated[str, Query(pattern=r"^(label_sent|received|refunded)$")] = "label_sent",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReturnsList:
    """Returns in ``status``, oldest first: by default the parcels still to arrive."""
    desk = ReturnsDesk(services.store, services.assistant.backend.policy())
    return ReturnsList(items=desk.waiting(status, limit))


@router.get("/returns/{rma}", responses=_DESK_ERRORS)
def return_progress(rma: str, services: AppServices) -> ReturnProgress:
    """A return (by RMA) and its refunds: status, when it was received, expected dates."""
    return _desk(services, rma).progress(rma)


@router.post("/returns/{rma}/received", responses=_DESK_ERRORS)
def return_received(rma: str, services: AppServices) -> ReturnProgress:
    """The return's parcel arrived: its refund starts processing, expected after the policy's
    inspection and refund business days."""
    return _desk(services, rma).receive(rma, by="admin_api")


@router.post("/returns/{rma}/refund-issued", responses=_DESK_ERRORS)
def refund_issued(rma: str, services: AppServices) -> ReturnProgress:
    """The received return passed inspection: its refund was sent (issued now)."""
    return _desk(services, rma).issue_refund(rma, by="admin_api")
