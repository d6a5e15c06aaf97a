"""Where the router's topic and the subscription plan disagree: a message about the plan read as
an order change ("go down to 2 bags instead of 3"), or a message read as a plan change that asks
to send coffee back ("can we send both bags back?"), or a question about a product the message named
read as a plan change ("…got the kettle. can i leave it on HOLD all day?")."""

from __future__ import annotations

import re

from assistant.agent.clauses import is_asked
from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner import return_words
from assistant.planner.account_words import OWN_SUBSCRIPTION, about_subscription, names_plan_count
from assistant.planner.question_words import QUESTION
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS


def about_the_plan(ctx: TurnContext, text: str, unsure_below: float) -> bool:
    """ "then from next month can i go down to 2 bags instead of 3?" after a subscription request
    (or beside a subscription word): the plan's size, not an order to change. Read again each
    step, so a product question already decided stays one."""
    return (
        ctx.intent in (Intent.ORDER_CHANGE, Intent.PRODUCT_QUESTION)
        and ctx.confidence < unsure_below
        and names_plan_count(text, ctx.shop)
        and (ctx.state.active_intent in SUBSCRIPTION_INTENTS or about_subscription(text, ctx.shop))
    )


def no_plan_named(ctx: TurnContext, text: str) -> bool:
    """A subscription read where the message names no plan and its return sentence names the
    products to send back ("can we send the strong blend back?")."""
    return (
        ctx.intent in SUBSCRIPTION_INTENTS
        and not (OWN_SUBSCRIPTION.search(text) or about_subscription(text, ctx.shop))
        and bool(ctx.shop.mentions(return_words.asking_sentences(text)))
    )


# "can you…", "please…": asked of the store, not how the product behaves
_OF_THE_STORE = re.compile(r"\b((can|could|would|will) you|please|pls)\b", re.I)


def about_a_product_told(ctx: TurnContext, text: str) -> bool:
    """ "…and got the new kettle for pour overs. can i just leave it on HOLD the whole day?":
    one question of a message, naming no product, where the message names products (not by
    their brand alone) none of which the subscription delivers: it asks about them."""
    asked = QUESTION.search(text) or is_asked(ctx.full_text, text)
    if not ctx.full_text or not asked or _OF_THE_STORE.search(text):
        return False
    if ctx.shop.mentions(text):
        return False
    whole = ctx.full_text
    named = set(ctx.shop.mentions(whole)) - ctx.shop.vocabulary.by_brand_only(whole)
    return bool(named) and not any(ctx.shop.subscribable(s) for s in named)
