"""Does a passage read as an instruction to the assistant? Two checks, either one is enough:

- rules: phrasings that address an assistant, claim authority over it, or wave away the
  customer's confirmation (``assistant.retrieval.sanitize`` has the original set);
- a classifier: logistic regression over hashed character n-grams (3 to 5, within word
  boundaries) and word unigrams and bigrams, trained on ``instruction_examples.yaml`` plus the
  corpus's own paragraphs (``python -m ingest.train_instructions``). Its parameters are data
  (``instruction_model.json``: bias, threshold and the non-zero weights), never a pickle.

Text is Unicode-normalised first (:func:`ingest.clean.normalise_unicode`), so zero-width or
bidi characters cannot split a word away from the checks.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("instruction_model.json")
DIMENSION = 1 << 16
MIN_CLASSIFIED_WORDS = 5  # shorter text (a table header, a list item) is left to the rules

_RULES = re.compile(
    r"\b(ignore|disregard|forget|override|ignorez|ignoriere|ignora)\b[^.\n]{0,40}"
    r"\b(previous|prior|above|earlier|all|your|any|pr[ée]c[ée]dentes|vorherigen|anteriores)\b"
    r"[^.\n]{0,25}\b(instructions?|rules|prompts?|policies|anweisungen|instrucciones)\b"
    r"|(^|\n|[.!]\s)\s*\[?(system|assistant|ai|bot|chatbot|model|agent|admin)\]?"
    r"(\s+(instructions?|notes?|prompt|override|update))?\s*[:\]-]"
    r"|\b(note|message|instructions?|directive|command)\s+(to|for)\s+(the\s+)?"
    r"(assistant|ai|model|bot|chatbot|agent|language model|virtual assistant)\b"
    r"|\b(you are|act as|switch to|enter)\b[^.\n]{0,30}\b(admin|developer|system|god|jailbreak|"
    r"unrestricted)\s+mode\b"
    r"|\bwithout (asking for |requesting |waiting for |any |a |the |further )+"
    r"(confirmation|verification)\b|\b(skip(ping)?|bypass(ing)?) (the |any )?"
    r"(confirmation|verification)\b|\bno (confirmation|verification) (is )?(needed|required|"
    r"necessary)\b|\b(confirmation|verification) (is )?not (needed|required|necessary)\b"
    r"|\b(tool call|action|request|change)s? (is |are |has been |was )?(already |pre-?)"
    r"(approved|authori[sz]ed)\b|\bpre-?(approved|authori[sz]ed)\b"
    r"|\b(store|shop) (manager|owner|admin\w*)\b[^.\n]{0,40}\b(authori[sz]e|instruct|order|"
    r"permit|allow)"
    r"|\b(i|we) (hereby )?(authori[sz]e|instruct|order|permit) (you|the assistant|the bot)\b"
    r"|\b(these|this|the following) (instructions?|note|directive|paragraph)s?\b[^.\n]{0,30}"
    r"\b(override|overrides|supersede|take priority|has priority|have priority)\b"
    r"|\boverrides? (any|all|the|your|previous|earlier)\b"
    r"|\bsystem (update|override|prompt|message)\b"
    r"|\b(the|an?|any|all|every)\s+(assistant|ai|bot|chatbot|model|agent|language model)s?"
    r"\s+(must|should|shall|will|is required to|has to|needs to|may now|reading)\b"
    r"|\bif you are an? (ai|assistant|bot|language model|model)\b"
    r"|\b(attention|hey|dear|hello|hi),?\s+(ai|assistant|bot|chatbot|agent|model)s?\b"
    r"|\b(assistants?|bots?|agents?|ai|chatbots?)\b[^.\n]{0,20}\b(are|is) (now )?(cleared|"
    r"allowed|permitted|authori[sz]ed|instructed|required)\b"
    r"|\bwhen (summari[sz]ing|answering|responding|replying)\b[^.\n]{0,40}\b(say|state|tell|"
    r"claim|mention|add|include)\b"
    r"|\b(do not|don'?t|never) (mention|reveal|tell|disclose)\b[^.\n]{0,40}\b(this|these) "
    r"(note|instructions?|message|paragraph)\b"
    r"|\b(reveal|print|show|repeat|copy|append)\b[^.\n]{0,25}\b(system prompt|your instructions|"
    r"hidden configuration|tool names?|list of tools)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9@']+")


@dataclass(frozen=True, slots=True)
class InstructionModel:
    bias: float
    threshold: float
    weights: dict[int, float]

    def probability(self, text: str) -> float:
        z = self.bias + sum(self.weights.get(i, 0.0) * v for i, v in features(text).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode()) % DIMENSION


def features(text: str) -> dict[int, float]:
    """Hashed, L2-normalised counts of character 3-5-grams and word 1-2-grams."""
    from ingest.clean import normalise_unicode

    words = _WORDS.findall(normalise_unicode(text).lower())
    counts: dict[int, float] = {}
    for word in words:
        padded = f" {word} "
        for n in (3, 4, 5):
            for i in range(max(1, len(padded) - n + 1)):
                key = _bucket("c" + padded[i : i + n])
                counts[key] = counts.get(key, 0.0) + 1.0
    for i, word in enumerate(words):
        key = _bucket("w" + word)
        counts[key] = counts.get(key, 0.0) + 2.0
        if i:
            key = _bucket("b" + words[i - 1] + " " + word)
            counts[key] = counts.get(key, 0.0) + 2.0
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {k: v / norm for k, v in counts.items()}


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> InstructionModel | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return InstructionModel(
        float(data["bias"]),
        float(data["threshold"]),
        {int(k): float(v) for k, v in data["weights"].items()},
    )


def rule_match(text: str) -> str | None:
    from ingest.clean import normalise_unicode

    match = _RULES.search(normalise_unicode(text))
    return match.group(0).strip() if match else None


def instruction_reasons(text: str) -> list[str]:
    """Why ``text`` reads as an instruction to the assistant (empty: it does not)."""
    reasons = []
    rule = rule_match(text)
    if rule:
        reasons.append(f"rule: {rule[:60]}")
    model = load_model()
    if model is not None and len(text.split()) >= MIN_CLASSIFIED_WORDS:
        p = model.probability(text)
        if p >= model.threshold:
            reasons.append(f"classifier: {p:.2f}")
    return reasons


def looks_like_instruction(text: str) -> bool:
    return bool(instruction_reasons(text))
