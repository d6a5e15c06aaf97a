"""``GET /metrics`` over the real app: Prometheus text with request, reply and process
metrics."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.metrics.test_prometheus import assert_exposition
from tests.proactive.api_app import ops_app
from tests.proactive.factory import ADMIN_KEY, FakeRetriever, make_settings, make_store


def test_metrics_text_format(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    store = make_store(settings)
    try:
        client = TestClient(ops_app(settings, store, FakeRetriever()))
        client.get("/v1/admin/escalations", headers={"X-Admin-Key": ADMIN_KEY})
        client.get("/v1/admin/escalations")
        client.get("/no/such/page")
        response = client.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
        text = response.text
        assert_exposition(text)
        for expected in (
            "# TYPE aftercare_http_requests_total counter",
            'aftercare_http_requests_total{method="GET",route="/v1/admin/escalations",'
            'status="200"} 1.0',
            'aftercare_http_requests_total{method="GET",route="/v1/admin/escalations",'
            'status="401"} 1.0',
            'aftercare_http_requests_total{method="GET",route="unmatched",status="404"} 1.0',
            "# TYPE aftercare_http_request_duration_seconds histogram",
            'aftercare_http_request_duration_seconds_bucket{method="GET",'
            'route="/v1/admin/escalations",le="+Inf"} 2',
            "# TYPE aftercare_turns_total counter",
            "# TYPE aftercare_escalations_total counter",
            "# TYPE aftercare_fallbacks_total counter",
            "# TYPE process_cpu_seconds_total gauge",
            "# TYPE process_resident_memory_bytes gauge",
        ):
            assert expected in text, expected
    finally:
        store.close()
