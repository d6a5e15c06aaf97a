"""When neither the router nor retrieval is sure what a message asks: the two or three likeliest
topics offered as choices, with the closest passage found, if any."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.answers import Answer
from assistant.planner.common import source_label
from assistant.planner.kit import Step, say

TOPIC_CHOICES: dict[Intent, str] = {
    Intent.ORDER_STATUS: "the status of an order",
    Intent.RECEIPT: "an order confirmation or receipt",
    Intent.ORDER_CHANGE: "changing an order or its address",
    Intent.ORDER_CANCEL: "cancelling an order",
    Intent.TRACKING: "where a package is",
    Intent.SETUP_HELP: "setting up a product",
    Intent.TROUBLESHOOTING: "a product that isn't working",
    Intent.MANUAL_REQUEST: "a product manual",
    Intent.WARRANTY_INFO: "what the warranty covers",
    Intent.WARRANTY_REGISTRATION: "registering a warranty",
    Intent.WARRANTY_CLAIM: "a warranty claim",
    Intent.EXTENDED_WARRANTY: "an extended warranty",
    Intent.ACCESSORIES: "accessories that fit a product",
    Intent.SUBSCRIPTION_SKIP: "skipping a subscription delivery",
    Intent.SUBSCRIPTION_PAUSE: "pausing a subscription",
    Intent.SUBSCRIPTION_FREQUENCY: "how often a subscription comes",
    Intent.SUBSCRIPTION_SWAP: "swapping a subscription's product",
    Intent.SUBSCRIPTION_CANCEL: "cancelling a subscription",
    Intent.FEEDBACK: "leaving feedback",
    Intent.COMPLAINT: "a complaint",
    Intent.RETURNS_REFUNDS: "a return or refund",
    Intent.BILLING_DISPUTE: "a charge on your card",
    Intent.HUMAN_AGENT: "talking to a person",
    Intent.PRODUCT_QUESTION: "a question about a product",
    Intent.ACCOUNT_HELP: "your account or password",
    Intent.PRIVACY_REQUEST: "your personal data",
    Intent.PAYMENT_METHODS: "ways to pay",
    Intent.SHIPPING_INFO: "shipping options and costs",
    Intent.NEWSLETTER: "marketing emails",
}


def clarify(step: Step, near: Answer | None = None) -> ModelTurn:
    """Ask, offering the two or three likeliest topics (and the closest passage, if any). Once
    the conversation is with a person, what the planner cannot place is for them ("yes please
    try. 2250 N Prospect Ave…" after the hand-over of a redirect)."""
    handed = step.ctx.state.escalation
    if handed is not None and (near is None or near.support <= 0):
        return say(
            f"I've added this to your request for our support team (ticket "
            f"{handed.ticket_number}); whoever takes it will see it. Is there anything else I "
            "can help with meanwhile?"
        )
    choices = [
        TOPIC_CHOICES[i]
        for i, _ in step.ctx.ranked
        if i in TOPIC_CHOICES and i is not Intent.OUT_OF_SCOPE
    ][:3]
    text = f"I want to make sure I help with the right thing: is this about {fmt.either(choices)}?"
    if near is not None and near.support > 0:
        text += (
            f"\n\nThe closest I found in our documents ({source_label(near.passage)}):\n{near.text}"
        )
        return say(text, [near.passage.chunk_id])
    return say(text + " A few more words will help me.")
