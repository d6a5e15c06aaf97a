"""Which order and which of its items a return or exchange is about: the order number given or
kept in the draft, else the delivered order that holds the products named (never another order's
items in their place), else the one in focus or the newest delivered; then the lines named, all
of them ("everything"), the only one, or the one in focus ("exchange them")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.agent.drafts import ReturnDraft
from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic
from assistant.planner import return_words as words
from assistant.planner.kit import Step, one, say
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots


def named_lines(shop: ShopView, named: Iterable[str], line_skus: Iterable[str]) -> list[str]:
    """The order's line SKUs that are one of the ``named`` products, in any variant (the
    customer says "the merino socks", the order holds the size M socks' SKU)."""
    wanted = list(named)
    return [s for s in dict.fromkeys(line_skus) if any(shop.same_product(w, s) for w in wanted)]


def return_order(
    step: Step, slots: Slots, draft: ReturnDraft
) -> tuple[ModelTurn | None, OrderPublic | None]:
    number = slots.order_number or draft.order_number
    if number:
        outcome = step.done.get("get_order", order_number=number)
        if outcome is None:
            return one("get_order", order_number=number), None
        if not outcome.ok:
            return say(f"I couldn't find order #{number} on your account."), None
        return None, outcome.value
    orders = step.done.value("list_orders")
    if orders is None:
        return one("list_orders"), None
    wanted = set(slots.skus or draft.skus)
    delivered = [o for o in orders if o.status in ("delivered", "returned")]
    having = [
        o for o in delivered if named_lines(step.ctx.shop, wanted, (ln.sku for ln in o.lines))
    ]
    if wanted and having:  # "my daughter's shoes (the navy ones, 8.5)": the order with those
        said = step.ctx.full_text or step.ctx.text
        asked = {v.lower() for v in (slots.size, slots.colour) if v}  # "for a 6.5": not theirs
        told = [_told_values(o, wanted, said, asked) for o in having]
        return None, having[told.index(max(told))]  # else the newest
    if wanted:  # never another order's items in its place
        names = ", ".join(step.ctx.shop.name(s) for s in sorted(wanted))
        coming = [  # "can i swap them once they come": the order still on its way
            o
            for o in orders
            if o.status in _ON_ITS_WAY
            and named_lines(step.ctx.shop, wanted, (n.sku for n in o.lines))
        ]
        if coming:
            days = step.ctx.shop.policy.returns.window_days
            return say(
                f"Your order #{coming[0].number} with the {names} hasn't been delivered yet "
                f"(status: {coming[0].status}). Once it arrives you have {days} days from "
                "delivery to return or exchange it: tell me then and I'll set it up."
            ), None
        return say(
            f"I don't see a delivered order with the {names} on your account. Could you send "
            "me the order number? It's in your confirmation email."
        ), None
    focus = step.ctx.state.focus_order
    for order in orders:
        if order.number == focus and order.status == "delivered":
            return None, order
    if delivered:
        return None, delivered[0]
    return say("I don't see a delivered order on your account to return."), None


_ON_ITS_WAY = frozenset({"placed", "processing", "shipped"})


def _told_values(order: OrderPublic, skus: set[str], text: str, asked: set[str]) -> int:
    """How many option values of the order's lines of ``skus`` the message says ("navy", "8.5")."""
    low = text.lower()

    def said(value: str) -> bool:  # "navy" says "navy blue"
        return any(
            re.search(rf"(?<![\w.]){re.escape(w)}(?!\w|\.\d)", low)
            for w in value.lower().split()
            if len(w) > 2 or w[:1].isdigit()
        )

    return sum(
        said(v)
        for line in order.lines
        if line.sku in skus
        for v in line.variant.values()
        if v.lower() not in asked
    )


def return_items(
    shop: ShopView,
    order: OrderPublic,
    slots: Slots,
    draft: ReturnDraft,
    text: str,
    focus: str | None,
) -> list[str]:
    skus = [ln.sku for ln in order.lines]
    if words.ALL.search(text):
        return list(dict.fromkeys(skus))
    kept = _kept(shop, text)  # "…send the camera back (they're keeping the plugs)"
    skus = [s for s in skus if s not in kept] or skus
    asked = words.asking_sentences(text)
    there = named_lines(shop, shop.mentions(asked), skus) if asked else []
    if there and set(draft.skus) <= set(there):  # "we got two blends and a grinder… can we send
        return there  # the strong blend back?": what the return's own sentence names
    named = named_lines(shop, [*slots.skus, *draft.skus], skus)
    offering = _offering(shop, skus, slots) if draft.kind == "exchange" else []
    # "the socks that came with my wife's velo 3s… swap them for medium": only the socks come
    # in medium; the shoes named are where the socks came from
    if named and offering and set(named) & set(offering):
        return [s for s in named if s in offering]
    if named and len(offering) == 1:
        return offering
    if named:
        return named
    if len(set(skus)) == 1:
        return skus[:1]
    if focus in skus and words.PRONOUN.search(text):  # "exchange them instead"
        return [focus] if focus else []
    return []


# "they're keeping the plugs", "I'll keep the socks": a product that stays, not sent back
_KEEPING = re.compile(
    r"\b(keep(ing|s)?|kept|hold(ing)? on to|hang(ing)? on to)\s+((the|my|our|their|both|those|"
    r"that|these|this)\s+)?(\w+\s+){0,2}\w+",
    re.I,
)


def _kept(shop: ShopView, text: str) -> set[str]:
    """The products named where the customer says they keep them."""
    return set(shop.mentions(" ".join(m.group(0) for m in _KEEPING.finditer(text))))


def _offering(shop: ShopView, skus: Iterable[str], slots: Slots) -> list[str]:
    """The order's lines whose product comes in every option value the exchange asks for."""
    wanted = [v.lower() for v in (slots.size, slots.colour) if v]
    if not wanted:
        return []
    found = []
    for sku in dict.fromkeys(skus):
        item = shop.item(sku)
        values = {v.lower() for vs in (item.options.values() if item else ()) for v in vs}
        if all(w in values for w in wanted):
            found.append(sku)
    return found


def which_instead(shop: ShopView, skus: list[str], asked: dict[str, str]) -> str:
    """The question after an exchange to the variant already owned: which value of the one
    option asked, instead, and the values the product comes in ("" when unclear)."""
    item = shop.item(skus[0]) if skus else None
    values = item.options.get(next(iter(asked)), ()) if item is not None and len(asked) == 1 else ()
    if not values:
        return ""
    return f"Which {next(iter(asked))} would you like instead? It comes in {', '.join(values)}."
