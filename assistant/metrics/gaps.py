"""The knowledge-gap report: customer questions the documents did not answer well, grouped.

A question is a gap when its reply said it couldn't find the instructions or manual, the best
retrieval score (when known) was below ``min_score``, a document question (setup,
troubleshooting, manual, warranty, accessories) was answered with confidence below
``min_confidence``, a setup/troubleshooting/manual question got no citation, or the
conversation was escalated (then the question is the customer's last substantive message
before the hand-over).

Questions are grouped per product (the turn's product, else the conversation's) by token
overlap: a question joins the first group holding a question whose Jaccard similarity of
content words is at least ``threshold``. Groups are labelled with their most frequent words and
sorted by size. Card-like numbers and email addresses are masked in the examples.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from assistant.intents import Intent
from assistant.metrics.records import ConversationRecord, TurnRecord
from assistant.redaction import redact

NOT_FOUND = re.compile(r"\b(couldn'?t|could not|can'?t|cannot) find\b", re.IGNORECASE)
DOC_INTENTS = frozenset(
    {
        Intent.SETUP_HELP,
        Intent.TROUBLESHOOTING,
        Intent.MANUAL_REQUEST,
        Intent.WARRANTY_INFO,
        Intent.ACCESSORIES,
    }
)
CITED_INTENTS = frozenset({Intent.SETUP_HELP, Intent.TROUBLESHOOTING, Intent.MANUAL_REQUEST})
_NOT_A_QUESTION = frozenset({Intent.GREETING, Intent.HUMAN_AGENT, Intent.FEEDBACK})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a an and are as at be but by can could do does did for from get got have how i i'm if in
    is it it's its me my no not of on or our please so that the their them then there this to
    up was what when where which who why will with would you your yes hi hello hey thanks thank
    just still any some all one there's im ive i've doesn't don't didn't won't can't isn't
    help need want know tell""".split()
)
MAX_EXAMPLES = 3


class GapGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    product_sku: str | None
    count: int
    examples: list[str]
    reasons: dict[str, int]


@dataclass(frozen=True, slots=True)
class GapQuestion:
    text: str
    product_sku: str | None
    reason: str  # not_found | low_score | low_confidence | no_citation | escalated


@dataclass(slots=True)
class _Group:
    product_sku: str | None
    members: list[tuple[GapQuestion, frozenset[str]]] = field(default_factory=list)


def tokens(text: str) -> frozenset[str]:
    """Content words, lowercased, with a light plural/-ing/-ed stemming."""
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or len(word) < 2:
            continue
        for suffix in ("ing", "ed", "s"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        words.add(word)
    return frozenset(words)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def mask(text: str) -> str:
    return _EMAIL.sub("[email removed]", redact(" ".join(text.split())))


def _turn_reason(turn: TurnRecord, min_score: float, min_confidence: float) -> str | None:
    if NOT_FOUND.search(turn.answer) and turn.intent in DOC_INTENTS | {None}:
        return "not_found"
    if turn.top_score is not None and turn.top_score < min_score:
        return "low_score"
    low = turn.confidence is not None and turn.confidence < min_confidence
    if turn.intent in DOC_INTENTS and low:
        return "low_confidence"
    if turn.intent in CITED_INTENTS and not turn.citations:
        return "no_citation"
    return None


def _substantive(turn: TurnRecord) -> bool:
    return turn.intent not in _NOT_A_QUESTION and len(tokens(turn.text)) >= 2


def gap_questions(
    conversations: Iterable[ConversationRecord],
    *,
    min_score: float = 0.3,
    min_confidence: float = 0.5,
) -> list[GapQuestion]:
    found: list[GapQuestion] = []
    for conv in conversations:
        escalated_at: int | None = None
        for i, turn in enumerate(conv.turns):
            reason = _turn_reason(turn, min_score, min_confidence)
            if reason is not None and _substantive(turn):
                sku = turn.skus[0] if turn.skus else conv.focus_sku
                found.append(GapQuestion(turn.text, sku, reason))
            if turn.escalation_reason is not None and escalated_at is None:
                escalated_at = i
        if escalated_at is not None:
            asked = next(
                (t for t in reversed(conv.turns[: escalated_at + 1]) if _substantive(t)), None
            )
            if asked is not None and not any(q.text == asked.text for q in found[-3:]):
                sku = asked.skus[0] if asked.skus else conv.focus_sku
                found.append(GapQuestion(asked.text, sku, "escalated"))
    return found


def group_questions(questions: Sequence[GapQuestion], *, threshold: float = 0.3) -> list[GapGroup]:
    groups: list[_Group] = []
    for question in questions:
        words = tokens(question.text)
        home = next(
            (
                g
                for g in groups
                if g.product_sku == question.product_sku
                and any(jaccard(words, other) >= threshold for _, other in g.members)
            ),
            None,
        )
        if home is None:
            home = _Group(question.product_sku)
            groups.append(home)
        home.members.append((question, words))
    result = [_report(g) for g in groups]
    result.sort(key=lambda g: (-g.count, g.product_sku or "", g.label))
    return result


def _report(group: _Group) -> GapGroup:
    counts: Counter[str] = Counter()
    for _, words in group.members:
        counts.update(words)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    examples: list[str] = []
    for question, _ in group.members:
        text = mask(question.text)
        if text not in examples:
            examples.append(text)
        if len(examples) == MAX_EXAMPLES:
            break
    return GapGroup(
        label=" ".join(word for word, _ in top) or "(no keywords)",
        product_sku=group.product_sku,
        count=len(group.members),
        examples=examples,
        reasons=dict(sorted(Counter(q.reason for q, _ in group.members).items())),
    )


def knowledge_gaps(
    conversations: Iterable[ConversationRecord],
    *,
    threshold: float = 0.3,
    min_score: float = 0.3,
    min_confidence: float = 0.5,
) -> list[GapGroup]:
    """Gap questions of ``conversations``, grouped (largest group first)."""
    questions = gap_questions(conversations, min_score=min_score, min_confidence=min_confidence)
    return group_questions(questions, threshold=threshold)
