"""A model reply that broke the output policy is counted as a ``policy`` fallback."""

from __future__ import annotations

from assistant.metrics.asgi import AppMetrics


def test_policy_fallbacks_are_counted_by_reason() -> None:
    metrics = AppMetrics(process=False)
    metrics.record_reply({"intent": "shipping_info", "fallback": "policy: link, claim"}, turn=True)
    assert metrics.fallbacks.value("policy") == 1
