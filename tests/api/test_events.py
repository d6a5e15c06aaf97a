"""``POST /v1/events`` over the real app (``create_app``), its lifespan replaced by a small
store and a fake retriever."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant.api.routes import events as events_route
from assistant.proactive.dispatch import OutboxWorker
from assistant.proactive.events import sign
from assistant.settings import Settings
from assistant.store.models import OutboxMessage
from assistant.store.store import Store
from tests.proactive.api_app import ops_app
from tests.proactive.factory import (
    EVENTS_SECRET,
    FakeRetriever,
    ShipmentSpec,
    add_customer,
    add_order,
    make_settings,
    make_store,
)


@pytest.fixture
def ops(tmp_path: Path) -> Iterator[tuple[TestClient, Store, Settings]]:
    settings = make_settings(tmp_path)
    store = make_store(settings)
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    add_order(store, add_customer(store, "No Consent", consent=False), "47300")
    yield TestClient(ops_app(settings, store, FakeRetriever())), store, settings
    store.close()


def event(**fields: object) -> bytes:
    body: dict[str, object] = {
        "id": "evt-100",
        "type": "order.shipped",
        "occurred_at": "2026-01-20T10:00:00-05:00",
        "order_number": "47234",
        "data": {"tracking_number": "1Z999AA10123456784"},
    }
    body.update(fields)
    return json.dumps(body).encode()


def post(client: TestClient, body: bytes, signature: str | None = "auto") -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature == "auto":
        signature = sign(body, EVENTS_SECRET)
    if signature is not None:
        headers["X-Aftercare-Signature"] = signature
    return client.post("/v1/events", content=body, headers=headers)


def outbox_count(store: Store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def test_signed_event_is_accepted_and_queued(ops: tuple[TestClient, Store, Settings]) -> None:
    client, store, _ = ops
    response = post(client, event())
    assert response.status_code == 202
    body = response.json()
    assert body["accepted"] is True and body["duplicate"] is False
    assert body["suppressed"] is None and body["outbox_message_id"].startswith("pm_")
    assert outbox_count(store) == 1


def test_replayed_event_gives_exactly_one_outbox_message(
    ops: tuple[TestClient, Store, Settings],
) -> None:
    client, store, _ = ops
    first = post(client, event()).json()
    for _ in range(3):
        again = post(client, event())
        assert again.status_code == 202
        assert again.json() == {**first, "duplicate": True}
    assert outbox_count(store) == 1


@pytest.mark.parametrize(
    "signature",
    [None, "", "sha256=" + "0" * 64, "sha1=abc", "sha256=zz"],
)
def test_bad_signature_is_401(
    ops: tuple[TestClient, Store, Settings], signature: str | None
) -> None:
    client, store, _ = ops
    response = post(client, event(), signature)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_signature"
    assert outbox_count(store) == 0


def test_signature_must_cover_the_exact_bytes(ops: tuple[TestClient, Store, Settings]) -> None:
    client, _, _ = ops
    body = event()
    response = post(client, body.replace(b"47234", b"47300"), sign(body, EVENTS_SECRET))
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        event(type="order.exploded"),
        event(occurred_at="yesterday"),
        event(order_number=None),
        b"[]",
    ],
)
def test_malformed_event_is_400(ops: tuple[TestClient, Store, Settings], body: bytes) -> None:
    client, store, _ = ops
    response = post(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_event"
    assert "Traceback" not in error["message"] and "pydantic" not in error["message"].lower()
    assert outbox_count(store) == 0


def test_suppressed_event_is_accepted_with_the_reason(
    ops: tuple[TestClient, Store, Settings],
) -> None:
    client, store, _ = ops
    body = post(client, event(id="evt-200", order_number="47300")).json()
    assert body == {
        "accepted": True,
        "outbox_message_id": None,
        "duplicate": False,
        "suppressed": "no_consent",
    }
    assert outbox_count(store) == 0


def test_events_are_counted_in_metrics(ops: tuple[TestClient, Store, Settings]) -> None:
    client, _, _ = ops
    post(client, event())
    post(client, event())
    text = client.get("/metrics").text
    assert 'aftercare_proactive_events_total{outcome="queued",type="order.shipped"}' not in text
    assert 'aftercare_proactive_events_total{type="order.shipped",outcome="queued"} 1.0' in text
    assert 'aftercare_proactive_events_total{type="order.shipped",outcome="duplicate"} 1.0' in text


@pytest.mark.parametrize(("url", "started"), [(None, False), ("https://notify.example/hook", True)])
def test_outbox_worker_runs_with_the_app_when_a_webhook_is_set(
    tmp_path: Path, url: str | None, started: bool
) -> None:
    settings = make_settings(tmp_path, outbox_webhook_url=url)
    store = make_store(settings)
    services = ops_app(settings, store, FakeRetriever()).state.services

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = services
        yield

    app = FastAPI(lifespan=lifespan)
    app.include_router(events_route.router)
    try:
        with TestClient(app):
            worker = getattr(app.state, "outbox_worker", None)
            assert isinstance(worker, OutboxWorker) is started
    finally:
        store.close()
