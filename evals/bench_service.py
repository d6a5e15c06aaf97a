"""``evals bench-service``: the HTTP service as customers use it.

Starts the app with uvicorn (factory mode) on a free 127.0.0.1 port over a fresh copy of the
demo store (clock pinned), twice: the first start creates and seeds the store, the second is an
ordinary restart with ``workers`` worker processes; both are timed from process start to
``/readyz`` = 200. Then ``clients`` concurrent clients (threads, each on one kept-alive
connection) each run a short scripted conversation (start, questions, verify, order questions,
transcript), over and over, until each has made ``requests`` requests. Prints p50/p95 latency
of a message round trip and of all requests, throughput, errors, each worker's RSS, and the CPU
the server and the clients spent per request. The offline planner answers (no LLM is configured
for the server). ``evals bench-service`` runs it with 1 and with 2 workers; the clients run in
this process, on the same cores as the server. Before the timed run each client makes one
untimed scripted conversation, so each worker's first requests (nothing embedded or compiled
yet) do not weigh on a short run; start-up to ready is timed on its own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from evals.bench_clients import STORE_NOW, Timings, run_client
from evals.metrics import percentile

WARMUP_REQUESTS = 7  # one scripted conversation per client before the timed run


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """The app under uvicorn in a child process."""

    def __init__(self, env: dict[str, str], workers: int = 1) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        command = [
            sys.executable, "-m", "uvicorn", "assistant.api.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
        ]  # fmt: skip
        if workers > 1:  # a supervisor process and ``workers`` children behind one socket
            command += ["--workers", str(workers)]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, env=env)

    def wait_ready(self, timeout: float = 600) -> float:
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.process.returncode}")
            try:
                if httpx.get(f"{self.base}/readyz", timeout=1).status_code == 200:
                    return time.perf_counter() - self.started
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the server did not become ready")

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: the server itself, or its worker children."""
        if self.workers == 1:
            return [self.process.pid]
        tasks = Path(f"/proc/{self.process.pid}/task")
        children = " ".join(
            (task / "children").read_text(encoding="utf-8") for task in tasks.iterdir()
        )
        return sorted(
            int(pid)
            for pid in children.split()
            if b"resource_tracker" not in _cmdline(int(pid))  # multiprocessing's helper
        )

    def rss_mb(self) -> list[tuple[float, float]]:
        """Current and peak resident memory of each worker process, in MB."""
        result = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
            values = {
                line.split(":")[0]: float(line.split()[1]) / 1024
                for line in status.splitlines()
                if line.startswith(("VmRSS", "VmHWM"))
            }
            result.append((values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)))
        return result

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _clients(base: str, clients: int, requests: int, timings: Timings) -> None:
    threads = [
        threading.Thread(target=run_client, args=(base, requests, timings)) for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _stats(samples: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {
        "count": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
    }


def run_service_bench(
    *,
    clients: int = 16,
    requests: int = 24,
    index_dir: Path | None = None,
    workers: int = 1,
    database_url: str | None = None,
    warmup: int = WARMUP_REQUESTS,
) -> dict[str, Any]:
    """One run; ``database_url`` (an empty database) replaces the fresh SQLite file. Each
    client first makes ``warmup`` untimed requests (start-up is reported on its own)."""
    with tempfile.TemporaryDirectory(prefix="aftercare-bench-service-") as tmp:
        env = {
            **os.environ,
            "AFTERCARE_DATABASE_URL": database_url or f"sqlite:///{Path(tmp) / 'store.db'}",
            "AFTERCARE_STORE_NOW": STORE_NOW,
            "AFTERCARE_RATE_LIMIT_PER_IP_PER_MINUTE": "1000000",
            "AFTERCARE_RATE_LIMIT_PER_CONVERSATION_PER_MINUTE": "1000000",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
        env.pop("AFTERCARE_LLM_BASE_URL", None)  # the offline planner answers
        if index_dir is not None:
            env["AFTERCARE_INDEX_DIR"] = str(index_dir)
        first = Server(env)
        try:
            first_start = first.wait_ready()
        finally:
            first.stop()
        server = Server(env, workers)
        try:
            restart = server.wait_ready()
            _wait_workers(server)
            idle = server.rss_mb()
            _clients(server.base, clients, warmup, Timings())  # each worker's first turns, untimed
            load_before = os.getloadavg()
            ticks_before = [_cpu_ticks(pid) for pid in server.worker_pids()]
            timings = Timings()
            started, client_started = time.perf_counter(), time.process_time()
            _clients(server.base, clients, requests, timings)
            elapsed = time.perf_counter() - started
            client_cpu = time.process_time() - client_started
            loaded = server.rss_mb()
            load_after = os.getloadavg()
            ticks = [_cpu_ticks(pid) for pid in server.worker_pids()]
            cpu_seconds = (sum(ticks) - sum(ticks_before)) / os.sysconf("SC_CLK_TCK")
        finally:
            server.stop()
    everything = [s for samples in timings.by_kind.values() for s in samples]
    messages = timings.by_kind.get("say", [])
    return {
        "workers": workers,
        "database": "postgresql" if database_url else "sqlite",
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in load_after],
        },
        "startup_seconds": {"first_start": round(first_start, 2), "restart": round(restart, 2)},
        "clients": clients,
        "requests_per_client": requests,
        "warmup_requests_per_client": warmup,
        "elapsed_seconds": round(elapsed, 2),
        "message_round_trip": _stats(messages),
        "all_requests": _stats(everything),
        "by_kind": {kind: _stats(samples) for kind, samples in sorted(timings.by_kind.items())},
        "throughput": {
            "messages_per_second": round(len(messages) / elapsed, 2),
            "requests_per_second": round(len(everything) / elapsed, 2),
        },
        # CPU the workers spent per request: what the run costs whatever else the machine does
        "server_cpu": {
            "seconds": round(cpu_seconds, 2),
            "ms_per_request": round(1000 * cpu_seconds / max(len(everything), 1), 1),
        },
        # CPU the clients (this process) spent: on the same cores as the server
        "client_cpu": {
            "seconds": round(client_cpu, 2),
            "ms_per_request": round(1000 * client_cpu / max(len(everything), 1), 1),
        },
        "errors": timings.errors[:20],
        "error_count": len(timings.errors),
        "worker_rss_mb": [
            {"idle": round(i[0]), "after_load": round(r[0]), "peak": round(r[1])}
            for i, r in zip(idle, loaded, strict=True)
        ],
    }


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _wait_workers(server: Server, timeout: float = 180) -> None:
    """Until every worker has started and gone idle (a supervisor answers ``/readyz`` as soon
    as its first worker does; a worker still loading would skew the run)."""
    deadline = time.perf_counter() + timeout
    while len(server.worker_pids()) < server.workers and time.perf_counter() < deadline:
        time.sleep(0.1)
    pids = server.worker_pids()
    before, quiet = [_cpu_ticks(pid) for pid in pids], 0
    while quiet < 3 and time.perf_counter() < deadline:
        time.sleep(0.5)
        now = [_cpu_ticks(pid) for pid in pids]
        quiet = quiet + 1 if all(n - b <= 2 for n, b in zip(now, before, strict=True)) else 0
        before = now


def run_scaling_bench(
    *,
    workers: Sequence[int] = (1, 2),
    clients: int = 16,
    requests: int = 24,
    index_dir: Path | None = None,
    database_url: Callable[[], str] | None = None,
) -> dict[str, Any]:
    """``run_service_bench`` once per worker count; ``database_url`` makes a fresh database."""
    runs = [
        run_service_bench(
            clients=clients,
            requests=requests,
            index_dir=index_dir,
            workers=n,
            database_url=database_url() if database_url else None,
        )
        for n in workers
    ]
    return {"runs": runs, "error_count": sum(r["error_count"] for r in runs)}


def print_service_bench(result: dict[str, Any]) -> None:
    s = result["startup_seconds"]
    print(
        f"service start-up to ready: first start {s['first_start']:.1f} s (creates and seeds the "
        f"store), restart {s['restart']:.1f} s"
    )
    total = result["all_requests"]["count"]
    print(
        f"load: {result['clients']} concurrent clients x {result['requests_per_client']} "
        f"requests = {total} requests in {result['elapsed_seconds']:.1f} s"
    )
    for kind, label in (("message_round_trip", "message round trip"), ("all_requests", "all")):
        m = result[kind]
        p50, p95 = m["p50_ms"], m["p95_ms"]
        print(f"  {label:<20} n={m['count']:<5} p50 {p50:>7.0f} ms  p95 {p95:>7.0f} ms")
    t = result["throughput"]
    rss = ", ".join(
        f"{r['idle']}→{r['after_load']} MB (peak {r['peak']})" for r in result["worker_rss_mb"]
    )
    load, cpu, client = result["load_average"], result["server_cpu"], result["client_cpu"]
    lines = (
        ("throughput", f"{t['messages_per_second']} messages/s, {t['requests_per_second']} req/s"),
        ("RSS per worker", f"idle→loaded: {rss}"),
        ("server CPU", f"{cpu['seconds']} s, {cpu['ms_per_request']} ms per request"),
        ("client CPU", f"{client['seconds']} s, {client['ms_per_request']} ms per request"),
        ("load average", f"{load['before']} before, {load['after']} after (1/5/15 min)"),
        ("errors", f"{result['error_count']} {result['errors'] or ''}".strip()),
    )
    for label, value in lines:
        print(f"  {label:<20} {value}")


def print_scaling_bench(result: dict[str, Any]) -> None:
    for run in result["runs"]:
        print(f"--- {run['workers']} worker(s), {run['database']} ---")
        print_service_bench(run)
    if len(result["runs"]) > 1:
        print("workers  messages/s  message p50  message p95  errors")
        for run in result["runs"]:
            m = run["message_round_trip"]
            print(
                f"{run['workers']:>7}  {run['throughput']['messages_per_second']:>10}  "
                f"{m['p50_ms']:>8.0f} ms  {m['p95_ms']:>8.0f} ms  {run['error_count']:>6}"
            )
