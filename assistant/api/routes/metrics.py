"""``GET /metrics``: Prometheus text exposition of ``app.state.metrics`` (request counts and
latency by route, turns, escalations, fallbacks, proactive events, process metrics).

``install_metrics(app)`` (from :mod:`assistant.metrics.asgi`) must be called when the app is
built; without it this route still answers, with process metrics only.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from assistant.metrics.asgi import AppMetrics
from assistant.metrics.prometheus import CONTENT_TYPE

router = APIRouter(tags=["ops"])


@router.get("/metrics", response_class=PlainTextResponse)
def prometheus_metrics(request: Request) -> PlainTextResponse:
    """Prometheus text format 0.0.4."""
    metrics = getattr(request.app.state, "metrics", None)
    if not isinstance(metrics, AppMetrics):
        metrics = AppMetrics()
    return PlainTextResponse(metrics.render(), media_type=CONTENT_TYPE)
