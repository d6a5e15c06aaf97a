""" "Three tips to get started with your <product>": from the product's setup-guide passages when
a retriever is available, topped up (or replaced) by facts from the catalogue.

A tip from a passage is the section's title and its first steps, clipped, with the passage's
document as its source; catalogue tips (warranty registration, coverage, extended warranty,
returns) have no source.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from assistant.proactive.facts import LineFact
from assistant.retrieval.types import Passage, Retriever, SearchFilters
from ingest.models import DocType

logger = logging.getLogger(__name__)

TIP_MAX_CHARS = 220
_STEP_PREFIX = re.compile(r"^\s*(?:step\s*\d+\s*[:.)-]|\d+[.)]|[-*•])\s*", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class Tip:
    text: str
    source: str | None = None  # corpus path of the guide it comes from
    title: str | None = None


def setup_tips(
    line: LineFact,
    retriever: Retriever | None,
    *,
    return_window_days: int | None = None,
    count: int = 3,
) -> list[Tip]:
    """``count`` tips for the line's product: setup-guide passages first, then catalogue and
    policy facts."""
    tips = _passage_tips(line, retriever, count) if retriever is not None else []
    for tip in catalogue_tips(line, return_window_days):
        if len(tips) >= count:
            break
        tips.append(tip)
    return tips[:count]


def _passage_tips(line: LineFact, retriever: Retriever, count: int) -> list[Tip]:
    sku, model = line.sku, line.model
    filters = SearchFilters(skus=[sku], doc_types=[DocType.SETUP_GUIDE], include_general=False)
    try:
        passages = retriever.search(
            f"{model} getting started first use set up charge pair", filters=filters, k=8
        )
    except Exception:  # the index is optional here: fall back to the catalogue
        logger.warning(
            "setup tips: search failed for %s; using catalogue facts", sku, exc_info=True
        )
        return []
    tips: list[Tip] = []
    seen: set[str] = set()
    for passage in passages:
        tip = _tip_from(passage, sku)
        if tip is None or tip.text in seen:
            continue
        seen.add(tip.text)
        tips.append(tip)
        if len(tips) == count:
            break
    return tips


def _tip_from(passage: Passage, sku: str) -> Tip | None:
    if sku not in passage.skus or passage.doc_type is not DocType.SETUP_GUIDE:
        return None
    section = passage.citation.section.split(" > ")[-1].strip()
    lines = [ln.strip() for ln in passage.text.splitlines() if ln.strip()]
    steps = [ln for ln in lines if "|" not in ln and not ln.startswith(("-", "*", "•"))]
    if not section or not steps:
        return None
    heading = _TRAILING_PAREN.sub("", _STEP_PREFIX.sub("", section)).strip()
    body = ""
    for line in steps:
        sentence = _STEP_PREFIX.sub("", line).strip()
        candidate = f"{body} {sentence}".strip()
        if body and len(candidate) > TIP_MAX_CHARS:
            break
        body = candidate
    text = _clip(f"{heading}: {body}" if heading else body, TIP_MAX_CHARS)
    return Tip(text=text, source=passage.citation.source, title=passage.citation.title)


def catalogue_tips(line: LineFact, return_window_days: int | None = None) -> list[Tip]:
    """Tips from the catalogue and the store's policy alone (always at least two)."""
    tips: list[Tip] = []
    known = line.warranty_months is not None
    name = line.model if known else "your purchase"
    if line.serial_where:
        tips.append(
            Tip(
                f"Register your {name} for warranty: the serial number is {line.serial_where}; "
                "just reply with it and we'll do the rest."
            )
        )
    if line.warranty_months:
        tips.append(
            Tip(
                f"Your {name} is covered for {line.warranty_months} months from delivery against "
                "defects in materials and workmanship."
            )
        )
    if line.extended is not None:
        offer = line.extended
        tips.append(
            Tip(
                f"Want longer cover? You can add {offer.months} months of extended warranty for "
                f"${offer.price} within {offer.within_days} days of delivery (registration "
                "required)."
            )
        )
    if return_window_days:
        tips.append(
            Tip(
                "Keep the box for now: unused items can be returned within "
                f"{return_window_days} days of delivery."
            )
        )
    tips.append(
        Tip(f"Stuck on anything? Reply with your question and we'll answer from the {name} guides.")
    )
    tips.append(Tip("Tracking, returns or warranty questions: reply to this message any time."))
    return tips


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
