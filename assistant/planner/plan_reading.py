"""Where the router's topic and the subscription plan disagree: a message about the plan read as
an order change ("go down to 2 bags instead of 3", "3 bags each time"), a plan change the router
missed ("my coffee keeps coming way too often"), or a message read as a plan change that asks
to send coffee back, how to brew, or about a product the message named ("…got the kettle. can i
leave it on HOLD all day?"). :func:`read_plan` applies them for :mod:`reading`."""

from __future__ import annotations

import re

from assistant.agent.clauses import is_asked
from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner import return_words
from assistant.planner.account_words import (
    OWN_SUBSCRIPTION,
    PLAN_VERBS,
    about_subscription,
    names_plan_count,
    names_what_it_delivers,
)
from assistant.planner.addresses import looks_like_address
from assistant.planner.question_words import QUESTION
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS
from assistant.planner.upset import WHAT_TO_DO

PLAN_SIZE = "plan-size"  # a note: the question is about the plan's size, its guide answers it
# the changes a sentence asks of the plan itself ("can you skip that one?")
_OWN_CHANGE = re.compile(r"\b(skip\w*|pause\w*|resume|hold off)\b", re.I)


_THE_PLAN = re.compile(rf"{OWN_SUBSCRIPTION.pattern}|\b(my|our|the) plan\b", re.I)
_HOW_OFTEN = re.compile(
    r"\b(every|often|frequen\w*|weekly|biweekly|fortnight\w*|monthly|each (week|month)|"
    r"(a|per|each) (week|fortnight)|weeks)\b",
    re.I,
)


def about_the_plan(ctx: TurnContext, text: str, unsure_below: float) -> bool:
    """ "then from next month can i go down to 2 bags instead of 3?" after a subscription request
    (or beside a subscription word): the plan's size, not an order to change ("if i add a bag,
    what would each delivery cost": nor its shipping). Read again each
    step, so a product question already decided stays one."""
    # "change my plan to 2 bags instead of 3": no return; "want to go down to 2 bags": no
    # frequency named
    misread = (
        ctx.intent in (Intent.RETURNS_REFUNDS, Intent.ORDER_CHANGE)
        and not (return_words.RETURN_WORD.search(text) or return_words.START.search(text))
        and bool(_THE_PLAN.search(text) or about_subscription(text, ctx.shop))
    ) or (ctx.intent is Intent.SUBSCRIPTION_FREQUENCY and not _HOW_OFTEN.search(text))
    if misread:
        return names_plan_count(text, ctx.shop)
    return (
        ctx.intent in (Intent.ORDER_CHANGE, Intent.PRODUCT_QUESTION, Intent.SHIPPING_INFO)
        and ctx.confidence < unsure_below
        and names_plan_count(text, ctx.shop)
        and (
            ctx.state.active_intent in SUBSCRIPTION_INTENTS
            or ctx.state.focus_subscription is not None  # "add a bag to that one" after its news
            or about_subscription(ctx.full_text or text, ctx.shop)  # "…about my plan:"
        )
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


SURE_ORDER_CHANGE = 0.6
_SURE_PLAN = 0.7  # surer than this of a plan change, a brand's own service named stays one
# "is the coffee bad or am i doing something wrong": how it is used, asked of the guides
_DOING_WRONG = re.compile(
    r"\b((am|are) (i|we) doing (it |something |anything )?wrong|what (am|are) (i|we) doing "
    r"wrong|is (the|my|this) \w+ (bad|off|stale|old))\b",
    re.I,
)
# a change weighed, not asked for yet
CONSIDERING = re.compile(r"\b(thinking (of|about)|considering|might|debating)\b", re.I)
# a change of the plan asked outright ("can you switch me to…", "cancel it")
# "can i use the espresso grind i still have from my subscription in it?" (a moka pot): what
# the coffee is used in, not a change to the plan
_USED_IN = re.compile(
    r"\b(can|could|should|will|would) (i|we) (use|put|brew|make|try)\b"
    r"(?! (it|them|this|that|my \w+|the \w+) on hold)[^?.!]{0,80}\b(in|with|for)\b",
    re.I,
)
_CHANGE_ASKED = re.compile(r"\b(switch|swap|change|cancel|skip|pause|instead|stop sending)\b", re.I)
# a time or an amount of brewing, not of the plan ("30 hours instead of 16", "20 g instead of 15")
_BREWED_INSTEAD = re.compile(
    r"\b\d+\s*(hours?|hrs?|ore|minutes?|mins?|seconds?|secs?|g|grams?|ml|oz|cups?|scoops?|"
    r"tbsp|tablespoons?)\b.{0,6}\binstead of\b",
    re.I,
)
_EACH_DELIVERY = re.compile(
    r"\b(each|every|per) (time|delivery|shipment|month|week|box)\b|\bevery \d+ (weeks|months)\b",
    re.I,
)
_TOO_OFTEN = re.compile(
    r"\b(too (often|frequently|fast|much|many bags)|piling up|pile up|stacking up|stockpil\w*)\b",
    re.I,
)


_CANCEL_IT = re.compile(
    r"^\W*((ok(ay)?|then|so|fine|alright|yes|yeah|just|actually)\W+)*cancel (it|that)\b", re.I
)


_MY_PLAN = re.compile(r"\b(my|our) (\w+ )?(subscription|plan|club|deliver\w*)\b", re.I)


def _a_brands_service(ctx: TurnContext, text: str) -> bool:
    """The message asks about "the subscription" and names products none of which the store's
    plan delivers, and neither what the plan delivers, nor the plan's name, nor "my
    subscription": the subscription it asks about is that product's own service."""
    shop, whole = ctx.shop, ctx.full_text or text  # of several questions, the whole message
    named = shop.mentions(whole)
    subs = shop.policy.subscriptions
    program = (subs.program_name or "").lower() if subs else ""
    return (
        bool(named)
        and "?" in whole
        and not _MY_PLAN.search(whole)
        and not any(shop.subscribable(s) for s in named)
        and not names_what_it_delivers(whole, shop)
        and not (program and program in whole.lower())
    )


def read_plan(ctx: TurnContext, text: str) -> bool:
    """The plan's change the router missed, or the product's use it took for a plan change
    (``ctx`` set; True), or neither (False)."""
    if (
        ctx.confidence < ctx.settings.router_threshold
        and _TOO_OFTEN.search(text)
        and (about_subscription(text, ctx.shop) or names_what_it_delivers(text, ctx.shop))
    ):  # "my coffee keeps coming way too often, 3 unopened bags": how often it should come
        ctx.intent, ctx.confidence = Intent.SUBSCRIPTION_FREQUENCY, max(ctx.confidence, 0.6)
        return True
    if (
        ctx.intent is Intent.ORDER_CANCEL
        and ctx.state.active_intent in SUBSCRIPTION_INTENTS
        and _CANCEL_IT.search(text)
    ):  # "if I cancel the club today…?" — "ok then cancel it": the subscription, not an order
        ctx.intent = Intent.SUBSCRIPTION_CANCEL
        return True
    if (
        ctx.intent in SUBSCRIPTION_INTENTS
        and ctx.confidence < _SURE_PLAN
        and _a_brands_service(ctx, text)
    ):  # "…<brand> cloud. if I return the camera is the subscription cancelled too?"
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.5)
        return True
    if ctx.intent in SUBSCRIPTION_INTENTS and (
        (
            ctx.confidence < _SURE_PLAN
            and (_DOING_WRONG.search(text) or _USED_IN.search(text))
            and not _CHANGE_ASKED.search(text)
        )
        # "thinking of switching … to the dark roast. darker = more caffeine right?": weighed
        or (CONSIDERING.search(text) and "?" in text and not _OF_THE_STORE.search(text))
    ):  # "the dark roast from my club is so bitter in my french press… what am i doing
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.5)  # wrong"
        return True
    if (
        ctx.intent in SUBSCRIPTION_INTENTS
        and ctx.confidence < SURE_ORDER_CHANGE
        and not about_subscription(text, ctx.shop)
        and not _change_beside_an_aside(ctx, text)
        and (
            ("?" in text and not all(ctx.shop.subscribable(s) for s in ctx.shop.mentions(text)))
            or (WHAT_TO_DO.search(text) and not PLAN_VERBS.search(text))
            or about_a_product_told(ctx, text)
        )
    ):  # "now I bought a light roast, should I move the grinder's number?": the grinder's;
        # "the dark roast … tastes sour and thin, what am i doing wrong": how to brew it
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.5)
        return True
    if (
        ctx.intent in SUBSCRIPTION_INTENTS
        and "?" in text
        and _BREWED_INSTEAD.search(text)
        and not PLAN_VERBS.search(text)
    ):  # "I forgot it in the fridge 30 hours instead of 16. Can I still use it?": brewing
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.5)
        return True
    if (
        ctx.intent is Intent.ORDER_CHANGE
        and ctx.confidence < SURE_ORDER_CHANGE
        and _EACH_DELIVERY.search(text)
        and not looks_like_address(text)
    ):  # "can I get 3 bags each time instead of 2?": the recurring plan, not an order
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, min(ctx.confidence, 0.5)
        return True
    return False


def _change_beside_an_aside(ctx: TurnContext, text: str) -> bool:
    """ "…(taking my new noise cancelling headphones finally lol). nobody home for the coffee
    on the 29th so can you skip that one?": a sentence asks to skip what the plan delivers and
    names no other product; the product named elsewhere is an aside."""
    for sentence in re.split(r"(?<=[.!?;)])\s+", text):
        if (
            _OWN_CHANGE.search(sentence)
            and names_what_it_delivers(sentence, ctx.shop)
            and all(ctx.shop.subscribable(s) for s in ctx.shop.mentions(sentence))
        ):
            return True
    return False
