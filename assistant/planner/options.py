"""Which versions a product comes in, from the store's catalogue (never from a document's
prose): "do the socks come in black?", "what colours does it come in?", "is it available in
a 9.5?". The catalogue's option names and values are the vocabulary; the answer names the
values the store sells and says plainly whether the one asked for is among them."""

from __future__ import annotations

import re

from assistant.commerce.schemas import CatalogProduct
from assistant.planner.shopview import ShopView

_ASKS = re.compile(
    r"\b((do|does|did) (it|they|these|those|this \w+|the \w+( \w+)?( \w+)?) come in|"
    r"comes? in (any )?(other|different)|available (in|as)|avail in|(come|comes) as|"
    r"(do|does) (you|they) (have|sell|make|stock) (it|them|these|those|one|the \w+( \w+)?) in|"
    r"(got|have) (it|them|these|those|one) in|in (an?other|different) "
    r"(colou?rs?|sizes?|\w+s)|(what|which) (colou?rs|sizes|options|versions|styles|grinds|"
    r"variants)|how many (colou?rs?|sizes?))\b",
    re.I,
)
_GENERAL = re.compile(
    r"\b((what|which|how many) (colou?rs|sizes|options|versions|styles|grinds|variants)|"
    r"(other|different|any|more) (colou?rs?|sizes?|options|versions|styles))\b",
    re.I,
)
# Colour words a shopper may ask about that a store does not sell: plain English, no store's.
_COMMON_COLOURS = frozenset(
    "black white grey gray silver gold red pink purple blue navy green olive yellow orange "
    "brown beige tan cream coral teal".split()
)
_PLACEHOLDER = "default title"


_PAPERS = re.compile(
    r"\b(manuals?|guides?|instructions?|pdf|receipts?|invoices?|warranty|booklets?|languages?)\b",
    re.I,
)


def asks_for_options(text: str) -> bool:
    """Whether ``text`` asks which versions a product comes in (not a document's language)."""
    return bool(_ASKS.search(text)) and not _PAPERS.search(text)


def _product(shop: ShopView, sku: str) -> CatalogProduct | None:
    item = shop.item(sku)
    if item is None:
        return None
    return next((p for p in shop.products if p.external_id == item.product_id), None)


def _choices(product: CatalogProduct) -> dict[str, list[str]]:
    return {
        name: [v for v in values if v and v.lower() != _PLACEHOLDER]
        for name, values in product.options.items()
        if any(v and v.lower() != _PLACEHOLDER for v in values)
    }


def _listed(values: list[str]) -> str:
    if len(values) <= 2:
        return " and ".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


def _mentioned(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(value.lower())}(?![\w.])", text.lower()) is not None


def options_answer(shop: ShopView, text: str, sku: str) -> str | None:
    """The catalogue's answer for the product sold under ``sku``, or None when the message
    does not ask about its versions or the product has none."""
    text = re.sub(r"\bcolor", "colour", text, flags=re.I)
    if not asks_for_options(text):
        return None
    product = _product(shop, sku)
    if product is None:
        return None
    choices = _choices(product)
    if not choices:
        if any(w in _COMMON_COLOURS for w in re.findall(r"[a-z]+", text.lower())):
            return None  # "do they come in white?": the documents say which colour it is
        return f"The {product.title} comes in one version only."
    lines: list[str] = []
    asked_names = [n for n in choices if re.search(rf"\b{re.escape(n.lower())}", text.lower())]
    for name, values in choices.items():
        hits = [v for v in values if _mentioned(text, v)]
        if hits:
            lines.append(
                f"Yes, the {product.title} comes in {_listed(hits)}"
                f" ({name.lower()}: {_listed(values)})."
            )
    if not lines:
        colour = next((n for n in choices if n.lower() in ("colour", "color")), None)
        wanted = [w for w in re.findall(r"[a-z]+", text.lower()) if w in _COMMON_COLOURS]
        if colour is not None and wanted:
            lines.append(
                f"No, the {product.title} doesn't come in {_listed(wanted)}; "
                f"its colours are {_listed(choices[colour])}."
            )
    if not lines and not _GENERAL.search(text):
        return None  # "does it come in a wide version?": not a catalogue option, the documents
    if not lines:
        for name in asked_names or list(choices):
            listed = _listed(choices[name])
            lines.append(f"The {product.title} comes in these {name.lower()} options: {listed}.")
    return "\n".join(lines)
