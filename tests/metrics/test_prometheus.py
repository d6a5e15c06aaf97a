from __future__ import annotations

import re

import pytest

from assistant.metrics.prometheus import Registry, add_process_metrics

SAMPLE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_]+="([^"\\]|\\.)*",?)*\})? \S+$')


def assert_exposition(text: str) -> None:
    """Every line is a HELP/TYPE comment or a well-formed sample; the text ends with a newline."""
    assert text.endswith("\n")
    for line in text.splitlines():
        if line.startswith("# "):
            assert re.match(r"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$", line), line
        else:
            assert SAMPLE.match(line), line


def test_counter_exposition_and_label_escaping() -> None:
    registry = Registry()
    requests = registry.counter("app_requests_total", "Requests.", ("route", "status"))
    requests.inc("/v1/x", "200")
    requests.inc("/v1/x", "200", amount=2)
    requests.inc('we"ird\\path\n', "500")
    text = registry.render()
    assert "# HELP app_requests_total Requests." in text
    assert "# TYPE app_requests_total counter" in text
    assert 'app_requests_total{route="/v1/x",status="200"} 3.0' in text
    assert r'app_requests_total{route="we\"ird\\path\n",status="500"} 1.0' in text
    assert_exposition(text)
    with pytest.raises(ValueError):
        requests.inc("only-one-label")
    with pytest.raises(ValueError):
        requests.inc("a", "b", amount=-1)


def test_histogram_buckets_are_cumulative() -> None:
    registry = Registry()
    latency = registry.histogram("lat_seconds", "Latency.", ("route",), buckets=(0.1, 1.0))
    for value in (0.05, 0.5, 0.5, 3.0):
        latency.observe(value, "/a")
    text = registry.render()
    assert 'lat_seconds_bucket{route="/a",le="0.1"} 1' in text
    assert 'lat_seconds_bucket{route="/a",le="1.0"} 3' in text
    assert 'lat_seconds_bucket{route="/a",le="+Inf"} 4' in text
    assert 'lat_seconds_sum{route="/a"} 4.05' in text
    assert 'lat_seconds_count{route="/a"} 4' in text
    assert latency.count("/a") == 4
    assert_exposition(text)


def test_process_metrics() -> None:
    registry = Registry()
    add_process_metrics(registry)
    text = registry.render()
    for name in (
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
        "process_start_time_seconds",
        "process_open_fds",
        "python_info",
    ):
        assert f"# TYPE {name}" in text
    assert_exposition(text)


def test_names_are_unique() -> None:
    registry = Registry()
    registry.counter("x_total", "X.")
    with pytest.raises(ValueError):
        registry.counter("x_total", "X again.")
