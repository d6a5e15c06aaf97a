"""Some units of one item meet a return condition and some do not: "we opened one, the other
one is still sealed. can we send both bags back?". The policy's question has both answers at
once; read as one ("still sealed" first) both bags would go back, the opened one too. The units
the condition stops stay with the customer, the policy's rule says why, and the return is for
the rest.
"""

from __future__ import annotations

import re

from assistant.agent.drafts import ReturnDraft
from assistant.commerce.schemas import ReturnQuestion
from assistant.planner import return_words as words
from assistant.store.policy_returns import Returns

# "opened one, the other one is still sealed", "one is open and one isn't"
_ONE_AND_OTHER = re.compile(
    r"\b(one|1)\b.{0,80}\b(the other|other one|the second|one (is|was|isn'?t|wasn'?t))\b", re.I
)


def held_back(
    rules: Returns,
    draft: ReturnDraft,
    items: list[dict[str, object]],
    questions: list[ReturnQuestion],
    text: str,
) -> str | None:
    """When ``text`` says of one item's units both the answer that stops a return and the one
    that allows it: one unit fewer goes back (``items`` and ``draft`` updated, the condition
    answered for the rest) and the policy's rule is returned to tell the customer; else None."""
    if not _ONE_AND_OTHER.search(text):
        return None
    low = words.lowered(text)
    for question in questions:
        if question.key in draft.answers:
            continue
        if not (words.says_any(question.yes_words, low) and words.says_any(question.no_words, low)):
            continue
        rule = next((c for c in rules.conditions if c.key == question.key), None)
        if rule is None or rule.outcome != "not_returnable":
            continue
        several = [
            item
            for item in items
            if item["sku"] in question.skus and int(str(item["quantity"])) >= 2
        ]
        if len(several) != 1:
            continue  # which item's units differ is not clear: asked as usual
        item = several[0]
        item["quantity"] = int(str(item["quantity"])) - 1
        draft.quantities[str(item["sku"])] = int(str(item["quantity"]))
        draft.answers[question.key] = not rule.blocking_answer
        draft.held_back = rule.rule
        return rule.rule
    return None
