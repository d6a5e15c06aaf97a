"""Handlers for subscriptions: skip, pause, frequency, swap, cancel. Each previews
the change (the store states its effect) and waits for the customer's own "yes"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from assistant.agent.clauses import RoutedClause
from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import Preview, SubscriptionPublic
from assistant.intents import Intent
from assistant.planner import account_words, back_on, cutoff, fmt, move_date
from assistant.planner.common import verification_gate
from assistant.planner.follow_ups import PAUSE_LONGER
from assistant.planner.frequency_if import supposed_change
from assistant.planner.kit import Step, one, say
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS
from assistant.planner.resolve import pick_subscription
from assistant.planner.skip_which import later_delivery
from assistant.planner.slots import WORD_NUMBERS, Slots, named_frequencies

ALTERNATIVES = {  # "{pause}" is the store's pause range
    Intent.SUBSCRIPTION_SKIP: (
        "pause it for {pause}",
        "change how often it comes",
        "swap to another product or option",
        "cancel it",
    ),
    Intent.SUBSCRIPTION_CANCEL: (
        "skip just the next delivery",
        "pause it for {pause}",
        "get it less often",
        "swap to another product",
    ),
}


def describe(step: Step, sub: SubscriptionPublic) -> str:
    shop = step.ctx.shop
    subs = shop.policy.subscriptions
    unit = subs.unit if subs and subs.unit else "item"
    count = f"{sub.quantity} {unit}{'s' if sub.quantity != 1 else ''}"
    choice = f" ({sub.grind})" if sub.grind else ""
    text = (
        f"{shop.model(sub.sku) or sub.product_name}, "
        f"{count}{choice} {sub.frequency_label}, {fmt.money(sub.price)} per delivery"
    )
    if sub.status == "active" and sub.next_delivery_date:
        text += f"; next delivery and charge on {fmt.day(sub.next_delivery_date)}"
    elif sub.status == "paused" and sub.paused_until:
        text += f"; paused until {fmt.day(sub.paused_until)}"
    else:
        text += f"; status {sub.status}"
    return text


def _pausable(step: Step, sub: SubscriptionPublic) -> bool:
    subs = step.ctx.shop.policy.subscriptions
    return subs is None or sub.sku not in subs.not_pausable


def find_subscription(
    step: Step, slots: Slots
) -> tuple[ModelTurn | None, SubscriptionPublic | None]:
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate, None
    subs = step.done.value("list_subscriptions")
    if subs is None:
        return one("list_subscriptions"), None
    sub = pick_subscription(subs, slots, step.ctx.state.focus_subscription)
    if sub is None:
        name = step.ctx.shop.subscription_name
        return say(f"I don't see a {name} on your account."), None
    step.ctx.state.focus_subscription = sub.id
    return None, sub


def _move(step: Step, sub: SubscriptionPublic) -> tuple[str, dict[str, object]] | str | None:
    """Moving the next delivery to another day: the day named, or the question which day."""
    ctx = step.ctx
    if step.done.get("propose_date_change") is not None:
        return ("propose_date_change", {})  # proposed in this turn already: its outcome
    resumed = sub.status == "paused" and bool(move_date.RESUME.search(ctx.text))
    asked = move_date.asks_to_move(ctx.text) or resumed
    awaited = ctx.state.awaiting_date == sub.id and move_date.day_was_asked(ctx.state)
    if ctx.intent not in move_date.MOVABLE or not (asked or awaited):
        return None
    previous = move_date.last_proposed(ctx.state) if awaited else None
    target = move_date.named_day(ctx.text, ctx.today, sub.next_delivery_date, previous)
    if resumed and target == sub.next_delivery_date:
        target = None  # "paused till march 23 … can it start again?": the day it ends, told
    if target is None and not asked:
        return None  # the answer to "which day?" was something else
    window = ctx.shop.change_date_window
    ctx.state.awaiting_date = None
    if window is None:
        return (
            "I can't move a delivery to another day, but I can skip the next one (you won't be "
            "charged for it), pause the subscription, or change how often it comes. Which would "
            "you like?"
        )
    if target is None:
        ctx.state.awaiting_date = sub.id
        first = ctx.today + timedelta(days=window.min_days)
        last = ctx.today + timedelta(days=window.max_days)
        return (
            f"{move_date.ASK_DAY} Any day from {fmt.day(first)} to "
            f"{fmt.day(last)} works ({window.min_days} to {window.max_days} days from today); "
            "the deliveries after it follow your frequency from the new day."
        )
    ctx.state.awaiting_date = sub.id  # "no, make it the saturday after" changes the day
    ctx.state.proposed_date = target.isoformat()
    return ("propose_date_change", {"subscription_id": sub.id, "delivery_date": target.isoformat()})


def _request(
    step: Step, slots: Slots, sub: SubscriptionPublic
) -> tuple[str, dict[str, object]] | str:
    intent = step.ctx.intent
    moved = _move(step, sub)
    if moved is not None:
        return moved
    several = _several(step.ctx.text)  # "skip my next 2 coffee deliveries": a 2-delivery pause
    cycles = slots.cycles or several
    limit = step.ctx.shop.longest_pause
    if intent is Intent.SUBSCRIPTION_SKIP and several and several <= limit and _pausable(step, sub):
        intent = step.ctx.intent = Intent.SUBSCRIPTION_PAUSE
    if intent is Intent.SUBSCRIPTION_SKIP:  # "the february one": not the next, not proposed
        return later_delivery(step, sub) or ("propose_skip_delivery", {"subscription_id": sub.id})
    paused = intent is Intent.SUBSCRIPTION_PAUSE and sub.status == "paused"
    if paused and slots.frequency not in (None, sub.frequency):
        # "it's on pause, but when it starts back up can it be every 2 months?"
        intent = step.ctx.intent = Intent.SUBSCRIPTION_FREQUENCY
    elif (
        paused and _ASKS.search(step.ctx.text) and cycles is None
    ):  # "…on pause, when does it restart?"
        stay = _STAY_PAUSED.search(step.ctx.text)  # "…can it just stay paused till then"
        longer = f". A pause lasts at most {limit} deliveries in a row." if stay else ";"
        return (
            f"Deliveries resume automatically then{longer} I can also change its frequency or bags."
        )
    if intent is Intent.SUBSCRIPTION_PAUSE:
        if not _pausable(step, sub):
            return (
                "This subscription can't be paused, but I can skip its next delivery (you "
                "won't be charged for it), change how often it comes, or cancel it. Which "
                "would you like?"
            )
        if cycles is None and _LONGER.search(step.ctx.text) and limit > 1:
            return (  # "pause it for 4 months": longer than the store allows
                f"A pause can last up to {limit} deliveries. How many would you like to pause: "
                f"{_counts(1, limit)}? It resumes automatically afterwards."
            )
        if cycles is None:  # "pause it for a while": the shortest pause, longer on request
            step.ctx.notes.append(_SHORTEST)
        return ("propose_pause", {"subscription_id": sub.id, "cycles": cycles or 1})
    if intent is Intent.SUBSCRIPTION_FREQUENCY:
        if slots.frequency == sub.frequency:  # "2 bags every two weeks is too much… every 6?"
            named = named_frequencies(step.ctx.text, step.ctx.shop.frequency_patterns)
            slots.frequency = next((f for f in named if f != sub.frequency), slots.frequency)
        if slots.frequency is None:
            options = ", ".join(f.label for f in step.ctx.shop.frequencies().values())
            return f"How often would you like it? The options are {options}."
        return (
            "propose_frequency_change",
            {"subscription_id": sub.id, "frequency": slots.frequency},
        )
    if intent is Intent.SUBSCRIPTION_SWAP:
        shop = step.ctx.shop
        # "my coffee": not a blend; in the whole message, where the part's products were read
        branded = shop.vocabulary.by_brand_only(step.ctx.full_text or step.ctx.text)
        targets = [s for s in slots.skus if _eligible(step, s) and s not in (sub.sku, *branded)]
        if not targets and slots.frequency and slots.frequency != sub.frequency:
            step.ctx.intent = Intent.SUBSCRIPTION_FREQUENCY  # "change our decaf to every 2 months"
            return _request(step, slots, sub)
        if len(targets) > 1:  # never silently drop one of them
            names = " or ".join(shop.model(s) for s in targets)
            return (
                f"Your subscription brings one product per delivery: would you like {names}? "
                "(To get two different ones, I can connect you with our team.)"
            )
        target = targets[0] if targets else None
        if target is None and not slots.grind:
            others = [
                i.model for i in shop.subscription_items() if not shop.same_product(i.sku, sub.sku)
            ]
            choices = ", ".join(shop.choices_for(sub.sku))
            ask = (
                f"Which would you like instead: {fmt.either(others)}?"
                if len(others) > 1
                else f"Would you like {others[0]} instead?"
                if others
                else "What would you like to change?"
            )
            return ask + (f" You can also change the option ({choices})." if choices else "")
        args: dict[str, object] = {"subscription_id": sub.id, "sku": target or sub.sku}
        if slots.grind:
            args["grind"] = slots.grind
        return ("propose_product_swap", args)
    return ("propose_subscription_cancel", {"subscription_id": sub.id})


_SEVERAL = re.compile(
    r"\b(?:skip|miss|pause|hold)\w*\b.{0,20}?\b(two|three|[23])\s+(?:\w+\s+)?"
    r"(?:deliver(?:y|ies)|shipments?|boxes|months)\b",
    re.I,
)


def _several(text: str) -> int | None:
    """How many deliveries "skip the next two coffee shipments" names (None: no count)."""
    found = _SEVERAL.search(text)
    return WORD_NUMBERS[found.group(1).lower()] if found else None


def _eligible(step: Step, sku: str) -> bool:
    item = step.ctx.shop.item(sku)
    return item is not None and item.subscription_eligible


_SHORTEST = "pause:shortest"


def _counts(first: int, last: int) -> str:
    """ "1, 2 or 3"; "2"."""
    return fmt.either([str(n) for n in range(first, last + 1)])


# a pause longer than a count the store allows: "for 4 months", "six weeks"
_LONGER = re.compile(
    r"\b([4-9]|\d{2,}|four|five|six|seven|eight|nine|ten|twelve)\s+(more\s+)?"
    r"(months?|deliver\w*|shipments?|cycles?|weeks?|bags?)\b",
    re.I,
)


# "when is my next coffee coming? whenever it is, skip it": the change, whose preview says when
_CHANGE_TOO = {
    Intent.SUBSCRIPTION_SKIP: re.compile(
        r"\b(skip|leave out|hold back|miss out)( just)? (it|that|this|the|my)\b", re.I
    ),
    Intent.SUBSCRIPTION_PAUSE: re.compile(r"\bpause (it|that|this|the|my)\b", re.I),
}


# "…and can u make it decaf this time": a change the customer asks us to make
_ASKS_US = re.compile(r"^\W*((and|also|so|but|then)\W+)?(can|could|would|will) (you|u)\b", re.I)


def change_too(text: str, clauses: Sequence[RoutedClause] = ()) -> Intent | None:
    """A skip or pause asked in the same message as when the next delivery comes, or another
    change to the plan asked of us in a later clause ("…and can u make it decaf this time")."""
    said = next((intent for intent, said in _CHANGE_TOO.items() if said.search(text)), None)
    later = [c for c in clauses[1:] if c.intent in SUBSCRIPTION_INTENTS]
    return said or next((c.intent for c in later if _ASKS_US.search(c.text)), None)


def status(step: Step, slots: Slots) -> ModelTurn:
    """When is my next delivery / what does my subscription look like."""
    pending, sub = find_subscription(step, slots)
    if pending is not None or sub is None:
        return pending or say("I couldn't find your subscription.")
    if sub.status == "cancelled":  # "am i still in the club?": when it ended, and how
        return back_on.back_on(step, slots)  # to come back
    window = step.ctx.shop.change_date_window
    if window is not None and move_date.asks_to_move(step.ctx.text):
        step.ctx.state.awaiting_date = sub.id  # "when is it now? … then saturday the 14th"
        return say(
            f"Your {step.ctx.shop.subscription_name}: {describe(step, sub)}.\n\n"
            f"{move_date.ASK_DAY} Any day from "
            f"{fmt.day(step.ctx.today + timedelta(days=window.min_days))} to "
            f"{fmt.day(step.ctx.today + timedelta(days=window.max_days))} works."
        )
    moves = ", move it to another day" if window else ""
    until = _changes_until(step, sub) if sub.status == "active" else ""
    return say(
        f"Your {step.ctx.shop.subscription_name}: {describe(step, sub)}.{until}\n\nI can "
        f"skip it{moves}, pause it, change the frequency or swap the product if you'd like."
    )


_STAY_PAUSED = re.compile(
    r"\b(stay|keep (it|them)|remain) paused\b|\bextend (the|my|its) pause\b", re.I
)


def _changes_until(step: Step, sub: SubscriptionPublic) -> str:
    """ " Changes to that delivery are possible until …" (the store's cutoff), or nothing."""
    if sub.next_delivery_date is None:
        return ""
    last = step.ctx.shop.last_change_day(sub.next_delivery_date)
    return f" Changes to that delivery are possible until {fmt.day_end(last)}."


_LEAD_IN = r"^\W*((wait|so|ok|okay|hmm|um|but|and)\W+)*"  # "hmm, ", "ok so "
_QUESTION_ABOUT = re.compile(
    _LEAD_IN + r"(if i|what happens|what would|what does|will i|"
    r"would i|do i|does it|can i still|how does|how do)\b",
    re.I,
)


# "can you switch it to whole bean?": a change asked, not "what can I change?"
_CHANGE_TO = re.compile(
    r"\b(switch|swap|change|move|make|set|put)\b[^.?!]{0,30}\b(to|into|for)\b", re.I
)
_ASKS = re.compile(r"\?|\b(when|how long|until)\b", re.I)
# "my club comes saturday, is it too late to switch it to whole bean?": the last day, with it
_TOO_LATE = re.compile(r"\b(too late|still (time|in time)|in time|not too late|late to)\b", re.I)
# "can I still skip the one due thursday?": the preview answers it (or says why not)
_CAN_I_STILL_DO = re.compile(
    _LEAD_IN + r"can (i|we|you) still (skip|pause|cancel|change|swap|switch|move|push)\b",
    re.I,
)


def subscription(step: Step, slots: Slots) -> ModelTurn:
    text = step.ctx.text
    if back_on.asks_back_on(step.ctx):  # "can you switch my coffee back on?"
        return back_on.back_on(step, slots)
    if cutoff.asks_cutoff(step):  # "whats the latest i can skip? mine is set for feb 6"
        return cutoff.cutoff_answer(step)
    if (
        _QUESTION_ABOUT.search(text)
        and "?" in text
        and not _CAN_I_STILL_DO.search(text)
        and supposed_change(step, slots) is None  # "if i skip that one, when…?": its preview
    ):
        # "if I cancel now, will I still be charged?": a question, answered from the policy
        from assistant.planner.policies import policy_question

        return policy_question(step, slots)
    pending, sub = find_subscription(step, slots)
    if pending is not None or sub is None:
        return pending or say("I couldn't find your subscription.")
    request = _request(step, slots, sub)
    if isinstance(request, str):  # a question back, unless this part asks when or by when
        if cutoff.asks_next_cutoff(text) or account_words.WHEN_NEXT.search(text):
            return status(step, slots)  # "…last day to change that delivery", "whens my next"
        return say(
            f"I found your {step.ctx.shop.subscription_name}: {describe(step, sub)}. {request}"
        )
    name, args = request
    outcome = step.done.get(name)
    if outcome is None:
        return one(name, **args)
    intro = f"I found your {step.ctx.shop.subscription_name}: {describe(step, sub)}."
    whole = step.ctx.full_text or text  # one part of several: the message asks
    until = cutoff.asks_next_cutoff(whole) or cutoff.asks_a_cutoff(text, step.ctx.today)
    if _TOO_LATE.search(text) or until:  # "is it too late to…?", "until when…?", "can i still
        intro += _changes_until(step, sub)  # change that for the delivery on the 27th"
    if not outcome.ok and "?" in whole and not _CHANGE_TO.search(whole):
        if outcome.error_code == "no_change" and name == "propose_product_swap":
            # "I use the espresso grind the club sends… it runs in 15 s and tastes sour. what can
            # I change?": what it brings already, told; how to brew it asked
            from assistant.planner.questions import product_question

            step.ctx.intent = Intent.PRODUCT_QUESTION
            return product_question(step, slots)
        if outcome.error_code == "subscription_paused":
            return status(step, slots)  # "I paused it a while ago. when does the next come?"
    if not outcome.ok:
        again = f" {move_date.ASK_DAY}" if outcome.error_code == "date_out_of_range" else ""
        return say(f"{intro}\n\nI can't do that: {outcome.error}{again}")
    preview: Preview = outcome.value
    changes = fmt.bullets(
        f"{c.field.replace('_', ' ')}: {fmt.value(c.before)} → {fmt.value(c.after)}"
        for c in preview.changes
    )
    text = f"{intro}\n\n{preview.summary}"
    if changes:
        text += f"\n{changes}"
    pause = step.ctx.shop.pause_range
    alternatives = [
        a.format(pause=pause)
        for a in ALTERNATIVES.get(step.ctx.intent, ())
        if "{pause}" not in a or _pausable(step, sub)
    ]
    if alternatives:
        text += (
            "\n\nIf you'd rather, I can also "
            + ", ".join(alternatives[:-1])
            + f", or {alternatives[-1]}."
        )
    longest = step.ctx.shop.longest_pause
    if _SHORTEST in step.ctx.notes and longest > 1:
        text += f"\n\nThat's the shortest pause. {PAUSE_LONGER} {_counts(2, longest)}."
    verb = {
        "propose_skip_delivery": "skip it",
        "propose_pause": "pause it",
        "propose_frequency_change": "make this change",
        "propose_date_change": "move it",  # CONFIRM_MOVE
        "propose_product_swap": "swap it",
        "propose_subscription_cancel": "cancel it",
    }[name]
    text += f'\n\nShall I {verb}? Reply "yes" to confirm or "no" to leave it as it is.'
    return say(text)
