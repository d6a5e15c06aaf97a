"""The store's policy pages: account, payment, shipping and newsletter questions, and requests
about personal data (answered from the policy, then handed to the team)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.answered import answer_text
from assistant.planner.answers import Answer, units_of
from assistant.planner.clarify import clarify
from assistant.planner.common import escalate, passages
from assistant.planner.kit import Step, call, say
from assistant.planner.locked_out import locked_out_notes
from assistant.planner.move_date import MOVABLE, asks_to_move
from assistant.planner.question_words import content_words
from assistant.planner.questions import (
    SHORT_QUESTION_WORDS,
    answer_from,
    search_call,
)
from assistant.planner.refunds import REFUND_ELSEWHERE
from assistant.planner.slots import Slots
from assistant.retrieval.bm25 import tokenize

POLICY_QUERIES: dict[Intent, str] = {
    Intent.ACCOUNT_HELP: "your account: sign in, password, change your email or details",
    Intent.PAYMENT_METHODS: "payment methods we accept",
    Intent.SHIPPING_INFO: "shipping methods prices destinations",
    Intent.NEWSLETTER: "newsletter marketing emails unsubscribe",
    Intent.RECEIPT: "receipt for an order: confirmation email, download a PDF receipt",
    Intent.PRIVACY_REQUEST: "delete account data privacy request",
    Intent.SUBSCRIPTION_PAUSE: "pausing subscription deliveries and charges",
    Intent.SUBSCRIPTION_SKIP: "skipping a subscription delivery and its charge",
    Intent.SUBSCRIPTION_CANCEL: "cancelling a subscription",
    # asked only when an order's shipping method is to change (no tool does that)
    Intent.ORDER_CHANGE: "change an order's shipping method to a faster one once processing",
}


_DESTINATION = re.compile(
    r"\b(ship|deliver|send)\w*\s+(\w+\s+){0,2}(to|in|outside)\b|\binternational\w*|\boverseas\b|"
    r"\babroad\b",
    re.I,
)


def policy_question(step: Step, slots: Slots) -> ModelTurn:
    """Account, payment, shipping and newsletter questions: the store's policy pages."""
    text = step.ctx.text
    topic = POLICY_QUERIES.get(step.ctx.intent, "")
    if step.ctx.intent is Intent.SHIPPING_INFO and _DESTINATION.search(text):
        topic = "where we ship: countries and destinations outside the United States"
    elif step.ctx.intent is Intent.PAYMENT_METHODS and REFUND_ELSEWHERE.search(text):
        topic = "refunds: the original payment method, another card, bank account or store credit"
    elif step.ctx.intent in MOVABLE and asks_to_move(text):
        topic = "move only the next delivery sooner or later to another date"
    query = f"{text} ({topic})" if topic else text
    if not step.done.has("search_documents", query=query):
        return call(search_call(query, doc_type="policy"))
    # a short question ("which payment methods do you take?") reads with the topic; a longer
    # one says itself what it asks ("if i order friday night, when does it ship?")
    asked = text if len(content_words(text)) > SHORT_QUESTION_WORDS else f"{text} {topic}"
    answer = answer_from(step, asked, passages(step, query))
    costs = shipping_costs(step) if step.ctx.intent is Intent.SHIPPING_INFO else ""
    if answer is None:
        return say(costs) if costs and _COST.search(text) else clarify(step, None)
    if costs and _COST.search(text):  # the store's prices, from its policy file, come first
        return say(f"{costs}\n\n{answer_text(answer)}", answer.chunk_ids)
    if step.ctx.intent is Intent.PAYMENT_METHODS:  # "can i pay by check?": "We do not accept…"
        answer = with_asked_sentences(text, answer)
    first = (
        locked_out_notes(text, step.ctx.state.verified)
        if step.ctx.intent is Intent.ACCOUNT_HELP
        else []
    )  # "my password is … can u log in for me", "…locked, is her present coming?"
    return say("\n\n".join([*first, answer_text(answer)]), answer.chunk_ids)


_MORE = 2  # sentences of the answer's passage added for what it asks and the lines lack


def with_asked_sentences(text: str, answer: Answer) -> Answer:
    """The answer with the sentences of its passage that say something about a thing asked and
    not yet said ("Can I pay by check…?": "We do not accept cash on delivery, checks, …"; "my
    card's billing address is in São Paulo": "The card's billing address must be in the United
    States."): a list of what is accepted does not say no to what is not on it."""
    said = set(tokenize(answer.text))
    asked = set(tokenize(" ".join(content_words(text)))) - said
    more = [
        sentence
        for sentence, _ in units_of(answer.passage)
        if sentence not in answer.text and asked & set(tokenize(sentence))
    ][:_MORE]
    return replace(answer, lines=(*answer.lines, *more)) if more else answer


_COST = re.compile(
    r"\b(h[o]?w much|cost\w*|price\w*|fees?|free|rates?|charge\w*|expensive|cheap\w*)\b|"
    r"\bhow (long|many (business )?days|fast|quick(ly)?)\b.{0,40}\b"
    r"(ship\w*|deliver\w*|arrive|take)|"
    r"\btransit\b|"
    # "once it ships how long til it gets to me"
    r"\bhow long (til+|until|before|for) (it|they|them|the \w+|my \w+) (to )?(gets?|comes?|"
    r"arrives?|reach\w*|shows? up)\b",
    re.I,
)  # the price list also says how long each method takes once shipped


def shipping_costs(step: Step) -> str:
    """The store's shipping methods, prices, transit times and free-shipping rule, as its
    policy file states them (not as a document happens to phrase them)."""
    shipping = step.ctx.shop.policy.shipping
    threshold = shipping.free_shipping_threshold
    lines = []
    for method in shipping.methods:
        lo, hi = method.transit_business_days
        days = f"{lo}–{hi}" if lo != hi else f"{hi}"
        free = (
            f", free on orders of {fmt.money(threshold)} or more"
            if threshold is not None and method.free_over_threshold
            else ""
        )
        lines.append(
            f"{method.name}: {fmt.money(method.price)}, {days} business "
            f"day{'s' if hi != 1 else ''} after shipping{free}"
        )
    return "Our shipping options:\n" + fmt.bullets(lines) if lines else ""


def privacy_request(step: Step, slots: Slots) -> ModelTurn:
    """Delete my account / my data: what the policy says, and a hand-over to the team."""
    query = f"{step.ctx.text} ({POLICY_QUERIES[Intent.PRIVACY_REQUEST]})"
    if not step.done.has("search_documents", query=query):
        return call(search_call(query, doc_type="policy"))
    if not step.done.has("escalate_to_human"):
        handed = escalate(step, "privacy_request", f"Privacy request: {step.ctx.text}")
        if not handed.is_final:
            return handed
    answer = answer_from(step, step.ctx.text + " delete data", passages(step, query))
    ticket = escalate(step, "privacy_request", f"Privacy request: {step.ctx.text}")
    if answer is None:
        return ticket
    return say(
        f"{ticket.text}\n\n{answer_text(answer, 'What our policy says: ')}",
        answer.chunk_ids,
    )
