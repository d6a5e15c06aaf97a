"""Edits of an order that has not started processing, in conversation: "remove the socks",
"change the shoes to a size 9", "put it on my other card ending 4444". The store checks the
order's state and prices; the customer confirms the preview."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.proposals import render_preview
from assistant.commerce.schemas import OrderPublic
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.account_words import ADDS_ONE
from assistant.planner.asks_change import ADDRESS_CHANGE
from assistant.planner.common import escalate, passages
from assistant.planner.kit import Step, call, one, say
from assistant.planner.reading import FASTER_METHOD, asks_faster
from assistant.planner.return_words import asks_exchange
from assistant.planner.returns import returns_refunds
from assistant.planner.slots import Slots

_SHIPPING_SPEED = re.compile(
    rf"\b{FASTER_METHOD}\b|\bfaster (shipping|delivery)\b|"
    r"\bupgrade (the |my )?(shipping|delivery)\b",
    re.I,
)
_REMOVE = re.compile(
    r"\b(remove|take\b.{0,30}\b(off|out)|drop|delete|don'?t (want|need) the|without the)\b",
    re.I,
)
_PAYMENT = re.compile(
    r"\b(payment method|pay (with|using)|another card|other card|different card|"
    r"charge (it )?(to )?my|use my \w+ (card|instead)|card ending)\b",
    re.I,
)
_LAST4 = re.compile(r"\b(\d{4})\b")
_CHANGE = re.compile(r"\b(change|switch|swap|make (it|them)|instead|different|exchange)\b", re.I)
_TOOLS = ("propose_item_removal", "propose_item_change", "propose_payment_change")


def _line_skus(order: OrderPublic, slots: Slots) -> list[str]:
    skus = [ln.sku for ln in order.lines]
    named = [s for s in slots.skus if s in skus]
    if named:
        return named
    return skus[:1] if len(set(skus)) == 1 else []


def order_edit(step: Step, slots: Slots, order: OrderPublic) -> ModelTurn | None:
    """An item change, an item removal or a payment change asked for, else ``None``."""
    for name in _TOOLS:
        outcome = step.done.get(name)
        if outcome is None:
            continue
        if outcome.ok:
            return say(render_preview(outcome.value))
        if outcome.escalate:
            return escalate(
                step,
                "order_change_after_fulfilment",
                f"Order #{order.number}: {outcome.error} ({step.ctx.text})",
            )
        return say(f"I can't make that change to order #{order.number}: {outcome.error}")
    text = step.ctx.text
    if _PAYMENT.search(text):
        digits = _LAST4.findall(text.replace(order.number, " "))
        if not digits:
            return say(
                f"Order #{order.number} is paid with {order.payment.display}. Which card on "
                "file should it be charged to instead? Tell me its last four digits."
            )
        return one("propose_payment_change", order_number=order.number, last4=digits[-1])
    skus = _line_skus(order, slots)
    if _REMOVE.search(text) and slots.skus and not set(slots.skus) & {ln.sku for ln in order.lines}:
        items = ", ".join(ln.name for ln in order.lines)
        return say(f"Order #{order.number} doesn't include that item; it has: {items}.")
    if _REMOVE.search(text) and skus:
        return one("propose_item_removal", order_number=order.number, sku=skus[0])
    options = {k: v for k, v in (("size", slots.size), ("colour", slots.colour)) if v}
    if options and skus and _CHANGE.search(text):
        return one(
            "propose_item_change", order_number=order.number, sku=skus[0], new_options=options
        )
    return None


_ADDRESS = re.compile(
    r"\b(address|adress|apartment|apt|unit|suite|zip|street|ship (it )?to|deliver (it )?to)\b", re.I
)


def too_late_to_add(step: Step, order: OrderPublic, adding: bool) -> ModelTurn | None:
    """Items asked to be added ("can I add a third bag?") to an order past the states in which
    it can still change: said so, no hand-over (nobody can add them)."""
    editable = step.ctx.shop.policy.orders.editable_states
    text = step.ctx.text
    if order.status in editable or not (adding or ADDS_ONE.search(text)) or _ADDRESS.search(text):
        return None  # "can you add an apartment number to the address?": the address's change
    return say(
        f"Order #{order.number} is already {order.status}, so items can't be added to it any "
        f"more (only while it is {fmt.either(list(editable))}). You can place a separate order "
        "for them."
    )


def past_editing(step: Step, order: OrderPublic, adding: bool, slots: Slots) -> ModelTurn | None:
    """A change asked of an order past editing that is something else: items to add (said to
    be too late) or, once delivered, another size or colour ("could i swap them for an 11 in
    coral?"), which is an exchange for the returns desk, not a hand-over."""
    late = too_late_to_add(step, order, adding)
    if late is not None or order.status != "delivered" or not (slots.size or slots.colour):
        return late
    if not asks_exchange(step.ctx.text):
        return None
    step.ctx.intent = Intent.RETURNS_REFUNDS
    return returns_refunds(step, slots)


RULE_SUPPORTED = 0.5  # a policy line about the method and the stage, or the policy's answer


def speed_change(
    step: Step, slots: Slots, order: OrderPublic, changeable: tuple[str, ...]
) -> ModelTurn | None:
    """ "can I switch it to express?": no tool changes the method; the policy says when, also of
    an order already on its way ("bump it to express so it's here before the weekend")."""
    text = step.ctx.text
    if not _SHIPPING_SPEED.search(text) or step.done.has("propose_address_change"):
        return None
    if ADDRESS_CHANGE.search(text) and not asks_faster(text):
        return None  # "the camera i ordered with express… can you send it to her place?"
    from assistant.planner.answered import answer_text
    from assistant.planner.policies import policy_question
    from assistant.planner.questions import answer_from, search_call

    # the rule for this order's stage, in the store's own words
    asked = f"change an order to a faster shipping method such as Express once it is {order.status}"
    if not step.done.has("search_documents", query=asked):
        return call(search_call(asked, doc_type="policy"))
    rule = answer_from(step, asked, passages(step, asked))
    answered = (
        say(answer_text(rule), [rule.passage.chunk_id])
        if rule is not None and rule.support >= RULE_SUPPORTED
        else policy_question(step, slots)
    )
    if answered.is_final and answered.text:
        where = (
            f"is {order.status}"
            if order.status in changeable
            else f"is {order.status}: it has already shipped, so its shipping can't be changed now"
        )
        answered.text = f"Order #{order.number} {where}.\n\n{answered.text}"
    return answered


def not_redirectable(step: Step, order: OrderPublic) -> ModelTurn | None:
    """A shipped parcel whose carrier the store cannot ask to redirect (its policy's list): said
    plainly, with no hand-over that could not help; None when a person may try."""
    carriers = step.ctx.shop.policy.shipping.redirect_carriers
    if carriers is None or order.status != "shipped":
        return None
    outcome = step.done.get("track_order", order_number=order.number)
    if outcome is None:
        return one("track_order", order_number=order.number)
    shipments = list(outcome.value) if outcome.ok else []
    allowed = {c.lower() for c in carriers}
    stuck = sorted({s.carrier for s in shipments if s.carrier.lower() not in allowed})
    if not shipments or len(stuck) != len({s.carrier for s in shipments}):
        return None
    window = order.estimated_delivery
    when = f" It's due {fmt.window(window.start, window.end)}." if window else ""
    carrier = " and ".join(stuck)
    return say(
        f"Order #{order.number} has shipped with {carrier}, and {carrier} packages can't be "
        f"redirected by us, so it will go to the address on the order.{when}"
    )
