"""Resolve what the customer is talking about: which product (mentioned, owned, or in focus),
which order, which subscription."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic, OwnedProduct, SubscriptionPublic
from assistant.intents import Intent
from assistant.planner.after_fix import NOTE as AFTER_FIX
from assistant.planner.asked_kinds import WARRANTY_WORD
from assistant.planner.common import passages
from assistant.planner.follow_ups import REREAD
from assistant.planner.in_focus import used_with_it, what_it_is_for
from assistant.planner.kit import Step, call
from assistant.planner.question_words import content_words
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots, extract_slots
from assistant.planner.told_lines import fix_did_not_hold, tells_its_light
from assistant.planner.vocabulary import head_noun, words

NEEDS_OWNED = "list_owned_products"


def owned_products(step: Step) -> list[OwnedProduct] | None:
    value = step.done.value(NEEDS_OWNED)
    return list(value) if value is not None else None


def needs_owned(step: Step) -> bool:
    """True when the customer is verified and we have not looked at what they own yet."""
    return step.ctx.state.verified and step.can(NEEDS_OWNED) and not step.done.has(NEEDS_OWNED)


_OTHER = re.compile(r"\b(the )?other (one|product|item)\b|\bthe other\b", re.I)


_THE_ONE_WITH = re.compile(
    r"\bthe (other |second )?one\b.{0,40}?\bwith (?=the|my|those|these|a|an)\b", re.I
)


def _the_one_with(step: Step, owned: Sequence[OwnedProduct], focus: str) -> str | None:
    """ "and the one i bought in december with the plugs?" after a question about a camera:
    the camera of that kind that came on an order with the plugs (that order now in focus)."""
    m = _THE_ONE_WITH.search(step.ctx.text)
    if m is None:
        return None
    shop = step.ctx.shop
    companions = set(shop.mentions(step.ctx.text[m.end() :]))
    orders = {o.order_number for o in owned if o.sku in companions}
    match = next(
        (
            o
            for o in owned
            if o.order_number in orders
            and o.sku not in companions
            and (o.sku == focus or shop.same_kind(o.sku, focus))
        ),
        None,
    )
    if match is None:
        return None
    step.ctx.state.focus_order = match.order_number
    return match.sku


def _alike(shop: ShopView, sku: str, owned: Sequence[str], text: str) -> list[str]:
    """Owned products other than ``sku`` that the noun naming ``sku`` also names: the same word
    or its short form ("camera" and "Cam") in their names."""
    item = shop.item(sku)
    head = head_noun(words(item.name)) if item is not None else None
    if head is None or not re.search(rf"\b{re.escape(head)}s?\b", text, re.I):
        return []
    return [
        mine
        for mine in dict.fromkeys(owned)
        if mine != sku
        and (own := shop.item(mine)) is not None
        and any(len(w) >= 3 and (head.startswith(w) or w.startswith(head)) for w in words(own.name))
    ]


def _tells_its_light(step: Step) -> bool:
    said = [m.text for m in step.ctx.state.messages if m.role == "assistant"][-1:]
    return bool(said) and tells_its_light(said[0], step.ctx.text)


def _part_after_its_fix(step: Step, slots: Slots) -> bool:
    """While a fault of the product in focus is worked on, or once the customer says its fix
    worked and asks on (``after_fix``), an accessory named only by what it is ("the sd card",
    "a 128gb one", "the battery") is a part of that product, not another product asked about."""
    shop, state = step.ctx.shop, step.ctx.state
    fixing = state.active_intent in (Intent.TROUBLESHOOTING, Intent.SETUP_HELP)
    by_kind = shop.vocabulary.by_kind_only(step.ctx.text)
    return (AFTER_FIX in step.ctx.notes or fixing) and all(
        shop.is_accessory(s) and s in by_kind for s in slots.skus
    )


def _part_of_its_fault(step: Step, slots: Slots) -> bool:
    """While a fault of the product in focus is worked on, an accessory named in telling that
    the fix did not hold ("i pulled the battery out twice, it comes back") is a part of it, not
    the product asked about."""
    during = (Intent.TROUBLESHOOTING, Intent.SETUP_HELP)
    return (
        step.ctx.state.active_intent in during
        and step.ctx.intent in during
        and fix_did_not_hold(step.ctx.text)
        and all(step.ctx.shop.is_accessory(s) for s in slots.skus)
    )


def _own_cover_asked(step: Step, slots: Slots, owned: list[str]) -> bool:
    """ "short version pls is the card covered or not" after the camera's card error: the card
    they own has its own warranty, which is asked."""
    return bool(WARRANTY_WORD.search(step.ctx.text)) and any(s in owned for s in slots.skus)


def resolve_sku(step: Step, slots: Slots) -> str | None:
    shop = step.ctx.shop
    owned = owned_products(step) or []
    owned_skus = [p.sku for p in owned]
    focus = step.ctx.state.focus_sku
    meant = next((n[6:] for n in step.ctx.notes if n.startswith("meant:")), None)
    if meant:  # "sorry i meant the case not the cushions": the question asked again about it
        return meant
    other = _OTHER.search(step.ctx.text) if focus else None
    if other is not None:  # "and the other one?": another owned product than the one in focus,
        # the one named after it ("camera is back! and the other one? the plugs…") if any
        named = shop.mentions(step.ctx.text[other.end() :]) if slots.skus else []
        mains = [p.sku for p in owned if not shop.is_accessory(p.sku)] or owned_skus
        others = [s for s in dict.fromkeys(named if slots.skus else mains) if s in owned_skus]
        others = [s for s in others if s != focus]
        if others:
            return others[0]
    if focus and (with_it := _the_one_with(step, owned, focus)) is not None:
        return with_it  # "and the one i bought in december with the plugs?"
    before = step.ctx.focus_before  # the product of the turns before, not of this one
    if before in owned_skus and _tells_its_light(step) and not _OTHER.search(step.ctx.text):
        return before  # "the camera is on. now there's no light at all": the remote's light
    if slots.skus:
        if before in owned_skus and before in slots.skus:  # "the camera was on, the remote…"
            return before  # named again beside another: still the one being talked about
        if before in owned_skus and _part_of_its_fault(step, slots):
            return before  # "i pulled the battery out twice": the camera's, in its fault
        if (
            focus
            and not _own_cover_asked(step, slots, owned_skus)
            and (
                _part_after_its_fix(step, slots)
                or what_it_is_for(step)
                or used_with_it(step, slots)
            )
        ):
            return focus  # "it connected!! did that reset delete the clips on the sd card?"
        for sku in slots.skus:
            if sku in owned_skus:
                return sku
        if focus in owned_skus and set(slots.skus) <= shop.vocabulary.by_a_part_word(
            step.ctx.text
        ):  # "…the little screen says E2" about their kettle: not the screen protector
            return focus
        if focus in owned_skus and set(slots.skus) <= shop.vocabulary.by_kind_only(
            step.ctx.text
        ):  # "…normal battery aging?" of their headphones: not the camera's spare battery
            return focus
        for match in (shop.same_product, shop.same_kind):  # the one of that kind they own
            for sku in slots.skus:
                for mine in owned_skus:
                    if match(sku, mine):
                        return mine
        alike = _alike(shop, slots.skus[0], owned_skus, step.ctx.text)
        if len(alike) == 1:  # "my new camera" from the owner of an Indoor Cam, not a Z8
            return alike[0]
        if step.ctx.intent is Intent.PRODUCT_QUESTION and set(slots.skus) <= set(
            shop.vocabulary.by_brand_only(step.ctx.text)
        ):  # "how much coffee for a 1 litre french press?": the brand's word, not its product
            return None
        return slots.skus[0]
    if step.ctx.state.focus_sku:
        return step.ctx.state.focus_sku
    main = [p for p in owned if not shop.is_accessory(p.sku)]
    distinct = list(dict.fromkeys(p.sku for p in main))
    if len(distinct) == 1:
        return distinct[0]
    if not distinct and len(set(owned_skus)) == 1:
        return owned_skus[0]
    return None


def orders_for(step: Step, sku: str) -> list[str]:
    """The orders ``sku`` came on: the order in focus first (the one the customer verified
    with or named: "the grinder from this order"), then the latest delivered."""
    mine = sorted(
        (o for o in owned_products(step) or [] if o.sku == sku),
        key=lambda o: -(o.delivered_at.timestamp() if o.delivered_at else 0.0),
    )
    numbers = list(dict.fromkeys(o.order_number for o in mine))
    focus = step.ctx.state.focus_order
    return sorted(numbers, key=lambda n: n != focus)


def elsewhere(step: Step, skus: Sequence[str], number: str) -> bool:
    """The products named (``skus``) all came on orders other than ``number``: a question
    about them is not about that order, though it is in focus."""
    if not skus:
        return False
    came_on = [orders_for(step, sku) for sku in skus]
    return all(found and number not in found for found in came_on)


def holds(order: OrderPublic, skus: Sequence[str], shop: ShopView, *, exact: bool = False) -> bool:
    """The order has one of ``skus``, or (unless ``exact``) a product of the same type ("my
    coffee order")."""

    def kind(sku: str) -> str | None:
        item = shop.item(sku)
        return item.product_type.lower() if item is not None and item.product_type else None

    if any(
        line.sku == sku or shop.same_product(line.sku, sku) for line in order.lines for sku in skus
    ):
        return True
    wanted = {kind(s) for s in skus} - {None}
    return not exact and any(kind(line.sku) in wanted for line in order.lines)


def held(order: OrderPublic, skus: Sequence[str], shop: ShopView) -> int:
    """How many of the named products (or products of their type) the order holds: "my camera
    and plug order" is the one that holds both."""
    return sum(holds(order, [s], shop) for s in set(skus))


def pick_order(
    orders: Sequence[OrderPublic], slots: Slots, focus: str | None, shop: ShopView | None = None
) -> OrderPublic | None:
    if not orders:
        return None
    if slots.placed is not None and shop is not None:  # "the one I ordered on January 15"
        placed = slots.placed
        orders = [o for o in orders if placed.matches(o.placed_at, shop.tz)] or orders
    if slots.order_number:
        for order in orders:
            if order.number == slots.order_number:
                return order
    holding = (  # the headphones' own order before the one with only their case
        [o for o in orders if holds(o, slots.skus, shop, exact=True)]
        or [o for o in orders if holds(o, slots.skus, shop)]
        if shop
        else [o for o in orders if any(line.sku in slots.skus for line in o.lines)]
    )
    if shop and len(set(slots.skus)) > 1 and holding:  # "my camera and plug order": both
        most = max(held(o, slots.skus, shop) for o in holding)
        holding = [o for o in holding if held(o, slots.skus, shop) == most]
    for order in holding or orders:  # "the other order, the one with the camera"
        if order.number == focus:
            return order
    return holding[0] if holding else orders[0]  # newest first


def pick_subscription(
    subs: Sequence[SubscriptionPublic], slots: Slots, focus: int | None
) -> SubscriptionPublic | None:
    live = [s for s in subs if s.status != "cancelled"] or list(subs)
    if focus is not None:
        for sub in live:
            if sub.id == focus:
                return sub
    if slots.skus:
        for sub in live:
            if sub.sku in slots.skus:
                return sub
    return live[0] if len(live) == 1 else (live[0] if live else None)


def resume_deferred(step: Step) -> Slots:
    """Verified just now: the turn becomes the question asked before verification, about the
    order whose number verified ("oops wrong number, its 47200"; "is my camera here?", then
    "number of order is 46550": that order). Its slots."""
    ctx, state = step.ctx, step.ctx.state
    ctx.intent, ctx.text = state.deferred_intent or ctx.intent, state.deferred_text or ctx.text
    ctx.confidence = max(ctx.confidence, 0.99)
    state.deferred_intent, state.deferred_text = None, None
    slots = extract_slots(ctx.text, ctx.shop)
    verified = step.done.get("verify_customer")
    number = str(verified.call.arguments.get("order_number") or "") if verified else ""
    if verified is not None and verified.ok and number:
        if slots.order_number:
            ctx.text = ctx.text.replace(slots.order_number, number)
        else:  # every step of the turn reads the number from the text
            ctx.text = f"{ctx.text} (order #{number})"
            ctx.notes.append(REREAD)  # the customer's own words are the number, not a repeat
        slots.order_number = number
    return slots


def documents_say_which(
    step: Step, slots: Slots, sku: str | None
) -> tuple[ModelTurn | None, str | None]:
    """Of several products named in the message (none of them owned), or of the owned ones its
    noun names, the one the best
    store-wide passage for the message is about: "the battery out of my Z8 … asks for the
    date" is the camera's; "the little remote for my Lumora camera … what battery" the
    remote's. ``sku`` (the first named) when the search says nothing else."""
    mine = [p.sku for p in owned_products(step) or []]
    if sku is None:
        return None, sku
    # "my new camera is pinging me… my cat": of the Z8 and the Indoor Cam they own, which
    # "swap batteries on my z8": the battery and the camera they own are both named
    shop = step.ctx.shop  # "the camera … the rs-2 remote": the remote's brand says which
    paired = any(s != sku and s in mine and shop.same_brand(s, sku) for s in slots.skus)
    alike = [] if paired else _alike(shop, sku, mine, step.ctx.text)
    candidates = [sku, *(s for s in slots.skus if s in mine), *alike] if sku in mine else slots.skus
    generic = only_as_a_kind(step.ctx.shop, step.ctx.text)
    if generic and sku not in generic:  # "does the remote need a battery": the remote's
        candidates = [s for s in candidates if s not in generic] or candidates
    if len(set(candidates)) < 2 or (
        sku == step.ctx.focus_before
        and sku in mine
        and (sku in slots.skus or _tells_its_light(step))
    ):
        return None, sku
    faulty = _the_faulty_one(step.ctx.shop, step.ctx.text, [s for s in candidates if s in mine])
    if faulty is not None:  # "the camera is offline… I buy it with the smart plug"
        return None, faulty
    # the message's own words, so that this search is never taken for the answer's search
    query = " ".join(content_words(step.ctx.text)) or step.ctx.text
    if not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "k": 3})), None
    # a document's introduction ("This guide covers the … 128 GB card") names its product
    # whatever is asked: the first section that is not one says which product is asked about
    top = next((p for p in passages(step, query) if p.section), None)
    return None, next((s for s in candidates if top is not None and s in top.skus), sku)


# "…is offline", "…keeps blinking red": a product's state that is a fault
_AT_FAULT = re.compile(
    r"\b(offline|off ?line|not working|(won'?t|doesn'?t|does not|will not|can'?t) (work|turn|"
    r"connect|charge|pair|start|power)\w*|stopped|dead|blinking|flashing|keeps \w+ing)\b",
    re.I,
)
_CLAUSE = re.compile(r"[.!?,;]\s+")


def _the_faulty_one(shop: ShopView, text: str, candidates: Sequence[str]) -> str | None:
    """Of several products named, the only one a clause names together with a fault ("since
    then the camera is offline, …"); the other is named aside ("…with the smart plug")."""
    faulty = {
        s
        for clause in _CLAUSE.split(text)
        if _AT_FAULT.search(clause)
        for s in set(shop.mentions(clause)) & set(candidates)
    }
    return next(iter(faulty)) if len(faulty) == 1 else None


_A_KIND = re.compile(r"\b(a|an|any|another|some|other)\s+$", re.I)


def only_as_a_kind(shop: ShopView, text: str) -> set[str]:
    """The products the message names only after "a", "any" or "another" ("…need a battery"):
    a thing of that kind, not the product the question is about."""
    spans = shop.vocabulary.spans(text)
    indefinite = {s for _, _, s in spans}
    for start, _, sku in spans:
        if not _A_KIND.search(text[max(0, start - 9) : start]):
            indefinite.discard(sku)
    return indefinite


def which_named(step: Step, slots: Slots, sku: str | None) -> tuple[ModelTurn | None, str | None]:
    """Of several products named ("a 128gb card… will it work in the indoor cam?"), the one
    the documents say the question is about; ``sku`` when one or none is named. With none in
    focus yet, what the customer owns is looked up first ("my z8 … the battery": theirs)."""
    if len(set(slots.skus)) < 2:
        return None, sku
    if used_with_it(step, slots):  # "…borrow the sd card from my camera bag?" for the cam
        return None, step.ctx.state.focus_sku
    if step.ctx.state.focus_sku is None and needs_owned(step):
        return call(("list_owned_products", {})), None
    return documents_say_which(step, slots, sku)


_ITEM_LEVEL = frozenset({Intent.RETURNS_REFUNDS, Intent.COMPLAINT})  # about items, not the order


def worth_below(step: Step, named: list[str]) -> bool:
    """A return or complaint about named items whose prices add up to less than the hand-over
    value: their worth, not the whole order's, is what a person would be there for."""
    shop = step.ctx.shop
    items = [shop.item(s) for s in named]
    return (
        step.ctx.intent in _ITEM_LEVEL
        and bool(items)
        and all(i is not None for i in items)
        and sum(i.price for i in items if i is not None) < shop.handover_value
    )
