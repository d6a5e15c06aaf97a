from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select

from assistant.commerce.errors import CommerceError
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import OrderPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.escalation.helpdesk import HelpdeskClient
from assistant.escalation.packet import TranscriptEntry
from assistant.escalation.reasons import EscalationReason
from assistant.escalation.service import EscalationService
from assistant.intents import Intent
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import EscalationTicket
from tests.escalation.conftest import NOW, TZ, FakeBackend

SETTINGS = Settings(environment="test", store_now=NOW)
URL = "https://helpdesk.test/hook"


def helpdesk(status: int, seen: list[httpx.Request]) -> HelpdeskClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return HelpdeskClient(URL, "secret", http_client=http, retry_delay=0)


def service(backend: FakeBackend, client: HelpdeskClient | None = None) -> EscalationService:
    return EscalationService(backend, client, settings=SETTINGS, clock=FixedClock(NOW, TZ))


def test_opens_the_ticket_and_attaches_its_number(
    taylor: VerifiedCustomer, taylor_order: OrderPublic
) -> None:
    backend = FakeBackend()
    result = service(backend).escalate(
        taylor,
        "conv-taylor",
        reason=EscalationReason.WARRANTY_CLAIM,
        intent=Intent.WARRANTY_CLAIM,
        order=taylor_order,
        steps_tried=["Checked warranty coverage: active until 2027-12-15"],
        transcript=[TranscriptEntry(role="customer", text="The shutter jams", at=NOW)],
        issue="The shutter jams",
    )
    (ticket,) = backend.tickets
    assert ticket == {
        "customer": taylor,
        "conversation_id": "conv-taylor",
        "reason": "warranty_claim",
        "summary": result.packet.summary,
        "order_number": "46511",
        "priority": "high",  # normal, raised for an order over $1,000
    }
    assert result.ticket.ticket_number == result.packet.ticket_number == "ESC-100001"
    assert result.packet.created_at == NOW and result.delivery is None
    assert result.customer_message.startswith("A support specialist will review your warranty")
    assert "usually within 2 business days" in result.customer_message  # the store's line
    assert result.customer_message.endswith(" Your reference is ESC-100001.")


def test_vip_raises_the_priority(jordan: VerifiedCustomer, jordan_order: OrderPublic) -> None:
    backend = FakeBackend(vip=True)
    result = service(backend).escalate(
        jordan, "conv-j", reason=EscalationReason.BILLING_DISPUTE, order=jordan_order
    )
    assert result.packet.priority == "urgent" and backend.tickets[0]["priority"] == "urgent"
    assert result.packet.priority_raised_by == ["vip"]


def test_profile_failure_means_not_vip(
    jordan: VerifiedCustomer, caplog: pytest.LogCaptureFixture
) -> None:
    backend = FakeBackend(
        vip=True, profile_error=CommerceError("The store is unavailable.", code="unavailable")
    )
    with caplog.at_level(logging.WARNING):
        result = service(backend).escalate(jordan, "c", reason=EscalationReason.OTHER)
    assert result.packet.priority == "normal" and result.ticket.ticket_number
    assert "VIP status unavailable" in caplog.text


def test_unverified_customer_gets_a_ticket_without_order_data() -> None:
    backend = FakeBackend()
    result = service(backend).escalate(None, "conv-anon", reason=EscalationReason.CUSTOMER_REQUEST)
    assert result.packet.identity == "unverified"
    assert backend.tickets[0]["customer"] is None and backend.tickets[0]["order_number"] is None


def test_unverified_customer_cannot_carry_order_data(jordan_order: OrderPublic) -> None:
    backend = FakeBackend()
    with pytest.raises(ValueError):
        service(backend).escalate(None, "c", reason=EscalationReason.OTHER, order=jordan_order)
    assert backend.tickets == []


def test_delivers_the_packet_with_the_ticket_number(jordan: VerifiedCustomer) -> None:
    seen: list[httpx.Request] = []
    result = service(FakeBackend(), helpdesk(200, seen)).escalate(
        jordan, "conv-j", reason=EscalationReason.FRUSTRATION
    )
    assert result.delivery is not None and result.delivery.delivered
    (request,) = seen
    body = json.loads(request.content)
    assert body["ticket_number"] == result.ticket.ticket_number
    assert body["identity"]["email"] == "jordan.rivera@example.com"


def test_helpdesk_failure_is_recorded_not_raised(
    jordan: VerifiedCustomer, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[httpx.Request] = []
    backend = FakeBackend()
    with caplog.at_level(logging.WARNING, logger="assistant.escalation.service"):
        result = service(backend, helpdesk(503, seen)).escalate(
            jordan, "conv-j", reason=EscalationReason.CUSTOMER_REQUEST
        )
    assert len(backend.tickets) == 1 and result.ticket.ticket_number == "ESC-100001"
    assert result.delivery is not None
    assert (result.delivery.delivered, result.delivery.status_code) == (False, 503)
    assert len(seen) == 2  # one retry
    assert "ESC-100001 not delivered to the helpdesk after 2 attempt(s): HTTP 503" in caplog.text


def test_a_store_failure_propagates_and_nothing_is_posted(jordan: VerifiedCustomer) -> None:
    seen: list[httpx.Request] = []
    backend = FakeBackend(
        ticket_error=CommerceError("The store is unavailable.", code="unavailable")
    )
    with pytest.raises(CommerceError):
        service(backend, helpdesk(200, seen)).escalate(jordan, "c", reason=EscalationReason.OTHER)
    assert seen == []


@pytest.mark.integration
def test_with_the_sql_store(store: SqlCommerceBackend, store_settings: Settings) -> None:
    """Real tickets: a VIP demo customer's billing dispute is urgent, and the summary, reason and
    order number pass the store's own validation."""
    token = store.identity.issue_storefront_token("aiden.davis5@example.com")
    vip = store.verify_by_token("conv-vip", token)
    (order, *_) = store.list_orders(vip)
    seen: list[httpx.Request] = []
    escalation = EscalationService(
        store, helpdesk(500, seen), settings=store_settings, clock=store.store.clock
    )
    result = escalation.escalate(
        vip,
        "conv-vip",
        reason=EscalationReason.ORDER_CHANGE_AFTER_FULFILMENT,
        intent=Intent.ORDER_CHANGE,
        order=order,
        steps_tried=["Tried to change the address: the order has already shipped"],
        transcript=[
            TranscriptEntry(role="customer", text="please send it to my office", at=NOW),
            TranscriptEntry(
                role="assistant", text="It has shipped already.", at=NOW + timedelta(seconds=5)
            ),
        ],
        issue="please send it to my office",
    )
    assert result.packet.identity != "unverified" and result.packet.identity.vip
    assert result.packet.priority == "urgent"
    assert result.delivery is not None and not result.delivery.delivered
    with store.store.sessions() as session:
        row = session.scalars(
            select(EscalationTicket).where(
                EscalationTicket.ticket_number == result.ticket.ticket_number
            )
        ).one()
    assert (row.reason, row.priority, row.order_number) == (
        "order_change_after_fulfilment",
        "urgent",
        order.number,
    )
    assert row.summary == result.packet.summary and row.customer_id == vip.customer_id


def test_settings_and_clock_default_from_the_environment(
    jordan: VerifiedCustomer,
    jordan_order: OrderPublic,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from assistant.settings import get_settings

    policy = yaml.safe_load(Path("corpus/_store/store.yaml").read_text(encoding="utf-8"))
    policy["handover"]["order_value"] = "100.00"  # the store's policy file decides
    (tmp_path / "store.yaml").write_text(yaml.safe_dump(policy), encoding="utf-8")
    monkeypatch.setenv("AFTERCARE_STORE_NOW", NOW.isoformat())
    monkeypatch.setenv("AFTERCARE_STORE_POLICY_PATH", str(tmp_path / "store.yaml"))
    get_settings.cache_clear()
    try:
        backend = FakeBackend()
        result = EscalationService(backend, None).escalate(
            jordan, "c", reason=EscalationReason.OTHER, order=jordan_order
        )
    finally:
        get_settings.cache_clear()
    assert result.packet.created_at == NOW
    assert result.packet.priority == "high"  # $143.50 is above the $100 of that policy file
