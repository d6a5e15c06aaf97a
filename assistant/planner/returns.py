"""Returns, exchanges and refund status in conversation. "send back the bottle and the chair":
one return for every item named, after the policy's condition questions (one by one; answers kept
in ``state.return_draft``), then a preview the customer confirms; "exchange the shoes for a size
9": an exchange; "did my refund go through?": the store's refund records. Anything else (the
window, fees, how it works) is the returns policy's (:func:`support.returns_refunds`). The store
decides every rule; where the policy says a person decides, the case is handed over."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.agent.context import TurnContext
from assistant.agent.drafts import ReturnDraft
from assistant.agent.messages import ModelTurn, ToolOutcome
from assistant.agent.proposals import render_preview
from assistant.commerce.schemas import (
    OrderLinePublic,
    OrderPublic,
    Preview,
    ReturnQuestion,
)
from assistant.planner import return_words as words
from assistant.planner.common import escalate, verification_gate
from assistant.planner.kit import Step, one, say
from assistant.planner.refunds import CARD_CHANGED, refund_status
from assistant.planner.return_fee import (
    START_OFFER,
    asks_cost,
    closed_before_options,
    fee_line,
    reason_in,
    refused,
    terms_before_handover,
    warranty_instead,
    window_line,
    yes_until,
)
from assistant.planner.return_items import named_lines, return_items, return_order, which_instead
from assistant.planner.return_mixed import held_back
from assistant.planner.slots import Slots, corrected, extract_slots


def is_return_request(text: str, slots: Slots) -> bool:
    """A request to return something (not a question about the policy in general)."""
    if not words.START.search(text):
        return False
    names_something = bool(slots.skus or slots.order_number) or re.search(
        r"\b(it|them|this|these|my order|my \w+)\b", text, re.I
    )
    return bool(names_something) and not (
        words.POLICY_ONLY.search(text) and not (slots.skus or slots.order_number)
    )


def stated(question: ReturnQuestion, text: str) -> bool | None:
    """What the customer's own words already say about a condition, by the policy's words only
    ("not opened" before "opened"): "I opened the pack" answers "Has it been opened?". The
    sentence that asks for the return speaks first ("the other one is still sealed… can i send
    that one opened bag back?")."""
    asked = words.asking_sentences(text)
    if asked and asked != text and (said := stated(question, asked)) is not None:
        return said
    low = words.lowered(text)
    if words.says_any(question.no_words, low):
        return False
    if words.says_any(question.yes_words, low):
        return True
    return None


def answer_to(question: ReturnQuestion, text: str) -> bool | None:
    """The customer's answer to a condition question: the policy's words first ("not opened"
    before "opened"), then a plain yes or no."""
    said = stated(question, text)
    if said is not None:
        return said
    low = words.lowered(text)
    lead = words.LEAD.match(low)  # "no, I wore them outside": a yes or no, then the why
    if lead is not None:
        return lead.group(1) in ("yes", "yeah", "yep", "yup")
    if len(low.split()) > 6:  # a longer message that is no plain yes or no is something else
        return None
    if words.NO.search(low):
        return False
    if words.YES.search(low):
        return True
    return None


def continues_draft(draft: ReturnDraft, text: str, slots: Slots) -> bool:
    """Whether a message carries on the return being put together (answers its question)."""
    if draft.awaiting == "answer" and draft.asked is not None:
        if draft.kind == "exchange" and (slots.size or slots.colour):
            return True  # "oh wait, actually make it a 7 in coral": the question is asked again
        return answer_to(draft.asked, text) is not None and len(text.split()) <= 25
    if draft.awaiting == "start":  # "shall I start the return?" — "yes please"
        return len(text.split()) <= 8 and words.GO.search(text) is not None
    if draft.awaiting == "items":
        return bool(slots.skus or words.ALL.search(text))
    if draft.awaiting == "options":
        return bool(slots.size or slots.colour)
    return False


def exchange_changed(ctx: TurnContext, slots: Slots) -> bool:
    """ "yes but can the new pair be coral instead of navy?" while the exchange's preview
    waited: the preview was dropped, and the same exchange is previewed again with the size or
    colour the customer names now (the draft then awaits its options)."""
    draft = ctx.state.return_draft
    if draft is None or draft.kind != "exchange" or not draft.skus:
        return False
    if "dropped:exchange_item" not in ctx.notes or not ctx.state.verified:
        return False
    named = {"size": slots.size, "colour": slots.colour}
    if not any(v and draft.new_options.get(k) != v for k, v in named.items()):
        return False
    draft.awaiting = "options"  # asked again after each tool call: not another action then
    ctx.notes[:] = [n for n in ctx.notes if not n.startswith("instead:")]
    return True


def _ask(step: Step, draft: ReturnDraft, text: str) -> ModelTurn:
    step.ctx.state.return_draft = draft
    return say(text)


def returns_refunds(step: Step, slots: Slots) -> ModelTurn:
    from assistant.planner.support import returns_refunds as policy_answer

    state, text = step.ctx.state, step.ctx.text
    for name in ("propose_return", "propose_exchange"):
        proposed = step.done.get(name)
        if proposed is not None:  # the planner is asked again after every tool call
            return _after_proposal(step, proposed)
    kept = state.return_draft
    if not state.verified and kept is None and words.ABOUT_POLICY.search(text):
        return policy_answer(step, slots)  # a question about the rules needs no sign-in
    if "damaged" in step.ctx.notes:  # came damaged: a person looks at photos and decides
        return escalate(step, "complex_return", f"Item arrived damaged: {text}")
    if words.PART_OF_SET.search(text):  # part of a set, missing pieces: a person looks
        terms = terms_before_handover(step, state.focus_order) if state.verified else None
        if terms is not None and not terms.is_final:
            return terms
        handed = escalate(
            step, "complex_return", f"Return of part of a set or an incomplete item: {text}"
        )
        if terms is not None and terms.text and handed.is_final:
            handed.text = f"{terms.text}\n\n{handed.text}"
        return handed
    carrying_on = "return-draft" in step.ctx.notes  # asked again after a tool call this turn
    if kept is not None and (carrying_on or continues_draft(kept, text, slots)):
        draft = kept
        if not carrying_on:
            step.ctx.notes.append("return-draft")
    elif (
        words.RETURN_STATUS.search(text)
        or (
            words.asks_refund_status(text)
            and (
                words.SENT_BACK.search(text)
                or CARD_CHANGED.search(text)  # "my card got stolen… will my refund reach me?"
                or not is_return_request(text, slots)
            )
        )  # "my wife sent the shoes back… did you guys ever refund that?", split in two
        or (words.SENT_BACK.search(text) and words.asks_refund_status(step.ctx.full_text))
    ):
        return refund_status(step, slots)
    elif words.ASKS_WINDOW.search(text) and not words.asks_exchange(text):
        return _how_to(step, slots, policy_answer)  # "what's the return deadline on my shoes"
    elif words.IF_IT_FAILS.search(text) and (
        words.asks_exchange(text) or is_return_request(text, slots)
    ):  # "…if it doesnt help can i still swap them?": the window, and an offer
        return _how_to(step, slots, policy_answer)
    elif words.SOMEONE_ELSES.search(text) or (
        words.SUPPOSED.search(text)
        and (
            (asks_cost(text) and "?" in text) or words.MONEY_GOES.search(text) or not state.verified
        )
    ):  # "if i swap them… do i pay the shipping?", "if my friend returns it where does the
        return _how_to(step, slots, policy_answer)  # refund go"
    elif ((slots.size or slots.colour) and words.ANOTHER_VARIANT.search(text)) or (
        words.asks_exchange(text) and (slots.skus or slots.size or slots.colour)
    ):
        draft = ReturnDraft(kind="exchange")
    elif is_return_request(text, slots) and (
        words.HOW.search(text)
        or words.ASKS.search(text)
        or words.ASKS_WINDOW.search(text)
        or (asks_cost(text) and "?" in text and not words.WANTS_REFUND.search(text))
    ):
        return _how_to(step, slots, policy_answer)
    elif is_return_request(text, slots):
        credit = words.STORE_CREDIT.search(text) is not None
        draft = ReturnDraft(refund_to="store_credit" if credit else "original_payment")
    else:
        return policy_answer(step, slots)
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate
    pending, order = return_order(step, slots, draft)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    state.focus_order = draft.order_number = order.number
    if draft.awaiting == "start":
        draft.awaiting = None
    if draft.awaiting == "answer" and draft.asked is not None:
        answer = answer_to(draft.asked, text)
        if answer is not None:
            draft.answers[draft.asked.key] = answer
    skus = return_items(step.ctx.shop, order, slots, draft, text, state.focus_sku)
    if not skus:
        names = ", ".join(dict.fromkeys(ln.name for ln in order.lines))
        draft.awaiting = "items"
        return _ask(step, draft, f"Which items from order #{order.number} would you like to "
                    f"{draft.kind}: {names}? You can also say \"everything\".")  # fmt: skip
    same_items = kept is not None and (kept.order_number, kept.skus) == (order.number, skus)
    if kept is not None and kept is not draft and same_items:
        draft.answers = {**kept.answers, **draft.answers}  # the dropped request's answers hold
    draft.skus, state.focus_sku = skus, skus[0]
    if draft.kind == "exchange":
        return _exchange(step, slots, draft, order)
    draft.reason = reason_in(step.ctx.shop.policy.returns, text) or draft.reason
    lines = [ln for ln in order.lines if ln.sku in skus]
    draft.cost = fee_line(
        step.ctx.shop.policy.returns, draft.reason, lines[0] if len(lines) == 1 else None
    )
    if words.ONE.search(text) and len(skus) == 1:
        draft.quantities[skus[0]] = 1
    items = [
        {"sku": s, "quantity": draft.quantities.get(s)
         or sum(ln.quantity for ln in order.lines if ln.sku == s)}
        for s in skus
    ]  # fmt: skip
    base: dict[str, object] = {
        "order_number": order.number,
        "items": items,
        "reason": draft.reason,
    }
    asked = _next_question(step, draft, base, exchange=False)
    if asked is not None:
        return asked
    state.return_draft = draft
    return one("propose_return", **base, answers=dict(draft.answers), refund_to=draft.refund_to)


def _after_proposal(step: Step, outcome: ToolOutcome) -> ModelTurn:
    state = step.ctx.state
    draft = state.return_draft
    if outcome.ok:  # kept (answered, asking nothing) for a change of mind: "exchange it instead"
        if draft is not None:
            draft.awaiting, draft.asked = None, None
        preview: Preview = outcome.value
        yes = yes_until(step, draft) if outcome.call.name == "propose_return" else ""
        if isinstance(yes, ModelTurn):  # "…can i return it?": the window's last day first
            return yes
        held = "\n\n".join(t for t in (yes, draft.held_back if draft else None) if t)
        return say(f"{held}\n\n{render_preview(preview)}" if held else render_preview(preview))
    error = outcome.error or ""
    if outcome.error_code == "variant_out_of_stock":  # "then the 11.5": the same exchange
        state.return_draft = draft.model_copy(update={"awaiting": "options"}) if draft else None
        return say(f"{error} {words.ANOTHER_OPTION}")
    if outcome.error_code in ("unknown_variant", "no_change") and draft is not None:
        same = outcome.error_code == "no_change"  # "…for a diff color? the white shows…"
        which = which_instead(step.ctx.shop, draft.skus, draft.new_options) if same else ""
        draft.awaiting, draft.new_options = "options", {}
        return say(f"{error} {which}".strip())
    if outcome.error_code in ("which_variant", "quantity_too_high", "condition_unanswered"):
        return say(error)
    return refused(step, outcome)


def _next_question(
    step: Step, draft: ReturnDraft, base: dict[str, object], *, exchange: bool
) -> ModelTurn | None:
    args = {**base, "answers": dict(draft.answers), "exchange": exchange}
    outcome = step.done.get("return_questions", answers=dict(draft.answers))
    if outcome is None:
        return one("return_questions", **args)
    if not outcome.ok:  # a person reviews it: until when, and what a refund brings back
        window = step.done.get("get_return_window", order_number=draft.order_number)
        if outcome.escalate and not exchange and window is None:
            return one("get_return_window", order_number=draft.order_number)
        open_ = window is not None and window.ok and window.value.open  # closed: the error says
        until = window_line(window.value, offer=False) if window and open_ else None
        cost = draft.cost if outcome.escalate and not exchange else None
        kept = draft.held_back  # "opened one, the other is sealed": the rule for the opened one
        error = "\n\n".join(e for e in (kept, outcome.error, until, cost) if e)
        return refused(step, outcome, error)
    questions: list[ReturnQuestion] = outcome.value
    rules, text = step.ctx.shop.policy.returns, step.ctx.full_text or step.ctx.text
    if held_back(rules, draft, base["items"], questions, text):  # type: ignore[arg-type]
        step.ctx.state.return_draft = draft  # "opened one, the other is sealed": one goes back
        step.ctx.notes.append("return-draft")
        return one("return_questions", **{**args, "answers": dict(draft.answers)})
    already = {
        q.key: said
        for q in questions
        if q.key not in draft.answers
        and (said := stated(q, step.ctx.full_text or step.ctx.text)) is not None
    }
    if already:  # answered in the request itself: checked before anything is asked
        draft.answers.update(already)
        step.ctx.state.return_draft = draft  # the same draft when asked again after the call
        if "return-draft" not in step.ctx.notes:
            step.ctx.notes.append("return-draft")
        return one("return_questions", **{**args, "answers": dict(draft.answers)})
    if not questions:
        draft.asked, draft.awaiting = None, None
        return None
    draft.asked, draft.awaiting = questions[0], "answer"
    lead = "Before I set this up, one question from our returns policy: "
    if draft.answers:
        lead = "Thanks. And: "
    return _ask(step, draft, lead + questions[0].question)


def _exchange(step: Step, slots: Slots, draft: ReturnDraft, order: OrderPublic) -> ModelTurn:
    whole = step.ctx.full_text
    if whole and corrected(whole) is not whole:  # "…gegen Größe 12 tauschen? Nein warte… lieber
        # 11,5": of several requests, the correction the message makes after this one
        fixed = extract_slots(whole, step.ctx.shop)
        slots.size, slots.colour = fixed.size or slots.size, fixed.colour or slots.colour
    own = next((n[6:] for n in step.ctx.notes if n.startswith("focus:")), None)
    if own:  # "…for navy? … noooo. ok what about coral": the follow-up's own value wins
        latest = extract_slots(own, step.ctx.shop)
        slots.size, slots.colour = latest.size or slots.size, latest.colour or slots.colour
    if slots.size:
        draft.new_options["size"] = slots.size
    if slots.colour:
        draft.new_options["colour"] = slots.colour
    sku = draft.skus[0]
    if not draft.new_options:
        if (closed := closed_before_options(step, order.number)) is not None:
            return closed  # "is it too late to swap…?": first, whether it still can be
        draft.awaiting = "options"
        return _ask(step, draft, "Which size or colour would you like instead?")
    base: dict[str, object] = {"order_number": order.number, "items": [{"sku": sku}]}
    asked = _next_question(step, draft, base, exchange=True)
    if asked is not None:
        return asked
    step.ctx.state.return_draft = draft
    return one(
        "propose_exchange",
        order_number=order.number,
        sku=sku,
        new_options=dict(draft.new_options),
        answers=dict(draft.answers),
    )


def _how_to(step: Step, slots: Slots, policy_answer: Callable[..., ModelTurn]) -> ModelTurn:
    """ "How do I return my shoes?": the policy's answer, the customer's own window, and an
    offer to start the return here."""
    state = step.ctx.state
    offer: str | None = None
    line: OrderLinePublic | None = None
    covered: ModelTurn | str = ""  # a closed window's fault: the warranty, not a refund
    if state.verified:
        orders: list[OrderPublic] | None = step.done.value("list_orders")
        if orders is None:
            return one("list_orders")
        shop, skus = step.ctx.shop, slots.skus
        mine = [
            o for o in orders if not skus or named_lines(shop, skus, (ln.sku for ln in o.lines))
        ]
        # "re my running shoes order: … can i still send them back": that one on its way, no older
        latest = max(mine, key=lambda o: o.placed_at) if mine and len(set(skus)) == 1 else None
        on_way = [o for o in mine if o.number == state.focus_order or o is latest] if skus else []
        coming = any(not o.delivered_at and o.status != "cancelled" for o in on_way)
        delivered = (o for o in mine if o.status == "delivered" and o.delivered_at)
        order = None if coming else next(delivered, None)
        if order is not None:
            window = step.done.get("get_return_window", order_number=order.number)
            if window is None:
                return one("get_return_window", order_number=order.number)
            offer = window_line(window.value) if window.ok else None
            named = named_lines(step.ctx.shop, slots.skus, (ln.sku for ln in order.lines))
            lines = [ln for ln in order.lines if not named or ln.sku in named]
            line = lines[0] if len(lines) == 1 else None
            covered = warranty_instead(step, window.value, line) if window.ok else ""
            if isinstance(covered, ModelTurn):
                return covered  # "…black at night now. can i return it?" after the window
            offer = covered or offer
    if asks_cost(step.ctx.full_text or step.ctx.text) and not covered:  # "…how much back?"
        cost = fee_line(
            step.ctx.shop.policy.returns,
            reason_in(step.ctx.shop.policy.returns, step.ctx.text),
            line,
        )
        offer = "\n\n".join(part for part in (cost, offer) if part) or None
    turn = policy_answer(step, slots, offer=offer)
    if turn.is_final and offer is not None and offer.endswith(START_OFFER):
        state.return_draft = ReturnDraft(
            awaiting="start",
            skus=list(slots.skus),
            reason=reason_in(step.ctx.shop.policy.returns, step.ctx.text),
        )
    return turn
