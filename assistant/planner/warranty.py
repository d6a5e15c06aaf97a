"""Handlers for warranty questions: coverage and terms, registration, the store's extended
warranty (its name and offers come from the policy file), and claims (which go to a person
for approval)."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import Preview, WarrantyCoverage
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.answers import best_answer
from assistant.planner.asked_kinds import PRICE, WARRANTY_WORD, names_the_plan
from assistant.planner.common import (
    answer_then_hand_over,
    hold_for_verification,
    passages,
    source_label,
)
from assistant.planner.extended_offer import extended_text
from assistant.planner.hazard import quote_safety, reports_danger, safety_line
from assistant.planner.kit import Step, call, one, say
from assistant.planner.persists import COVERED, needs_diagnosis, wants_it_working
from assistant.planner.product_reading import SERIAL_WHERE
from assistant.planner.products import search_call, which_product
from assistant.planner.question_words import content_words
from assistant.planner.resolve import orders_for
from assistant.planner.return_words import START
from assistant.planner.returns import returns_refunds
from assistant.planner.serials import describe_pattern, serial_ready, serial_where
from assistant.planner.slots import Slots
from assistant.planner.warranty_each import other_coverages
from assistant.retrieval.bm25 import tokenize

# a question of these that names no product is about the one the message names
ABOUT_ONE_PRODUCT = frozenset(
    {Intent.WARRANTY_CLAIM, Intent.WARRANTY_REGISTRATION, Intent.WARRANTY_INFO}
)


# "is it still under warranty?", "when does mine run out": this customer's own item's dates
_ITS_OWN_END = re.compile(
    r"\b(stil+ (under|covered|in warrant\w*|good)|run(s)? out|expire[sd]?|until when|"
    r"how (much|many \w+) (longer|left)|when does (it|mine|the warranty) end)\b",
    re.I,
)


def _ask_for_the_order(step: Step) -> str:
    """Verification, so that the question is answered with the item's own dates next."""
    hold_for_verification(step)
    return (
        "To tell you whether yours is still covered, and until when, I need its delivery date: "
        "please send me your order number and the email address you used for the order."
    )


def item_coverage(
    step: Step, sku: str, serial: str | None = None
) -> tuple[ModelTurn | None, WarrantyCoverage | None]:
    """The warranty of ``sku`` on the order it came on; with a ``serial`` to register, the
    first of its orders not registered yet (a second camera bought on another order)."""
    if not step.ctx.state.verified:
        return None, None
    first: WarrantyCoverage | None = None
    for order in orders_for(step, sku):
        outcome = step.done.get("get_warranty_coverage", sku=sku, order_number=order)
        if outcome is None:
            return one("get_warranty_coverage", order_number=order, sku=sku), None
        found = outcome.value if outcome.ok else None
        if serial is None or found is None or not found.registered:
            return None, found or first
        first = first or found
    return None, first


def _coverage_text(c: WarrantyCoverage) -> str:
    if c.status == "none":
        return f"The {c.product_name} has no hardware warranty."
    start = fmt.short_day(c.starts_on) if c.starts_on else "delivery"
    end = fmt.dated(c.ends_on) if c.ends_on else "—"
    text = (
        f"Your {c.product_name} (order #{c.order_number}) has a {fmt.term(c.warranty_months)} "
        f"warranty from delivery: it runs from {start} to {end}"
        + (
            f" ({c.days_remaining} days left)."
            if c.status == "active"
            else f" (status: {c.status})."
        )
        + "\n\nCovered:\n"
        + fmt.bullets(c.covered)
        + "\n\nNot covered:\n"
        + fmt.bullets(c.not_covered)
    )
    return text


def _price_asked(step: Step) -> bool:
    """ "how much is it?", or "and for the Z8?" right after a price was asked."""
    said = step.ctx.state.asked
    before = said[-2] if len(said) > 1 and step.ctx.state.active_intent is step.ctx.intent else ""
    return bool(PRICE.search(step.ctx.text) or PRICE.search(before))


def warranty(step: Step, slots: Slots) -> ModelTurn:
    """warranty_info, warranty_registration and extended_warranty."""
    if SERIAL_WHERE in step.ctx.notes:  # "where do i find it?": no account needed to say
        named = slots.skus[0] if slots.skus else step.ctx.state.focus_sku
        printed = serial_where(step, named) if named else None
        if printed is not None:
            return printed
    pending, sku = which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product is this about?")
    printed = serial_where(step, sku) if SERIAL_WHERE in step.ctx.notes else None
    if printed is not None:
        return printed
    intent: Intent | None = step.ctx.intent
    shop = step.ctx.shop
    model = shop.model(sku) or sku
    pending, coverage = item_coverage(step, sku, slots.serial)
    pending, each = (pending, []) if pending else other_coverages(step, slots.skus, sku)  # "each"
    if pending is not None:
        return pending
    reg_q = "how to register a warranty serial number order number email"
    terms_q = f"{model} warranty what is covered and not covered"
    ext_q = f"{model} {shop.policy.warranty.extended_name or ''} extended warranty".replace(
        "  ", " "
    )
    wanted: list[tuple[str, str | None]] = [(terms_q, "warranty")]
    if intent is Intent.WARRANTY_REGISTRATION or "regist" in step.ctx.text.lower():
        wanted.append((reg_q, "policy"))
    if intent is Intent.EXTENDED_WARRANTY or _names_the_plan(step):
        wanted.append((ext_q, None))
    own_q = _own_question(step, sku)
    if own_q is not None:  # "I dropped it and the screen cracked, is that covered?"
        wanted.append((own_q, None))  # the product's warranty, or the store's policy
    missing = [(q, t) for q, t in wanted if not step.done.has("search_documents", query=q)]
    if missing:
        return call(*[search_call(q, sku, t, 3) for q, t in missing])
    if (
        slots.serial
        and coverage is not None
        and not coverage.registered
        and slots.serial not in coverage.registered_serials  # both in the store's spelling
        and step.can("propose_warranty_registration")
        and not step.done.has("propose_warranty_registration")
    ):
        return one(
            "propose_warranty_registration",
            order_number=coverage.order_number,
            sku=sku,
            serial_number=slots.serial,
        )
    parts: list[str] = []
    cited: list[str] = []
    if intent is Intent.EXTENDED_WARRANTY and _price_asked(step):
        parts.append(extended_text(step, coverage, sku))  # "how much is it?": the price first
        intent = None  # said: not again below
    if coverage is not None:
        parts += [_coverage_text(coverage), *each]
    else:
        item = shop.item(sku)
        months = item.warranty_months if item else shop.policy.warranty.default_months
        name = shop.name(sku)
        parts.append(
            f"The {name} is covered by a warranty for {months} months from the delivery date."
            if months
            else f"The {name} has no hardware warranty."
        )
    terms = next(
        iter(
            sorted(
                (p for p in passages(step, terms_q) if sku in p.skus),
                key=lambda p: "cover" not in p.section.lower(),
            )
        ),
        None,
    )
    own = None
    if own_q is not None:
        # its own documents, or the store's warranty policy that covers every product
        found = [p for p in passages(step, own_q) if sku in p.skus or not p.skus]
        own = best_answer(own_q, found, sku=sku, naming=_naming(step, sku))
    if own is not None and own.support >= OWN_SUPPORTED:
        cited.append(own.passage.chunk_id)
        parts.append(f"About your question ({source_label(own.passage)}):\n{own.text}")
    if terms is not None:
        cited.append(terms.chunk_id)
        if coverage is None and (own is None or own.support < OWN_SUPPORTED) and intent:
            parts.append(f"From the warranty terms ({source_label(terms)}):\n{terms.text.strip()}")
    preview = step.done.value("propose_warranty_registration")
    if (
        intent is Intent.WARRANTY_REGISTRATION or "regist" in step.ctx.text.lower()
    ) and not isinstance(preview, Preview):  # with the serial given, the preview says it all
        parts.append(_registration_text(step, sku, coverage, slots.serial))
        reg = next(iter(passages(step, reg_q)), None)
        if reg is not None:
            cited.append(reg.chunk_id)
    serial_format = shop.serial_format(sku)
    if slots.serial is None and slots.serial_attempt and serial_format is not None:
        shape = describe_pattern(serial_format.pattern)
        parts.append(
            f"{slots.serial_attempt} doesn't look like a {model} serial number"
            + (f": it is {shape}" if shape else "")
            + f", printed {serial_format.where}. Could you check it and send it again?"
        )
    if intent is Intent.EXTENDED_WARRANTY or _names_the_plan(step):
        parts.append(extended_text(step, coverage, sku))
        ext_word = (shop.policy.warranty.extended_name or "extended").split()[-1].lower()
        ext = next((p for p in passages(step, ext_q) if ext_word in p.text.lower()), None)
        if ext is not None:
            cited.append(ext.chunk_id)
    if coverage is None and not step.ctx.state.verified and _ITS_OWN_END.search(step.ctx.text):
        parts.append(_ask_for_the_order(step))  # "is it still under warranty?": theirs
    if isinstance(preview, Preview):
        parts.append(f'{preview.summary}\n\nShall I register it? Reply "yes" to confirm.')
    elif step.done.get("propose_warranty_registration") is not None:
        outcome = step.done.get("propose_warranty_registration")
        parts.append(f"I couldn't register it: {outcome.error if outcome else ''}")
    return say("\n\n".join(parts), cited)


OWN_SUPPORTED = 0.5
_WARRANTY_WORDS = frozenset(tokenize("warranty warranties guarantee covered cover coverage long"))


def _naming(step: Step, sku: str) -> set[str]:
    return step.ctx.shop.name_words(sku)


def _own_question(step: Step, sku: str) -> str | None:
    """The customer's question when it says more than "what does the warranty cover" (what
    happened, which part): the terms are searched for it too."""
    if step.ctx.intent not in (Intent.WARRANTY_INFO, Intent.EXTENDED_WARRANTY):
        return None
    plan = set(tokenize(step.ctx.shop.policy.warranty.extended_name or ""))
    words = set(content_words(step.ctx.text)) - _naming(step, sku) - _WARRANTY_WORDS - plan
    if step.ctx.intent is Intent.EXTENDED_WARRANTY:  # "how much is it for the Z8?": the price
        words -= set(tokenize(" ".join(m.group(0) for m in PRICE.finditer(step.ctx.text))))
    return step.ctx.text if len(words) >= 2 else None


def _registration_text(
    step: Step, sku: str, coverage: WarrantyCoverage | None, given_serial: str | None = None
) -> str:
    customer = step.ctx.state.customer
    shop = step.ctx.shop
    serial = shop.serial_format(sku)
    given = given_serial or ""
    if coverage is not None and given and given in coverage.registered_serials:
        return f"Serial {given_serial} is already registered; nothing more to do."
    if coverage is not None and coverage.registered:
        on_file = ", ".join(coverage.registered_serials)
        other = (  # "…serial is HMC-4B19E07A" for a camera registered under another serial
            f" The serial you gave, {given_serial}, isn't the one registered ({on_file}):"
            " please check the label, or tell me if you have a second unit."
            if given
            else ""
        )
        return (
            f"It's already registered (registration ID {coverage.registration_id}); "
            f"nothing more to do.{other}"
        )
    if serial is None:
        return (
            "This product has no serial number to register: your order is your proof of "
            "purchase, so you're covered without registering."
        )
    shape = describe_pattern(serial.pattern)  # "CK17- followed by 6 digits": what to look for
    where = f"{serial.where} ({shape})" if shape else serial.where
    order = coverage.order_number if coverage else "your order number"
    email = customer.email if customer else "the email on your order"
    warranty = shop.policy.warranty
    before = (
        f" and is required before buying {warranty.extended_name}" if warranty.extended_name else ""
    )
    online = f", or at {warranty.registration_url}," if warranty.registration_url else ""
    return (
        f"How to register (optional for the standard warranty, but it speeds up claims{before}), "
        f"within {warranty.registration_window_days} days of delivery:\n"
        f"1. Find the serial number {where}.\n"
        f"2. Register here in chat{online} with order number "
        f"#{order} and the email {email}.\n"
        "3. You'll get a confirmation email with your registration ID (WR- followed by 6 "
        "digits).\n"
        "If you send me the serial number now, I'll register it for you."
    )


def _names_the_plan(step: Step) -> bool:
    """ "…also how much is that <plan> thing": the store's extended plan, by its own word."""
    return names_the_plan(step.ctx.text, step.ctx.shop.policy.warranty.extended_name)


def warranty_claim(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product do you think is defective?")
    pending, coverage = item_coverage(step, sku)
    if pending is not None:
        return pending
    back = _sent_back(step, slots, coverage)  # "its defective, i want to send it back"
    if back is not None:
        return back
    model = step.ctx.shop.model(sku) or sku
    state = step.ctx.state
    covered = (
        f"Its warranty is {coverage.status} until {fmt.dated(coverage.ends_on)}"
        if coverage is not None and coverage.ends_on
        else ""
    )
    summary = (
        f"Warranty claim for {model}"
        + (f" (order #{coverage.order_number}; {covered})" if coverage else "")
        + f". Customer reports: {step.ctx.text}. Steps tried: "
        + ("; ".join(state.steps_tried[-4:]) or "none yet")
    )
    pending, safety = safety_line(step, sku, model)
    if pending is not None:
        return pending
    # a claim for a product that smokes or has swollen is urgent: the person calls first
    danger = reports_danger(step.ctx.text, safety.text if safety is not None else "")
    reason = "safety_hazard" if danger else "warranty_claim"
    if not danger and needs_diagnosis(step.ctx.full_text or step.ctx.text):
        reason = "defect_persists"  # no remedy claimed yet: a person diagnoses it first
        if coverage is not None:  # past its return window, the warranty is the only remedy
            window = step.done.get("get_return_window", order_number=coverage.order_number)
            if window is None:
                return one("get_return_window", order_number=coverage.order_number)
            if window.ok and not window.value.open:
                reason = "warranty_claim"
    text = step.ctx.text  # "…still pitch black. is this covered?": the dates, not the fix again
    if reason == "defect_persists" and state.focus_sku == sku and not COVERED.search(text):
        from assistant.planner.told_lines import told_reply  # it builds on this package's search

        # "did the vinegar thing… still a few white spots": the line of the fix shown for that
        told = told_reply(step, sku, model, state.shown_passages, [], [])
        if told is not None:
            return told
    if safety is not None:
        quote = quote_safety(safety)
        return answer_then_hand_over(step, quote, [safety.chunk_id], reason, summary)
    facts = _claim_facts(step, sku, coverage, slots)
    return answer_then_hand_over(step, facts, [], reason, summary)


def _sent_back(step: Step, slots: Slots, coverage: WarrantyCoverage | None) -> ModelTurn | None:
    """A defective item the customer wants to send back (no warranty asked for) while its
    order's return window is open goes back as a return, free for a defect, not as a claim:
    the store's rules say a defect is a warranty matter after the window. Not signed in yet:
    the return's flow asks who they are first."""
    text = step.ctx.text
    if not START.search(text) or WARRANTY_WORD.search(text) or wants_it_working(text):
        return None
    if coverage is None:
        if step.ctx.state.verified:
            return None
        step.ctx.intent = Intent.RETURNS_REFUNDS  # "…still E2. i just want a refund"
        return returns_refunds(step, slots)
    window = step.done.get("get_return_window", order_number=coverage.order_number)
    if window is None:
        return one("get_return_window", order_number=coverage.order_number)
    if not (window.ok and window.value.open):
        return None
    step.ctx.intent = Intent.RETURNS_REFUNDS
    return returns_refunds(step, slots)


def _claim_facts(step: Step, sku: str, coverage: WarrantyCoverage | None, slots: Slots) -> str:
    """What the customer is told before the hand-over: the item's own warranty dates, and the
    serial number the specialist will need (where it is printed)."""
    name = step.ctx.shop.name(sku)
    lines = []
    if coverage is not None and coverage.ends_on is not None:
        on = f"Your {name} (order #{coverage.order_number})"
        ends = f"{coverage.ends_on:%A}, {fmt.dated(coverage.ends_on)}"
        lines.append(
            f"{on} is under warranty until {ends}."
            if coverage.status == "active"
            else f"{on} had a warranty that ended on {ends}, so it is not covered by it any more."
        )
    lines.append(serial_ready(step.ctx.shop, sku, slots))
    return " ".join(line for line in lines if line)
