"""When the documents themselves send the customer to support: "If water drips from the bottom
seam, stop using the kettle and contact support." We are support, so when the customer's own
report matches that sentence's condition, the answer quotes it and hands the case to a person
in the same reply, instead of telling the customer to contact the people they are talking to.

The condition must be the customer's situation, not a neighbour's: the sentence and the
customer's message share at least ``MIN_SHARED`` content words beyond the product's own name,
and the message reports the customer's own item ("my", "I", "we"), not a hypothetical ("what if").
"""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.common import answer_then_hand_over
from assistant.planner.kit import Step
from assistant.planner.question_words import content_words
from assistant.planner.serials import serial_ready
from assistant.planner.slots import extract_slots

MIN_SHARED = 3
SENDS_TO_SUPPORT = re.compile(
    r"\b(contact|call|email|write to)\b[^.;]{0,40}\b(support|us|customer service|our team)\b|"
    r"\bmake a (warranty|guarantee) claim\b",
    re.I,
)
_OWN_REPORT = re.compile(r"\b(my|mine|i|i'?ve|we|our|it|it'?s)\b", re.I)
_HYPOTHETICAL = re.compile(r"^\W*(what (if|happens)|if|in case|suppose|would)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# words of the instruction itself, not of the situation it is for
_INSTRUCTION = frozenset(
    {"contact", "support", "call", "email", "stop", "using", "use", "make", "claim", "team", "us"}
)


def sends_to_support(answer_text: str, customer_text: str, naming: set[str]) -> str | None:
    """The sentence of ``answer_text`` that sends this customer's case to support, if any.
    ``naming``: the words of the product's name (they match every question about it)."""
    if _HYPOTHETICAL.search(customer_text) or not _OWN_REPORT.search(customer_text):
        return None
    said = set(content_words(customer_text)) - naming - _INSTRUCTION
    for sentence in _SENTENCE.split(answer_text):
        if not SENDS_TO_SUPPORT.search(sentence):
            continue
        condition = set(content_words(sentence)) - naming - _INSTRUCTION
        if len(condition & said) >= MIN_SHARED:
            return sentence.strip()
    return None


def docs_send_to_support(
    step: Step, answer_text: str, cited: list[str], sentence: str
) -> ModelTurn:
    """The documents' answer, then the hand-over the answer itself calls for."""
    summary = f'The documents send this case to support ("{sentence}"). Customer: {step.ctx.text}'
    reason = handover_reason(sentence)
    sku = step.ctx.state.focus_sku
    if sku and reason == "warranty_claim":  # as for any claim: where its serial is printed
        serial = serial_ready(step.ctx.shop, sku, extract_slots(step.ctx.text, step.ctx.shop))
        answer_text += f"\n\n{serial}" if serial else ""
    return answer_then_hand_over(step, answer_text, cited, reason, summary)


def handover_reason(sentence: str) -> str:
    """The hand-over a document's "contact support" sentence asks for: a billing case when it
    is about charges, else a claim about the product."""
    return "billing_dispute" if _BILLING.search(sentence) else "warranty_claim"


# a sentence about charges sends a billing case to a person, not a faulty product
# ("…a charge on your card", "refunds"; not a battery's "full charge")
_BILLING = re.compile(
    r"\b(billing|billed|chargebacks?|disputes?|payments?|refunds?|"
    r"charge[sd]? (on|to) (your|the) (card|statement|account|bill))\b",
    re.I,
)
