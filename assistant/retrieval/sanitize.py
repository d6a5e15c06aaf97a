"""Document text is data, never instructions. Passages are shown to customers and models as
quotes, so paragraphs that address the assistant ("ignore previous instructions", "SYSTEM:",
"note to the assistant", "without asking for confirmation") are removed before anyone sees
them: a planted instruction is neither followed nor repeated. Nothing else is changed."""

from __future__ import annotations

import re
from functools import lru_cache

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|"
    r"your)\b[^.\n]{0,20}\b(instructions?|rules|prompts?)\b"
    r"|(^|\n|\.\s)\s*(system|assistant|ai|bot|model)(\s+(instructions?|notes?|prompt))?\s*:"
    r"|\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(assistant|ai|model|bot|chatbot)\b"
    r"|\b(you are|act as|switch to)\b[^.\n]{0,30}\b(admin|developer|system|god|jailbreak)\s+mode\b"
    r"|\bwithout (asking|requesting|waiting) for (a |the |any )?confirmation\b"
    r"|\bdo not (mention|reveal|tell)\b[^.\n]{0,30}\b(this|these) (note|instructions?|message)\b",
    re.IGNORECASE,
)


def is_instruction(paragraph: str) -> bool:
    """The rules above, and ingestion's own check (more rules and a trained classifier, on
    Unicode-normalised text): a passage indexed before that check existed is caught here."""
    from ingest.instructions import looks_like_instruction

    return bool(_INSTRUCTION.search(paragraph)) or looks_like_instruction(paragraph)


@lru_cache(maxsize=8192)  # a pure function of the text; the same passages recur in every turn
def strip_instructions(text: str) -> tuple[str, int]:
    """The text without paragraphs that give the assistant instructions, and how many went."""
    from ingest.clean import normalise_unicode

    paragraphs = re.split(r"\n\s*\n", normalise_unicode(text))
    kept = [p for p in paragraphs if not is_instruction(p)]
    return "\n\n".join(kept).strip(), len(paragraphs) - len(kept)
