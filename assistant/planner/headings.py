"""Sections headed by another product than the one asked about: "<another coffee> (<its
SKU>) > Origin and roast" does not answer "where is this coffee grown?". In a handbook of
several products, the sections of the one asked come first; a product named only by its kind
and not owned ("…it said battery 20 percent") is a part of the one in focus."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.agent.tools import PassageOut
from assistant.planner.kit import Step
from assistant.planner.resolve import only_as_a_kind, owned_products
from assistant.planner.shopview import Item, ShopView

_LISTS = 3  # an untitled passage naming this many products is an overview of them


def headed_by(shop: ShopView, section: str, about: str, others: set[str] | None = None) -> bool:
    """Whether a section's heading names, by SKU, model or full name, only products other than
    ``about``: of its kind, or among ``others`` when given ("1. <the battery> > 1.3 Checking
    battery health" for "does the remote need a battery?"); not an accessory's section for its
    camera."""
    named = _named(shop, section)
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


def _named(shop: ShopView, section: str) -> list[Item]:
    """The products a section's heading names by SKU, model or full name."""
    low = section.lower()
    return [
        i for i in shop.items() if any(n and n.lower() in low for n in (i.sku, i.model, i.name))
    ]


def _heads(shop: ShopView, section: str, sku: str) -> bool:
    return any(i.sku == sku for i in _named(shop, section))


def own_sections_first(
    shop: ShopView, found: list[PassageOut], text: str, sku: str
) -> list[PassageOut]:
    """In a handbook of several products, where ``found`` has sections headed by ``sku`` ("6.
    <the remote> > 6.5 Troubleshooting the remote"), without those headed only by products the
    message does not name ("1. <the camera's battery> > 1.6 Troubleshooting")."""
    if not any(_heads(shop, p.section, sku) for p in found):
        return found
    others = {i.sku for i in shop.items()} - set(shop.mentions(text)) - {sku}
    return [p for p in found if not headed_by(shop, p.section, sku, others)] or found


def its_own(shop: ShopView, found: list[PassageOut], asked: str, about: str) -> list[PassageOut]:
    """``found`` without the passages of other products only, when ``about`` has its own among
    them and ``asked`` names those others at most by their kind ("…it said battery 20 percent.
    how long to charge?" of headphones: not the camera battery's charging)."""
    others = [p for p in found if p.skus and about not in p.skus]
    if not others or not any(about in p.skus for p in found):  # nothing else, or none its own
        return found
    named = set(shop.mentions(asked)) - shop.vocabulary.by_kind_only(asked)  # read only then
    return [p for p in found if not p.skus or about in p.skus or set(p.skus) & named]


def its_part(step: Step, named: Sequence[str], text: str) -> bool:
    """Products ``text`` names only by their kind that the customer does not own ("…it said
    battery 20 percent" of headphones): a part of the product in focus, not a product asked."""
    owned = {p.sku for p in owned_products(step) or ()}
    kinds = step.ctx.shop.vocabulary.by_kind_only(text)
    return bool(named) and set(named) <= kinds and not set(named) & owned
