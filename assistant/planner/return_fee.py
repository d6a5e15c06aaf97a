"""What a return costs and what comes back: "how much would I actually get back?", "is return
shipping free?", answered from the store's return reasons and fees (its policy file) and, when
the item is known, from the price paid for it on the customer's own order."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.agent.drafts import ReturnDraft
from assistant.agent.messages import ModelTurn, ToolOutcome
from assistant.commerce.schemas import OrderLinePublic, ReturnWindowPublic
from assistant.planner import fmt
from assistant.planner.asked_kinds import MONEY_BACK
from assistant.planner.common import escalate
from assistant.planner.kit import Step, one, say
from assistant.planner.return_words import NOT_WANTED, describes_fault
from assistant.store.policy_returns import Returns

_ASKS_FEE = re.compile(
    r"\b(return (shipping|postage|label) (cost|fee|free)|fees?|restocking|free returns?|"
    r"(cost|charge) (me |us )?(anything|something|to (return|send))|"
    r"pay (for|to) (the )?(send|return|ship)|pay (for )?(the )?return (shipping|postage|label)|"
    r"(do|will) (i|we|you) (get|refund) (the )?(full|whole|all)|full refund|money back|"
    r"(what|how much) (does|would|will|do) (that|it|this|a return|returning( (it|them))?) cost)\b",
    re.I,
)


def asks_cost(text: str) -> bool:
    """The message asks what a return costs or how much of the price comes back."""
    return bool(MONEY_BACK.search(text) or _ASKS_FEE.search(text))


def fee_line(returns: Returns, reason_code: str | None, line: OrderLinePublic | None) -> str | None:
    """The fee the store's rules charge for this reason (its default reason when the customer
    gave none), the reasons that cost nothing, and, for an item whose price is known, the
    amount that comes back; None when the store names no reasons."""
    reason = returns.reason(reason_code or returns.default_reason or "")
    if reason is None:
        return None
    fee = returns.fee(reason)
    free = [
        f'"{r.label}"'
        for r in returns.reasons
        if returns.fee(r) == 0 and r.code not in (reason.code, returns.exchange_reason)
    ]
    if fee == 0:
        text = f'There is no return shipping fee for a return because of "{reason.label}".'
    else:
        text = (
            f"A {fmt.money(fee)} return shipping fee is deducted from the refund for a return "
            f'because of "{reason.label}"'
        )
        text += f" (there is none for {fmt.either(free)})." if free else "."
    exchange = returns.reason(returns.exchange_reason or "")
    if exchange is not None and exchange is not reason and returns.fee(exchange) == 0:
        text += " An exchange for another size or colour is free."
    if line is not None and line.quantity == 1:
        back = max(Decimal("0"), line.unit_price - fee)
        text += (
            f" For your {line.name} ({fmt.money(line.unit_price)}), that is {fmt.money(back)} "
            "back, plus the tax you paid on it."
        )
    if returns.refund_business_days:
        low, high = returns.refund_business_days
        to = "store credit or " if returns.store_credit else ""
        text += (
            f" The refund goes to {to}your original payment method within {low}–{high} business "
            "days after the return is inspected."
        )
    return text


def reason_in(returns: Returns, text: str) -> str | None:
    """The store's return reason the customer's words name (the longest of its words found,
    not one turned down: "i don't want a different size")."""
    low = text.lower().replace("’", "'")
    found = [
        (len(word), reason.code)
        for reason in returns.reasons
        for word in reason.words
        for m in re.finditer(rf"\b{re.escape(word)}\b", low)
        if not NOT_WANTED.search(low[: m.start()])
    ]
    fault = describes_fault(text)
    ours = {r.code for r in returns.reasons if r.our_error}
    if fault and found and not any(code in ours for _, code in found):
        found = []  # "keeps showing E2… i don't want a repair, just send it back": the fault's
    if found:
        return max(found)[1]
    if fault:  # the reason whose own words tell of a fault
        faults = [(sum(describes_fault(w) for w in r.words), r.code) for r in returns.reasons]
        best = max(faults, default=(0, ""))
        return best[1] if best[0] else None
    return None


START_OFFER = "Shall I start it for you? Just say yes."


def window_line(window: ReturnWindowPublic, offer: bool = True) -> str:
    """Until when the customer's order can be returned; with ``offer``, the offer to start the
    return (or, once closed, to connect them with the team)."""
    if not window.open:
        return (
            f"The {window.window_days}-day return window for order #{window.order_number} "
            f"closed on {fmt.day(window.last_day)}."
            + (" I can connect you with our team if something is wrong with it." if offer else "")
        )
    return (
        f"Your order #{window.order_number} was delivered on {fmt.day(window.delivered_on)}, so "
        f"you have until {fmt.day(window.last_day)} ({window.window_days} days from delivery) to "
        "start a return." + (f" {START_OFFER}" if offer else "")
    )


_CAN_I_RETURN = re.compile(
    r"\b(can|could|may) (i|we) (still )?(return|send) (it|them|this|these|those)\b", re.I
)


def yes_until(step: Step, draft: ReturnDraft | None) -> ModelTurn | str:
    """ "…still nothing. can i return it?" answered by its preview: yes, until the window's
    last day (or the call that tells it); "" when not asked or not known."""
    number = draft.order_number if draft is not None else None
    if number is None or not _CAN_I_RETURN.search(step.ctx.full_text or step.ctx.text):
        return ""
    window = step.done.get("get_return_window", order_number=number)
    if window is None:
        return one("get_return_window", order_number=number)
    return f"Yes. {window_line(window.value, offer=False)}" if window.ok else ""


def terms_before_handover(
    step: Step, number: str | None, line: OrderLinePublic | None = None
) -> ModelTurn | None:
    """Before a return goes to a person: until when the order can be returned and what a
    refund brings back (the store's fee for the reason given), or the tool call that tells."""
    if number is None:
        return None
    window = step.done.get("get_return_window", order_number=number)
    if window is None:
        return one("get_return_window", order_number=number)
    if not window.ok or not window.value.open:
        return say(window_line(window.value, offer=False)) if window.ok else None
    rules = step.ctx.shop.policy.returns
    cost = fee_line(rules, reason_in(rules, step.ctx.text), line)
    return say(" ".join(t for t in (window_line(window.value, offer=False), cost) if t))


def warranty_instead(
    step: Step, window: ReturnWindowPublic, line: OrderLinePublic | None
) -> ModelTurn | str:
    """A closed window for an item whose fault the customer tells ("…shows a totally black
    picture at night now. can i just return it?"): its warranty, when it still runs, is what
    covers the fault; "" when not (or the call that tells it)."""
    if window.open or line is None:
        return ""
    covered = fault_covered(step, window.order_number, line.sku)
    if not isinstance(covered, str) or not covered:
        return covered
    return (
        f"The {window.window_days}-day return window for order #{window.order_number} closed on "
        f"{fmt.day(window.last_day)}, but {covered}"
    )


def fault_covered(step: Step, order_number: str, sku: str) -> ModelTurn | str:
    """ "a fault like this is what the warranty is for: …" when the message tells a fault and
    the item's warranty runs; "" when not (or the call that tells it)."""
    if not describes_fault(step.ctx.full_text or step.ctx.text):
        return ""
    got = step.done.get("get_warranty_coverage", order_number=order_number, sku=sku)
    if got is None:
        return one("get_warranty_coverage", order_number=order_number, sku=sku)
    cover = got.value if got.ok else None
    if cover is None or cover.status != "active" or cover.ends_on is None:
        return ""
    return (
        f"a fault like this is what the warranty is for: your {cover.product_name} has a "
        f"{fmt.term(cover.warranty_months)} warranty that runs until "
        f"{fmt.dated(cover.ends_on)}. If the troubleshooting steps don't fix it, I can pass it to "
        "our team as a warranty claim (repair or replacement)."
    )


def refused(step: Step, outcome: ToolOutcome, error: str | None = None) -> ModelTurn:
    """A return or exchange the store's rules refuse (``error``: the text to show, by default
    the outcome's own): handed to a person when the rules say one decides. A fault told after
    the window closed ("…dont come on anymore. can i send it back?") is the warranty's."""
    step.ctx.state.return_draft = None
    error = error if error is not None else outcome.error or ""
    items = outcome.call.arguments.get("items") or [{}]
    sku = items[0].get("sku") if isinstance(items, list) and isinstance(items[0], dict) else None
    if outcome.error_code == "return_window_closed" and sku:
        covered = fault_covered(step, str(outcome.call.arguments.get("order_number")), str(sku))
        if covered:
            own = outcome.error or ""  # the window's own words, not a refund worked out
            return covered if isinstance(covered, ModelTurn) else say(f"{own} But {covered}")
    if outcome.escalate:
        what = "Exchange request" if outcome.call.name == "propose_exchange" else "Return request"
        handed = escalate(step, "complex_return", f"{what}: {error} ({step.ctx.text})")
        if handed.is_final:
            handed.text = f"{error}\n\n{handed.text}"
        return handed
    return say(f"I can't set that up: {error}")


def closed_before_options(step: Step, order_number: str) -> ModelTurn | None:
    """ "is it too late to swap for a half size down?": an exchange asked after the order's
    return window closed is told so, before the size or colour it would take is asked; None
    while the window is open."""
    window = step.done.get("get_return_window", order_number=order_number)
    if window is None:
        return one("get_return_window", order_number=order_number)
    if window.ok and not window.value.open:
        return say(window_line(window.value))
    return None
