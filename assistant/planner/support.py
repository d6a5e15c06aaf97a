"""Handlers for support conversations: feedback, complaints, returns, billing, a person,
greetings and anything out of scope."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic
from assistant.escalation.signals import asks_for_human, talks_through_it
from assistant.intents import Intent
from assistant.planner import fmt, return_words
from assistant.planner.account_words import WAS_I_CHARGED
from assistant.planner.also import WHOLE_MESSAGE
from assistant.planner.answers import PROBLEM, best_answer
from assistant.planner.charge_totals import (
    AMOUNT,
    WHAT_FOR,
    charged_after_ending,
    explained_total,
)
from assistant.planner.common import (
    answer_then_hand_over,
    escalate,
    passages,
    source_label,
)
from assistant.planner.kit import Step, call, one, say
from assistant.planner.order_dates import day_said, days_said, placed_near
from assistant.planner.plan_price import plan_price_line
from assistant.planner.return_fee import asks_cost, fee_line, reason_in
from assistant.planner.return_handover import window_disputed
from assistant.planner.slots import Slots
from assistant.planner.upset import UPSET

RETURNS_Q = "how to return an item refund timing return window"
BILLING_Q = "charged twice pending authorization billing"
_GAVE_WAY = r"ripped|torn|tore|(came|fell|falling|coming) apart|peel(ed|ing) off|defective"
_COMPLEX_RETURN = re.compile(
    rf"\b(damaged|broken|cracked|missing|partial|part of|only some|wrong item|{_GAVE_WAY}|"
    r"arrived (broken|damaged))\b",
    re.I,
)
# a product that gave way in use, told without asking to send it back
_WORN_THROUGH = re.compile(rf"\b({_GAVE_WAY}|stopped working)\b", re.I)


def feedback(step: Step, slots: Slots) -> ModelTurn:
    if (slots.csat or slots.nps is not None) and not step.done.has("record_feedback"):
        args: dict[str, object] = {"comment": step.ctx.text[:500]}
        if slots.csat:
            args["csat"] = slots.csat
        if slots.nps is not None:
            args["nps"] = slots.nps
        return one("record_feedback", **args)
    if step.done.has("record_feedback"):
        return say(
            "Thank you — I've recorded your feedback. It goes straight to the team that "
            "improves our service."
        )
    if not step.done.has("record_feedback"):
        return one("record_feedback", comment=step.ctx.text[:500])
    return say("Thank you for the feedback!")


# Words of a complaint about an order, a delivery or money, not about how a product works.
_NOT_THE_PRODUCT = re.compile(
    r"\b(order\w*|deliver\w*|ship\w*|package|parcel|tracking|charg\w*|refund\w*|billing|"
    r"invoice|service|staff|support|agent|wait\w*|late)\b",
    re.I,
)


# "is it bad?", "is that normal?", "should I worry?": a question the documents may answer
_IS_IT_OK = re.compile(
    r"\b(is (it|that|this) (bad|normal|ok(ay)?|safe|supposed to|meant to|spoiled|ruined)|"
    r"(is|are) (they|these) (bad|normal|ok(ay)?|safe|spoiled|ruined)|should i (be )?worr(y|ied)|"
    r"is something wrong|(is|was) (it|that|this) (a )?(good|bad)( sign)?( or (a )?(good|bad))?|"
    r"what (did|do|am) (i|we) (do |doing )?wrong)\b",  # "…tasted burnt. what did i do wrong"
    re.I,
)


def complaint(step: Step, slots: Slots) -> ModelTurn:
    """A complaint goes to a person, unless it is the first report of how a product misbehaves
    ("the zipper keeps snagging, ridiculous for the price"): then the documents' fix first,
    with a person offered (:mod:`assistant.planner.upset`)."""
    ctx = step.ctx
    if (
        (slots.skus or ctx.state.focus_sku)
        and PROBLEM.search(ctx.text)
        and not _NOT_THE_PRODUCT.search(ctx.text)
        and not asks_for_human(ctx.text)
        and not any(m.role == "assistant" for m in ctx.state.messages)  # its first words
    ):
        from assistant.planner.products import help_with_product

        ctx.notes.append(UPSET)
        ctx.intent = Intent.TROUBLESHOOTING
        return help_with_product(step, slots)
    if (  # "the bag is all puffed up, is it bad?": the documents say whether it is (those of
        # any product when it names none: "it beeped three times, is that good or bad?")
        _IS_IT_OK.search(ctx.text)
        and not _NOT_THE_PRODUCT.search(ctx.text)
        and not asks_for_human(ctx.text)
    ):
        from assistant.planner.questions import product_question

        ctx.intent = Intent.PRODUCT_QUESTION
        return product_question(step, slots)
    if ctx.state.verified and return_words.TOO_LATE.search(ctx.text):  # "…says i'm too late??"
        return window_disputed(step, slots)  # the window, then a person reviews the return
    return escalate(step, "frustration", f"Customer complaint: {ctx.text}")


# how to reach us; not "…not another 'please wait 48 hours'" nor "my order number"
_CONTACT = re.compile(
    r"\b(phone|telephone|(your|contact|support|service|phone|a) number|call you|email address|"
    r"e-?mail you|contact (details|info\w*)|(your|opening|business|support|office|working|"
    r"service) hours|what hours|hours (are|is|do|of)|(are|is) (you|it|the \w+) open|"
    r"open(ing)? (hours|times))\b",
    re.I,
)


def human_agent(step: Step, slots: Slots) -> ModelTurn:
    """A person, when asked for; "what's your phone number and hours?" is a question about how
    to reach us (answered from the store's documents), unless it also asks for a person; "can
    I talk to her through it?" asks what a product does."""
    if talks_through_it(step.ctx.text) and not asks_for_human(step.ctx.text):
        from assistant.planner.questions import product_question

        step.ctx.intent = Intent.PRODUCT_QUESTION
        return product_question(step, slots)
    if _CONTACT.search(step.ctx.text) and not asks_for_human(step.ctx.text):
        from assistant.planner.policies import policy_question

        return policy_question(step, slots)
    if _DISPUTE.search(step.ctx.text) and not _WOULD_IT.search(step.ctx.text):
        step.ctx.intent = Intent.BILLING_DISPUTE  # "charged TWICE… i want a person": a dispute
        return billing_dispute(step, slots)
    return escalate(step, "customer_request", f"Customer asked for a person: {step.ctx.text}")


_DISPUTE = re.compile(
    r"\b(twice|double|two charges|(two|2|three|3) times|charged (me )?again|wrong amount|"
    r"overcharg\w*|"
    r"don'?t recogni[sz]e|unknown charge|not authori[sz]ed|unauthori[sz]ed|fraud\w*|dispute|"
    r"charged for .* (didn'?t|never)|still charged|refund (me|the charge)|extra charge|"
    r"another charge|(none of us|nobody|no one) made|charged (me )?(the )?full|"
    r"not what i (agreed|was told|expected) to pay|(discount|code|coupon|promo)\w* (was|were|"
    r"is|did)?\s*(n'?t|not|never) (applied|apply|come off|taken off|work\w*)|"
    r"(didn'?t|never|did not) (make|place|authori[sz]e) (this|that|it|the charge)|"
    r"(want|need|like) (the|my) (extra |difference )?(\$\d[\d.]* )?(back|refunded)|"
    r"(charge|charged|posted|billed)\b.{0,40}\b(more|higher) than|"
    r"\$\d[\d.,]*,? (but|yet) .{0,40}\b(charge|charged|billed|posted)\b.{0,30}\$\d)",
    re.I,
)


# "will the card show two charges?", "if I add items, would I be charged twice?", "nothing wrong
# yet: if I ever saw an odd charge, could I dispute it with my bank?": a question
_WOULD_IT = re.compile(
    r"\b(will|would|could) (the card|my card|it|i|we|there|you|that)\b.{0,25}\b(show|be|get|see|"
    r"charge|appear)\b|\bif (i|we) (ever|add|order|change|cancel|buy|place)\b|"
    r"\b(hypothetical\w*|in theory|nothing('?s| is)? wrong (yet|now))\b",
    re.I,
)
_TWO_CHARGES = re.compile(
    r"\b(twice|double\w*|two charges|(two|2) times|again|another charge|extra charge|"
    r"second charge|another \$?\d[\d,]*\.\d\d)\b",  # "…and then ANOTHER $54.43 on jan 13"
    re.I,
)
# "one says pending and one is posted": the authorization the policy says drops off by itself
_ONE_PENDING = re.compile(r"\bpending\b", re.I)
_WAITED_OR_BOTH_POSTED = re.compile(
    r"\b(both|two|2)\b([^.?!]|\.\d){0,30}\b(posted|gone through|went through|cleared)\b|"
    r"\b(not|neither( one)? (is|are)|none (is|are)) pending\b|"  # "both $281.23 are posted"
    r"\b(\d+|a|one|two|three|four|five|six|several|few) (more )?(business )?(days?|weeks?)\b|"
    r"\bstill (there|pending)\b",
    re.I,
)
_PRICE_DROP = re.compile(
    r"\b(cheaper|lower price|on sale|price (has )?(dropped|dropping|drop|went down|is lower)|"
    r"price adjust\w*|price match\w*|(refund|get|give) (me )?the difference|difference back)\b",
    re.I,
)


# "a big online shop has it for $80 less": another seller's price, not ours
_ELSEWHERE = re.compile(
    r"\b((another|other|different|online|big) (\w+ )?(shop|store|retailer|seller|site|website)s?|"
    r"elsewhere|competitor\w*|amazon|walmart|best buy|ebay|price match\w*|match (their|the|that) "
    r"price)\b",
    re.I,
)


def price_adjustment(step: Step) -> ModelTurn:
    """ "It's cheaper on your site now, can I get the difference?": what the policy says, and a
    person who checks the price (a refund of money is never the assistant's to give)."""
    elsewhere = bool(_ELSEWHERE.search(step.ctx.text))
    query = f"{step.ctx.text} (price adjustment, refund the difference" + (
        ", other retailers' prices)" if elsewhere else ")"
    )
    if not step.done.has("search_documents", query=query):
        return one("search_documents", query=query, doc_type="policy", k=3)
    asked = "do price adjustments apply to other retailers' prices" if elsewhere else query
    answer = best_answer(asked, passages(step, query))
    lead = f"From {source_label(answer.passage)}:\n{answer.text}" if answer else ""
    cited = [answer.passage.chunk_id] if answer else []
    if elsewhere and answer is not None:  # another shop's price: the policy's word is the answer
        step.ctx.notes.append(WHOLE_MESSAGE)
        return say(
            f"{lead}\n\nIf the price on our own site drops, tell me and I'll pass it to a person "
            "to check.",
            cited,
        )
    summary = f"Price adjustment: {step.ctx.text}"
    return answer_then_hand_over(step, lead, cited, "billing_dispute", summary)


def _charge_of_an_order(step: Step, text: str) -> ModelTurn | None:
    """ "there's a $53.61 charge from you this morning, not sure what it's for": the verified
    customer's latest order with that total, shown; None when no order has that total or the
    message is not asking what a charge is."""
    amounts = set(AMOUNT.findall(text))
    two = _TWO_CHARGES.search(text) is not None
    if not amounts or not (WHAT_FOR.search(text) or two) or not step.ctx.state.verified:
        return None
    orders = step.done.value("list_orders")
    if orders is None:
        return one("list_orders")
    matching = sorted((o for o in orders if f"{o.total:.2f}" in amounts), key=lambda o: o.placed_at)
    tz = step.ctx.shop.tz
    if not two:  # "a $38.10 charge dated January 7": an order placed near that day
        matching = placed_near(matching, day_said(text, step.ctx.today), tz)
    days = days_said(text, step.ctx.today) if two else []
    if len(days) >= 2 and len({o.number for d in days for o in placed_near(matching, d, tz)}) < 2:
        # "$54.43 on jan 10 (fine) and ANOTHER $54.43 on jan 13": the second matches no order;
        # "…want to go down to 2 bags. ALSO…": the plan asked about is priced first
        priced = plan_price_line(text, step.ctx.shop.policy.subscriptions)
        summary = f"A second charge matching no order: {text}"
        return answer_then_hand_over(step, priced, [], "billing_dispute", summary)
    if two:  # "121.85 from you TWICE": two orders of that total are no double charge
        return _two_orders(matching, step) if len(matching) >= 2 else None
    if not matching:  # no order of theirs came to it: a charge for a billing specialist
        return escalate(step, "billing_dispute", f"Charge matching no order: {text}")
    from assistant.planner.orders import order_summary

    latest = matching[-1]  # a subscription's deliveries share an amount: the latest is meant
    skus = {line.sku for line in latest.lines}
    subs = step.done.value("list_subscriptions")
    if subs is None and any(step.ctx.shop.subscribable(s) for s in skus):
        return one("list_subscriptions")
    step.ctx.state.focus_order = latest.number
    lead = "your latest order of that amount" if len(matching) > 1 else "this order"
    plan = next((s for s in subs or [] if s.sku in skus), None)
    if plan is not None:  # "ohhh the coffee": a delivery of the plan, charged on its own
        lead += f", a delivery of your {step.ctx.shop.subscription_name}"
    return say(f"That charge is for {lead}. {order_summary(latest, step)}")


def _two_orders(matching: list[OrderPublic], step: Step) -> ModelTurn:
    listed = "\n".join(
        f"- #{o.number}, placed {fmt.day(o.placed_at)} ({o.status}): "
        + "; ".join(f"{line.quantity} × {line.name}" for line in o.lines)
        for o in matching[-2:]
    )
    return say(
        f"I see two separate orders of {fmt.money(matching[-1].total)} on your account, so "
        f"each charge belongs to its own order:\n{listed}\n\nIf you see a third charge, or one "
        "that matches neither order, tell me and I'll pass it to a billing specialist."
    )


def billing_dispute(step: Step, slots: Slots) -> ModelTurn:
    if _PRICE_DROP.search(step.ctx.text):
        return price_adjustment(step)
    text = step.ctx.text
    if not _DISPUTE.search(text) and _DISPUTE.search(step.ctx.full_text or ""):
        text = step.ctx.full_text or text  # "…the posted charge is $294.98. I want $20 back"
    known = explained_total(step, text)  # "took $95.60 but 59.99 + 29.99 is 89.98": the tax
    known = known or _charge_of_an_order(step, text)  # "a $53.61 charge, not sure what for"
    if known is not None:
        return known
    if WAS_I_CHARGED.search(text) and not _DISPUTE.search(text):
        from assistant.planner.orders import order_status

        step.ctx.intent = Intent.ORDER_STATUS  # "I cancelled it in December, was I charged?"
        return order_status(step, slots)
    pending_one = (
        _TWO_CHARGES.search(text)
        and _ONE_PENDING.search(text)
        and not _WAITED_OR_BOTH_POSTED.search(text)
    )  # "one says pending, one posted, did you charge me twice?": the policy answers it
    disputed = _DISPUTE.search(text) or charged_after_ending(text)  # "…cancelled months ago"
    if not disputed or _WOULD_IT.search(text) or pending_one:
        from assistant.planner.policies import policy_question

        return policy_question(step, slots)  # "will I be charged if I cancel?" is a question
    if not step.done.has("search_documents", query=BILLING_Q):
        return call(
            ("search_documents", {"query": BILLING_Q, "doc_type": "policy", "k": 2}),
            (
                "escalate_to_human",
                {"reason": "billing_dispute", "summary": f"Billing dispute: {text}"},
            ),
        )
    ticket = step.done.value("escalate_to_human")
    found = passages(step, BILLING_Q)
    info = next((p for p in found if "pending" in p.text.lower()), None)
    if not _TWO_CHARGES.search(text) or _WAITED_OR_BOTH_POSTED.search(text):
        info = None  # a wrong amount, or both charges posted: nothing to wait for
    note = ""
    if info is not None:
        note = (
            "Good to know while you wait: a second charge is often a pending authorization "
            f"that drops off by itself ({source_label(info)}).\n\n"
        )
    if ticket is None:
        return escalate(step, "billing_dispute", f"Billing dispute: {text}")
    from assistant.planner.common import handover_text

    return say(
        note + handover_text(ticket, "I've passed this to a billing specialist"),
        [info.chunk_id] if info else [],
    )


def returns_refunds(step: Step, slots: Slots, offer: str | None = None) -> ModelTurn:
    """What the returns policy says about *this* return (window, what can't be returned, fees,
    refund timing); damaged, wrong or missing items go to a person. ``offer``: the closing
    line (default: an offer to connect the customer with the team)."""
    text = step.ctx.text
    if (  # "the eyelet ripped out of the upper, what can you do?": a claim, not a return
        _WORN_THROUGH.search(text)
        and not return_words.RETURN_WORD.search(text)
        and (slots.skus or step.ctx.state.focus_sku)
        and step.ctx.state.verified
    ):
        from assistant.planner.warranty import warranty_claim

        step.ctx.intent = Intent.WARRANTY_CLAIM
        return warranty_claim(step, slots)
    unbroken = return_words.NOT_DAMAGED.sub(" ", text)  # not "…not because it's broken"
    if _COMPLEX_RETURN.search(unbroken):
        return escalate(step, "complex_return", f"Return needing review: {text}")
    topic = return_words.asked_topic(text)  # "…where does the money go?": the refund's
    query = f"{text} ({topic})"
    if not step.done.has("search_documents", query=query):
        return one("search_documents", query=query, doc_type="policy", k=5)
    answer = best_answer(f"{text} {topic}", passages(step, query))
    if offer is None and asks_cost(text):  # "…can she send them back, what does that cost?"
        rules = step.ctx.shop.policy.returns
        offer = fee_line(rules, reason_in(rules, text), None)
    if answer is None:
        return say(
            "I couldn't find that in our returns policy. Would you like me to connect you with "
            "a person to help with the return?"
        )
    return say(
        f"From our returns policy ({source_label(answer.passage)}):\n{answer.text}\n\n"
        + (offer or "Would you like help starting a return? I can connect you with our team."),
        [answer.passage.chunk_id],
    )


def greeting(step: Step, slots: Slots) -> ModelTurn:
    text = step.ctx.text.lower()
    if re.search(r"\b(thank|thx|ty|cheers|appreciate)", text):
        return say("You're welcome! Is there anything else I can help you with?")
    if re.search(r"\b(bye|goodbye|see you|that'?s all)\b", text):
        return say(f"Thanks for chatting with {step.ctx.shop.store_name}. Have a great day!")
    return say(
        f"Hi! I'm the {step.ctx.shop.store_name} assistant. I can check orders and deliveries, "
        "help you set up or troubleshoot a product, explain warranties, "
        + _manage_subscription(step)
        + "or connect you with our team. What can I do for you?"
    )


def _manage_subscription(step: Step) -> str:
    """The "manage your … subscription, " phrase when the store sells subscriptions."""
    if step.ctx.shop.policy.subscriptions is None:
        return ""
    return f"manage your {step.ctx.shop.subscription_name}, "


def out_of_scope(step: Step, slots: Slots) -> ModelTurn:
    shop = step.ctx.shop
    subscription = f" and your {shop.subscription_name}" if shop.policy.subscriptions else ""
    return say(
        f"I'm the {shop.store_name} support assistant, so I can help with your orders, "
        f"deliveries, product setup and troubleshooting, warranties, returns{subscription}. "
        f"For anything else, our team is at {shop.support_email}."
    )
