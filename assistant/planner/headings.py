"""Sections headed by another product than the one asked about: "<another coffee> (<its
SKU>) > Origin and roast" does not answer "where is this coffee grown?"."""

from __future__ import annotations

from assistant.agent.tools import PassageOut
from assistant.planner.resolve import only_as_a_kind
from assistant.planner.shopview import ShopView

_LISTS = 3  # an untitled passage naming this many products is an overview of them


def headed_by(shop: ShopView, section: str, about: str, others: set[str] | None = None) -> bool:
    """Whether a section's heading names, by SKU, model or full name, only products other than
    ``about``: of its kind, or among ``others`` when given ("1. <the battery> > 1.3 Checking
    battery health" for "does the remote need a battery?"); not an accessory's section for its
    camera."""
    low = section.lower()
    named = [
        i for i in shop.items() if any(n and n.lower() in low for n in (i.sku, i.model, i.name))
    ]
    mine = shop.item(about)
    return (
        mine is not None
        and bool(named)
        and all(
            i.sku != mine.sku
            and (i.sku in others if others is not None else i.product_type == mine.product_type)
            for i in named
        )
    )


def about_it(shop: ShopView, found: list[PassageOut], asked: str, about: str) -> list[PassageOut]:
    """``found`` without the sections headed by another product of ``about``'s kind when
    ``asked`` names no other product, or by a product it names only as "a battery"; all of
    ``found`` when nothing else is left."""
    if set(shop.mentions(asked)) <= {about}:
        return [p for p in found if not headed_by(shop, p.section, about)] or found
    kinds = only_as_a_kind(shop, asked)
    if kinds and about not in kinds:  # nor a document's overview of all it covers; a sheet's
        kept = [  # row for the two ("…come with a memory card?") says whether one fits
            p
            for p in found
            if p.doc_type == "compatibility" or not headed_by(shop, p.section, about, kinds)
        ]
        return [p for p in kept if p.section or len(shop.mentions(p.text)) < _LISTS] or found
    return found
