"""A small Prometheus registry: counters and histograms with labels, process metrics, and the
text exposition format (version 0.0.4). No client library is needed for this much.

A :class:`Registry` is created per application (``install_metrics``), never at import time.
"""

from __future__ import annotations

import os
import platform
import resource
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from pathlib import Path

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

Labels = tuple[str, ...]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names: Labels, values: Labels, extra: str = "") -> str:
    parts = [f'{n}="{_escape(v)}"' for n, v in zip(names, values, strict=True)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _number(value: float) -> str:
    if value == float("inf"):
        return "+Inf"
    return repr(float(value)) if not float(value).is_integer() else f"{value:.1f}"


class _Metric(ABC):
    kind = "untyped"

    def __init__(self, name: str, help_text: str, labels: Labels = ()) -> None:
        self.name = name
        self.help = help_text
        self.labels = labels
        self._lock = threading.Lock()

    def _check(self, values: Labels) -> Labels:
        if len(values) != len(self.labels):
            raise ValueError(f"{self.name} takes labels {self.labels}, got {values}")
        return tuple(str(v) for v in values)

    def header(self) -> list[str]:
        return [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} {self.kind}"]

    @abstractmethod
    def lines(self) -> list[str]:
        """The metric's sample lines in the text exposition format."""


class Counter(_Metric):
    kind = "counter"

    def __init__(self, name: str, help_text: str, labels: Labels = ()) -> None:
        super().__init__(name, help_text, labels)
        self._values: dict[Labels, float] = {}

    def inc(self, *label_values: str, amount: float = 1.0) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = self._check(label_values)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, *label_values: str) -> float:
        return self._values.get(self._check(label_values), 0.0)

    def lines(self) -> list[str]:
        with self._lock:
            items = sorted(self._values.items())
        return [f"{self.name}{_labels(self.labels, k)} {_number(v)}" for k, v in items]


class Histogram(_Metric):
    kind = "histogram"

    def __init__(
        self,
        name: str,
        help_text: str,
        labels: Labels = (),
        buckets: Iterable[float] = DEFAULT_BUCKETS,
    ) -> None:
        super().__init__(name, help_text, labels)
        self.buckets = tuple(sorted(buckets))
        self._counts: dict[Labels, list[int]] = {}
        self._sums: dict[Labels, float] = {}

    def observe(self, value: float, *label_values: str) -> None:
        key = self._check(label_values)
        with self._lock:
            counts = self._counts.setdefault(key, [0] * (len(self.buckets) + 1))
            for i, bound in enumerate(self.buckets):
                if value <= bound:
                    counts[i] += 1
            counts[-1] += 1  # +Inf
            self._sums[key] = self._sums.get(key, 0.0) + value

    def count(self, *label_values: str) -> int:
        counts = self._counts.get(self._check(label_values))
        return counts[-1] if counts else 0

    def lines(self) -> list[str]:
        with self._lock:
            items = sorted((k, list(v), self._sums[k]) for k, v in self._counts.items())
        out = []
        for key, counts, total in items:
            for bound, n in zip((*self.buckets, float("inf")), counts, strict=True):
                le = f'le="{_number(bound)}"'
                out.append(f"{self.name}_bucket{_labels(self.labels, key, le)} {n}")
            out.append(f"{self.name}_sum{_labels(self.labels, key)} {_number(total)}")
            out.append(f"{self.name}_count{_labels(self.labels, key)} {counts[-1]}")
        return out


class Gauge(_Metric):
    """A value read when scraped (``read``), e.g. open file descriptors."""

    kind = "gauge"

    def __init__(self, name: str, help_text: str, read: Callable[[], float | None]) -> None:
        super().__init__(name, help_text)
        self._read = read

    def lines(self) -> list[str]:
        value = self._read()
        return [] if value is None else [f"{self.name} {_number(value)}"]


class Registry:
    def __init__(self) -> None:
        self._metrics: dict[str, _Metric] = {}
        self._lock = threading.Lock()

    def _add(self, metric: _Metric) -> None:
        with self._lock:
            if metric.name in self._metrics:
                raise ValueError(f"metric {metric.name} is already registered")
            self._metrics[metric.name] = metric

    def counter(self, name: str, help_text: str, labels: Labels = ()) -> Counter:
        metric = Counter(name, help_text, labels)
        self._add(metric)
        return metric

    def histogram(
        self,
        name: str,
        help_text: str,
        labels: Labels = (),
        buckets: Iterable[float] = DEFAULT_BUCKETS,
    ) -> Histogram:
        metric = Histogram(name, help_text, labels, buckets)
        self._add(metric)
        return metric

    def gauge(self, name: str, help_text: str, read: Callable[[], float | None]) -> Gauge:
        metric = Gauge(name, help_text, read)
        self._add(metric)
        return metric

    def render(self) -> str:
        """All metrics in the text exposition format."""
        with self._lock:
            metrics = list(self._metrics.values())
        lines: list[str] = []
        for metric in metrics:
            body = metric.lines()
            if body or metric.kind != "gauge":
                lines += metric.header() + body
        return "\n".join(lines) + "\n"


# --- process metrics (Linux /proc where available) ------------------------------------------


def _statm(index: int) -> float | None:
    try:
        fields = Path("/proc/self/statm").read_text().split()
    except OSError:
        return None
    return float(int(fields[index]) * resource.getpagesize())


def _open_fds() -> float | None:
    try:
        return float(sum(1 for _ in Path("/proc/self/fd").iterdir()))
    except OSError:
        return None


def _start_time(fallback: float) -> float:
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return fallback


def add_process_metrics(registry: Registry) -> None:
    started = _start_time(time.time())
    registry.gauge(
        "process_cpu_seconds_total", "Total user and system CPU time in seconds.", time.process_time
    )
    registry.gauge(
        "process_resident_memory_bytes", "Resident memory size in bytes.", lambda: _statm(1)
    )
    registry.gauge(
        "process_virtual_memory_bytes", "Virtual memory size in bytes.", lambda: _statm(0)
    )
    registry.gauge(
        "process_start_time_seconds", "Start time of the process since the epoch.", lambda: started
    )
    registry.gauge("process_open_fds", "Number of open file descriptors.", _open_fds)
    registry.gauge(
        "process_max_fds",
        "Maximum number of open file descriptors.",
        lambda: float(resource.getrlimit(resource.RLIMIT_NOFILE)[0]),
    )
    registry.gauge(
        "python_threads", "Threads alive in the process.", lambda: float(threading.active_count())
    )
    version = platform.python_version()
    info = registry.counter("python_info", "Python platform information.", ("version",))
    info.inc(version)
