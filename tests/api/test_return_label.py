"""``GET /v1/returns/{rma}/label.pdf``: the label PDF for a signed link, 404 for anything else."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from pypdf import PdfReader

from assistant.commerce.requests import ReturnItemInput, ReturnItems
from assistant.commerce.schemas import ReturnPublic
from tests.api.conftest import assert_clean_error, start


def _label_url(client: TestClient) -> tuple[str, str]:
    backend = client.app.state.services.assistant.backend  # type: ignore[attr-defined]
    sam = backend.verify_by_order("conv-label", "47102", "sam.patel@example.com")
    done = backend.list_returns(sam)  # the module's store is shared: one return is enough
    if done:
        parts = urlsplit(done[0].label_url)
        return done[0].rma, f"{parts.path}?{parts.query}"
    request = ReturnItems(  # a defect: a return the assistant starts itself
        order_number="47102", items=[ReturnItemInput(sku="AUR-SWP-100")], reason="defective"
    )
    preview = backend.preview(sam, request)
    result = backend.confirm(sam, preview.confirmation_token, idempotency_key="label-1")
    record = result.record
    assert isinstance(record, ReturnPublic)
    parts = urlsplit(record.label_url)
    return record.rma, f"{parts.path}?{parts.query}"


def test_a_signed_link_serves_the_label_and_a_changed_one_is_404(client: TestClient) -> None:
    rma, url = _label_url(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert rma in text and "Sam Patel" in text
    for bad in (url[:-3] + "abc", url.replace("expires=", "expires=1"), url.replace(rma, "RMA-0")):
        assert_clean_error(client.get(bad), 404, "label_not_found")
    assert_clean_error(client.get(url.split("?")[0]), 400)  # no signature at all


def test_the_verified_owner_fetches_it_through_the_conversation(client: TestClient) -> None:
    sam = start(client, customer="sam.patel@example.com")
    rma, _ = _label_url(client)
    response = client.get(sam.url(f"returns/{rma}/label.pdf"), headers=sam.headers)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    jordan = start(client, customer="jordan.rivera@example.com")
    other = client.get(jordan.url(f"returns/{rma}/label.pdf"), headers=jordan.headers)
    assert_clean_error(other, 404, "label_not_found")
    anonymous = start(client)
    assert_clean_error(
        client.get(anonymous.url(f"returns/{rma}/label.pdf"), headers=anonymous.headers), 404
    )
    no_token = client.get(sam.url(f"returns/{rma}/label.pdf"))
    assert no_token.status_code == 404
