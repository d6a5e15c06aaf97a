"""Kinds of request, by intent: the family a clause belongs to (requests of one family in a
message are one request), the actions that wait for a go-ahead, and the intents that are no
request, only a remark, or the report of a fault."""

from __future__ import annotations

import re

from assistant.agent.clauses import RoutedClause
from assistant.intents import Intent
from assistant.planner.asked_kinds import WARRANTY_WORD
from assistant.planner.return_words import START

FAMILIES: dict[Intent, str] = {
    Intent.ORDER_STATUS: "order",
    Intent.TRACKING: "order",
    Intent.ORDER_CHANGE: "order_edit",
    Intent.ORDER_CANCEL: "order_edit",
    Intent.SETUP_HELP: "product",
    Intent.TROUBLESHOOTING: "product",
    Intent.MANUAL_REQUEST: "product",
    Intent.PRODUCT_QUESTION: "product",
    Intent.ACCESSORIES: "product",
    Intent.WARRANTY_INFO: "warranty",
    Intent.WARRANTY_REGISTRATION: "warranty",
    Intent.EXTENDED_WARRANTY: "warranty",
    Intent.WARRANTY_CLAIM: "warranty",
    Intent.SUBSCRIPTION_SKIP: "subscription",
    Intent.SUBSCRIPTION_PAUSE: "subscription",
    Intent.SUBSCRIPTION_FREQUENCY: "subscription",
    Intent.SUBSCRIPTION_SWAP: "subscription",
    Intent.SUBSCRIPTION_CANCEL: "subscription",
    Intent.COMPLAINT: "support",
    Intent.HUMAN_AGENT: "support",
    Intent.FEEDBACK: "support",
}
# a change to the subscription's plan
SUBSCRIPTION_INTENTS = frozenset(
    {
        Intent.SUBSCRIPTION_SKIP,
        Intent.SUBSCRIPTION_PAUSE,
        Intent.SUBSCRIPTION_FREQUENCY,
        Intent.SUBSCRIPTION_SWAP,
        Intent.SUBSCRIPTION_CANCEL,
    }
)
# Intents whose handler proposes a change that waits for the customer's go-ahead.
ACTIONS = SUBSCRIPTION_INTENTS | {
    Intent.ORDER_CHANGE,
    Intent.ORDER_CANCEL,
    Intent.RECEIPT,
    Intent.WARRANTY_REGISTRATION,
}
NOT_A_REQUEST = frozenset({Intent.GREETING, Intent.OUT_OF_SCOPE, Intent.FEEDBACK})
# a clause of these that asks nothing ("I bought headphones and the case") sets the scene
REMARKS = frozenset({Intent.PRODUCT_QUESTION, Intent.ACCESSORIES})
# a message of these that tells a fault the customer's own fixes did not cure is one claim
FAULT_REPORTS = frozenset(
    {Intent.TROUBLESHOOTING, Intent.PRODUCT_QUESTION, Intent.SETUP_HELP, Intent.WARRANTY_CLAIM}
)


def family(intent: Intent) -> str:
    return FAMILIES.get(intent, intent.value)


# questions about a product the customer has or names (specs, setup, a fault, what fits it)
ABOUT_A_PRODUCT = frozenset(
    {Intent.PRODUCT_QUESTION, Intent.SETUP_HELP, Intent.TROUBLESHOOTING, Intent.ACCESSORIES}
)


# "can u send one to my son in toronto": where the store ships, in the clause's own words
_WHERE_SHIPPED = re.compile(
    r"\b(ship|deliver|send|mail)\w*\b[^.?!]{0,30}\b(to|in|outside)\b|"
    r"\b(international\w*|overseas|abroad)\b",
    re.I,
)
_TOPIC_WORDS: dict[Intent, re.Pattern[str]] = {
    Intent.RETURNS_REFUNDS: START,
    Intent.WARRANTY_INFO: WARRANTY_WORD,
    Intent.WARRANTY_CLAIM: WARRANTY_WORD,
    Intent.SHIPPING_INFO: _WHERE_SHIPPED,
}


def names_its_topic(c: RoutedClause) -> bool:
    """The clause says what it is about in the topic's own words ("money back", "warranty"),
    not only in words the router took for it ("a way to get them back")."""
    words = _TOPIC_WORDS.get(c.intent)
    return words is not None and bool(words.search(c.text))
