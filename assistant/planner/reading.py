"""Reading a message beyond the router's guess, before a handler runs: a fault that persists
after the customer's own troubleshooting, an item that came damaged, a wish to talk to a person,
a carrier or tracking word, a yes/no question routed to accessories. Follow-ups on the current
topic are read in :mod:`assistant.planner.follow_ups`."""

from __future__ import annotations

import re

from assistant.agent.context import TurnContext
from assistant.escalation.signals import asks_for_human
from assistant.intents import Intent
from assistant.planner import asked_kinds as kinds
from assistant.planner import plan_reading, product_reading, return_words
from assistant.planner.account_words import (
    ADD_TO_ORDER,
    MY_PLAN,
    ORDER_DETAILS,
    OWN_SUBSCRIPTION,
    SHOW_MINE,
    WHEN_NEXT,
    WHERE_IS_MINE,
    about_a_parcel,
    about_subscription,
    only_identity,
)
from assistant.planner.addresses import looks_like_address
from assistant.planner.answers import PROBLEM
from assistant.planner.asked_kinds import WHAT_IF, asks_about_plan
from assistant.planner.asks_change import ADDRESS_CHANGE, asked_plainly, asks_a_change
from assistant.planner.charge_totals import (
    asks_what_charge,
    charge_compared,
    charged_after_ending,
)
from assistant.planner.locked_out import told_password
from assistant.planner.persists import fault_persists, wants_it_working
from assistant.planner.refunds import read_refund
from assistant.planner.return_fee import reason_in
from assistant.planner.slots import wanted_colour

UNSURE_RETURN = 0.6  # a return guessed less surely than this, with no return word, is doubted
FOLLOW_UP_MAX_CONFIDENCE = 0.85  # a message routed more surely than this is a new request
_ASKS_A_FIX = re.compile(
    r"\b(any|a) fix\b|\bhow (do|can) i (fix|stop)\b|\bwhat (can|do|should) i do\b", re.I
)
_SHIPMENT = re.compile(
    r"\b(ups|usps|fedex|dhl|courier|carrier|tracking|tracked|parcel|package|shipment|"
    r"in transit|hasn'?t moved|not moved|stuck (in|at)|on (its|their) way)\b|"
    r"(?<!being )(?<!be )(?<!get )\bdelivered\s*\?|"
    r"\bdid (it|they|my \w+) (arrive|come|get delivered)\b",
    re.I,
)
# A parcel the customer sends back: a return, not a delivery to track.
_SENDING_BACK = re.compile(
    r"\breturn(ing)? (label|package|parcel|shipment|box)\b|\bdrop\w* (\w+ ){0,2}off\b", re.I
)
_HOW_LONG_TO = re.compile(
    r"\bhow (long|many days|much time)\b|\buntil when\b|\b(deadline|last day|cut-?off)\b", re.I
)
_CAN_I = re.compile(r"\b(can|could|may) (i|we)\b|\bis it possible\b|\bhow (do|can) i\b", re.I)
_VARIANT = re.compile(r"\b\d{1,2}(\.5)?\b|\b(size|colou?r|small|medium|large|wide)\b", re.I)
_SHIP_TO = re.compile(r"\b(ship|send|deliver|mail|redirect)\w*\b.{0,40}\bto\b", re.I)
_ANOTHER_QUESTION = re.compile(
    r"\b(and|also|plus)\b[^.?!]{0,12}\b(what|how|which|can|could|should|is|are|do|does|why)\b",
    re.I,
)
_HOW_IT_WORKS = re.compile(r"\bhow (does|do|is|are|can|would)\b", re.I)
_WANTS_PERSON = re.compile(
    r"\b(want|need|get|let me (talk|speak) to)\b(\s+(to\s+)?(talk|speak|chat)\s+(to|with))?"
    r"(\s+me)?(\s+(with|to))?\s+(someone|somebody|"
    r"a (real )?(person|human)|an? (agent|manager|supervisor|representative))\b|"
    r"\b(talk|speak) (to|with) (a|an|someone|somebody|a real|your)\b",
    re.I,
)
# "my club box shipped last wednesday and still isn't here": the parcel, not the plan
SHIPPED_ALREADY = re.compile(
    r"\b(shipped|on (its|the|their) way|isn'?t here|hasn'?t (arrived|come|shown up)|"
    r"not (arrived|here)|never (came|arrived)|lost|tracking|in transit|out for delivery|"
    r"where('?s| is) my [\w ]{0,20}(box|package|parcel))\b",  # "wheres my club box"
    re.I,
)
_A_FUTURE_ORDER = re.compile(
    r"\b(when|if|once|before|next time|whenever) (i|we) (order|buy|place (an|my) order|purchase|"
    r"check out)\b|\bwhen ordering\b|\bif i were to order\b",
    re.I,
)
STORE_POLICY = "store-policy"  # a note: a question about the store's rules, not a product's
_A_PAST_ORDER = re.compile(r"\b(i|we) (ordered|bought|purchased|placed)\b|\border #?\d", re.I)
# a faster method, for the order's handler; "switch my order to express", not "how much is it?"
FASTER_METHOD = r"(express|expedited|overnight|next[- ]day)"
_FASTER_FOR_MINE = re.compile(
    rf"\b(switch|change|upgrade|move|bump)\b.{{0,30}}\b(my|the|this|that)\b.{{0,20}}\border\b"
    rf".{{0,20}}\b({FASTER_METHOD}|faster)\b|"
    rf"\b(upgrade|switch|change|bump)\b.{{0,12}}\b(it|them)\b.{{0,6}}\bto {FASTER_METHOD}\b",
    re.I,
)


def asks_faster(text: str) -> bool:
    """ "can you switch my order to express?": this order's shipping made faster."""
    return bool(_FASTER_FOR_MINE.search(text))


# "i picked standard. can you switch it to express?": guessed as these when unsure
_FASTER_ASKED = (
    Intent.SHIPPING_INFO,
    Intent.OUT_OF_SCOPE,
    Intent.PRODUCT_QUESTION,
    Intent.ORDER_CHANGE,
)


_ORDER_NEWS = (Intent.ORDER_STATUS, Intent.TRACKING)  # "opened this parcel… box crushed flat"
_CHARGE_NEWS = (*_ORDER_NEWS, Intent.BILLING_DISPUTE)
_FAULT_TOLD = (
    Intent.TROUBLESHOOTING,
    Intent.PRODUCT_QUESTION,
    Intent.SETUP_HELP,
    Intent.WARRANTY_CLAIM,  # read so at an earlier step of the turn
)
_ABOUT_THE_ITEM = frozenset(
    {
        Intent.PRODUCT_QUESTION,
        Intent.TROUBLESHOOTING,
        Intent.SETUP_HELP,
        Intent.FEEDBACK,
        Intent.COMPLAINT,
        Intent.WARRANTY_INFO,
        Intent.RETURNS_REFUNDS,
    }
)


# "5 stars", "10/10", "would recommend": a rating, whatever else the message asks
# "…a little bitter. grind coarser or what": asked without a question mark
_ASKED = re.compile(r"\?|\bor (what|not|something)\W*$", re.I)
_RATED = re.compile(r"\b\d+\s*(/\s*\d+|stars?|out of)\b|\b(would|will) recommend\b", re.I)


def read_signals(ctx: TurnContext) -> None:
    """What the words say beyond the router's guess: a fault that persists after the
    customer's own troubleshooting is a warranty claim; an item that came damaged is a return a
    person decides on; a carrier or tracking word makes a weak guess between order topics a
    tracking question, an address to change an order change."""
    text = ctx.text
    focus = ctx.state.focus_sku
    if focus and focus in ctx.shop.vocabulary.dismissed(text):  # "nvm, forget the grinder"
        ctx.state.focus_sku = None
    if not ctx.state.verified and "@" in text and only_identity(text, ctx.shop):
        ctx.intent, ctx.confidence = Intent.ORDER_STATUS, max(ctx.confidence, 0.6)
        return  # "its 45321, ravi@…" unasked: verify, then show that order (not a hand-over)
    if (
        ctx.intent in _FAULT_TOLD
        or ctx.confidence < ctx.settings.router_threshold
        or (ctx.intent is Intent.HUMAN_AGENT and ctx.shop.mentions(text))
        or (ctx.intent is Intent.RETURNS_REFUNDS and wants_it_working(text))
    ) and fault_persists(text):  # "…done troubleshooting. i want someone to get them fixed"
        ctx.intent, ctx.confidence = Intent.WARRANTY_CLAIM, max(ctx.confidence, 0.8)
        return
    if (
        ctx.intent in _ABOUT_THE_ITEM
        or ctx.confidence < ctx.settings.router_threshold
        or (ctx.intent in _ORDER_NEWS and not return_words.WHERE_OR_WHEN.search(text))
    ) and return_words.arrived_damaged(text):  # "the jar came cracked": a person decides
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.8)
        ctx.notes.append("damaged")
        return
    if ctx.intent in _ABOUT_THE_ITEM | {Intent.GREETING, Intent.OUT_OF_SCOPE} and _our_error(ctx):
        # "theyre WHITE. i ordered the black ones, this is not what i ordered. just refund me"
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.8)
        return
    fix = ctx.intent is Intent.RETURNS_REFUNDS and bool(_ASKS_A_FIX.search(text))
    if (
        ctx.intent is Intent.RETURNS_REFUNDS
        and ctx.confidence < UNSURE_RETURN
        and ((fix and ctx.shop.mentions(text)) or return_words.PUT_BACK.search(text))
        and not return_words.RETURN_WORD.search(text)
    ):  # "my running shoes squeak… any fix?", "can i stick it back on?": the product's use
        ctx.intent = Intent.TROUBLESHOOTING if fix else Intent.PRODUCT_QUESTION
        return
    if ctx.confidence < ctx.settings.router_threshold and asked_plainly(ctx):
        ctx.confidence = ctx.settings.router_threshold  # "so can you skip the decaf…"
    if product_reading.read_warranty(ctx) or read_refund(ctx):  # "is this covered?", …
        return
    if ctx.intent is Intent.FEEDBACK and _ASKED.search(text) and not _RATED.search(text):
        ctx.intent = Intent.PRODUCT_QUESTION  # "honestly should i just open a dispute with…?"
        return
    if plan_reading.about_the_plan(ctx, text, FOLLOW_UP_MAX_CONFIDENCE):  # "…2 bags instead of 3?"
        ctx.intent = Intent.PRODUCT_QUESTION
        ctx.notes.append(plan_reading.PLAN_SIZE)
        return
    if (ctx.intent in _CHARGE_NEWS and ctx.state.verified and charge_compared(text)) or (
        charged_after_ending(text)  # "i cancelled months ago and there's an $18.99 charge"
    ):
        ctx.intent = Intent.BILLING_DISPUTE  # "shows $38.10, i thought it was 34.99?": totalled
        return
    if (
        ctx.intent is Intent.PAYMENT_METHODS
        and ctx.state.verified
        and (asks_what_charge(text) or charge_compared(text))
    ):
        ctx.intent = Intent.BILLING_DISPUTE  # "is this $36.95 on my visa from you?": which order
        return
    if told_password(text) and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE:  # "my pw was Rover…"
        ctx.intent, ctx.confidence = Intent.ACCOUNT_HELP, 0.6  # it warns first (locked_out.py)
        return
    if _WANTS_PERSON.search(text) or asks_for_human(text):  # however unsure the router was
        ctx.intent, ctx.confidence = Intent.HUMAN_AGENT, max(ctx.confidence, 0.8)
        return
    if ctx.intent in _ORDER_NEWS and ctx.shop.mentions(text) and not about_a_parcel(text):
        ctx.intent = Intent.TROUBLESHOOTING if PROBLEM.search(text) else Intent.PRODUCT_QUESTION
    if ctx.intent is Intent.HUMAN_AGENT and ctx.shop.mentions(text):  # "…only if a person is
        # in the apartment. help": a product's trouble, no person asked for
        ctx.intent = Intent.TROUBLESHOOTING if PROBLEM.search(text) else Intent.PRODUCT_QUESTION
    plan = ctx.shop.policy.warranty.extended_name  # "how much is <the store's plan> for…?"
    if asks_about_plan(text, plan, ctx.intent, ctx.confidence):  # "…is there a deductible?"
        ctx.intent, ctx.confidence = Intent.EXTENDED_WARRANTY, max(ctx.confidence, 0.8)
        return
    if (
        ctx.intent is Intent.TROUBLESHOOTING
        and WHAT_IF.search(text)
        and not PROBLEM.search(WHAT_IF.sub("", text))
    ):  # "what happens when the card is full, does it just stop?": how it behaves, no fault
        ctx.intent = Intent.PRODUCT_QUESTION
        return
    if (
        ctx.intent is Intent.PRIVACY_REQUEST
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and _CAN_I.search(text)
        and ctx.shop.mentions(text)
    ):  # "giving a plug away: how do I wipe it so it's not tied to my account?": the device's
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.5)
        return
    if plan_reading.read_plan(ctx, text):  # the plan's change, or the product's use
        return
    if (
        (
            ctx.intent in (Intent.TRACKING, Intent.ORDER_STATUS, Intent.ORDER_CHANGE)
            or _SHIPMENT.search(text)
        )
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and _A_FUTURE_ORDER.search(text)
        and not _A_PAST_ORDER.search(text)
        and (_SHIPMENT.search(text) or not ctx.shop.mentions(text))  # not "…does the cam turn"
    ):  # "when I order from you can I ask for UPS only?": how shipping works, no order of mine
        ctx.intent, ctx.confidence = Intent.SHIPPING_INFO, max(ctx.confidence, 0.6)
        return
    if (
        (
            ctx.intent in (Intent.ORDER_CANCEL, Intent.ORDER_CHANGE)
            and _A_FUTURE_ORDER.search(text)
            and not _A_PAST_ORDER.search(text)
            and not ctx.state.focus_order
        )
        or (
            ctx.intent in _ORDER_NEWS
            and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
            and kinds.IF_I.search(text)
            and kinds.ASKING.search(text)
        )
        or (  # "so if id added one more thing to get to $75 the shipping would have been free?"
            ctx.intent in (*_ORDER_NEWS, Intent.ORDER_CHANGE)
            and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
            and kinds.HAD_I.search(text)
        )
    ):  # "if I place an order and regret it, how long have I got to cancel?": the policy's
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, 0.6)
        ctx.notes.append(STORE_POLICY)  # not the kettle's "cancel hold"
        return
    if (
        ctx.intent in _FASTER_ASKED
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and _FASTER_FOR_MINE.search(text)
    ):  # "can I switch my order to express?": this order's shipping, not the price list
        ctx.intent, ctx.confidence = Intent.ORDER_CHANGE, max(ctx.confidence, 0.6)
        return
    if (
        ctx.state.focus_order
        and ctx.intent not in (Intent.ORDER_CHANGE, Intent.WARRANTY_CLAIM)
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and ADD_TO_ORDER.search(text)
        and not PROBLEM.search(text)  # "…keeps stopping. i only ever put beans in it": a fault
    ):  # "ok and can u chuck a pair of socks in large on it": the order in focus
        ctx.intent, ctx.confidence = Intent.ORDER_CHANGE, max(ctx.confidence, 0.6)
        return
    ranked = [i for i, _ in ctx.ranked[:3]]
    if (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and _SHIPMENT.search(text)
        and not _SENDING_BACK.search(text)  # "how long do I have to drop the package off?"
        # "…still sealed in its package. can i send just the card back for a refund?"
        and not (ctx.intent is Intent.RETURNS_REFUNDS and return_words.START.search(text))
        and (Intent.TRACKING in ranked or Intent.ORDER_STATUS in ranked)
        and not asks_a_change(ctx)  # "…nobody to take the parcel in. Can you skip my next…?"
    ):
        if ctx.intent is Intent.COMPLAINT:
            ctx.notes.append("complaint")  # still a complaint for the hand-over rules
        if ctx.intent not in (Intent.TRACKING, Intent.ORDER_STATUS):
            ctx.intent = Intent.TRACKING
        ctx.confidence = max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and Intent.ORDER_CHANGE in ranked
        and ADDRESS_CHANGE.search(text)
        and not asked_plainly(ctx)  # "please skip the next delivery, we're moving…"
    ):  # "can I change where my headphones are being delivered?": the order's address
        ctx.intent, ctx.confidence = Intent.ORDER_CHANGE, max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and not ctx.parts  # one request of several keeps its own reading
        and ctx.intent not in (Intent.ORDER_STATUS, Intent.TRACKING)  # already the account's
        and (
            (
                SHOW_MINE.search(text)
                and OWN_SUBSCRIPTION.search(text)
                and not _HOW_IT_WORKS.search(text)
                and not _ANOTHER_QUESTION.search(text)  # "…, and what water temperature…"
            )
            or (MY_PLAN.search(text) and about_subscription(text, ctx.shop))
        )
    ):  # "just show me the subscription and the next delivery date": the account's, not a guide
        ctx.intent, ctx.confidence = Intent.ORDER_STATUS, max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and WHEN_NEXT.search(text)
        and not _HOW_IT_WORKS.search(text)
    ):  # "I paused my decaf, when is the next bag coming?": the account's next delivery
        ctx.intent, ctx.confidence = Intent.ORDER_STATUS, max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and not ctx.parts
        and ctx.intent not in (Intent.ORDER_STATUS, Intent.TRACKING)
        and ORDER_DETAILS.search(text)
        and not OWN_SUBSCRIPTION.search(text)
    ):  # "for my expense report: what was in order 46856 and what did I pay?": the order's record
        ctx.intent, ctx.confidence = Intent.ORDER_STATUS, max(ctx.confidence, 0.6)
    elif (
        (ctx.intent is Intent.ACCESSORIES or plan_reading.no_plan_named(ctx, text))
        and return_words.START.search(text)
        and not return_words.REFUND_STATUS.search(text)
    ):  # "I'd like to send just the case back for a refund": a return of the accessory; "we
        # got 2 bags of the strong blend… can we send both bags back?": no plan, what came
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.6)
    elif (
        ctx.intent in (Intent.COMPLAINT, Intent.SETUP_HELP)  # "…want to send that back. how do
        and return_words.START.search(text)  # i do it": the return's how, not a setup
        and (_CAN_I.search(text) or return_words.WANTS_TO.search(text))
        and not return_words.REFUND_STATUS.search(text)
    ):  # "honestly don't like it. Can I send it back for a refund?", "i want to send the camera
        # back": a return, not a complaint
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and return_words.START.search(text)
        and _HOW_LONG_TO.search(text)
        and not _SHIPMENT.search(text)
    ):  # "how long do they have to send it back?": the return window
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.6)
    elif (
        ctx.intent in (Intent.PRODUCT_QUESTION, Intent.SETUP_HELP, Intent.RETURNS_REFUNDS)
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and return_words.asks_exchange(text)
        and (_VARIANT.search(text) or wanted_colour(text.lower(), ctx.shop.colours))
    ) or (  # "…i already ran in them. could i still swap those if i change my mind?"
        ctx.intent is Intent.ORDER_CHANGE
        and ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and return_words.asks_exchange(text)
        and return_words.IF_IT_FAILS.search(text)
    ):  # "can I swap them for a 9.5 in the same navy blue?": an exchange of what they have
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.6)
    elif (
        ctx.confidence < FOLLOW_UP_MAX_CONFIDENCE
        and ctx.intent is not Intent.ORDER_CHANGE
        and _SHIP_TO.search(text)
        and looks_like_address(text)
        and not _SENDING_BACK.search(text)
    ):  # "could you ship them straight to him at 88 Elm Street, Pasadena, CA 91101?"
        ctx.intent, ctx.confidence = Intent.ORDER_CHANGE, max(ctx.confidence, 0.6)
    elif ctx.intent is Intent.ORDER_STATUS and return_words.REFUND_STATUS.search(text):
        ctx.intent = Intent.RETURNS_REFUNDS  # "did you ever refund order 46572?": the refund
    elif ctx.intent is Intent.ORDER_STATUS and WHERE_IS_MINE.search(text):
        ctx.intent = Intent.TRACKING  # "where are my headphones?": where the parcel is


def _our_error(ctx: TurnContext) -> bool:
    """The store's own error as its policy names it ("sent the wrong one"), a return asked."""
    returns = ctx.shop.policy.returns
    code = reason_in(returns, ctx.text)
    # a damage told is read by its own rule: a person decides on it
    ours = {r.code for r in returns.reasons if r.our_error and not r.person_decides}
    return (  # not "is it defective? do i have to return it?": a fault is read by its rules
        code in ours
        and bool(return_words.RETURN_WORD.search(ctx.text))
        and not return_words.describes_fault(ctx.text)
        and not _HAVE_TO.search(ctx.text)
    )


_HAVE_TO = re.compile(r"\b(do|will|would) (i|we) (have|need) to\b", re.I)
