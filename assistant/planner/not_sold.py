""" "ok where do i get one of those cards?", "do you guys sell the cfexpress ones?": when the
store's compatibility sheets list the thing asked for with no product of the store's catalogue
(a row with no accessory SKU, "microSD card … (not sold by <store>)"), the reply says plainly
that the store does not sell it, with what the sheet says about it, instead of a guess at a
product or a question back. A thing the catalogue sells is left to the answer that prices it."""

from __future__ import annotations

import re

from assistant.agent.clauses import split_clauses
from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner.common import passages, source_label
from assistant.planner.for_sale import SELL
from assistant.planner.kit import Step, call, say
from assistant.planner.question_words import GENERIC
from assistant.planner.resolve import needs_owned, owned_products
from assistant.planner.scenes import asks
from assistant.retrieval.bm25 import STOPWORDS, stem, tokenize

_ASKED_OF = frozenset(
    {
        Intent.PRODUCT_QUESTION,
        Intent.ACCESSORIES,
        Intent.OUT_OF_SCOPE,
        Intent.SETUP_HELP,
        Intent.TROUBLESHOOTING,
    }
)
# words that point at the thing without naming it ("one of those", "them", "you guys")
_POINTING = frozenset(
    "one ones those these them they that this some any thing things stuff guys ok okay so "
    "just also too then here online store shop buy order get sell carry stock offer have "
    "where which what y'all u new replacement spare not no if".split()
)
_CLAUSE_END = re.compile(r"[?.!,;]|\b(?:and|or|so|because|for)\b", re.I)
_IT = re.compile(r"\b(it|them|those|these|one|ones)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9][\w-]*")
_ASIDE = re.compile(r"\s*\([^)]*\)")  # "(not sold by <store>)": said in the reply's own words
SEARCH_K = 8
_SURE = 0.6  # a message routed this surely to another request asks that, not where to buy


def not_sold(step: Step) -> ModelTurn | None:
    """The reply that the store does not sell the thing the message asks where to get, with
    the sheet's row for it; None when the message asks no such thing or asks something else
    too (the answer to it then ends with :func:`not_sold_line`), the catalogue names it, or no
    sheet lists it."""
    ctx = step.ctx
    sell = SELL.search(ctx.text)
    if sell is None or (ctx.intent not in _ASKED_OF and ctx.confidence >= _SURE):
        return None
    if any(sell.group(0) not in c and asks(c) for c in split_clauses(ctx.text)):
        return None  # "…where do i get one of those cards? can i just borrow the sd card…"
    found = _row(step, sell)
    return _reply(step, found) if isinstance(found, PassageOut) else found


def not_sold_line(step: Step) -> ModelTurn | tuple[str, str] | None:
    """After an answer, the line that the store does not sell the thing the message asks where
    to get (its text and chunk), the search for it first, or None."""
    sell = SELL.search(step.ctx.text)
    found = _row(step, sell) if sell is not None else None
    if not isinstance(found, PassageOut):
        return found
    return _said(step, found), found.chunk_id


def _row(step: Step, sell: re.Match[str]) -> ModelTurn | PassageOut | None:
    """The sheet row for what is asked after ``sell`` that the store does not sell, the call
    that finds it first, or None."""
    ctx = step.ctx
    # "what battery do i buy": named inside the words that ask; "…get one of those cards": after
    tail = sell.group(0) + _CLAUSE_END.split(ctx.text[sell.end() :], maxsplit=1)[0]
    asked = _named(tail)
    if not asked and _IT.search(tail):  # "…one of those cfexpress ones, do you guys sell
        # them?": named in the clause before
        before = [c for c in _CLAUSE_END.split(ctx.text[: sell.start()]) if c and c.strip()]
        tail = before[-1] if before else ""
        asked = _named(tail)
    if not asked:
        return None
    if needs_owned(step):  # what the customer owns is no product to sell them
        return call(("list_owned_products", {}))
    if _sold_here(step, ctx.text):  # "…ear pads… which replacement do i buy": the catalogue's
        return None
    focus = ctx.state.focus_sku
    named = " ".join(asked)
    # the product in focus's own sheet first, then every sheet (a card that fits the camera,
    # asked about after the card's own guide)
    queries = [(f"{named} not sold", focus), (f"{named}: not sold by {ctx.shop.store_name}", None)]
    for query, sku in queries if focus else queries[1:]:
        args: dict[str, object] = {"query": query, "k": SEARCH_K}
        if sku:
            args["product_sku"] = sku
        if not step.done.has("search_documents", **args):
            return call(("search_documents", args))
        row = _best_row(passages(step, query), asked, _theirs(step))
        if row is not None:
            return row
    return None


def _theirs(step: Step) -> set[str]:
    """The products whose sheets may answer: the customer's, the one in focus, the ones the
    message names (not a kettle's vinegar for "…replacement ones in white")."""
    owned = {p.sku for p in owned_products(step) or []}
    focus = step.ctx.state.focus_sku
    return owned | ({focus} if focus else set()) | set(step.ctx.shop.mentions(step.ctx.text))


def _named(text: str) -> list[str]:
    """The words that name the thing, as typed ("cfexpress", "cards")."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [
        w
        for w in dict.fromkeys(words)
        if w not in _POINTING | STOPWORDS
        and w not in GENERIC
        and stem(w) not in GENERIC
        and len(w) > 1
    ]


def _sold_here(step: Step, tail: str) -> bool:
    """The catalogue names what is asked, as something the customer does not own yet ("do you
    sell the bp-f2 battery?"): the answer that prices it says so."""
    owned = {p.sku for p in owned_products(step) or []}
    named = [s for s in step.ctx.shop.mentions(tail) if s not in owned]
    return any(step.ctx.shop.item(s) for s in named)


def _best_row(
    found: list[PassageOut], asked: list[str], theirs: frozenset[str] | set[str] = frozenset()
) -> PassageOut | None:
    """The sheet row with no store product whose name holds every word asked (of one of
    ``theirs``, when any is known), one that fits before one that does not."""
    wanted = set(tokenize(" ".join(asked)))
    rows = [
        p
        for p in found
        if p.record is not None
        and (not theirs or p.record.get("product_sku") in theirs)
        and not (p.record.get("accessory_sku") or "").strip()
        and wanted <= set(tokenize(_ASIDE.sub("", p.record.get("accessory_name", ""))))
    ]
    rows.sort(key=lambda p: (p.record or {}).get("compatible", "").lower() in ("no", "false"))
    return rows[0] if rows else None


def _reply(step: Step, row: PassageOut) -> ModelTurn:
    return say(_said(step, row), [row.chunk_id])


def _said(step: Step, row: PassageOut) -> str:
    name = _ASIDE.sub("", (row.record or {}).get("accessory_name", "")).strip()
    return (
        f"{step.ctx.shop.store_name} doesn't sell {name}, so you'd need to buy that elsewhere. "
        f"What our documents say about it ({source_label(row)}):\n"
        f"{row.text.strip()}"
    )
