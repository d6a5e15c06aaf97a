"""What the replies say about a store's rules comes from its policy file: the same demo store
under a policy with other values (pause length, handling days, confirmation-email minutes, the
wait before a delivered-not-received claim) answers with those values."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assistant.agent.state import ConversationState
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.escalation.service import EscalationService
from assistant.intents import Intent
from assistant.runtime import Assistant
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from tests.agent.conftest import FakeRetriever, FixedRouter, make_settings
from tests.support import NOW, TZ

POLICY = Path(__file__).resolve().parents[2] / "corpus" / "_store" / "store.yaml"


@pytest.fixture
def settings(template_db: Path, tmp_path: Path) -> Settings:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    data["subscriptions"]["max_pause_deliveries"] = 2
    data["support"]["confirmation_email_minutes"] = 30
    data["shipping"]["handling_business_days"] = [2, 3]
    data["shipping"]["delivered_claim_after_hours"] = 72
    policy = tmp_path / "store.yaml"
    policy.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    db = tmp_path / "store.db"
    shutil.copyfile(template_db, db)
    return make_settings(db, store_policy_path=policy)


@pytest.fixture
def backend(settings: Settings) -> Iterator[SqlCommerceBackend]:
    sql = SqlCommerceBackend.from_settings(settings, clock=FixedClock(NOW, TZ))
    yield sql
    sql.close()


def _assistant(backend: SqlCommerceBackend, settings: Settings, intent: Intent) -> Assistant:
    return Assistant(
        backend=backend,
        retriever=FakeRetriever(),  # type: ignore[arg-type]
        router=FixedRouter(intent),  # type: ignore[arg-type]
        escalation=EscalationService(backend, None, settings=settings, clock=backend.store.clock),
        settings=settings,
        clock=backend.store.clock,
    )


def _signed_in(assistant: Assistant, email: str) -> ConversationState:
    token = assistant.backend.identity.issue_storefront_token(email)  # type: ignore[attr-defined]
    return assistant.start(storefront_token=token)


def test_the_pause_length_is_the_policys(backend: SqlCommerceBackend, settings: Settings) -> None:
    assistant = _assistant(backend, settings, Intent.SUBSCRIPTION_PAUSE)
    state = _signed_in(assistant, "alex.kim@example.com")
    reply = assistant.reply(state, "pause my subscription please")
    assert "To pause for longer, reply 2." in reply.text  # this policy's longest pause is 2
    state = _signed_in(assistant, "alex.kim@example.com")
    longer = assistant.reply(state, "pause my subscription for 4 months")
    assert "up to 2 deliveries" in longer.text and "1 or 2?" in longer.text
    skip = _assistant(backend, settings, Intent.SUBSCRIPTION_SKIP)
    state = _signed_in(skip, "alex.kim@example.com")
    assert "pause it for 1–2 deliveries" in skip.reply(state, "skip the next one").text


def test_handling_days_and_email_minutes_are_the_policys(
    backend: SqlCommerceBackend, settings: Settings
) -> None:
    assistant = _assistant(backend, settings, Intent.ORDER_STATUS)
    state = _signed_in(assistant, "jordan.rivera@example.com")
    reply = assistant.reply(state, "did my order go through? no email in my inbox")
    assert "ships within 2–3 business days" in reply.text
    assert "within about 30 minutes" in reply.text and "15 minutes" not in reply.text


def test_the_claim_wait_is_the_policys(backend: SqlCommerceBackend, settings: Settings) -> None:
    assistant = _assistant(backend, settings, Intent.TRACKING)
    state = _signed_in(assistant, "sam.patel@example.com")  # delivered 20 hours before NOW
    reply = assistant.reply(state, "it says delivered but nothing at my door")
    assert "72 hours" in reply.text and "48 hours" not in reply.text
    assert reply.escalation is None
