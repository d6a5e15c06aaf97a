"""Which of the products a message names it is about: "the socks that came with my wife's
velo 3s" is about the socks, "the remote that came with my camera" about the remote."""

from __future__ import annotations

import re

from assistant.planner.shopview import ShopView

# what another product came with, not what is asked about
_CAME_WITH = re.compile(
    r"\b(that|which)?\s*(came|come|comes|arrived|shipped)\s+(with|in the box with|alongside)\s+"
    r"(my|the|our|her|his|their)\s+(\w+'s\s+)?[\w-]+(\s+[\w-]+)?",
    re.I,
)


def subjects(shop: ShopView, text: str) -> list[str]:
    """The SKUs ``text`` names, less one named only as what another came with (all of them
    when that would leave none)."""
    named = shop.mentions(text)
    told = _CAME_WITH.sub(" ", text)
    about = shop.mentions(told) if told != text else named
    return [s for s in named if s in about] if about else named
