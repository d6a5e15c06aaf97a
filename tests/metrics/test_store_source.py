from __future__ import annotations

from datetime import timedelta

from assistant.metrics.store_source import ProductNames, SqlSupportData, skus_named
from assistant.metrics.support import compute_support_metrics
from assistant.store.models import EscalationTicket, Feedback
from assistant.store.store import Store
from tests.metrics.chat import add_conversation, reply
from tests.proactive.factory import NOW, add_customer, add_order, add_subscription

START = NOW - timedelta(days=10)
END = NOW + timedelta(days=1)


def test_messages_become_turns(store: Store) -> None:
    customer = add_customer(store)
    add_conversation(
        store,
        "c1",
        NOW - timedelta(days=2),
        [
            (
                "what else works with my Lumora Z8?",
                "Most owners add the Lumora BP-F2 Rechargeable "
                "Battery and the Kestrel Pro V90 128GB card.",
                reply(
                    "accessories",
                    tool_calls=[
                        {
                            "name": "recommend_accessories_for",
                            "arguments": {"sku": "LUM-Z8-BODY"},
                            "ok": True,
                        }
                    ],
                    citations=[{"source": "a.csv", "title": "t", "section": "", "page": None}],
                ),
            ),
            ("thanks, that helped", "Glad to help!", reply("greeting")),
        ],
        customer_id=customer,
        state={"focus_sku": "LUM-Z8-BODY"},
    )
    [record] = SqlSupportData(store).conversations_since(START)
    assert record.customer_id == customer and record.focus_sku == "LUM-Z8-BODY"
    first, second = record.turns
    assert first.text.startswith("what else works")
    assert first.intent == "accessories" and first.citations == 1
    assert first.skus == ("LUM-Z8-BODY",)
    assert first.recommended_skus == ("LUM-BP-F2", "KST-SD128-V90")
    assert first.answered_at is not None
    assert (first.answered_at - first.asked_at).total_seconds() == 3
    assert second.intent == "greeting"


def test_skus_named(store: Store) -> None:
    with store.sessions() as session:
        names = ProductNames.load(session)
    text = "Try the Lumora BP-F2 Rechargeable Battery or the Sling 10L"
    assert skus_named(text, names) == ("LUM-BP-F2", "TRP-SLING-10")
    assert skus_named("LUM-Z8-BODY and the Lumora Z8", names, exclude=("LUM-Z8-BODY",)) == ()


def test_support_metrics_from_the_store(store: Store) -> None:
    jordan = add_customer(store)
    sam = add_customer(store, "Sam Patel")
    sub = add_subscription(store, sam)
    del sub
    asked = NOW - timedelta(days=3)
    add_conversation(
        store,
        "help",
        asked,
        [
            ("how do I pair my headphones", "Hold Power...", reply("setup_help")),
            ("that worked", "Great!", reply("greeting")),
        ],
        customer_id=jordan,
    )
    add_conversation(
        store,
        "esc",
        asked,
        [
            (
                "I was charged twice",
                "A billing specialist will review...",
                reply(
                    "billing_dispute",
                    escalation={
                        "reason": "billing_dispute",
                        "priority": "high",
                        "ticket_number": "ESC-100001",
                    },
                ),
            )
        ],
        customer_id=sam,
    )
    add_conversation(
        store,
        "cancel",
        asked,
        [
            (
                "cancel my coffee subscription",
                "Here is what changes...",
                reply("subscription_cancel"),
            )
        ],
        customer_id=sam,
    )
    add_conversation(
        store,
        "acc",
        asked,
        [
            (
                "what goes with the Z8",
                "Most owners add the Lumora BP-F2 Rechargeable Battery.",
                reply(
                    "accessories",
                    tool_calls=[
                        {"name": "recommend_accessories_for", "arguments": {"sku": "LUM-Z8-BODY"}}
                    ],
                ),
            )
        ],
        customer_id=jordan,
    )
    add_order(store, jordan, "48000", ("LUM-BP-F2",), placed_at=NOW - timedelta(days=1))
    with store.write_sessions.begin() as session:
        session.add(
            EscalationTicket(
                ticket_number="ESC-100001",
                customer_id=sam,
                conversation_id="esc",
                order_number=None,
                reason="billing_dispute",
                summary="s",
                priority="high",
                status="open",
                created_at=asked,
            )
        )
        session.add(
            Feedback(
                customer_id=jordan,
                conversation_id="help",
                csat=5,
                nps=None,
                comment=None,
                created_at=asked + timedelta(minutes=5),
            )
        )
    data = SqlSupportData(store).load(START, END, lookahead_days=30)
    assert {c.conversation_id for c in data.conversations} == {"help", "esc", "cancel", "acc"}
    assert [t.reason for t in data.tickets] == ["billing_dispute"]
    m = compute_support_metrics(data, START, END)
    assert m.conversations == 4
    assert m.outcomes == {"confirmed": 1, "assumed": 2, "unresolved": 0, "escalated": 1}
    assert m.escalations.by_reason["billing_dispute"].count == 1
    assert m.csat.average == 5.0
    assert m.time_to_first_response.p50_seconds == 3.0
    assert (m.setup_success.count, m.setup_success.total) == (1, 1)
    assert (
        m.subscription_retention_after_cancel_intent.count,
        m.subscription_retention_after_cancel_intent.total,
    ) == (1, 1)
    assert (
        m.accessory_recommendation_acceptance.count,
        m.accessory_recommendation_acceptance.total,
    ) == (1, 1)
