"""A compatibility "no" says what does work: "Does the plug work with Siri?" is answered with
the sheet's row (not compatible) and the rows of the same product that are compatible and the
search puts right beside it (Alexa, Google Assistant), read from the sheet, never a list here."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.common import passages
from assistant.planner.kit import Step, call
from assistant.planner.questions import search_call

NEIGHBOURS = 3  # rows after the asked one that may name what works instead
# a row reads like the asked one at this cosine (Alexa beside Siri, not a tripod beside
# outdoor mounting): the search tool's embedder scores each row's sentences against the item
KIN = 0.4
_SHEET = "compatibility"


def _verdict(passage: PassageOut) -> str:
    return ((passage.record or {}).get("compatible") or "").strip().lower()


def with_what_works(step: Step, turn: ModelTurn) -> ModelTurn:
    """``turn`` whose first cited passage is a "not compatible" row, followed by the compatible
    rows of the same product next to it in a search for that row's item (or the search first)."""
    if not turn.is_final or not turn.citation_ids or not turn.text:
        return turn
    by_id = {p.chunk_id: p for p in passages(step)}
    first = by_id.get(turn.citation_ids[0])
    if first is None or first.record is None or _verdict(first) != "no":
        return turn
    item = (first.record.get("accessory_name") or "").strip()
    product = (first.record.get("product_sku") or "").strip()
    if not item or not product:
        return turn
    if not step.done.has("search_documents", query=item):
        return call(search_call(item, product, _SHEET, NEIGHBOURS + 1))
    found = passages(step, item)
    at = next((i for i, p in enumerate(found) if p.chunk_id == first.chunk_id), None)
    if at is None:
        return turn
    works: list[PassageOut] = []
    for p in found[at + 1 : at + 1 + NEIGHBOURS]:
        same = p.record is not None and p.record.get("product_sku") == product
        if not same or _verdict(p) != "yes" or max(p.unit_scores.values(), default=0.0) < KIN:
            break  # only the run of like, compatible rows right beside it is "instead"
        works.append(p)
    names = [(p.record or {}).get("accessory_name", "").strip() for p in works]
    names = [n for n in names if n and n.lower() not in turn.text.lower()]
    if not names:
        return turn
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    model = (first.record.get("product_name") or "it").strip()
    line = f"The {model} does work with {listed}."
    return ModelTurn(
        text=f"{turn.text}\n\n{line}",
        citation_ids=list(dict.fromkeys([*turn.citation_ids, *(p.chunk_id for p in works)])),
    )
