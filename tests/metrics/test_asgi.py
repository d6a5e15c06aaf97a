from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient

from assistant.api.routes import metrics as metrics_route
from assistant.metrics.asgi import AppMetrics, install_metrics
from tests.metrics.test_prometheus import assert_exposition

REPLY = {
    "text": "A person will help.",
    "intent": "billing_dispute",
    "confidence": 0.9,
    "escalation": {"reason": "billing_dispute", "priority": "high", "ticket_number": "ESC-1"},
    "fallback": "model unavailable: timed out",
}


def app_with_metrics() -> tuple[FastAPI, AppMetrics]:
    app = FastAPI()
    metrics = install_metrics(app, process=False)
    assert install_metrics(app) is metrics  # idempotent

    @app.post("/v1/conversations/{conversation_id}/messages")
    def message(conversation_id: str) -> dict[str, object]:
        return REPLY

    @app.post("/v1/conversations/{conversation_id}/messages/stream")
    def stream(conversation_id: str) -> StreamingResponse:
        def events() -> object:
            yield 'event: delta\ndata: {"text": "A person"}\n\n'
            yield f"event: reply\ndata: {json.dumps({**REPLY, 'fallback': None})}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")  # type: ignore[arg-type]

    @app.post("/v1/conversations/{conversation_id}/confirm")
    def confirm(conversation_id: str) -> dict[str, object]:
        return {**REPLY, "intent": "order_cancel", "escalation": None, "fallback": None}

    app.include_router(metrics_route.router)
    return app, metrics


def test_requests_are_counted_by_route_template() -> None:
    app, metrics = app_with_metrics()
    client = TestClient(app)
    for cid in ("a", "b", "c"):
        assert client.post(f"/v1/conversations/{cid}/messages").status_code == 200
    assert client.get("/nowhere").status_code == 404
    route = "/v1/conversations/{conversation_id}/messages"
    assert metrics.requests.value("POST", route, "200") == 3
    assert metrics.requests.value("GET", "unmatched", "404") == 1
    assert metrics.latency.count("POST", route) == 3


def test_replies_count_turns_escalations_and_fallbacks() -> None:
    app, metrics = app_with_metrics()
    client = TestClient(app)
    client.post("/v1/conversations/a/messages")
    with client.stream("POST", "/v1/conversations/a/messages/stream") as response:
        assert "event: reply" in response.read().decode()
    client.post("/v1/conversations/a/confirm")
    assert metrics.turns.value("billing_dispute") == 2  # messages + stream
    assert metrics.turns.value("order_cancel") == 0  # a confirmation is not a turn
    assert metrics.escalations.value("billing_dispute") == 2
    assert metrics.fallbacks.value("model_unavailable") == 1


def test_metrics_endpoint_serves_prometheus_text() -> None:
    app, _ = app_with_metrics()
    client = TestClient(app)
    client.post("/v1/conversations/a/messages")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    text = response.text
    assert "# TYPE aftercare_http_requests_total counter" in text
    assert (
        'aftercare_http_requests_total{method="POST",'
        'route="/v1/conversations/{conversation_id}/messages",status="200"} 1.0'
    ) in text
    assert "# TYPE aftercare_http_request_duration_seconds histogram" in text
    assert 'aftercare_turns_total{intent="billing_dispute"} 1.0' in text
    assert_exposition(text)


def test_metrics_endpoint_without_install_still_answers() -> None:
    app = FastAPI()
    app.include_router(metrics_route.router)
    text = TestClient(app).get("/metrics").text
    assert "process_cpu_seconds_total" in text
    assert_exposition(text)


def test_unknown_labels_are_folded_into_other() -> None:
    metrics = AppMetrics(process=False)
    metrics.record_reply(
        {"intent": "made_up", "escalation": {"reason": "x"}, "fallback": "weird"}, turn=True
    )
    assert metrics.turns.value("other") == 1
    assert metrics.escalations.value("other") == 1
    assert metrics.fallbacks.value("other") == 1
