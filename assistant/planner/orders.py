"""Handlers for orders: status, receipt, changes, cancellation, tracking."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic, Preview
from assistant.planner import fmt
from assistant.planner.account_words import ADD_TO_ORDER, asks_plan_address
from assistant.planner.addresses import (
    COUNTRY_NAMES,
    countries_text,
    foreign_address,
    parse_address,
)
from assistant.planner.common import escalate, general_receipt_question, passages, verification_gate
from assistant.planner.kit import Step, call, one, say
from assistant.planner.next_delivery import next_delivery
from assistant.planner.order_edits import (
    not_redirectable,
    order_edit,
    past_editing,
    speed_change,
)
from assistant.planner.resolve import held, pick_order
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots

_OTHER_ORDER = re.compile(r"\b(the )?other (order|one|package|parcel|shipment)\b", re.I)
WHY_A_FEE = re.compile(
    r"\bwhy\b[^?!]{0,50}\b(charg\w*|pa(y|id)|fee|cost)\b[^?!]{0,30}\b(shipping|delivery|postage)\b|"
    r"\b(shipping|delivery)\b[^?.!]{0,50}\b(thought|supposed)\b[^?.!]{0,40}\bfree\b",
    re.I,
)
EMAIL_QUERY = "order confirmation email not received spam folder resend"


def _described(order: OrderPublic, slots: Slots, shop: ShopView) -> bool:
    """The order holds the products the message names (each of them: "my camera and plug
    order") and was placed when it says."""
    return held(order, slots.skus, shop) == len(set(slots.skus)) and (
        slots.placed is None or slots.placed.matches(order.placed_at, shop.tz)
    )


def order_in_question(step: Step, slots: Slots) -> tuple[ModelTurn | None, OrderPublic | None]:
    """Find the order being discussed: a number given, the one in focus, or the newest."""
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate, None
    state = step.ctx.state
    number = slots.order_number or state.focus_order
    other = bool(_OTHER_ORDER.search(step.ctx.text)) and not slots.order_number
    # "the other one": other than the order in focus when the turn began (it is set below)
    before = next((n[6:] for n in step.ctx.notes if n.startswith("other:")), None)
    if other and before is None and state.focus_order:
        before = state.focus_order
        step.ctx.notes.append(f"other:{before}")
    if number and other:
        number = None  # "and the other order?": not the one in focus
    if number and not slots.order_number and (slots.skus or slots.placed):
        focus = step.done.get("get_order", order_number=number)
        if focus is None:
            return one("get_order", order_number=number), None
        if focus.ok and not _described(focus.value, slots, step.ctx.shop):
            number = None  # "the one with the camera", "my december order": not the one in focus
    if number:
        outcome = step.done.get("get_order", order_number=number)
        if outcome is None:
            return one("get_order", order_number=number), None
        if not outcome.ok:
            return say(
                f"I couldn't find order #{number} on your account. Could you check the "
                "number? You can find it in the confirmation email or under Orders in "
                "your account."
            ), None
        order: OrderPublic = outcome.value
    else:
        orders = step.done.value("list_orders")
        if orders is None:
            return one("list_orders"), None
        if other and before:
            orders = [o for o in orders if o.number != before] or orders
        picked = pick_order(orders, slots, None, step.ctx.shop)
        if picked is None:
            return say("I don't see any orders on your account yet."), None
        order = picked
    state.focus_order = order.number
    return None, order


def _lines(order: OrderPublic) -> list[str]:
    out = []
    for line in order.lines:
        variant = ", ".join(f"{k} {v}" if k == "size" else v for k, v in line.variant.items())
        qty = f"{line.quantity} × " if line.quantity > 1 else ""
        out.append(
            f"{qty}{line.name}{' (' + variant + ')' if variant else ''} — "
            f"{fmt.money(line.line_total)}"
        )
    return out


def ship_to(order: OrderPublic) -> str:
    """Chat shows only city, state and ZIP of an address (customer-support policy)."""
    a = order.shipping_address
    return f"{a.city}, {a.region} {a.postal_code}"


def order_summary(order: OrderPublic, step: Step) -> str:
    now = step.ctx.now
    parts = [
        f"Order #{order.number} was placed {fmt.ago(order.placed_at, now)} "
        f"({fmt.day(order.placed_at)}, {fmt.clock_time(order.placed_at)}) and its status is "
        f"**{order.status}**. Total {fmt.money(order.total)} (items "
        f"{fmt.money(order.subtotal)}, shipping {fmt.money(order.shipping)}, tax "
        f"{fmt.money(order.tax)}), paid with {order.payment.display}:",
        fmt.bullets(_lines(order)),
    ]
    if order.status in ("placed", "processing") and order.ship_window:
        w = order.ship_window
        eta = order.estimated_delivery
        lo, hi = step.ctx.shop.policy.shipping.handling_business_days
        days = f"{lo}–{hi}" if lo != hi else f"{hi}"
        parts.append(
            f"It ships within {days} business day{'s' if hi != 1 else ''} "
            f"({fmt.window(w.start, w.end)})"
            + (f" and should arrive {fmt.window(eta.start, eta.end)}" if eta else "")
            + f" by {order.shipping_method} shipping to {ship_to(order)}."
        )
    elif order.status == "shipped" and order.estimated_delivery:
        e = order.estimated_delivery
        parts.append(
            f"It shipped on {fmt.day(order.shipped_at or order.placed_at)} and should "
            f"arrive {fmt.window(e.start, e.end)} at {ship_to(order)}."
        )
    elif order.status == "delivered" and order.delivered_at:
        parts.append(f"It was delivered on {fmt.day(order.delivered_at)} to {ship_to(order)}.")
    if order.status in ("shipped", "delivered") and order.tracking_numbers:
        parts[-1] += f" Tracking number: {', '.join(order.tracking_numbers)}."
    elif order.status == "cancelled":
        parts.append("It was cancelled; you were not charged for it.")
    return "\n".join(parts)


def order_status(step: Step, slots: Slots) -> ModelTurn:
    pending, order = order_in_question(step, slots)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    wants_email = slots.mentions_email
    if wants_email and not step.done.has("search_documents", query=EMAIL_QUERY):
        first: list[tuple[str, dict[str, object]]] = [
            ("search_documents", {"query": EMAIL_QUERY, "doc_type": "policy", "k": 3})
        ]
        if step.can("propose_resend_confirmation") and order.status != "cancelled":
            first.append(("propose_resend_confirmation", {"order_number": order.number}))
        return call(*first)
    why_fee = bool(WHY_A_FEE.search(step.ctx.text))  # "why was I charged 5.99 shipping?"
    if why_fee and not step.done.has("search_documents", query=step.ctx.text):
        return one("search_documents", query=step.ctx.text, doc_type="policy", k=4)
    if order.status == "cancelled" and _STILL_CHARGED.search(step.ctx.text):
        # "its not pending tho, it posted and its still there": a charge the record says was
        # never taken, told as taken: a billing specialist's to look into
        return escalate(
            step,
            "billing_dispute",
            f"Order #{order.number} was cancelled but the customer reports the charge posted: "
            f"{step.ctx.text}",
        )
    text = order_summary(order, step)
    if order.status in ("placed", "processing"):
        text = f"Yes — your order went through. {text}"
    cited: list[str] = []
    if why_fee:
        from assistant.planner.answered import answer_text
        from assistant.planner.questions import answer_from

        rule = answer_from(step, step.ctx.text, passages(step, step.ctx.text))
        if rule is not None:
            text += "\n\n" + answer_text(rule)
            cited += rule.chunk_ids
    if wants_email:
        found = passages(step, EMAIL_QUERY)
        email_passage = next((p for p in found if "spam" in p.text.lower()), None)
        support = step.ctx.shop.policy.support
        sender, minutes = support.orders_email, support.confirmation_email_minutes
        text += (
            "\n\nAbout the email: confirmations are sent "
            + (f"from {support.orders_email} " if sender else "")
            + (
                f"within about {minutes} minutes of placing an order"
                if minutes
                else "shortly after an order is placed"
            )
            + ", so it can take a few minutes; "
            "please also check your spam or promotions folder."
        )
        if email_passage is not None:
            cited.append(email_passage.chunk_id)
        preview = step.done.value("propose_resend_confirmation")
        if isinstance(preview, Preview):
            text += (
                f" Would you like me to resend the confirmation to {fmt.mask_email(order.email)}"
                '? Just reply "yes".'
            )
    nextly = next_delivery(step, {line.sku for line in order.lines})  # "…and the next one?"
    return nextly if isinstance(nextly, ModelTurn) else say(text + nextly, cited)


def receipt(step: Step, slots: Slots) -> ModelTurn:
    """Resend an order's confirmation (the receipt); a general question about receipts from a
    customer not yet verified is answered from the policy first, with the resend offered."""
    if general_receipt_question(step, slots):
        from assistant.planner.policies import policy_question

        answered = policy_question(step, slots)
        if answered.is_final and answered.text and answered.citation_ids:
            answered.text += (
                "\n\nIf you send me the order number and the email on the order, I can resend "
                "its confirmation too."
            )
        return answered
    pending, order = order_in_question(step, slots)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    if not step.done.has("propose_resend_confirmation"):
        return one("propose_resend_confirmation", order_number=order.number)
    outcome = step.done.get("propose_resend_confirmation")
    if outcome is not None and not outcome.ok:
        return say(f"I can't resend it right now: {outcome.error}")
    return say(
        f"I can resend the order confirmation (your receipt) for order #{order.number}, "
        f"{fmt.money(order.total)}, to {fmt.mask_email(order.email)} — the email on the "
        'order. Shall I send it? Reply "yes" to confirm.'
    )


_STILL_CHARGED = re.compile(
    r"\b(it|the charge|the money|that) (has )?(posted|went through)|not pending|"
    r"\bstill (there|on (my|the) (card|statement|account))|never (got|came) (it |back)|"
    r"(took|taken) the money\b",
    re.I,
)
_WHERE_IT_GOES = re.compile(
    r"\b(address|adress|(ship(ped)?|deliver(ed)?|send it) to|moved)\b", re.I
)
_SWAPPING = re.compile(r"\b(instead|rather than|swap|switch|exchange)\b", re.I)


def order_change(step: Step, slots: Slots) -> ModelTurn:
    # "throw a pack of socks onto my order from this morning": the socks added, not its order
    ctx = step.ctx
    adding = ADD_TO_ORDER.search(ctx.text) is not None and not _SWAPPING.search(ctx.text)
    if slots.order_number is None and asks_plan_address(ctx.text, ctx.shop, ctx.full_text):
        from assistant.planner.plan_address import address_change  # the plan's, not an order's

        return address_change(step, slots)
    pending, order = order_in_question(step, replace(slots, skus=[]) if adding else slots)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    rules = ctx.shop.policy.orders
    if (late := past_editing(step, order, adding, slots)) is not None:  # "…add a third bag?"
        return late
    changeable = (*rules.address_change_states, *rules.editable_states)
    if (faster := speed_change(step, slots, order, changeable)) is not None:
        return faster  # "can I switch it to express?"
    if order.status == "delivered" and not _WHERE_IT_GOES.search(ctx.text):
        # "…she want the black one. is it still possible to change?": exchanged or returned
        from assistant.intents import Intent
        from assistant.planner.returns import returns_refunds

        ctx.intent = Intent.RETURNS_REFUNDS
        return returns_refunds(step, slots)
    if order.status not in changeable:
        if (fixed := not_redirectable(step, order)) is not None:  # "…my neighbor's instead?"
            return fixed
        return escalate(
            step,
            "order_change_after_fulfilment",
            f"Customer asks to change order #{order.number}, which is already "
            f"{order.status}: {ctx.text}",
        )
    text = ctx.text.lower()
    state = ctx.state
    new_address = parse_address(ctx.text)
    countries = ctx.shop.policy.shipping.countries
    abroad = foreign_address(ctx.text, countries) if new_address is None else None
    if abroad is not None:  # never ask again for an address we cannot deliver to
        where = countries_text(countries)
        return say(
            f"I'm sorry, we only deliver to addresses in {where}, so I can't send order "
            f"#{order.number} to {COUNTRY_NAMES.get(abroad, 'that address')}. If you have an "
            f"address in {where}, send it and I'll change it for you."
        )
    if new_address is not None and step.can("propose_address_change"):
        state.awaiting_address = None
        outcome = step.done.get("propose_address_change")
        if outcome is None:
            if not new_address["name"]:
                new_address["name"] = order.shipping_address.name
            return one("propose_address_change", order_number=order.number, address=new_address)
        if not outcome.ok:
            if outcome.escalate:
                return escalate(
                    step,
                    "order_change_after_fulfilment",
                    f"Address change for order #{order.number}: {outcome.error}",
                )
            return say(f"I can't change the address of order #{order.number}: {outcome.error}")
        address_preview: Preview = outcome.value
        return say(
            f'{address_preview.summary}\n\nShall I make this change? Reply "yes" to '
            'confirm or "no" to keep the current address.'
        )
    wants_address = bool(_WHERE_IT_GOES.search(text))
    edit = None if wants_address or adding else order_edit(step, slots, order)
    if edit is not None:  # another size or colour, an item removed, another card on file
        return edit
    if not wants_address and slots.skus and step.can("propose_add_items"):
        if order.status not in rules.editable_states:  # too late to add: say so, and how
            can_move = order.status in rules.address_change_states
            return say(
                f"Order #{order.number} is already {order.status}, so I can't add items to "
                f"it any more (items can be added while an order is "
                f"{' or '.join(rules.editable_states)}). Please place a separate order for "
                "them."
                + (
                    " I can still change the order's delivery address until it ships."
                    if can_move
                    else ""
                )
            )
        outcome = step.done.get("propose_add_items")
        if outcome is None:
            variant = {k: v for k, v in (("size", slots.size), ("colour", slots.colour)) if v}
            items: list[dict[str, object]] = []
            for sku in slots.skus:  # every product named, never only the first
                item: dict[str, object] = {"sku": sku, "quantity": 1}
                if variant and len(slots.skus) == 1:
                    item["variant"] = variant
                items.append(item)
            return one("propose_add_items", order_number=order.number, items=items)
        if not outcome.ok:
            return say(f"I can't add that to order #{order.number}: {outcome.error}")
        preview: Preview = outcome.value
        return say(f'{preview.summary}\n\nShall I add it? Reply "yes" to confirm.')
    if wants_address:
        state.awaiting_address = order.number
        return say(
            f"Order #{order.number} hasn't shipped yet, so I can change the delivery "
            f"address (currently {ship_to(order)}). Please send the full new address: "
            "name, street, apartment (if any), city, state and ZIP code."
        )
    return say(
        f"Order #{order.number} is still {order.status}. I can add items (while it is "
        f"{' or '.join(rules.editable_states)}) or change the delivery address (until it "
        "ships). What would you like to change?"
    )
