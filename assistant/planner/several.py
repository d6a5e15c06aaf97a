"""Several requests in one message, answered in one reply: the loop routes each clause on its
own (``TurnContext.clauses``); when confident clauses ask for different kinds of things
("what's the status of my order and can you add socks"), the first is answered and the others
are queued for ``parts``, which answers them one after the other and joins the answers."""

from __future__ import annotations

import re

from assistant.agent.clauses import RoutedClause
from assistant.agent.context import TurnContext
from assistant.escalation.signals import asks_for_human, negative_sentiment
from assistant.intents import Intent
from assistant.planner.account_words import (
    KEEPS_PLAN,
    NETWORK,
    NEXT_CHARGE,
    ORDER_DETAILS,
    ORDER_WORDS,
    PLAN_VERBS,
    WHERE_IS_MINE,
    about_subscription,
    asks_own_next,
    names_plan_count,
    names_what_it_delivers,
)
from assistant.planner.asked_kinds import IF_I, asks_about_plan
from assistant.planner.asks_change import ADDRESS_CHANGE, asks_plainly_for
from assistant.planner.charge_totals import WHAT_FOR, charged_after_ending
from assistant.planner.cutoff import asks_a_cutoff
from assistant.planner.listed import after_and, merged_as_announced
from assistant.planner.persists import FAULT_TOLD, fault_persists
from assistant.planner.plan_reading import CONSIDERING
from assistant.planner.question_words import ASKS_US, content_words
from assistant.planner.request_kinds import (
    ACTIONS,
    FAULT_REPORTS,
    NOT_A_REQUEST,
    REMARKS,
    family,
    names_its_topic,
)
from assistant.planner.return_words import ASKS_WINDOW, NOT_DAMAGED, PUT_BACK, START, asks_exchange
from assistant.planner.scenes import ASKS as _ASKS
from assistant.planner.scenes import (
    DOCUMENT_QUESTION,
    MIN_WORDS,
    SPLIT_CONFIDENCE,
    UNSURE,
    asks,
    scenes_asked,
)
from assistant.planner.several_words import (
    ABOUT_AN_ORDER,
    ACCOUNT_TROUBLE,
    ANNOUNCED,
    BOUGHT_WHEN,
    CALLED_OFF,
    CHANGES,
    FROM_AN_ORDER,
    GOES_WHERE,
    IF_NEEDED,
    NUMBERED,
    STOP_THE_ORDER,
    TASTES,
    TOLD_DANGER,
)

MAX_PARTS = 3
_SURE = 0.9  # a clause's request this sure is what a message of remarks around it asks


def _names_a_plan_change(text: str, ctx: TurnContext) -> bool:
    """A clause about a subscription says so: the plan or what it delivers (not a bag of it
    from an order: "can i pour the espresso ground decaf bag from that order into it"), or a
    change to it."""
    shop = ctx.shop
    return bool(
        about_subscription(text, shop)
        or (names_what_it_delivers(text, shop) and not FROM_AN_ORDER.search(text))
        or PLAN_VERBS.search(text)
    )


def _calm_question(c: RoutedClause) -> RoutedClause:
    """ "…how long before it goes stale, i feel like the last one tasted flat": a question with a
    remark and no anger is one for the documents, not a complaint to hand over."""
    if (
        c.intent is Intent.COMPLAINT
        and negative_sentiment(c.text) == 0
        and len(content_words(c.text)) >= 2
        and not asks_for_human(c.text)
    ):
        return RoutedClause(c.text, Intent.PRODUCT_QUESTION, DOCUMENT_QUESTION)
    return c


_INSTEAD = re.compile(
    r"\b(instead of|rather than)\b", re.I
)  # "…whole bean instead of french press"
_THAT_CHANGE = re.compile(r"\b(chang\w*|do) (that|it|this)\b", re.I)  # the change just asked
_WANTS = re.compile(r"\b(i|we)('d| would)? (want|like|need|wanna)\b|\b(please|pls|plz)\b", re.I)


def _names_no_order(c: RoutedClause) -> bool:  # "we are away from the 1 until 25 march"
    return family(c.intent) == "order" and not ORDER_WORDS.search(c.text)


def split(ctx: TurnContext) -> bool:
    """Narrow the turn to the first of several different requests and queue the others.
    False (nothing changed) when the message holds one kind of request.

    A clause routed confidently (or to the whole message's intent) keeps its intent; another
    clause that asks something is a question for the documents."""
    returned = ctx.intent is Intent.RETURNS_REFUNDS and bool(FAULT_TOLD.search(ctx.text))
    if (ctx.intent in FAULT_REPORTS or returned) and fault_persists(ctx.text):
        return False  # "…I updated the firmware. Still 20 hours. I'd like to claim": one claim
    if TOLD_DANGER.search(ctx.text) and ctx.shop.mentions(ctx.text):
        return False  # "my spare bp-f2… looks puffy… got really warm charging": one, for safety
    if charged_after_ending(ctx.text) or (
        ctx.intent is Intent.BILLING_DISPUTE
        and WHAT_FOR.search(ctx.text)
        and not any(c.intent in ACTIONS for c in ctx.clauses)
    ):  # "…a $212.40 charge… i havent ordered anything since december. what is this??": one
        return False  # "I CANCELLED my club in October. So why is there a $38.10 charge?": one
    if asks_for_human(ctx.text) and not IF_NEEDED.search(ctx.text):
        return False  # "…but I'd like to speak to an actual human being": a person takes it all
    requests: list[RoutedClause] = []
    guessed: list[RoutedClause] = []  # clauses the router could not place on their own
    listed = (  # "3 things: 1) has it shipped? 2) …": each item asks
        NUMBERED.search(ctx.text) if ANNOUNCED.search(ctx.text) or "?" in ctx.text else None
    )

    # "hey 2 things, my battery barely lasts a day… and wheres the serial": one of several
    fault_listed = bool(ANNOUNCED.search(ctx.text)) and any(
        c.intent in FAULT_REPORTS and not asks(c.text) and len(content_words(c.text)) >= MIN_WORDS
        for c in ctx.clauses
    )
    if fault_listed and merged_as_announced(ctx, ANNOUNCED):  # "Two things. …please skip my next…
        fault_listed = False  # …my cold brew tastes watery… What should I change?": two

    def asked(c: RoutedClause) -> bool:
        return asks(c.text) or bool(listed and ctx.text.find(c.text) > listed.start())

    for c in ctx.clauses if fault_listed else scenes_asked(ctx.clauses, ctx.shop):
        if len(c.text.split()) < MIN_WORDS:
            continue
        if c.intent in REMARKS and not asked(c):
            continue  # "I think my sister ordered me a tent": a remark, not a question
        if c.intent is Intent.ACCOUNT_HELP and (
            not (asks(c.text) or ACCOUNT_TROUBLE.search(c.text)) or NETWORK.search(ctx.text)
        ):  # "we're twins and we share this account": who is writing, not a request; "…sits on
            continue  # connecting to wifi… password is def right": the network's, not the account's
        if c.intent is Intent.WARRANTY_CLAIM and NOT_DAMAGED.search(c.text) and not asks(c.text):
            continue  # "not broken broken, just lopsided": how bad it is, not a claim
        if c.intent is Intent.RETURNS_REFUNDS and PUT_BACK.search(c.text):  # "…back in the app"
            c = RoutedClause(c.text, Intent.PRODUCT_QUESTION, 0.0)
        if CALLED_OFF.search(c.text):
            continue  # "wait, actually don't cancel. can you …": the request is the other clause
        if (BOUGHT_WHEN.search(c.text) or _names_no_order(c)) and not asks(c.text):
            continue  # "…is that covered? i got it back in august": when, for the question
        if (
            family(c.intent) == "subscription"
            and (TASTES.search(c.text) or CONSIDERING.search(c.text))  # "thinking of…"
            and not (asked(c) or (CHANGES.search(c.text) and not CONSIDERING.search(c.text)))
        ):  # "the dark roast from my club is so bitter in my french press": told
            continue
        if c.intent is Intent.HUMAN_AGENT and IF_NEEDED.search(c.text):
            continue  # "…it's still on. Do I need to call someone?": answer, then they decide
        if (
            family(c.intent) == "subscription"
            and not asks(c.text)
            and (
                KEEPS_PLAN.search(c.text)
                or not (
                    PLAN_VERBS.search(c.text)
                    or about_subscription(c.text, ctx.shop)
                    or (_INSTEAD.search(c.text) and names_what_it_delivers(c.text, ctx.shop))
                )  # "…i want one of the 2 bags to be whole bean instead of french press"
            )
        ):
            continue  # "trying cold brew with the morning light blend…": a blend, no change
        if (
            family(c.intent) in ("subscription", "order_edit")
            and (ctx.intent is Intent.RETURNS_REFUNDS or ctx.confidence < UNSURE)
            and asks_exchange(c.text)
        ):  # "…can we switch them to black same size?": the exchange the message asks for
            c = RoutedClause(c.text, Intent.RETURNS_REFUNDS, max(ctx.confidence, SPLIT_CONFIDENCE))
        if family(c.intent) == "subscription" and not _names_a_plan_change(c.text, ctx):
            # "E2 again. every single time for 3 days": how often it fails, no plan; "how often
            # should I descale it?": a question for the documents, if it asks
            c = RoutedClause(c.text, Intent.PRODUCT_QUESTION, 0.0)
        if asks_plainly_for(c.text, c.intent):  # "…about my decaf club: please skip the next"
            c = RoutedClause(c.text, c.intent, max(c.confidence, SPLIT_CONFIDENCE))
        if (
            family(c.intent) == "order_edit"
            and ADDRESS_CHANGE.search(c.text)
            and _names_a_plan_change(ctx.text, ctx)
        ):  # "…skip my next coffee. also I'm moving, how do I make sure the ones after that go
            # to the new place?": the plan's address, asked beside the skip
            c = RoutedClause(c.text, Intent.ORDER_CHANGE, max(c.confidence, SPLIT_CONFIDENCE))
        elif family(c.intent) == "order_edit" and not CHANGES.search(c.text):
            # "ya la enviaron?" read as "already the shipped": no change asked of the order
            c = RoutedClause(c.text, Intent.ORDER_STATUS, 0.0)
        if family(c.intent) == "order" and (
            not ORDER_WORDS.search(FROM_AN_ORDER.sub("", c.text))
            or (GOES_WHERE.search(c.text) and ctx.shop.mentions(c.text))
        ):
            # "…the display on top stays lit. Is that going to drain the battery?": no order; "the
            # grinder from my december order - can i put…": the order says which grinder
            c = RoutedClause(c.text, Intent.PRODUCT_QUESTION, 0.0)
        if (
            c.intent is not Intent.ORDER_CANCEL
            and STOP_THE_ORDER.search(c.text)
            and ORDER_WORDS.search(FROM_AN_ORDER.sub("", c.text))
        ):  # "…a new coffee order from this morning already, can you stop that one": the order
            c = RoutedClause(c.text, Intent.ORDER_CANCEL, max(c.confidence, SPLIT_CONFIDENCE))
        if c.intent is Intent.TRACKING and WHERE_IS_MINE.search(c.text):
            c = RoutedClause(c.text, c.intent, max(c.confidence, SPLIT_CONFIDENCE))
        if family(c.intent) in ("order", "order_edit") and (
            names_plan_count(c.text, ctx.shop) and about_subscription(ctx.text, ctx.shop)
        ):
            c = RoutedClause(c.text, Intent.PRODUCT_QUESTION, 0.0)  # "can i get 4 bags in a box?"
        elif c.intent is Intent.BILLING_DISPUTE and NEXT_CHARGE.search(c.text):
            # "…and i paused it a while back, when is it going to charge me again?": its plan
            c = RoutedClause(c.text, Intent.ORDER_STATUS, max(c.confidence, SPLIT_CONFIDENCE))
        elif asks_a_cutoff(c.text, ctx.today):  # "by when do i have to decide… on the 30th"
            c = RoutedClause(c.text, Intent.SUBSCRIPTION_SWAP, max(c.confidence, SPLIT_CONFIDENCE))
        if c.intent not in NOT_A_REQUEST and c.confidence >= SPLIT_CONFIDENCE:
            requests.append(c)
        elif (
            c.intent not in NOT_A_REQUEST
            and c.intent is ctx.intent  # the message's own, if the clause asks or is near sure
            and (asks(c.text) or c.confidence >= SPLIT_CONFIDENCE / 2)
        ):
            own, sure = c.intent, max(c.confidence, ctx.confidence)
            if own is Intent.PRODUCT_QUESTION and asks_own_next(c.text):
                own = Intent.ORDER_STATUS
            elif (
                own in ACTIONS
                and asks(c.text)
                and not ASKS_US.search(c.text)  # "…could you send it to me again": the request
                and any(r.intent in ACTIONS and family(r.intent) == family(own) for r in requests)
            ):
                # "pause my decaf… and is there anything different about grinding decaf?": the
                # request is made; the unsure question beside it is one for the documents
                own, sure = Intent.PRODUCT_QUESTION, DOCUMENT_QUESTION
            guessed.append(RoutedClause(c.text, own, sure))
            requests.append(guessed[-1])
        elif c.intent in FAULT_REPORTS and fault_listed and len(content_words(c.text)) >= MIN_WORDS:
            # "2 things, my headphones' battery barely lasts a day now…": told as a request
            requests.append(RoutedClause(c.text, c.intent, SPLIT_CONFIDENCE))
        elif asked(c) and len(content_words(c.text)) >= (1 if listed else 2):  # "what do I do?"
            # "when's my next delivery": the account's; any other question: the documents'
            # "…my kettle order: where on earth is it": the parcel, as the router read it
            order = c.intent if c.intent is Intent.TRACKING else Intent.ORDER_STATUS
            own = (
                order
                if (
                    (listed and family(c.intent) == "order")
                    or asks_own_next(c.text)
                    # not "can i pour the decaf bag from that order into it"
                    or ABOUT_AN_ORDER.search(FROM_AN_ORDER.sub("", c.text))
                    or ORDER_DETAILS.search(c.text)
                )
                and not IF_I.search(c.text)  # "if I add socks to the order, how is that paid"
                else Intent.PRODUCT_QUESTION
            )
            if names_its_topic(c):  # "…is that covered or is that just wear?": the warranty
                own = c.intent
            elif asks_exchange(c.text) and not ASKS_WINDOW.search(c.text):
                own = Intent.RETURNS_REFUNDS  # "…she wants red. can we swap for red…?"
            guessed.append(RoutedClause(c.text, own, DOCUMENT_QUESTION))
            requests.append(guessed[-1])
    if any(family(c.intent) != "support" for c in requests):
        # "I opened a bag and honestly don't like it. Can I send it back?": the grumble is the
        # reason for the request beside it, not a complaint to hand over
        requests = [
            _calm_question(c) for c in requests if c.intent is not Intent.COMPLAINT or asks(c.text)
        ]
    if not any(c.confidence >= SPLIT_CONFIDENCE for c in requests) and not (
        len(requests) > 1 and listed  # "1) has it shipped? 2) i read…": the customer's own list
    ):
        return False
    told = [c for c in requests if c not in guessed]
    back = [c for c in told if c.intent is Intent.RETURNS_REFUNDS and START.search(c.text)]
    faults = [c for c in requests if c.intent in FAULT_REPORTS and not asks(c.text)]
    # "the grinder came yesterday and it's dead" guessed as the return: told, not asked
    told_back = [c for c in guessed if c.intent is Intent.RETURNS_REFUNDS and not asks(c.text)]
    if back and faults and len(back) + len(faults) + len(told_back) == len(requests):
        # "the left side went silent… did the factory reset… can i just return them for a
        # refund": the fault told is the return's reason, not a claim beside it
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, back[0].confidence
        return False
    surest = max(told, key=lambda c: c.confidence, default=None)
    if (
        surest is not None
        and len({c.intent for c in requests}) == 1
        and ctx.confidence < UNSURE <= surest.confidence
        and names_its_topic(surest)
    ):  # "i've run in them 4 times… i just want my money back. is that possible…": the one
        # request the router is sure of is what the message asks, the rest sets the scene
        ctx.intent, ctx.confidence = surest.intent, surest.confidence
        return False
    if (
        guessed
        and not fault_listed
        and len(told) == 1
        and told[0].intent not in ACTIONS
        and not _ASKS.search(told[0].text)
    ):
        # "got my return label but I'm travelling. how long do I have to drop it off?": the
        # statement sets the topic, the unsure question asks about it: one request ("could i
        # use it in my dash cam? it records nonstop": told after it, the message's own topic)
        if ctx.text.find(told[0].text) < ctx.text.find(guessed[0].text):
            ctx.intent, ctx.confidence = told[0].intent, max(told[0].confidence, ctx.confidence)
        return False

    plan_asks = [
        c
        for c in requests
        if c.intent in ACTIONS
        and family(c.intent) == "subscription"
        and (asks(c.text) or _WANTS.search(c.text))
    ]

    plan_kinds = {c.intent.value for c in plan_asks}

    def kind(c: RoutedClause) -> str:  # "when's my next coffee delivery?": not the order's
        if c.intent in (Intent.ORDER_STATUS, Intent.TRACKING) and about_subscription(
            c.text, ctx.shop
        ):  # a question about its deliveries; "…and pls skip the one after this": a change
            return "subscription_status"
        if asks_a_cutoff(c.text, ctx.today):  # "…whats the deadline for saturday's": asked
            return "cutoff"
        if c.intent in ACTIONS and family(c.intent) == "subscription" and plan_asks:
            # "can you skip saturday's box… and i want one bag whole bean instead": two changes;
            # "my coffee comes every 2 weeks": how it is now, told with the change asked
            return (c if c in plan_asks else plan_asks[0]).intent.value
        return family(c.intent)

    kinds = list(dict.fromkeys(kind(c) for c in requests))
    if (one := requests[0] if len(requests) == 1 else None) is not None and (
        (ctx.confidence < UNSURE <= SPLIT_CONFIDENCE <= one.confidence and names_its_topic(one))
        or (
            one.confidence >= SPLIT_CONFIDENCE > ctx.confidence
            and family(ctx.intent) == "subscription" != family(one.intent)
        )  # "we are away from the 1 until 25 march… can the coffee delivery in march skip?"
        or (one.intent in ACTIONS and one.confidence >= _SURE and family(ctx.intent) == "order")
    ):
        # "…the rubber is peeling off at the toe. i wore them hiking. isn't that a defect? is
        # it covered?"; "…i have the dark roast and a french press. what settings do i use" (a
        # plan change guessed that no clause asks): the one sure request is what it asks
        ctx.intent, ctx.confidence = one.intent, one.confidence
        return False
    if len(kinds) < 2 and not (
        (listed or fault_listed) and kinds == ["product"] and len(requests) > 1
    ):
        return False  # one kind of request; the customer's own list of questions: each asked
    if asks_about_plan(ctx.text, ctx.shop.policy.warranty.extended_name) and not any(
        (c.intent in ACTIONS and not _adds_the_plan(c)) or c.intent is Intent.WARRANTY_CLAIM
        for c in requests
    ):  # "…Protect for my Z8: a deductible? monthly or once?": the plan's terms, one question
        return False
    queue: list[RoutedClause] = []
    first = requests[0]
    for clause in requests[1:]:
        last = queue[-1] if queue else first
        if (
            kind(clause) == "cutoff"
            and kind(last) in plan_kinds
            and (after_and(ctx.text, clause) or _THAT_CHANGE.search(clause.text))
        ):
            # "…can i switch them to whole bean, and whats the last day to change it": its own
            merged = RoutedClause(f"{last.text}, {clause.text}", last.intent, last.confidence)
            if queue:
                queue[-1] = merged
            else:
                first = merged
            continue
        if kind(clause) in {kind(requests[0])} | {kind(q) for q in queue} and not (
            kind(clause) == "product" and asked(clause)  # "…2) can both plugs go in one
        ):  # outlet 3) can my husband watch the camera too?": each question its own answer
            if kind(clause) == kind(first) and kind(first) != "product" and not queue:
                # "ordered shoes on the 13th (order 46894). tracking says it's been sitting in
                # newark since sunday": the same request, told on: its words stay with it
                first = RoutedClause(f"{first.text}. {clause.text}", first.intent, first.confidence)
            continue
        queue.append(clause)
    ctx.full_text = ctx.text
    narrow(ctx, first)
    ctx.queue = queue[: MAX_PARTS - 1]
    return True


def _adds_the_plan(c: RoutedClause) -> bool:
    """ "…Protect… can i still add it to my z8?": the plan added to a product, not to an order."""
    return c.intent is Intent.ORDER_CHANGE and not ORDER_WORDS.search(c.text)


def narrow(ctx: TurnContext, clause: RoutedClause) -> None:
    ctx.text, ctx.intent, ctx.confidence = (
        clause.text,
        clause.intent,
        max(clause.confidence, ctx.confidence if clause.intent is ctx.intent else 0.0),
    )
