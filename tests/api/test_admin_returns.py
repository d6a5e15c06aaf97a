"""The returns desk over HTTP: ``/v1/admin/returns/{rma}`` (read), ``.../received`` and
``.../refund-issued`` need the admin key; an unknown or malformed RMA is 404, a step that does not
fit the return's state 409; afterwards the customer's chat says where the refund stands."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from assistant.commerce.requests import ReturnItemInput, ReturnItems
from assistant.commerce.schemas import ReturnPublic
from tests.api.conftest import MakeClient, assert_clean_error, start
from tests.support import self_service_returns_policy

ADMIN_KEY = "admin-key-for-the-returns-desk-tests"
KEY = {"X-Admin-Key": ADMIN_KEY}


@pytest.fixture
def client(make_client: MakeClient) -> Iterator[TestClient]:
    # a store that starts changed-mind returns itself (the demo store has an agent review them)
    with make_client(
        admin_api_key=ADMIN_KEY, store_policy_path=self_service_returns_policy()
    ) as test_client:
        yield test_client


def _sams_return(client: TestClient) -> str:
    backend = client.app.state.services.assistant.backend  # type: ignore[attr-defined]
    sam = backend.verify_by_order("conv-desk", "47102", "sam.patel@example.com")
    request = ReturnItems(
        order_number="47102", items=[ReturnItemInput(sku="AUR-SWP-100")], answers={"unused": True}
    )
    preview = backend.preview(sam, request)
    record = backend.confirm(sam, preview.confirmation_token, idempotency_key="desk-1").record
    assert isinstance(record, ReturnPublic)
    return str(record.rma)


@pytest.mark.parametrize(
    ("method", "tail"), [("GET", ""), ("POST", "/received"), ("POST", "/refund-issued")]
)
@pytest.mark.parametrize("headers", [{}, {"X-Admin-Key": "wrong"}])
def test_the_admin_key_is_required(
    client: TestClient, method: str, tail: str, headers: dict[str, str]
) -> None:
    rma = _sams_return(client)
    response = client.request(method, f"/v1/admin/returns/{rma}{tail}", headers=headers)
    assert_clean_error(response, 401, "unauthorized")
    progress = client.get(f"/v1/admin/returns/{rma}", headers=KEY).json()
    assert progress["status"] == "label_sent"  # nothing changed


def test_the_parcels_still_to_arrive_are_listed(client: TestClient) -> None:
    assert_clean_error(client.get("/v1/admin/returns"), 401, "unauthorized")
    rma = _sams_return(client)
    listed = client.get("/v1/admin/returns", headers=KEY).json()["items"]
    assert [r["order_number"] for r in listed] == ["40958", "47102"]  # Morgan's, then Sam's
    assert listed[1]["rma"] == rma and listed[1]["refunds"][0]["status"] == "awaiting_return"
    refunded = client.get("/v1/admin/returns?status=refunded&limit=200", headers=KEY).json()
    assert len(refunded["items"]) >= 20
    assert_clean_error(client.get("/v1/admin/returns?status=lost", headers=KEY), 400)


@pytest.mark.parametrize("rma", ["RMA-NOSUCH00", "RMA%00X", "RMA_1", "R" * 30, "-RMA"])
def test_an_unknown_or_malformed_rma_is_404(client: TestClient, rma: str) -> None:
    for method, tail in (("GET", ""), ("POST", "/received"), ("POST", "/refund-issued")):
        response = client.request(method, f"/v1/admin/returns/{rma}{tail}", headers=KEY)
        assert_clean_error(response, 404, "return_not_found")


def test_received_then_issued_and_the_chat_says_so(client: TestClient) -> None:
    rma = _sams_return(client)
    early = client.post(f"/v1/admin/returns/{rma}/refund-issued", headers=KEY)
    assert_clean_error(early, 409, "return_not_received")
    received = client.post(f"/v1/admin/returns/{rma}/received", headers=KEY)
    assert received.status_code == 200, received.text
    body = received.json()
    assert body["status"] == "received" and body["order_number"] == "47102"
    [refund] = body["refunds"]
    assert refund["status"] == "processing"
    assert (refund["expected_from"], refund["expected_to"]) == ("2026-01-30", "2026-02-03")
    again = client.post(f"/v1/admin/returns/{rma}/received", headers=KEY)
    assert_clean_error(again, 409, "return_already_received")

    chat = start(client, customer="sam.patel@example.com")
    processing = chat.say("did my refund go through?")["text"]
    assert "we received the return on Tuesday, January 20" in processing
    assert (
        "being processed to Mastercard ending 5510, expected January 30 – February 3" in processing
    )

    issued = client.post(f"/v1/admin/returns/{rma}/refund-issued", headers=KEY)
    assert issued.status_code == 200, issued.text
    assert issued.json()["status"] == "refunded"
    assert issued.json()["refunds"][0]["status"] == "issued"
    assert_clean_error(
        client.post(f"/v1/admin/returns/{rma}/refund-issued", headers=KEY),
        409,
        "refund_already_issued",
    )
    done = chat.say("did my refund go through?")["text"]
    assert "was issued on Tuesday, January 20 to Mastercard ending 5510" in done
    assert "statement by Thursday, January 29" in done
