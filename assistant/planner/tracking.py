"""Tracking: where the customer's parcel is, from the carrier's events; an estimate that has
passed is said so, and a parcel marked delivered but not found gets the policy's steps, then a
claim once the store's waiting time has passed."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic, ShipmentPublic, TicketPublic
from assistant.planner import fmt
from assistant.planner.account_words import TAKEN, WORRIED, about_subscription
from assistant.planner.arrives_by import arrives_by
from assistant.planner.common import passages, policy_lines
from assistant.planner.kit import Step, call, one, say
from assistant.planner.next_delivery import next_delivery
from assistant.planner.orders import order_in_question
from assistant.planner.slots import Slots


def _tracking_text(order: OrderPublic, shipments: list[ShipmentPublic], step: Step) -> str:
    if not shipments:
        if order.status in ("placed", "processing"):
            w = order.ship_window
            when = f" It's expected to ship {fmt.window(w.start, w.end)}." if w else ""
            by = arrives_by(step, order)  # "will it make it to LA by saturday?"
            return (
                f"Order #{order.number} hasn't shipped yet (status: {order.status}), so "
                f"there's no tracking number yet.{when} You'll get an email with the "
                "tracking link as soon as it ships." + (f"\n\n{by}" if by else "")
            )
        if order.status == "cancelled":  # never shipped: nothing to track
            when = f" on {fmt.day(order.cancelled_at)}" if order.cancelled_at else ""
            return (
                f"Order #{order.number} was cancelled{when}, so it never shipped and has no "
                "tracking number. You were not charged for it."
            )
        return f"I don't have tracking details for order #{order.number}."
    out = []
    for s in shipments:
        last = s.events[-1] if s.events else None
        head = (
            f"Order #{order.number}: {_carrier(s.carrier, s.service)}, tracking number "
            f"{s.tracking_number} — {s.status.replace('_', ' ')}."
        )
        if last is not None:
            head += (
                f" Latest scan: {last.description}"
                f"{', ' + last.location if last.location else ''} "
                f"({fmt.day(last.at)}, {fmt.clock_time(last.at)})."
            )
        if s.delivered_at:
            head += f" Delivered {fmt.day(s.delivered_at)}."
        else:
            e = s.estimated_delivery
            today = step.ctx.now.astimezone(step.ctx.shop.tz).date()
            if s.status == "out_for_delivery":
                head += " It is out for delivery today."
            elif e.end < today:  # the estimate has passed and it is still on its way
                head += (
                    f" It was expected by {fmt.day(e.end)}, so it is running late; the "
                    "carrier has not given a new date yet."
                )
            else:
                head += f" Estimated delivery: {fmt.window(e.start, e.end)}."
        if s.delayed:
            head += " The carrier reported a delay, which is why the estimate moved."
        opened = _trace_asked(step, order.number)
        if s.stuck and opened is not None and not step.done.has("escalate_to_human"):
            head += (  # asked for earlier in the conversation: not asked again
                f" There has been no carrier scan for {s.days_since_last_event} days; our team "
                f"is opening a trace with the carrier (ticket {opened.ticket_number})."
            )
        elif s.stuck:
            head += (
                f" There has been no carrier scan for {s.days_since_last_event} days, so I'm "
                "asking our team to open a trace with the carrier."
            )
        out.append(head)
    return "\n".join(out)


def _trace_asked(step: Step, number: str) -> TicketPublic | None:
    """The hand-over of this order opened earlier in the conversation (a carrier trace): not
    opened again when the customer asks what happens now."""
    ticket = step.ctx.state.escalation
    return ticket if ticket is not None and ticket.order_number == number else None


def _the_plans_parcel(step: Step, slots: Slots) -> tuple[ModelTurn | None, Slots]:
    """ "my club bag says out for delivery, is it coming today?": the newest order of
    only what the subscription delivers, not an older one-off order of a coffee it names."""
    if slots.order_number or not step.ctx.state.verified:
        return None, slots
    if not about_subscription(step.ctx.text, step.ctx.shop):
        return None, slots
    orders = step.done.value("list_orders")
    if orders is None:
        return one("list_orders"), slots
    shop = step.ctx.shop
    plan = next(
        (o for o in orders if o.lines and all(shop.subscribable(ln.sku) for ln in o.lines)), None
    )
    return None, replace(slots, order_number=plan.number, skus=[]) if plan else slots


def tracking(step: Step, slots: Slots) -> ModelTurn:
    asked, slots = _the_plans_parcel(step, slots)
    if asked is not None:
        return asked
    pending, order = order_in_question(step, slots)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    outcome = step.done.get("track_order", order_number=order.number)
    if outcome is None and order.status not in ("placed", "processing"):
        return one("track_order", order_number=order.number)
    shipments = list(outcome.value) if outcome is not None and outcome.ok else []
    opened = _trace_asked(step, order.number)
    if (
        any(s.stuck for s in shipments)
        and not step.done.has("escalate_to_human")
        and opened is None
    ):
        stuck = next(s for s in shipments if s.stuck)
        return one(
            "escalate_to_human",
            reason="other",
            summary=f"Package for order #{order.number} ({stuck.carrier} "
            f"{stuck.tracking_number}) has had no scan for "
            f"{stuck.days_since_last_event} days: please open a carrier trace.",
        )
    text = _tracking_text(order, shipments, step)
    if order.status == "delivered" and _NOT_RECEIVED.search(step.ctx.text):
        return _delivered_not_received(step, order, text)
    cited: list[str] = []
    moving = [s for s in shipments if not s.delivered_at and (not s.stuck or opened)]
    if moving and WORRIED.search(step.ctx.text):  # "sitting in newark since sunday, worried?"
        # "…and its gone by the time i get back??": what to do if it is not there after all
        query = NOT_RECEIVED_Q if TAKEN.search(step.ctx.text) else NOT_UPDATING_Q
        pending, told, cited = policy_lines(step, query, k=2)
        if pending is not None:
            return pending
        text += f"\n\n{told}" if told else ""
    ticket = step.done.value("escalate_to_human")
    if ticket is not None:
        text += f" (Ticket {ticket.ticket_number}: {ticket.next_steps})"
    if _BOTH.search(step.ctx.text):  # "i have 2 packages coming… where are they both??"
        orders = step.done.value("list_orders")
        if orders is None:
            return one("list_orders")
        others = [o for o in orders if o.number != order.number and o.status == "shipped"]
        missing = [o for o in others if step.done.get("track_order", order_number=o.number) is None]
        if missing:
            return call(*(("track_order", {"order_number": o.number}) for o in missing))
        for other in others:
            found = step.done.get("track_order", order_number=other.number)
            parcels = list(found.value) if found is not None and found.ok else []
            text += f"\n\n{_tracking_text(other, parcels, step)}"
    elif _OTHER_ORDER.search(step.ctx.text):  # "…ordered more yesterday, has THAT one shipped?"
        orders = step.done.value("list_orders")
        if orders is None:
            return one("list_orders")
        newer = [o for o in orders if o.placed_at > order.placed_at]
        if newer:
            from assistant.planner.orders import order_summary

            latest = max(newer, key=lambda o: o.placed_at)
            text += f"\n\nYour newer order: {order_summary(latest, step)}"
    nextly = next_delivery(step, {line.sku for line in order.lines})  # "…and the next one?"
    return nextly if isinstance(nextly, ModelTurn) else say(text + nextly, cited)


NOT_UPDATING_Q = "tracking does not update, no movement, no new scan: when to contact us"


# the message asks about a second, newer order too ("the other one" may be the older one:
# "not that one, i mean the other one from jan 10")
_OTHER_ORDER = re.compile(
    r"\bordered (more|again|another|a second)\b|\bre-?order(ed)?\b(?! (somewhere|elsewhere|from))|"
    r"\b(second|2nd|newer|new) order\b|\bthe (second|newer|new) one\b",
    re.I,
)


# every parcel on its way: "i have 2 packages coming… where are they both?"
_BOTH = re.compile(
    r"\b(both|all (of )?(them|my (orders|packages|parcels))|(2|two|3|three) (packages|parcels|"
    r"orders|boxes) (coming|on (the|their) way)|each (of them|one))\b",
    re.I,
)


_NOT_RECEIVED = re.compile(
    r"\b(not|never|haven'?t|didn'?t|did not) (received|got|gotten|arrived|get)|nothing at|"
    r"\b(it|they|but it|but they|yet it) (never|didn'?t|did not) (came|come|show\w*|turn\w* up)|"
    r"\bnever (came|showed up|turned up|arrived)|"
    r"can'?t find|cannot find|isn'?t (here|there)|not (here|there)|missing|stolen|no package|"
    r"no box|wasn'?t there|(there'?s|there is) nothing (there|here)|nothing (there|here)\b",
    re.I,
)
NOT_RECEIVED_Q = "package marked delivered but not received"


def _delivered_not_received(step: Step, order: OrderPublic, text: str) -> ModelTurn:
    """Marked delivered, not there: the policy's steps; past the grace period, a claim."""
    if not step.done.has("search_documents", query=NOT_RECEIVED_Q):
        return one("search_documents", query=NOT_RECEIVED_Q, doc_type="policy", k=3)
    guide = next(iter(passages(step, NOT_RECEIVED_Q)), None)
    cited = [guide.chunk_id] if guide else []
    delivered = order.delivered_at
    hours = (step.ctx.now - delivered).total_seconds() / 3600 if delivered else 1e9
    grace = step.ctx.shop.policy.shipping.delivered_claim_after_hours
    if hours < grace:
        steps = f"\n\n{guide.text.strip()}" if guide else ""
        return say(
            f"{text}\n\nCarriers sometimes mark a package delivered a little early, so please "
            f"wait until {grace} hours after the delivery scan and check around "
            f"your home and with neighbours.{steps}\n\nIf it still hasn't turned up after that, "
            "tell me and I'll open a claim with the carrier.",
            cited,
        )
    if not step.done.has("escalate_to_human"):
        return one(
            "escalate_to_human",
            reason="other",
            summary=f"Order #{order.number} marked delivered "
            f"{fmt.day(delivered) if delivered else ''} but not received: please open a "
            f"carrier claim. Customer: {step.ctx.text}",
        )
    ticket = step.done.value("escalate_to_human")
    more = f" Ticket {ticket.ticket_number}: {ticket.next_steps}" if ticket else ""
    return say(
        f"{text}\n\nI'm sorry it hasn't arrived. It's been more than {grace} "
        f"hours since the delivery scan, so our team will open a claim with the carrier and "
        f"arrange a replacement or refund once it's reviewed.{more}",
        cited,
    )


def _carrier(carrier: str, service: str) -> str:
    """ "UPS Ground", not "UPS UPS Ground": a service named with its carrier stands alone."""
    if service.lower().startswith(carrier.lower()):
        return service
    return f"{carrier} {service}".strip()
