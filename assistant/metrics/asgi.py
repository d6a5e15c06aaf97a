"""HTTP metrics for the API: ``install_metrics(app)`` adds the middleware and puts the
:class:`AppMetrics` on ``app.state.metrics`` (``GET /metrics`` renders it).

Per request: ``aftercare_http_requests_total{method,route,status}`` and
``aftercare_http_request_duration_seconds{method,route}``, where ``route`` is the matched route
template (``/v1/conversations/{conversation_id}/messages``), never the raw path, and
"unmatched" for 404s, so label values stay few.

Per reply, read from the public contract (the Reply JSON of ``.../messages``,
``.../messages/stream``'s ``reply`` event, ``.../confirm`` and ``.../decline``), so the
conversations route needs no metrics code: ``aftercare_turns_total{intent}`` (customer
messages only), ``aftercare_escalations_total{reason}``, ``aftercare_fallbacks_total{reason}``.
Routes may also call :meth:`AppMetrics.record_reply` directly. Events count
``aftercare_proactive_events_total{type,outcome}``.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.escalation.reasons import EscalationReason
from assistant.intents import Intent
from assistant.metrics.prometheus import Registry, add_process_metrics

_REPLY_PATH = re.compile(r"^/v1/conversations/[^/]+/(messages(?:/stream)?|confirm|decline)$")
_MAX_CAPTURE = 256 * 1024
_INTENTS = {i.value for i in Intent}
_REASONS = {r.value for r in EscalationReason}
_FALLBACKS = {"ungrounded", "model_unavailable", "policy"}  # policy: assistant/agent/policy.py


class AppMetrics:
    def __init__(self, registry: Registry | None = None, *, process: bool = True) -> None:
        self.registry = registry or Registry()
        r = self.registry
        self.requests = r.counter(
            "aftercare_http_requests_total", "HTTP requests.", ("method", "route", "status")
        )
        self.latency = r.histogram(
            "aftercare_http_request_duration_seconds",
            "HTTP request latency in seconds.",
            ("method", "route"),
        )
        self.turns = r.counter("aftercare_turns_total", "Customer messages answered.", ("intent",))
        self.escalations = r.counter(
            "aftercare_escalations_total", "Conversations handed to a person.", ("reason",)
        )
        self.fallbacks = r.counter(
            "aftercare_fallbacks_total", "Replies where the planner stood in.", ("reason",)
        )
        self.events = r.counter(
            "aftercare_proactive_events_total", "Store events received.", ("type", "outcome")
        )
        if process:
            add_process_metrics(r)

    def render(self) -> str:
        return self.registry.render()

    def record_reply(self, reply: dict[str, Any], *, turn: bool) -> None:
        """Count one Reply (as JSON): a turn (if it answered a customer message), its
        escalation and its fallback."""
        if turn:
            intent = reply.get("intent")
            self.turns.inc(intent if intent in _INTENTS else "other")
        escalation = reply.get("escalation")
        if isinstance(escalation, dict):
            reason = escalation.get("reason")
            self.escalations.inc(reason if reason in _REASONS else "other")
        fallback = reply.get("fallback")
        if isinstance(fallback, str) and fallback:
            kind = fallback.split(":", 1)[0].strip().lower().replace(" ", "_")
            self.fallbacks.inc(kind if kind in _FALLBACKS else "other")


def _reply_from(body: bytes, content_type: str) -> dict[str, Any] | None:
    try:
        if content_type.startswith("text/event-stream"):
            text = body.decode()
            for block in reversed(text.split("\n\n")):
                lines = block.strip().splitlines()
                if lines and lines[0].strip() == "event: reply":
                    data = "".join(ln[5:].strip() for ln in lines[1:] if ln.startswith("data:"))
                    parsed = json.loads(data)
                    return parsed if isinstance(parsed, dict) else None
            return None
        parsed = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return None
    return parsed if isinstance(parsed, dict) and "intent" in parsed else None


class MetricsMiddleware:
    """Pure ASGI middleware (streams pass through untouched)."""

    def __init__(self, app: ASGIApp, metrics: AppMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        path_match = _REPLY_PATH.match(scope.get("path", ""))
        capture = path_match is not None and scope.get("method") == "POST"
        content_type = ""
        chunks: list[bytes] = []
        size = 0

        async def send_wrapper(message: Message) -> None:
            nonlocal status, content_type, capture, size
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = dict(message.get("headers") or [])
                content_type = headers.get(b"content-type", b"").decode("latin-1")
                capture = capture and status == 200
            elif message["type"] == "http.response.body" and capture:
                body = message.get("body", b"")
                size += len(body)
                if size > _MAX_CAPTURE:
                    capture = False
                    chunks.clear()
                else:
                    chunks.append(body)
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = str(scope.get("method", ""))
            self.metrics.requests.inc(method, template, str(status))
            self.metrics.latency.observe(time.perf_counter() - started, method, template)
            if capture and chunks and path_match is not None:
                reply = _reply_from(b"".join(chunks), content_type)
                if reply is not None:
                    turn = path_match.group(1).startswith("messages")
                    self.metrics.record_reply(reply, turn=turn)


def install_metrics(app: Starlette, *, process: bool = True) -> AppMetrics:
    """Add the metrics middleware to a FastAPI/Starlette ``app`` (before it starts) and keep
    the :class:`AppMetrics` on ``app.state.metrics``. Idempotent."""
    existing = getattr(app.state, "metrics", None)
    if isinstance(existing, AppMetrics):
        return existing
    metrics = AppMetrics(process=process)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.state.metrics = metrics
    return metrics
