"""The offline planner: the default model behind the agent loop. No network, no key.

Each step it looks at the turn (router intent and confidence, slots, dialogue state, the tool
results so far) and emits tool calls or a final answer, exactly as an LLM would, so the loop,
guards and tools do not care which model runs. Intent handlers live in ``orders``,
``products``, ``subscriptions`` and ``support``; shared flows in ``common``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelRequest, ModelTurn, TextSink
from assistant.escalation.signals import frustration
from assistant.intents import Intent
from assistant.planner import (
    after_fix,
    also,
    back_on,
    cutoff,
    fmt,
    follow_ups,
    meant,
    move_date,
    not_sold,
    order_cancel,
    orders,
    parts,
    policies,
    product_reading,
    products,
    questions,
    reading,
    return_words,
    returns,
    several,
    subscriptions,
    support,
    tracking,
    unsure,
    upset,
    warranty,
    what_works,
)
from assistant.planner.account_words import NOT_COME, RESEND, about_subscription
from assistant.planner.addresses import looks_like_address
from assistant.planner.after_steps import after_last_reply
from assistant.planner.came_with import subjects
from assistant.planner.clarify import clarify
from assistant.planner.common import (
    NEEDS_VERIFICATION,
    escalate,
    handover_asked_after,
    nothing_pending,
    verification_failed,
    verification_gate,
)
from assistant.planner.follow_ups import REREAD
from assistant.planner.how_it_works import accepted_offer, how_it_works
from assistant.planner.instead import INSTEAD, requested_instead
from assistant.planner.kit import Done, Step, call, say
from assistant.planner.missing_part import missing_part
from assistant.planner.plan_follow import about_plan_shown, plan_delivery_question
from assistant.planner.read_back import read_back
from assistant.planner.request_kinds import ABOUT_A_PRODUCT
from assistant.planner.resolve import elsewhere, needs_owned, resume_deferred, worth_below
from assistant.planner.return_handover import high_value_why
from assistant.planner.slots import Slots, extract_slots

Handler = Callable[[Step, Slots], ModelTurn]

HANDLERS: dict[Intent, Handler] = {
    Intent.ORDER_STATUS: orders.order_status,
    Intent.RECEIPT: orders.receipt,
    Intent.ORDER_CHANGE: orders.order_change,
    Intent.ORDER_CANCEL: order_cancel.order_cancel,
    Intent.TRACKING: tracking.tracking,
    Intent.SETUP_HELP: products.help_with_product,
    Intent.TROUBLESHOOTING: products.help_with_product,
    Intent.MANUAL_REQUEST: products.manual_request,
    Intent.WARRANTY_INFO: warranty.warranty,
    Intent.WARRANTY_REGISTRATION: warranty.warranty,
    Intent.WARRANTY_CLAIM: warranty.warranty_claim,
    Intent.EXTENDED_WARRANTY: warranty.warranty,
    Intent.ACCESSORIES: products.accessories,
    Intent.SUBSCRIPTION_SKIP: subscriptions.subscription,
    Intent.SUBSCRIPTION_PAUSE: subscriptions.subscription,
    Intent.SUBSCRIPTION_FREQUENCY: subscriptions.subscription,
    Intent.SUBSCRIPTION_SWAP: subscriptions.subscription,
    Intent.SUBSCRIPTION_CANCEL: subscriptions.subscription,
    Intent.FEEDBACK: support.feedback,
    Intent.COMPLAINT: support.complaint,
    Intent.RETURNS_REFUNDS: returns.returns_refunds,
    Intent.BILLING_DISPUTE: support.billing_dispute,
    Intent.HUMAN_AGENT: support.human_agent,
    Intent.PRODUCT_QUESTION: questions.product_question,
    Intent.ACCOUNT_HELP: policies.policy_question,
    Intent.PRIVACY_REQUEST: policies.privacy_request,
    Intent.PAYMENT_METHODS: policies.policy_question,
    Intent.SHIPPING_INFO: policies.policy_question,
    Intent.NEWSLETTER: policies.policy_question,
    Intent.GREETING: support.greeting,
    Intent.OUT_OF_SCOPE: support.out_of_scope,
}

VIP_HANDOVER = frozenset(  # problem intents that go to a person at once for a VIP customer
    {Intent.ORDER_CANCEL, Intent.COMPLAINT, Intent.WARRANTY_CLAIM, Intent.RETURNS_REFUNDS}
    | {Intent.BILLING_DISPUTE, Intent.ORDER_CHANGE}
)
_NO_FRUSTRATION_CHECK = frozenset({Intent.GREETING, Intent.FEEDBACK})
_OWN_REASON = frozenset({Intent.BILLING_DISPUTE, Intent.WARRANTY_CLAIM})  # not "high value"
_ORDER_LOOKUPS = (Intent.ORDER_STATUS, Intent.TRACKING)
_ONE_PRODUCT = ABOUT_A_PRODUCT | warranty.ABOUT_ONE_PRODUCT
_RETRIEVAL_FIRST = frozenset({Intent.OUT_OF_SCOPE})  # answered from the documents, not an action


STEP_CAP = (
    "I looked that up but could not put the whole answer together in one go. Could you ask me "
    "one thing at a time?"
)


class OfflinePlanner:
    name = "planner"

    def next_step(self, request: ModelRequest, on_text: TextSink | None = None) -> ModelTurn:
        ctx: TurnContext = request.context
        step = Step(ctx, Done(request.turn_outcomes), frozenset(t.name for t in request.tools))
        with fmt.store_zone(ctx.shop.tz, ctx.today):
            if ctx.confirmation is not None and "then-asked" in ctx.notes:  # read back first
                intent, ctx.lead = ctx.intent, read_back(step, ctx.confirmation).text or ""
                ctx.intent, ctx.confirmation = intent, None
            if ctx.confirmation is None and self._once(ctx, "split") and several.split(ctx):
                ctx.notes.append(f"primary:{ctx.intent.value}")
            turn = parts.held_back(ctx, self._plan(step), parts.proposals(step))
            turn = what_works.with_what_works(step, turn)
            while turn.is_final and ctx.full_text:  # several requests: the next one, then all
                proposed = parts.proposals(step) > sum(p for _, p in ctx.parts)
                if parts.advance(ctx, turn, proposed):
                    turn = parts.held_back(ctx, self._plan(step), parts.proposals(step))
                    turn = what_works.with_what_works(step, turn)
                    continue
                turn = parts.combined(ctx)
                primary = next(n[8:] for n in ctx.notes if n.startswith("primary:"))
                ctx.intent, ctx.text, ctx.full_text = Intent(primary), ctx.full_text, ""
            if not request.tools and not turn.is_final:  # the loop's step cap: no more looking
                turn = say(STEP_CAP)
            if turn.is_final and ctx.state.pending is not None:  # a question about what waits
                action = ctx.state.pending.request.action
                ctx.state.active_intent = INSTEAD.get(action, ctx.state.active_intent)
            turn = upset.with_offer(ctx, turn, step.done.has("escalate_to_human"))
            if turn.is_final and ctx.lead:  # the go-ahead's read-back, then the question's answer
                turn.text = f"{ctx.lead}\n\n{turn.text}" if turn.text else ctx.lead
            return turn

    def _plan(self, step: Step) -> ModelTurn:
        ctx, state = step.ctx, step.ctx.state
        slots = extract_slots(ctx.text, ctx.shop)
        slots.skus = parts.unqualified(ctx.shop, ctx.text, slots.skus)  # "…i got for my camera"
        if ctx.full_text:  # one of several requests: what the clause lacks, the message may say
            parts.clause_slots(ctx, slots, one_product=ctx.intent in _ONE_PRODUCT)
        if ctx.confirmation is not None:
            return read_back(step, ctx.confirmation)

        failed = verification_failed(step)
        if failed is not None:
            return failed
        if (
            state.awaiting_verification
            and not state.verified
            and (slots.order_number or slots.email)
        ):
            gate = verification_gate(step, slots)
            if gate is not None:
                return gate
        accepted = accepted_offer(step)  # "yes, do it" after how it works was explained
        if accepted is not None:
            return accepted
        asked_after = handover_asked_after(step)  # "how long until someone looks at this?"
        if asked_after is not None:
            return asked_after
        if state.verified and state.deferred_intent is not None and self._once(ctx, "resume"):
            slots = resume_deferred(step)  # verified just now: the question asked before
        elif step.done.has("verify_customer") and state.verified and self._once(ctx, "hello"):
            ctx.notes.append("just-verified")
        if not ctx.parts and (  # "and only one litre?", "i meant the kettle", "a 9 not a 10"
            after_fix.read_what_is_new(ctx)  # "that worked!! … now the picture is upside down"
            or follow_ups.question_follow_up(ctx)
            or meant.product_correction(ctx, slots)
            or meant.value_correction(ctx)
            or meant.topic_correction(ctx)  # "no wait i meant the voice that talks…"
        ):
            slots = extract_slots(ctx.text, ctx.shop)
        # the last answer's line for "what if…", its steps left, or what comes after them
        case = None if ctx.parts else after_last_reply(step)
        if case is not None:
            ctx.intent = state.active_intent or ctx.intent  # still the topic answered before
            return case
        brand, focus = ctx.shop.vocabulary.by_brand_only(ctx.text), state.focus_sku
        if focus and brand & set(slots.skus):
            # "…renamed one in the homely app": the brand of the product in focus, not another
            same = {s for s in brand if ctx.shop.same_brand(s, focus)}
            slots.skus = list(dict.fromkeys(focus if s in same else s for s in slots.skus))
        if ctx.intent not in _NO_FRUSTRATION_CHECK and not ctx.parts:
            history = state.asked[:-1]
            # the customer's own words, not a follow-up read together with what it follows
            reread = any(n == REREAD or n.startswith("focus:") for n in ctx.notes)
            said = state.messages[-1].text if reread and state.messages else ctx.text
            signal = frustration(history, said)
            if signal is not None and not upset.answer_first(ctx, signal, history):
                return escalate(
                    step,
                    upset.handover_reason(ctx, said),
                    f"Customer is frustrated ({', '.join(t for t in signal.triggers)}): {ctx.text}",
                )
        reading.read_signals(ctx)
        if RESEND.search(ctx.text) and Intent.RECEIPT in [i for i, _ in ctx.ranked[:2]]:
            ctx.intent, ctx.confidence = Intent.RECEIPT, max(ctx.confidence, 0.6)  # "resend me…"
        told = not_sold.not_sold(step) or missing_part(step, slots)  # "no brush in my box??"
        if told is not None:  # "where do i get one of those?"
            if told.is_final and not ctx.parts:  # "…can i just borrow the sd card from…"
                told = also.with_other_questions(step, told, False, list_back=False)
            return told
        if move_date.moves_subscription(ctx) or back_on.asks_back_on(ctx):  # "…back a week"
            ctx.intent, ctx.confidence = Intent.SUBSCRIPTION_FREQUENCY, max(ctx.confidence, 0.8)
        instead = [] if returns.exchange_changed(ctx, slots) else requested_instead(ctx)
        if instead:  # the customer dropped the pending action for another one
            ctx.intent, ctx.confidence = instead[0], max(ctx.confidence, 0.9)
        elif (
            state.return_draft is not None
            and state.verified
            and returns.continues_draft(state.return_draft, ctx.text, slots)
        ):  # the answer to a question about the return being put together
            ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, max(ctx.confidence, 0.9)
        elif state.awaiting_address and state.verified and looks_like_address(ctx.text):
            ctx.intent, ctx.confidence = Intent.ORDER_CHANGE, max(ctx.confidence, 0.9)
        elif (
            state.awaiting_date
            and state.verified
            and move_date.day_was_asked(state)
            and move_date.named_day(ctx.text, ctx.today, None)
        ):
            ctx.intent, ctx.confidence = Intent.SUBSCRIPTION_FREQUENCY, max(ctx.confidence, 0.9)
        elif (asked := cutoff.cutoff_topic(step)) is not None:  # "by when…? it's due feb 11"
            ctx.intent, ctx.confidence = asked, max(ctx.confidence, 0.8)
        elif not ctx.parts and follow_ups.topic_follow_up(ctx, slots):
            ctx.intent = state.active_intent or ctx.intent
            ctx.confidence = max(ctx.confidence, 0.8)
        elif (
            (slots.order_number or (state.verified and NOT_COME.search(ctx.text)))
            and self._low_confidence(ctx)
            and (top := [i for i, _ in ctx.ranked[:3] if i in _ORDER_LOOKUPS])
        ):  # an order number in an unsure message: the order, never a document about its items
            ctx.intent, ctx.confidence = top[0], max(ctx.confidence, 0.6)
        elif self._low_confidence(ctx) or (ctx.intent in _RETRIEVAL_FIRST and ctx.confidence < 0.7):
            if state.pending is None and (nothing := nothing_pending(step)) is not None:
                return nothing  # "yes go ahead", "leave it as is" with nothing waiting
            answered = unsure.retrieval_first(step, slots)
            if answered is not None and answered.citation_ids and not ctx.parts:
                answered = also.with_other_questions(step, answered, True, list_back=False)
            if answered is not None:
                if answered.is_final:  # a follow-up ("and for the other one?") reads with it
                    state.low_confidence_streak, state.active_intent = 0, ctx.intent
                return answered
            if state.low_confidence_streak >= 3:
                return escalate(
                    step,
                    "repeated_low_confidence",
                    f"The assistant could not understand the request twice: {ctx.text}",
                )
            if (
                ctx.intent is not Intent.OUT_OF_SCOPE
                or ctx.confidence < ctx.settings.router_threshold
            ):
                return clarify(step)
        if ctx.intent in (Intent.TRACKING, Intent.ORDER_STATUS) and about_plan_shown(step, slots):
            return plan_delivery_question(step, slots)  # "…get to me after that": the plan's
        if (
            ctx.intent in (Intent.TRACKING, Intent.ORDER_STATUS)
            and about_subscription(ctx.text, ctx.shop)
            and not reading.SHIPPED_ALREADY.search(ctx.text)  # a delivery already sent: its parcel
        ):
            changed = subscriptions.change_too(ctx.text, ctx.clauses)  # "…whenever, skip it"
            if changed is None:
                gate = how_it_works(step, slots) or verification_gate(step, slots)
                return gate if gate is not None else subscriptions.status(step, slots)
            ctx.intent = changed

        customer = state.customer
        complaint = ctx.intent in VIP_HANDOVER or "complaint" in ctx.notes
        if customer is not None and complaint and state.vip:
            return escalate(step, "vip_customer", f"VIP customer, {ctx.intent.value}: {ctx.text}")
        high_value = self._high_value_order(step, slots)
        if customer is not None and ctx.intent in VIP_HANDOVER and high_value:
            handed = self._high_value_handover(step, slots, high_value)
            if handed is not None:
                return handed
        product_reading.accessories_question(ctx)
        if ctx.intent in NEEDS_VERIFICATION:
            gate = how_it_works(step, slots) or verification_gate(step, slots)
            if gate is not None and gate.is_final and not ctx.parts:  # "…and is express free?"
                gate = also.with_other_questions(step, gate, False, list_back=False)
            if gate is not None and gate.is_final and gate.citation_ids:
                state.active_intent = ctx.intent  # answered: "and if i forget?" follows it
            if gate is not None:
                return gate
        key = f"{ctx.intent.value}:{ctx.text}"
        kept = ctx.memo.get(key)
        turn = replace(kept) if kept is not None else HANDLERS[ctx.intent](step, slots)
        if turn.is_final:
            ctx.memo[key] = replace(turn)
        follow_up = any(n.startswith("focus:") for n in ctx.notes)
        if turn.is_final and ctx.intent is not Intent.GREETING and not follow_up:
            documents = ctx.intent in also.ANSWERS_FROM_DOCUMENTS  # a hand-over lists none back
            quiet = documents or step.done.has("escalate_to_human")
            turn = also.with_other_questions(step, turn, documents, list_back=not quiet)
            if not turn.is_final:
                return turn  # search for the message's other question first
        if turn.is_final:
            state.active_intent = ctx.intent
            if turn.citation_ids:  # answered from the documents: understood after all
                state.low_confidence_streak = 0
            if "just-verified" in ctx.notes and customer is not None:
                turn.text = f"Thanks, {customer.name.split()[0]} — you're verified.\n\n{turn.text}"
        return turn

    @staticmethod
    def _once(ctx: TurnContext, key: str) -> bool:
        if key in ctx.notes:
            return False
        ctx.notes.append(key)
        return True

    def _low_confidence(self, ctx: TurnContext) -> bool:
        low = ctx.confidence < ctx.settings.router_threshold
        if self._once(ctx, "confidence-counted"):
            ctx.state.low_confidence_streak = ctx.state.low_confidence_streak + 1 if low else 0
        return low

    @staticmethod
    def _high_value_handover(step: Step, slots: Slots, number: str) -> ModelTurn | None:
        """Order ``number`` is above the hand-over value: a person takes the request, once the
        products named are known to have come on it (not another order's, however in focus)."""
        ctx = step.ctx
        if (
            number != slots.order_number
            and (ctx.shop.mentions(ctx.text) or ctx.state.focus_sku)
            and needs_owned(step)
        ):  # whether the products named came on that order
            return call(("list_owned_products", {}))
        faster = ctx.intent is Intent.ORDER_CHANGE and reading.asks_faster(ctx.text)
        if ctx.intent in _OWN_REASON or return_words.records_answer(ctx.text) or faster:
            return None  # a claim keeps its reason; "until when can I…?", "…to express?": rules
        why = high_value_why(step, slots, number)  # e.g. the window's end
        if why is not None and not why.is_final:
            return why
        handed = escalate(
            step,
            "high_value_order",
            f"{ctx.intent.value} about order #{number}, above the "
            f"{ctx.shop.handover_value} hand-over value: {ctx.text}",
        )
        if why is not None and why.text and handed.is_final:
            handed.text = f"{why.text}\n\n{handed.text}"
        return handed

    @staticmethod
    def _high_value_order(step: Step, slots: Slots) -> str | None:
        """The order under discussion if it is above the hand-over value: named in the message,
        in focus, or the customer's only high-value order when the message names its product;
        not the order in focus when the products this part of the message is about (named, or
        else the product in focus) all came on other orders."""
        state = step.ctx.state
        orders = state.high_value_orders or set()
        said = subjects(step.ctx.shop, step.ctx.text)  # not "the <camera>" a remote came with
        named = said or ([state.focus_sku] if state.focus_sku else [])
        for number in (slots.order_number, state.focus_order):
            if number and number in orders:
                if number != slots.order_number and elsewhere(step, named, number):
                    continue  # "the velo 3s came yesterday…" beside a camera order in focus
                if worth_below(step, named):
                    return None  # "the remote that came with my <camera>… can i return it"
                state.focus_order = number
                return number
        shop = step.ctx.shop
        if said and len(orders) == 1:
            prices = [item.price for item in map(shop.item, said) if item is not None]
            if any(price > shop.handover_value / 2 for price in prices):
                state.focus_order = next(iter(orders))
                return state.focus_order
        return None
