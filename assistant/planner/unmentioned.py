"""A yes/no question about a property that the product's documents never mention ("is it
organic? or fair trade?"): the reply says the documents do not say, instead of quoting the
nearest lines (the blend's origin) as if they answered it."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.asked_kinds import MATERIAL, UNIT_ASKED, Dimension, asking_words
from assistant.planner.common import passages
from assistant.planner.kit import Step, call, say
from assistant.planner.question_words import content_words, matches, tokenize

# "is it organic?", "are they machine washable", "and is the blend fair trade?"
_IS_IT = re.compile(
    r"^\W*(?:(?:and|so|but|also|ok|okay)\W+)?(?:is|are)\s+(?:it|they|this|that|these|those|"
    r"the (?:[\w-]+ ){0,2}?[\w-]+)\s+(?P<what>[a-z][^?.!,]{1,40})\?",
    re.I,
)
_OR = re.compile(r"^\W*or\s+(?P<what>[^?.!,]{2,30})\?", re.I)  # "…? or fair trade?"
# what is judged, not a property a document would list ("is it normal?", "is that covered?")
_JUDGED = frozenset(
    {
        "normal", "ok", "okay", "fine", "broken", "covered", "worth", "possible", "true", "real",
        "bad", "good", "better", "best", "right", "wrong", "supposed", "still", "really", "just",
        "enough", "too", "one", "defect", "defective", "faulty", "safe", "free", "available",
        "compatible", "new", "same", "different", "mine", "yours", "here", "there", "coming",
        "done", "ready", "on", "off", "open", "closed", "under", "warranty", "guarantee",
        "dangerous", "harmful", "toxic", "poisonous", "risky", "healthy", "unhealthy", "allowed",
        "permitted", "legal", "necessary", "needed", "required",
    }
)  # fmt: skip
# "…or is that on purpose?", "is it overheating?": why, or what it is doing, not what it is
_NOT_A_PROPERTY = re.compile(
    r"\b(is|are|that|this|it|its|on purpose|why|because|me|my|\w+ing)\b", re.I
)
MAX_WORDS = 3  # a property is named in a few words; a longer clause asks something else


def asked_properties(question: str) -> list[str]:
    """The properties a yes/no question asks about ("organic", "fair trade"), or []."""
    asked: list[str] = []
    for sentence in re.split(r"(?<=[?.!])\s+", question.strip()):
        found = _IS_IT.search(sentence) or (_OR.match(sentence) if asked else None)
        if found is None:
            continue
        named = [w.strip() for w in re.split(r"\bor\b", found.group("what")) if w.strip()]
        if any(len(w.split()) > MAX_WORDS - 1 or _NOT_A_PROPERTY.search(w) for w in named):
            return []  # "is the motor weak or is that on purpose?": why, not what it is
        asked.extend(named)
    return asked


def unmentioned(
    question: str, found: Sequence[PassageOut], naming: Collection[str] = ()
) -> list[str]:
    """The properties ``question`` asks about, when none of the passages ``found`` mentions any
    of their words; [] when it asks none, or only a judgement or a material (which the
    documents' materials lines answer), or when a passage mentions one."""
    asked = asked_properties(question)
    words = _property_words(asked, naming)
    if not found or not words:
        return []
    said = tokenize(" ".join(f"{p.title} {p.section} {p.text}" for p in found))
    return [] if matches(said, words) else asked


def not_said(
    step: Step, sku: str, text: str, found: Sequence[PassageOut], naming: Collection[str]
) -> ModelTurn | None:
    """The reply that the documents of ``sku`` do not say what ``text`` asks of it (searched for
    the properties asked first), or None when it asks no property or a document mentions it."""
    asked = [_unnamed(a, naming) for a in asked_properties(text)]
    if not asked or not all(asked) or not _property_words(asked, naming):
        return None  # no property asked, or only a judgement ("is it normal?"): nothing to search
    name = step.ctx.shop.model(sku) or sku
    query = f"{name}: {' or '.join(asked)}"
    if not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "k": 5, "product_sku": sku}))
    if not unmentioned(text, [*found, *passages(step, query)], naming):
        return None
    return say(
        f"I couldn't find whether the {name} is {' or '.join(asked)}: our documents don't "
        "mention it, so I can't confirm it. I can ask our team if you'd like."
    )


def _unnamed(phrase: str, naming: Collection[str]) -> str:
    """The property without the end of the product's name before it ("is the house blend
    organic?" read as "the house" + "blend organic": "organic")."""
    words = phrase.split()
    while words and words[0].lower() in naming:
        words.pop(0)
    return " ".join(words)


def _property_words(asked: Sequence[str], naming: Collection[str]) -> list[str]:
    """The words of the properties asked that a document would list: not the product's name,
    not a judgement; none when a material is asked (its materials line answers) or too many."""
    words = [
        w for w in content_words(" ".join(asked)) if w not in naming and w.lower() not in _JUDGED
    ]
    too_many = len(words) > MAX_WORDS or MATERIAL.search(" ".join(asked))
    return [] if too_many else words


def figure_unlisted(question: str, found: Sequence[PassageOut], asked: Sequence[Dimension]) -> bool:
    """A figure asked in a unit named ("how many decibels", "latency in ms") that no passage
    ``found`` for it has an amount in."""
    return bool(UNIT_ASKED.search(question)) and not any(
        unit.search(p.text) for p in found for _, unit in asked
    )


def no_figure_text(name: str, question: str) -> str:
    return (
        f"I couldn't find that figure ({asking_words(question)}) in the {name} documents, so I "
        "can't give you one. I can ask our team if you'd like."
    )
