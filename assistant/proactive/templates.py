"""One message template per event type: pure functions from the event and its facts to a
:class:`Notice` (or :class:`Suppressed` when there is nothing true and useful to say).

    order.placed                   order_received     thanks, ships by <date>
    order.shipped                  order_shipped      carrier + tracking link, delivery window
    shipment.out_for_delivery      out_for_delivery   arrives today / tomorrow / on <date>
    shipment.delayed               shipment_delayed   new estimate, tracking link, apology
    order.delivered                setup_tips         a week later: three tips to get started
    subscription.renewal_upcoming  renewal_upcoming   date, amount, how to skip (and by when)
    warranty.expiring              warranty_expiring  ends in N days, on <date>; reply to claim

``send_at`` in :class:`RenderContext` is when the notice will go out (after quiet hours), so
"today" and "tomorrow" are true when the customer reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from urllib.parse import quote

from assistant.commerce.plans import day, usd
from assistant.proactive.events import Event, EventType
from assistant.proactive.facts import Facts, LineFact, OrderFacts, ShipmentFact, Suppressed
from assistant.proactive.tips import setup_tips
from assistant.retrieval.types import Retriever
from assistant.store.calendar import add_months

_TRACKING_URLS = {
    "UPS": "https://www.ups.com/track?tracknum={}",
    "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
    "FEDEX": "https://www.fedex.com/fedextrack/?trknbr={}",
    "DHL": "https://www.dhl.com/us-en/home/tracking/tracking-parcel.html?tracking-id={}",
}


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str
    subject: str
    text: str
    links: tuple[Link, ...] = ()
    sku: str | None = None


@dataclass(frozen=True, slots=True)
class RenderContext:
    tz: tzinfo
    send_at: datetime
    retriever: Retriever | None = None
    public_url: str = ""
    return_window_days: int | None = None  # the store's policy; no "keep the box" tip if unset
    change_cutoff_days: int = 0  # subscription changes close this many days before delivery
    subscription_name: str = "subscription"  # what the store calls it, from its policy
    account_url: str | None = None  # where customers manage their subscriptions

    @property
    def account_path(self) -> str:
        where = self.account_url or "your account"
        return f"{where} > Subscriptions > Manage > Skip next delivery"

    @property
    def send_day(self) -> date:
        return self.send_at.astimezone(self.tz).date()


Render = Callable[[Event, Facts, RenderContext], Notice | Suppressed]


@dataclass(frozen=True, slots=True)
class Template:
    render: Render
    delay: timedelta = timedelta(0)  # due this long after the event's ``occurred_at``


def tracking_url(carrier: str, tracking_number: str) -> str | None:
    pattern = _TRACKING_URLS.get(carrier.upper())
    return pattern.format(tracking_number) if pattern else None


def relative_day(target: date, today: date) -> str:
    if target == today:
        return "today"
    if target == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day(target)}"


def _items(lines: tuple[LineFact, ...]) -> str:
    if not lines:
        return "your items"
    first = lines[0].name
    rest = sum(ln.quantity for ln in lines) - lines[0].quantity
    if lines[0].quantity > 1:
        first = f"{lines[0].quantity} × {first}"
    return first if rest <= 0 else f"{first} and {rest} more item{'s' if rest > 1 else ''}"


def _order(facts: Facts) -> OrderFacts:
    if facts.order is None:
        raise ValueError("an order template needs order facts")
    return facts.order


def _shipments(event: Event, order: OrderFacts) -> tuple[ShipmentFact, ...]:
    wanted = event.data_text("tracking_number")
    chosen = tuple(s for s in order.shipments if wanted is None or s.tracking_number == wanted)
    return chosen or order.shipments


def _tracking_links(shipments: tuple[ShipmentFact, ...]) -> tuple[Link, ...]:
    links = []
    for s in shipments:
        url = tracking_url(s.carrier, s.tracking_number)
        if url:
            links.append(Link(f"Track with {s.carrier} ({s.tracking_number})", url))
    return tuple(links)


def _track_sentence(shipments: tuple[ShipmentFact, ...]) -> str:
    parts = []
    for s in shipments:
        url = tracking_url(s.carrier, s.tracking_number)
        where = f"track it here: {url}" if url else f"tracking number {s.tracking_number}"
        parts.append(f"{s.carrier} {s.service}, {where}")
    return "; ".join(parts)


def _date_from(event: Event, key: str) -> date | None:
    raw = event.data_text(key)
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def order_received(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    return Notice(
        kind="order_received",
        subject=f"We've got your order #{order.number}",
        text=(
            f"Hi {facts.recipient.first_name}, thanks for your order #{order.number} "
            f"({_items(order.lines)}). It usually ships within 2 business days, by "
            f"{day(order.ship_by)}, and we'll message you with tracking as soon as it leaves. "
            "Questions? Just reply to this message."
        ),
    )


def order_shipped(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    shipments = _shipments(event, order)
    hi = f"Hi {facts.recipient.first_name}, your order #{order.number} is on its way"
    if not shipments:
        text = f"{hi}. We'll send the tracking link as soon as the carrier scans it."
    else:
        lo_day = min(s.estimated_from for s in shipments)
        hi_day = max(s.estimated_to for s in shipments)
        window = (
            f"on {day(lo_day)}"
            if lo_day == hi_day
            else (f"between {day(lo_day)} and {day(hi_day)}")
        )
        text = (
            f"{hi} with {_track_sentence(shipments)}. It should arrive {window}. "
            "Questions about the delivery? Just reply to this message."
        )
    return Notice(
        kind="order_shipped",
        subject=f"Your order #{order.number} has shipped",
        text=text,
        links=_tracking_links(shipments),
    )


def out_for_delivery(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    if order.status == "delivered":
        return Suppressed("already_delivered")
    shipments = _shipments(event, order)
    arrives = _date_from(event, "estimated_delivery") or event.occurred_at.astimezone(ctx.tz).date()
    if arrives < ctx.send_day:
        return Suppressed("stale")
    when = relative_day(arrives, ctx.send_day)
    track = f" Follow it live: {_track_sentence(shipments)}." if shipments else ""
    return Notice(
        kind="out_for_delivery",
        subject=f"Your order #{order.number} arrives {when}",
        text=(
            f"Hi {facts.recipient.first_name}, your order #{order.number} is out for delivery "
            f"and arrives {when}.{track} Won't be home? Reply and we'll help."
        ),
        links=_tracking_links(shipments),
    )


def shipment_delayed(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    if order.status == "delivered":
        return Suppressed("already_delivered")
    shipments = _shipments(event, order)
    estimate = _date_from(event, "estimated_delivery") or (
        max(s.estimated_to for s in shipments) if shipments else None
    )
    reason = event.data_text("reason") or next(
        (s.last_note for s in shipments if s.last_note), None
    )
    why = f" The carrier reports: {reason.rstrip('.')}." if reason else ""
    new_date = f" It should now arrive by {day(estimate)}." if estimate else ""
    track = f" Track it here: {_track_sentence(shipments)}." if shipments else ""
    return Notice(
        kind="shipment_delayed",
        subject=f"Your order #{order.number} is running late",
        text=(
            f"Hi {facts.recipient.first_name}, sorry: your order #{order.number} is running "
            f"late.{why}{new_date}{track} Reply to this message if you need anything."
        ),
        links=_tracking_links(shipments),
    )


def _main_line(event: Event, order: OrderFacts) -> LineFact | None:
    if event.sku:
        match = next((ln for ln in order.lines if ln.sku == event.sku), None)
        if match is not None:
            return match
    return max(order.lines, key=lambda ln: ln.unit_price, default=None)


def setup_tips_notice(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    line = _main_line(event, order)
    if line is None:
        return Suppressed("nothing_to_say")
    tips = setup_tips(line, ctx.retriever, return_window_days=ctx.return_window_days)
    numbered = "\n".join(f"{i}. {tip.text}" for i, tip in enumerate(tips, start=1))
    sources: dict[str, str] = {}
    for tip in tips:
        if tip.source and tip.source not in sources:
            sources[tip.source] = tip.title or tip.source
    base = ctx.public_url.rstrip("/")
    return Notice(
        kind="setup_tips",
        subject=f"Three tips to get started with your {line.model}",
        text=(
            f"Hi {facts.recipient.first_name}, your {line.name} arrived about a week ago. "
            f"Three tips to get started:\n{numbered}\n"
            "Anything not working as expected? Reply to this message and we'll help."
        ),
        links=tuple(
            Link(title, f"{base}/documents/{quote(src)}") for src, title in sources.items()
        ),
        sku=line.sku,
    )


def renewal_upcoming(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    sub = facts.subscription
    if sub is None:
        raise ValueError("the renewal template needs subscription facts")
    renews = _date_from(event, "renewal_date") or sub.next_delivery_date
    if renews is None or renews < ctx.send_day:
        return Suppressed("stale")
    cutoff = renews - timedelta(days=ctx.change_cutoff_days)
    if cutoff >= ctx.send_day:
        skip = (
            f'Want to skip this one? Reply "skip" to this message, or go to {ctx.account_path}, '
            f"by 11:59 pm on {day(cutoff)}. Skipping costs nothing and your plan stays active."
        )
    else:
        skip = (
            "This delivery can no longer be skipped, but you can skip or pause the next one: "
            "just reply to this message."
        )
    return Notice(
        kind="renewal_upcoming",
        subject=f"Your {ctx.subscription_name} delivery renews on {day(renews)}",
        text=(
            f"Hi {facts.recipient.first_name}, your next {ctx.subscription_name} delivery "
            f"({sub.quantity} × {sub.product_model}, {sub.grind}, {sub.frequency_label}) is on "
            f"{day(renews)}, and we'll charge {usd(sub.price)} that day. {skip}"
        ),
        sku=sub.sku,
    )


def warranty_expiring(event: Event, facts: Facts, ctx: RenderContext) -> Notice | Suppressed:
    order = _order(facts)
    line = next((ln for ln in order.lines if ln.sku == event.sku), None)
    if line is None or line.warranty_months is None:
        return Suppressed("unknown_product")
    months = line.warranty_months
    if months == 0:
        return Suppressed("no_warranty")
    ends = _date_from(event, "ends_on")
    if ends is None:
        if order.delivered_at is None:
            return Suppressed("not_delivered")
        ends = add_months(order.delivered_at.astimezone(ctx.tz).date(), months) - timedelta(1)
    left = (ends - ctx.send_day).days
    if left < 0:
        return Suppressed("warranty_expired")
    when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
    return Notice(
        kind="warranty_expiring",
        subject=f"Your {line.model} warranty ends {when}",
        text=(
            f"Hi {facts.recipient.first_name}, the warranty on your {line.name} "
            f"(order #{order.number}) ends {when}, on {day(ends)}. If anything isn't working "
            "as it should, reply to this message before then and we'll help you start a claim."
        ),
        sku=line.sku,
    )


TEMPLATES: dict[EventType, Template] = {
    EventType.ORDER_PLACED: Template(order_received),
    EventType.ORDER_SHIPPED: Template(order_shipped),
    EventType.OUT_FOR_DELIVERY: Template(out_for_delivery),
    EventType.SHIPMENT_DELAYED: Template(shipment_delayed),
    EventType.ORDER_DELIVERED: Template(setup_tips_notice, timedelta(days=7)),
    EventType.RENEWAL_UPCOMING: Template(renewal_upcoming),
    EventType.WARRANTY_EXPIRING: Template(warranty_expiring),
}
