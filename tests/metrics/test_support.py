from __future__ import annotations

from datetime import timedelta

from assistant.metrics.records import (
    Cancellation,
    FeedbackRecord,
    Purchase,
    SupportData,
    TicketRecord,
)
from assistant.metrics.support import compute_support_metrics, percentile
from tests.metrics.records import END, START, conversation, turn


def metrics(data: SupportData):  # type: ignore[no-untyped-def]
    return compute_support_metrics(data, START, END)


def test_outcomes_and_automation_rate() -> None:
    convs = [
        conversation("helped", turn("where is my order"), turn("thanks, that helped")),
        conversation("rated", turn("where is my order")),
        conversation("silent", turn("where is my order")),
        conversation("broken", turn("pairing fails", "troubleshooting"), turn("still not working")),
        conversation("low", turn("where is my order")),
        conversation("ticket", turn("I was charged twice", "billing_dispute")),
        conversation(
            "handover", turn("a person please", "human_agent", escalation="customer_request")
        ),
        conversation("empty"),  # no customer message: not counted
    ]
    data = SupportData(
        conversations=convs,
        feedback=[
            FeedbackRecord("rated", START + timedelta(days=2), csat=5),
            FeedbackRecord("low", START + timedelta(days=2), csat=1),
        ],
        tickets=[TicketRecord("ticket", "ESC-1", "billing_dispute", "high", "open", START)],
    )
    m = metrics(data)
    assert m.conversations == 7
    assert m.outcomes == {"confirmed": 2, "assumed": 1, "unresolved": 2, "escalated": 2}
    assert m.automation.rate == round(3 / 7, 4)
    assert (m.automation.confirmed.count, m.automation.assumed.count) == (2, 1)
    assert m.escalations.total == 2
    assert m.escalations.rate == round(2 / 7, 4)
    assert set(m.escalations.by_reason) == {"billing_dispute", "customer_request"}
    assert m.escalations.by_reason["billing_dispute"].count == 1


def test_conversations_outside_the_period_are_left_out() -> None:
    inside = conversation("in", turn("where is my order"), day=3)
    outside = conversation("out", turn("where is my order"), day=40)
    assert metrics(SupportData(conversations=[inside, outside])).conversations == 1


def test_first_contact_resolution_counts_returns_on_the_same_topic_within_7_days() -> None:
    first = conversation("a", turn("where is my order", "tracking"), customer=1, day=1)
    came_back = conversation("b", turn("still no parcel", "order_status"), customer=1, day=5)
    other_topic = conversation("c", turn("warranty?", "warranty_info"), customer=2, day=1)
    other_topic_later = conversation("d", turn("track my order", "tracking"), customer=2, day=3)
    much_later = conversation("e", turn("where is it", "tracking"), customer=3, day=1)
    next_month = conversation("f", turn("where is it", "tracking"), customer=3, day=20)
    anonymous = conversation("g", turn("where is it", "tracking"), customer=None)
    data = SupportData(
        conversations=[
            first,
            came_back,
            other_topic,
            other_topic_later,
            much_later,
            next_month,
            anonymous,
        ]
    )
    m = metrics(data)
    # identified: a b c d e f; a returned (b), the rest did not
    assert (m.first_contact_resolution.count, m.first_contact_resolution.total) == (5, 6)


def test_a_return_after_the_period_counts() -> None:
    last_day = conversation("a", turn("where is my order", "tracking"), customer=1, day=29)
    after = conversation("b", turn("where is it", "tracking"), customer=1, day=33)
    m = metrics(SupportData(conversations=[last_day], later_conversations=[after]))
    assert (m.first_contact_resolution.count, m.first_contact_resolution.total) == (0, 1)


def test_time_to_first_response_percentiles() -> None:
    convs = [conversation(f"c{i}", turn("hi there order", wait=float(i))) for i in range(1, 21)]
    m = metrics(SupportData(conversations=convs))
    assert m.time_to_first_response.samples == 20
    assert m.time_to_first_response.p50_seconds == 10.5
    assert m.time_to_first_response.p95_seconds == 19.05
    assert percentile([], 50) is None
    assert percentile([3.0], 95) == 3.0


def test_csat_and_nps() -> None:
    convs = [conversation(f"c{i}", turn("where is my order")) for i in range(4)]
    feedback = [
        FeedbackRecord("c0", START, csat=5, nps=10),
        FeedbackRecord("c1", START, csat=4, nps=9),
        FeedbackRecord("c2", START, csat=2, nps=3),
        FeedbackRecord("c2", START + timedelta(hours=1), csat=3),  # the latest rating counts
        FeedbackRecord("elsewhere", START, csat=1, nps=0),  # not a conversation of the period
    ]
    m = metrics(SupportData(conversations=convs, feedback=feedback))
    assert m.csat.responses == 3
    assert m.csat.average == 4.0
    assert m.csat.satisfied_share == round(2 / 3, 4)
    assert m.csat.nps == round(100 * (2 - 1) / 3, 1)


def test_setup_success_rate() -> None:
    ok = conversation("ok", turn("how do I pair", "setup_help"), customer=1, day=1)
    escalated = conversation(
        "esc", turn("how do I set up", "setup_help", escalation="defect_persists"), customer=2
    )
    reopened = conversation(
        "again", turn("set up the kettle", "setup_help"), customer=3, day=1, focus_sku="CUI-KTL-17"
    )
    reopen = conversation(
        "again2",
        turn("kettle setup again", "setup_help"),
        customer=3,
        day=4,
        focus_sku="CUI-KTL-17",
    )
    not_setup = conversation("order", turn("where is my order"), customer=4)
    m = metrics(SupportData(conversations=[ok, escalated, reopened, reopen, not_setup]))
    # setup conversations: ok, esc, again, again2; successes: ok and again2 (again reopened)
    assert (m.setup_success.count, m.setup_success.total) == (2, 4)


def test_subscription_retention_after_a_cancel_intent() -> None:
    kept = conversation("kept", turn("cancel my coffee", "subscription_cancel"), customer=1)
    lost = conversation("lost", turn("cancel my coffee", "subscription_cancel"), customer=2)
    lost_late = conversation("late", turn("cancel it", "subscription_cancel"), customer=3)
    anonymous = conversation("anon", turn("cancel it", "subscription_cancel"))
    at = START + timedelta(days=1)
    data = SupportData(
        conversations=[kept, lost, lost_late, anonymous],
        cancellations=[
            Cancellation(2, 20, at + timedelta(days=2)),
            Cancellation(3, 30, at + timedelta(days=45)),  # after the 30-day window: kept
            Cancellation(1, 10, at - timedelta(days=5)),  # before the ask: irrelevant
        ],
    )
    m = metrics(data)
    assert (m.subscription_retention_after_cancel_intent.count,) == (2,)
    assert m.subscription_retention_after_cancel_intent.total == 3


def test_accessory_recommendation_acceptance() -> None:
    rec = turn(
        "what goes with my camera", "accessories", recommended=("LUM-BP-F2", "KST-SD128-V90")
    )
    bought = conversation("a", rec, customer=1)
    again = conversation("b", rec, customer=1, day=3)  # same offer again: one sample
    other = conversation(
        "c", turn("accessories?", "accessories", recommended=("LUM-BP-F2",)), customer=2
    )
    anonymous = conversation("d", rec)
    at = START + timedelta(days=1)
    data = SupportData(
        conversations=[bought, again, other, anonymous],
        purchases=[
            Purchase(1, "LUM-BP-F2", at + timedelta(days=3)),
            Purchase(2, "LUM-BP-F2", at - timedelta(days=3)),  # bought before: not accepted
            Purchase(1, "TRP-SLING-10", at + timedelta(days=3)),  # not recommended
        ],
    )
    m = metrics(data)
    acceptance = m.accessory_recommendation_acceptance
    assert (acceptance.count, acceptance.total) == (1, 3)
    assert acceptance.rate == round(1 / 3, 4)


def test_empty_period_gives_none_rates() -> None:
    m = metrics(SupportData(conversations=[]))
    assert m.conversations == 0
    assert m.automation.rate is None
    assert m.csat.average is None
    assert m.time_to_first_response.p50_seconds is None
    assert "automation" in m.definitions
    assert m.model_dump(mode="json")["automation"]["confirmed"]["total"] == 0
