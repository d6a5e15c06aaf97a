"""The answers to several requests of one message, one after the other (``several.split``
queued them): each part kept, the next request narrowed to, and all joined in one reply. Only one
action can wait for confirmation at a time: a second action in the same message is listed back,
never dropped in silence and never proposed."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner.account_words import asks_plan_address
from assistant.planner.cutoff import asks_a_cutoff
from assistant.planner.kit import Step
from assistant.planner.plan_reading import PLAN_SIZE, about_the_plan
from assistant.planner.product_reading import SERIAL_ASKED, SERIAL_WHERE
from assistant.planner.reading import FOLLOW_UP_MAX_CONFIDENCE
from assistant.planner.request_kinds import ACTIONS
from assistant.planner.several import narrow
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots, extract_slots

# "the kestrel card i got with my z8": the second product only says which card
_QUALIFIES = re.compile(
    r"^\s*(that |which )?(i|we|she|he|they) (got|bought|ordered|use|have|had) "
    r"(with|for|in) (my|the|our|her|his|their)\s*$",
    re.I,
)
_PRONOUN = re.compile(r"\b(it|its|them|they|those|these|that one|this one)\b", re.I)


def clause_slots(ctx: TurnContext, slots: Slots, *, one_product: bool) -> None:
    """What one request of several lacks, the whole message may say: its order, e-mail, serial,
    and the product it means by a pronoun or by what it is."""
    whole = extract_slots(ctx.full_text, ctx.shop)
    slots.order_number = slots.order_number or whole.order_number
    slots.email = slots.email or whole.email
    slots.serial = slots.serial or whole.serial
    vocab = ctx.shop.vocabulary  # "About my headphones: 1. … the airplane screen…"
    kinds = vocab.by_kind_only(ctx.text)
    named = [s for s in whole.skus if s not in vocab.by_kind_only(ctx.full_text)]
    one = bool(whole.skus) and one_product  # "is that a warranty thing?"
    if not slots.skus and (one or _PRONOUN.search(ctx.text)):  # "how do I reset them?"
        # "i run a tiny coffee counter … got the new kettle": a brand's word after
        brand = vocab.by_brand_only(ctx.full_text)
        slots.skus = sorted(
            unqualified(ctx.shop, ctx.full_text, whole.skus), key=lambda s: s in brand
        )
    accessories = {  # an accessory named by its kind, of another brand than the one named
        s
        for s in kinds
        if ctx.shop.is_accessory(s) and not any(ctx.shop.same_brand(s, n) for n in named)
    }
    if named and slots.skus and set(slots.skus) <= accessories:
        slots.skus = named
    elif slots.skus and set(slots.skus) <= kinds:  # "2. the homely camera … 3. the camera"
        said = [s for s in named if s not in slots.skus and vocab.could_be(s, ctx.text)]
        slots.skus = said[:1] or slots.skus


def unqualified(shop: ShopView, text: str, skus: list[str]) -> list[str]:
    """``skus`` without those that only say which of another ("the card i got with my z8",
    "the little wireless remote i got for my camera")."""
    spans = shop.vocabulary.spans(text)
    said = {
        b[2] for a, b in pairwise(spans) if a[2] != b[2] and _QUALIFIES.match(text[a[1] : b[0]])
    }
    return [s for s in skus if s not in said] or skus


def advance(ctx: TurnContext, answered: ModelTurn, proposed: bool) -> bool:
    """Keep ``answered`` and narrow the turn to the next queued request (True), or False when
    none is left. A second action is listed back instead of being proposed."""
    ctx.parts.append((answered, proposed))
    while ctx.queue:
        clause = ctx.queue.pop(0)
        asked = asks_a_cutoff(clause.text, ctx.today)  # "…whats the deadline for saturday's"
        # "…and how do I make sure the ones after that go to the new place?": told where to
        asked = asked or asks_plan_address(clause.text, ctx.shop, ctx.full_text or ctx.text)
        # "…can you stop that one?": an order's cancellation may be one the rules refuse
        asked = asked or clause.intent is Intent.ORDER_CANCEL
        if clause.intent in ACTIONS and any(p for _, p in ctx.parts) and not asked:
            ctx.parts.append((ModelTurn(text=_one_at_a_time(clause.text)), False))
            continue
        if SERIAL_WHERE in ctx.notes and not SERIAL_ASKED.search(clause.text):
            ctx.notes.remove(SERIAL_WHERE)  # the serial's place was the part before's question
        narrow(ctx, clause)
        if PLAN_SIZE not in ctx.notes and about_the_plan(ctx, ctx.text, FOLLOW_UP_MAX_CONFIDENCE):
            ctx.notes.append(PLAN_SIZE)  # "…add a bag of the decaf, what will each cost then"
            ctx.intent = Intent.PRODUCT_QUESTION
        return True
    return False


def _one_at_a_time(text: str) -> str:
    return (
        f'You also asked: "{text}". One change at a time: once this one is settled, send that '
        "again and I'll take care of it."
    )


def held_back(ctx: TurnContext, turn: ModelTurn, proposed: int) -> ModelTurn:
    """``turn`` for a later request of the message, unless it would propose a second change
    while one already waits for the customer's yes ("swap my next bag to decaf… and can I send
    this one back?"): then the request is listed back, so that a yes answers one preview."""
    proposes = any(c.name.startswith("propose_") for c in turn.tool_calls or [])
    if ctx.parts and proposed and proposes:
        ctx.state.return_draft = None  # nothing put together for it waits either
        return ModelTurn(text=_one_at_a_time(ctx.text))
    return turn


def combined(ctx: TurnContext) -> ModelTurn:
    """The parts as one reply: answers first, a proposal waiting for "yes" last."""
    ordered = [t for t, p in ctx.parts if not p] + [t for t, p in ctx.parts if p]
    texts = dict.fromkeys(t.text.strip() for t in ordered if t.text and t.text.strip())
    text = "\n\n".join(_once_each(list(texts)))  # two parts that both ask to sign in ask once
    cited = list(dict.fromkeys(c for t in ordered for c in t.citation_ids))
    return ModelTurn(text=text, citation_ids=cited)


def proposals(step: Step) -> int:
    """The changes previewed so far this turn."""
    return sum(1 for o in step.done.outcomes if o.ok and o.call.name.startswith("propose_"))


def _core(paragraph: str) -> str:
    return re.sub(r"^i found ", "", paragraph.strip().lower())


def _once_each(texts: list[str]) -> list[str]:
    """The parts' paragraphs, less one that another paragraph says in full ("Your plan: …"
    before "Your plan: … Changes are possible until …" and "I found your plan: …")."""
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    cores = [_core(p) for p in paragraphs]
    kept: list[str] = []
    for i, p in enumerate(paragraphs):
        inside = any(
            j != i and cores[i] in cores[j] and (len(cores[j]) > len(cores[i]) or j < i)
            for j in range(len(paragraphs))
        )
        if not inside:
            kept.append(p)
    return kept
