"""What a conversation says about itself: its topic, and whether the customer said it helped.

Topics group intents into what a customer would call "the same issue" (a second question about
tracking after an order-status chat is a return on the same topic). Acknowledgments are short
fixed patterns: "that worked", "it works now", "thanks, that helped" (positive); "still not
working", "didn't help" (negative, which wins within one message).
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.intents import Intent
from assistant.metrics.records import ConversationRecord

Ack = Literal["positive", "negative"]

TOPICS: dict[str, str] = {
    Intent.ORDER_STATUS: "order",
    Intent.RECEIPT: "order",
    Intent.ORDER_CHANGE: "order",
    Intent.ORDER_CANCEL: "order",
    Intent.TRACKING: "order",
    Intent.SETUP_HELP: "setup",
    Intent.TROUBLESHOOTING: "product_issue",
    Intent.MANUAL_REQUEST: "product_issue",
    Intent.WARRANTY_INFO: "warranty",
    Intent.WARRANTY_REGISTRATION: "warranty",
    Intent.WARRANTY_CLAIM: "warranty",
    Intent.EXTENDED_WARRANTY: "warranty",
    Intent.ACCESSORIES: "accessories",
    Intent.SUBSCRIPTION_SKIP: "subscription",
    Intent.SUBSCRIPTION_PAUSE: "subscription",
    Intent.SUBSCRIPTION_FREQUENCY: "subscription",
    Intent.SUBSCRIPTION_SWAP: "subscription",
    Intent.SUBSCRIPTION_CANCEL: "subscription",
    Intent.RETURNS_REFUNDS: "returns",
    Intent.BILLING_DISPUTE: "billing",
    Intent.COMPLAINT: "complaint",
}
_NO_TOPIC = {Intent.GREETING, Intent.FEEDBACK, Intent.HUMAN_AGENT, Intent.OUT_OF_SCOPE}

_NEGATIVE = re.compile(
    r"\b(didn'?t|did not|doesn'?t|does not|isn'?t|won'?t|not work\w*|not help\w*|no luck|"
    r"still (?:not|broken|the same)|same (?:problem|issue)|useless|nothing works?)\b",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"\b((?:that|it|this)(?:'s| has| is)? (?:helped|worked|works|fixed|did it|did the trick|"
    r"solved)|works now|working now|(?:problem |issue )?(?:solved|fixed|sorted)|"
    r"(?:all|that's|that is) (?:good|great|perfect)|perfect|awesome|very helpful|helpful)\b",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^\W*(?:ok(?:ay)?,? )?(?:thanks?|thank you|thx|ty)\b", re.IGNORECASE)


def topic_of(intents: tuple[str, ...]) -> str:
    """The topic of the first intent that has one; "other" when none does."""
    for intent in intents:
        if intent not in _NO_TOPIC and intent in TOPICS:
            return TOPICS[intent]
    return "other"


def conversation_topic(conversation: ConversationRecord) -> str:
    return topic_of(conversation.intents)


def acknowledgment(text: str) -> Ack | None:
    """ "positive", "negative" or ``None`` for a customer message."""
    if _NEGATIVE.search(text):
        return "negative"
    if _POSITIVE.search(text):
        return "positive"
    if _THANKS.search(text) and len(text.split()) <= 6:
        return "positive"
    return None


def last_acknowledgment(conversation: ConversationRecord) -> Ack | None:
    """The customer's last acknowledgment after the first reply, if any."""
    found: Ack | None = None
    for turn in conversation.turns[1:]:
        ack = acknowledgment(turn.text)
        if ack is not None:
            found = ack
    return found
