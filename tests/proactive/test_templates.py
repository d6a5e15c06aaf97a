from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from assistant.proactive.events import Event, EventType
from assistant.proactive.facts import (
    ExtendedOffer,
    Facts,
    LineFact,
    OrderFacts,
    Recipient,
    ShipmentFact,
    SubscriptionFacts,
    Suppressed,
)
from assistant.proactive.templates import (
    TEMPLATES,
    Notice,
    RenderContext,
    relative_day,
    tracking_url,
)
from tests.proactive.factory import NOW, TZ, FakeRetriever, passage

JORDAN = Recipient(1, "Jordan", "jordan@example.com")
HEADPHONES = LineFact(
    "AUR-SWP-100",
    "SoundWave Pro Wireless Headphones",
    "SoundWave Pro",
    1,
    Decimal("249.99"),
    warranty_months=12,
    serial_where="inside the headband, under the left ear cushion, and on the box",
    extended=ExtendedOffer(24, Decimal("39.99"), 60),
)
CASE = LineFact(
    "AUR-SWP-CASE",
    "SoundWave Pro Hard Travel Case",
    "SoundWave Pro Case",
    1,
    Decimal("24.99"),
    warranty_months=12,
)
UPS = ShipmentFact(
    "UPS",
    "Ground",
    "1Z999AA10123456784",
    "in_transit",
    date(2026, 1, 22),
    date(2026, 1, 23),
    "Weather delay near Memphis, TN.",
)


def order(
    status: str = "shipped",
    *,
    shipments: tuple[ShipmentFact, ...] = (UPS,),
    delivered_at: datetime | None = None,
) -> Facts:
    return Facts(
        JORDAN,
        order=OrderFacts(
            number="47234",
            status=status,
            placed_on=date(2026, 1, 18),
            ship_by=date(2026, 1, 20),
            delivered_at=delivered_at,
            lines=(HEADPHONES, CASE),
            shipments=shipments,
        ),
    )


def event(kind: EventType, **fields: object) -> Event:
    values: dict[str, object] = {
        "id": "e1",
        "type": kind,
        "occurred_at": NOW,
        "order_number": "47234",
    }
    values.update(fields)
    return Event.model_validate(values)


def render(
    kind: EventType, facts: Facts, *, send_at: datetime = NOW, **fields: object
) -> Notice | Suppressed:
    ctx = RenderContext(
        tz=TZ,
        send_at=send_at,
        retriever=fields.pop("retriever", None),  # type: ignore[arg-type]
        public_url="https://shop.example",
        return_window_days=30,
        change_cutoff_days=2,
    )
    return TEMPLATES[kind].render(event(kind, **fields), facts, ctx)


def notice(result: Notice | Suppressed) -> Notice:
    assert isinstance(result, Notice), result
    return result


def test_every_event_type_has_a_template() -> None:
    assert set(TEMPLATES) == set(EventType)


def test_order_received() -> None:
    n = notice(render(EventType.ORDER_PLACED, order("placed", shipments=())))
    assert n.kind == "order_received"
    assert "#47234" in n.subject
    assert "SoundWave Pro Wireless Headphones and 1 more item" in n.text
    assert "by Tuesday, January 20" in n.text


def test_order_shipped_has_carrier_and_tracking_link() -> None:
    n = notice(render(EventType.ORDER_SHIPPED, order()))
    assert n.kind == "order_shipped"
    assert n.subject == "Your order #47234 has shipped"
    assert "UPS Ground" in n.text
    assert "https://www.ups.com/track?tracknum=1Z999AA10123456784" in n.text
    assert "between Thursday, January 22 and Friday, January 23" in n.text
    assert n.links[0].url == "https://www.ups.com/track?tracknum=1Z999AA10123456784"


def test_order_shipped_without_a_shipment_row_promises_tracking_later() -> None:
    n = notice(render(EventType.ORDER_SHIPPED, order(shipments=())))
    assert "as soon as the carrier scans it" in n.text
    assert n.links == ()


def test_tracking_urls_per_carrier() -> None:
    assert (
        tracking_url("USPS", "9400") == "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400"
    )
    assert tracking_url("FedEx", "77") == "https://www.fedex.com/fedextrack/?trknbr=77"
    assert tracking_url("Acme Freight", "1") is None


def test_out_for_delivery_arrives_tomorrow() -> None:
    n = notice(
        render(EventType.OUT_FOR_DELIVERY, order(), data={"estimated_delivery": "2026-01-21"})
    )
    assert n.subject == "Your order #47234 arrives tomorrow"
    assert "out for delivery and arrives tomorrow" in n.text
    assert "ups.com" in n.text


def test_out_for_delivery_today_after_quiet_hours() -> None:
    # the scan came in the evening; the message goes out at 8:00 the next day, delivery day
    late = datetime(2026, 1, 20, 22, 0, tzinfo=TZ)
    morning = datetime(2026, 1, 21, 8, 0, tzinfo=TZ)
    n = notice(
        render(
            EventType.OUT_FOR_DELIVERY,
            order(),
            send_at=morning,
            occurred_at=late,
            data={"estimated_delivery": "2026-01-21"},
        )
    )
    assert "arrives today" in n.text


def test_out_for_delivery_after_the_day_or_delivery_is_suppressed() -> None:
    later = NOW + timedelta(days=2)
    assert render(EventType.OUT_FOR_DELIVERY, order(), send_at=later) == Suppressed("stale")
    assert render(EventType.OUT_FOR_DELIVERY, order("delivered")) == Suppressed("already_delivered")


def test_relative_day() -> None:
    today = date(2026, 1, 20)
    assert relative_day(today, today) == "today"
    assert relative_day(date(2026, 1, 21), today) == "tomorrow"
    assert relative_day(date(2026, 1, 23), today) == "on Friday, January 23"


def test_shipment_delayed_quotes_the_carrier_and_new_date() -> None:
    n = notice(
        render(EventType.SHIPMENT_DELAYED, order(), data={"estimated_delivery": "2026-01-26"})
    )
    assert n.kind == "shipment_delayed"
    assert "running late" in n.subject
    assert "Weather delay near Memphis, TN." in n.text
    assert "by Monday, January 26" in n.text
    assert n.links


def test_setup_tips_from_the_setup_guide() -> None:
    retriever = FakeRetriever(
        [
            passage(
                "AUR-SWP-100",
                "SoundWave Pro Quick Start > 2. Charge first",
                "1. Connect the cable to the USB-C port.\n2. Charge for at least 15 minutes "
                "before first use.",
            ),
            passage(
                "AUR-SWP-100",
                "SoundWave Pro Quick Start > 3. Turn on and pair",
                "1. Hold Power for 5 seconds until the LED flashes blue and red.",
            ),
            passage(
                "AUR-SWP-100",
                "SoundWave Pro Quick Start > 5. What the LED means",
                "LED | Meaning\nSolid white | Turning on",
            ),  # a table: no tip
            passage(
                "AUR-SWP-100",
                "SoundWave Pro Quick Start > Step 4: Noise cancelling (1 minute)",
                "Press the ANC button to switch between ANC, Transparency and Off.",
            ),
        ]
    )
    n = notice(render(EventType.ORDER_DELIVERED, order("delivered"), retriever=retriever))
    assert n.kind == "setup_tips"
    assert n.subject == "Three tips to get started with your SoundWave Pro"
    assert "1. Charge first: Connect the cable to the USB-C port. Charge for at least 15" in n.text
    assert "2. Turn on and pair: Hold Power for 5 seconds" in n.text
    assert "3. Noise cancelling: Press the ANC button" in n.text
    assert "LED | Meaning" not in n.text
    assert n.links[0].url == "https://shop.example/documents/audio/quick-start.html"
    _query, filters = retriever.queries[0]
    assert filters is not None and list(filters.skus) == ["AUR-SWP-100"]
    assert filters.include_general is False


def test_setup_tips_fall_back_to_catalogue_facts() -> None:
    for retriever in (None, FakeRetriever(fail=True), FakeRetriever([])):
        n = notice(render(EventType.ORDER_DELIVERED, order("delivered"), retriever=retriever))
        tips = [ln for ln in n.text.splitlines() if ln[:2] in ("1.", "2.", "3.")]
        assert len(tips) == 3
        assert "Register your SoundWave Pro for warranty" in tips[0]
        assert "inside the headband" in tips[0]
        assert "12 months" in tips[1]
        assert "24 months of extended warranty for $39.99" in tips[2]
        assert n.links == ()


def test_setup_tips_pick_the_event_sku_or_the_priciest_line() -> None:
    n = notice(render(EventType.ORDER_DELIVERED, order("delivered"), sku="AUR-SWP-CASE"))
    assert "SoundWave Pro Case" in n.subject
    n = notice(render(EventType.ORDER_DELIVERED, order("delivered")))
    assert n.sku == "AUR-SWP-100"


def subscription(next_day: date = date(2026, 1, 25)) -> Facts:
    return Facts(
        JORDAN,
        subscription=SubscriptionFacts(
            7,
            "RCC-PDR-12",
            "Premium Dark Roast",
            2,
            "whole bean",
            "every month",
            Decimal("34.99"),
            next_day,
        ),
    )


def test_renewal_upcoming_has_date_amount_and_how_to_skip() -> None:
    n = notice(
        render(EventType.RENEWAL_UPCOMING, subscription(), order_number=None, subscription_id=7)
    )
    assert n.kind == "renewal_upcoming"
    assert "Sunday, January 25" in n.subject
    assert "2 × Premium Dark Roast, whole bean, every month" in n.text
    assert "charge $34.99" in n.text
    assert 'Reply "skip"' in n.text
    assert "by 11:59 pm on Friday, January 23" in n.text


def test_renewal_past_the_skip_cutoff_says_so() -> None:
    n = notice(
        render(
            EventType.RENEWAL_UPCOMING,
            subscription(date(2026, 1, 21)),
            order_number=None,
            subscription_id=7,
        )
    )
    assert "can no longer be skipped" in n.text
    stale = render(
        EventType.RENEWAL_UPCOMING,
        subscription(date(2026, 1, 19)),
        order_number=None,
        subscription_id=7,
    )
    assert stale == Suppressed("stale")


def test_warranty_expiring_counts_the_days() -> None:
    delivered = datetime(2025, 2, 19, 15, 0, tzinfo=TZ)  # 12 months: ends 2026-02-18
    n = notice(
        render(
            EventType.WARRANTY_EXPIRING,
            order("delivered", delivered_at=delivered),
            sku="AUR-SWP-100",
        )
    )
    assert n.kind == "warranty_expiring"
    assert n.subject == "Your SoundWave Pro warranty ends in 29 days"
    assert "on Wednesday, February 18" in n.text
    assert "start a claim" in n.text


@pytest.mark.parametrize(
    ("fields", "facts", "reason"),
    [
        ({"sku": "LUM-Z8-BODY"}, order("delivered", delivered_at=NOW), "unknown_product"),
        ({"sku": "AUR-SWP-100"}, order("shipped"), "not_delivered"),
        (
            {"sku": "AUR-SWP-100"},
            order("delivered", delivered_at=datetime(2024, 1, 1, tzinfo=UTC)),
            "warranty_expired",
        ),
    ],
)
def test_warranty_expiring_suppressions(
    fields: dict[str, object], facts: Facts, reason: str
) -> None:
    assert render(EventType.WARRANTY_EXPIRING, facts, **fields) == Suppressed(reason)
