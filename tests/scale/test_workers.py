"""Two worker processes of the service against one PostgreSQL and one Chroma server (``pytest
--engines``): what must hold across workers holds — the turns of one conversation run one at a
time, failed verifications lock an order out on every worker, the per-conversation rate limit
is shared — and a confirmation sent to both workers at once acts once.

The workers are two uvicorn processes on their own ports, so the test decides which worker
serves each request (behind one socket the kernel would choose)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.engines import ChromaServer, PostgresServer, free_port

ROOT = Path(__file__).resolve().parents[2]
CONVERSATION_LIMIT = 12  # per conversation per minute, shared by both workers
JORDAN = {"order_number": "47234", "email": "jordan.rivera@example.com"}


@dataclass
class Worker:
    base: str
    process: subprocess.Popen[bytes]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=60)


@dataclass
class Deployment:
    workers: tuple[Worker, Worker]
    settings: Settings


def _environment(database_url: str, chroma_url: str, index_dir: Path) -> dict[str, str]:
    return {
        "AFTERCARE_ENVIRONMENT": "test",
        "AFTERCARE_DATABASE_URL": database_url,
        "AFTERCARE_CHROMA_URL": chroma_url,
        "AFTERCARE_INDEX_DIR": str(index_dir),
        "AFTERCARE_CORPUS_DIR": str(ROOT / "corpus"),
        "AFTERCARE_EMBEDDER": "hashing",
        "AFTERCARE_STORE_NOW": "2026-01-20T10:00:00-05:00",
        "AFTERCARE_STOREFRONT_SECRET": "scale-test-storefront-secret-0123456789",
        "AFTERCARE_CONFIRMATION_SECRET": "scale-test-confirmation-secret-012345678",
        "AFTERCARE_RATE_LIMIT_PER_IP_PER_MINUTE": "100000",
        "AFTERCARE_RATE_LIMIT_PER_CONVERSATION_PER_MINUTE": str(CONVERSATION_LIMIT),
    }


def _wait_ready(worker: Worker) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise RuntimeError(f"worker exited with {worker.process.returncode}")
        try:
            if httpx.get(f"{worker.base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("worker not ready within 120 s")


@pytest.fixture(scope="module")
def deployment(
    postgres_server: PostgresServer,
    chroma_server: ChromaServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Deployment]:
    database = postgres_server.url(postgres_server.create_database())
    index_dir = tmp_path_factory.mktemp("scale") / "index"
    values = _environment(database, chroma_server.url, index_dir)
    # Migrate, seed, ingest into the Chroma server and train the router once, as a deploy
    # step would; both workers then start at the same time on the prepared store.
    settings = Settings(**{k.removeprefix("AFTERCARE_").lower(): v for k, v in values.items()})
    Assistant.from_settings(settings).close()
    env = {**os.environ, **values}
    workers = []
    for _ in range(2):
        port = free_port()
        command = [
            *(sys.executable, "-m", "uvicorn", "assistant.api.app:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        ]
        workers.append(Worker(f"http://127.0.0.1:{port}", subprocess.Popen(command, env=env)))
    try:
        for worker in workers:
            _wait_ready(worker)
        yield Deployment((workers[0], workers[1]), settings)
    finally:
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            try:
                worker.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()


def _start(client: httpx.Client) -> tuple[str, dict[str, str]]:
    response = client.post("/v1/conversations", json={})
    assert response.status_code == 201, response.text
    body = response.json()
    return f"/v1/conversations/{body['conversation_id']}", {
        "X-Conversation-Token": body["conversation_token"]
    }


def _together(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run the calls at the same moment (one thread each); their responses in order."""
    barrier = threading.Barrier(len(calls))
    responses: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        responses[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r is not None for r in responses)
    return responses


@pytest.mark.integration
def test_turns_of_one_conversation_run_one_at_a_time_across_workers(
    deployment: Deployment,
) -> None:
    a, b = (w.client() for w in deployment.workers)
    with a, b:
        path, headers = _start(a)
        questions = [f"How do I descale my kettle? (asked {i})" for i in range(6)]
        responses = _together(
            [
                (
                    lambda c=(a if i % 2 else b), q=q: c.post(
                        f"{path}/messages", json={"text": q}, headers=headers
                    )
                )
                for i, q in enumerate(questions)
            ]
        )
        assert [r.status_code for r in responses] == [200] * 6, [r.text for r in responses]
        messages = b.get(f"{path}/transcript", headers=headers).json()["messages"]
    roles = [m["role"] for m in messages]
    # the greeting, then each question followed by its own answer: no turn interleaved
    assert roles == ["assistant"] + ["customer", "assistant"] * 6
    assert sorted(m["text"] for m in messages if m["role"] == "customer") == sorted(questions)


@pytest.mark.integration
def test_failed_verifications_lock_the_order_on_every_worker(deployment: Deployment) -> None:
    limit = deployment.settings.verification_failures_per_order
    a, b = (w.client() for w in deployment.workers)
    with a, b:
        # each attempt in a new conversation, alternating workers: the count is the database's
        for attempt in range(limit):
            client = a if attempt % 2 else b
            path, headers = _start(client)
            wrong = {**JORDAN, "email": f"guess{attempt}@example.com"}
            refused = client.post(f"{path}/verify", json=wrong, headers=headers)
            # the limit-th failure is answered with the lock it starts
            expected = 429 if attempt == limit - 1 else 401
            assert refused.status_code == expected, (attempt, refused.text)
        for client in (a, b):  # now even the right email is refused, on both workers
            path, headers = _start(client)
            locked = client.post(f"{path}/verify", json=JORDAN, headers=headers)
            assert locked.status_code == 429, locked.text
            assert locked.json()["error"]["code"] == "verification_locked"


@pytest.mark.integration
def test_the_conversation_rate_limit_is_shared_by_the_workers(deployment: Deployment) -> None:
    a, b = (w.client() for w in deployment.workers)
    with a, b:
        path, headers = _start(a)
        statuses = []
        for i in range(CONVERSATION_LIMIT + 4):
            client = a if i % 2 else b
            response = client.get(f"{path}/transcript", headers=headers)
            statuses.append(response.status_code)
    assert statuses.count(200) == CONVERSATION_LIMIT, statuses
    assert statuses[CONVERSATION_LIMIT:] == [429] * 4


@pytest.mark.integration
def test_one_confirmation_sent_to_both_workers_acts_once(deployment: Deployment) -> None:
    a, b = (w.client() for w in deployment.workers)
    with a, b:
        token = _storefront_token(deployment.settings, "alex.kim@example.com")
        started = a.post("/v1/conversations", json={"storefront_token": token}).json()
        path = f"/v1/conversations/{started['conversation_id']}"
        headers = {"X-Conversation-Token": started["conversation_token"]}
        proposed = a.post(
            f"{path}/messages", json={"text": "Skip next month's coffee delivery"}, headers=headers
        )
        assert proposed.json()["pending_action"] is not None, proposed.text
        responses = _together(
            [lambda c=c: c.post(f"{path}/confirm", headers=headers) for c in (a, b)]
        )
        statuses = sorted(r.status_code for r in responses)
        # the first turn executes; the second, run after it, finds nothing pending
        assert statuses == [200, 409], [r.text for r in responses]
        done = next(r for r in responses if r.status_code == 200).json()
        assert [x["action"] for x in done["executed_actions"]] == ["skip_next_delivery"]
        assert next(r for r in responses if r.status_code == 409).json()["error"]["code"] == (
            "nothing_pending"
        )


def _storefront_token(settings: Settings, email: str) -> str:
    from assistant.commerce.identity import IdentityService
    from assistant.store.store import open_store

    store = open_store(settings, seed=False)
    try:
        token: str = IdentityService(store, settings).issue_storefront_token(email)
        return token
    finally:
        store.close()
