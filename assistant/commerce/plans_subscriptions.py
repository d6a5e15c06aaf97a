"""Planners for subscription actions.

Skip, pause, frequency change, date change and swap are possible up to the store's
``change_cutoff_days`` before the next charge; cancel is always available in one step, no fees.
A date change moves only the next delivery, to a day in the store's ``change_date`` window;
the deliveries after it follow the frequency from the new day. On a paused subscription it ends
the pause ("Resume now" with a new next delivery date).
"""

from __future__ import annotations

from datetime import date, timedelta

from assistant.commerce import validation
from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.mapping import effective_status
from assistant.commerce.plans import ActionContext, Plan, RecordRef, day, usd
from assistant.commerce.reads import load_subscription
from assistant.commerce.requests import (
    CancelSubscription,
    ChangeFrequency,
    ChangeNextDate,
    PauseSubscription,
    SkipNextDelivery,
    SwapProduct,
)
from assistant.commerce.schemas import Change
from assistant.store.calendar import month_end
from assistant.store.models import Subscription, SubscriptionEvent
from assistant.store.types import SubscriptionStatus


def _program(ctx: ActionContext) -> str:
    """The store's name for its subscriptions, with a trailing space ("Club "), or ""."""
    subs = ctx.shop.policy.subscriptions
    return f"{subs.program_name} " if subs and subs.program_name else ""


def _load(ctx: ActionContext, sub_id: int, *, allow_paused: bool) -> tuple[Subscription, date]:
    sub = load_subscription(ctx.session, ctx.customer, sub_id)
    status = effective_status(sub, ctx.today)
    if status is SubscriptionStatus.CANCELLED:
        raise ActionNotAllowed("This subscription is cancelled.", reason="subscription_cancelled")
    if status is SubscriptionStatus.PAUSED and not allow_paused:
        raise ActionNotAllowed(
            f"This subscription is paused until {day(sub.paused_until)}"
            if sub.paused_until
            else "This subscription is paused.",
            reason="subscription_paused",
        )
    if sub.next_delivery_date is None:
        raise ActionNotAllowed(
            "This subscription has no upcoming delivery.", reason="no_upcoming_delivery"
        )
    return sub, sub.next_delivery_date


def _cutoff(ctx: ActionContext, next_day: date, what: str) -> None:
    cutoff = next_day - timedelta(days=ctx.shop.change_cutoff_days)
    if ctx.today > cutoff:
        raise ActionNotAllowed(
            f"The delivery on {day(next_day)} is already being prepared (changes close "
            f"{ctx.shop.change_cutoff_days} days before the charge date, on {day(cutoff)}), "
            f"so {what} now applies from the "
            "delivery after it. Please ask again after that delivery.",
            reason="past_cutoff",
        )


def _last_day(ctx: ActionContext, next_day: date) -> str:
    """ "…is it even still possible this close to thursday?": said when today is the last day
    for changes to that delivery; "" otherwise."""
    if ctx.today != next_day - timedelta(days=ctx.shop.change_cutoff_days):
        return ""
    return " Today is the last day for changes to that delivery, so it can still be skipped."


def _resume_if_due(ctx: ActionContext, sub: Subscription) -> None:
    if (
        sub.status is SubscriptionStatus.PAUSED
        and effective_status(sub, ctx.today) is SubscriptionStatus.ACTIVE
    ):
        sub.status, sub.paused_until = SubscriptionStatus.ACTIVE, None
        sub.events.append(SubscriptionEvent(kind="resume", at=ctx.now, details={}))


def _event(ctx: ActionContext, sub: Subscription, kind: str, **details: str | int) -> None:
    sub.events.append(SubscriptionEvent(kind=kind, at=ctx.now, details=dict(details)))
    ctx.notify(f"subscription_{kind}", {"subscription_id": sub.id, **details})


def _kept_day(sub: Subscription, next_day: date) -> int:
    """The day of the month a monthly plan keeps: ``next_day``'s, unless it is a month's last
    day that a later day was moved to (a January 29 plan skipped to February 28 comes on March
    29 next, as the last skip or pause recorded)."""
    if month_end(next_day):
        for event in reversed(sub.events):
            kept = event.details.get("kept_day")
            if isinstance(kept, int):
                return max(kept, next_day.day)
    return next_day.day


def skip_next(ctx: ActionContext, req: SkipNextDelivery) -> Plan:
    sub, next_day = _load(ctx, req.subscription_id, allow_paused=False)
    _cutoff(ctx, next_day, "skipping")
    kept = _kept_day(sub, next_day)
    following = ctx.shop.next_cycle(next_day, sub.frequency, keep_day=kept)

    def apply() -> RecordRef:
        _resume_if_due(ctx, sub)
        sub.next_delivery_date = following
        _event(
            ctx,
            sub,
            "skip",
            skipped=next_day.isoformat(),
            next=following.isoformat(),
            kept_day=kept,
        )
        return RecordRef("subscription", str(sub.id))

    short = ""
    if month_end(following) and following.day < kept:  # "why the 28th and not the 29th?"
        after = ctx.shop.next_cycle(following, sub.frequency, keep_day=kept)
        short = (
            f" ({following:%B} has no day {kept}, so it comes on its last day; the one after "
            f"is on {day(after)}.)"
        )
    return Plan(
        f"Skip the delivery on {day(next_day)}: no charge and no shipment that day. "
        f"It comes {ctx.shop.frequency_label(sub.frequency)}, so your next delivery and charge "
        f"({usd(sub.price)}) will be on {day(following)}.{short} "
        f"The subscription stays active.{_last_day(ctx, next_day)}",
        apply,
        [
            Change(
                field="next_delivery_date", before=next_day.isoformat(), after=following.isoformat()
            )
        ],
    )


def pause(ctx: ActionContext, req: PauseSubscription) -> Plan:
    most = ctx.shop.max_pause_deliveries
    if isinstance(req.cycles, bool) or not 1 <= req.cycles <= most:
        raise InvalidInput(
            f"You can pause for 1 to {most} deliveries.", field="cycles", code="invalid_cycles"
        )
    sub, next_day = _load(ctx, req.subscription_id, allow_paused=False)
    subs = ctx.shop.policy.subscriptions
    if subs is not None and sub.sku in subs.not_pausable:
        raise ActionNotAllowed(
            "This subscription can't be paused; its next delivery can be skipped instead.",
            reason="not_pausable",
        )
    _cutoff(ctx, next_day, "pausing")
    kept = _kept_day(sub, next_day)
    resume = ctx.shop.next_cycle(next_day, sub.frequency, req.cycles, kept)
    paused_days = [ctx.shop.next_cycle(next_day, sub.frequency, i, kept) for i in range(req.cycles)]

    def apply() -> RecordRef:
        _resume_if_due(ctx, sub)
        sub.status, sub.paused_until, sub.next_delivery_date = (
            SubscriptionStatus.PAUSED,
            resume,
            resume,
        )
        _event(ctx, sub, "pause", cycles=req.cycles, resumes_on=resume.isoformat(), kept_day=kept)
        return RecordRef("subscription", str(sub.id))

    skipped = ", ".join(day(d) for d in paused_days)
    return Plan(
        f"Pause for {req.cycles} deliver{'y' if req.cycles == 1 else 'ies'}: no "
        f"deliveries or charges on {skipped}. Deliveries resume automatically on "
        f"{day(resume)} ({usd(sub.price)}).",
        apply,
        [
            Change(field="status", before="active", after="paused"),
            Change(
                field="next_delivery_date", before=next_day.isoformat(), after=resume.isoformat()
            ),
        ],
    )


def change_frequency(ctx: ActionContext, req: ChangeFrequency) -> Plan:
    frequency = validation.frequency(ctx.shop, req.frequency)
    sub, next_day = _load(ctx, req.subscription_id, allow_paused=True)
    if frequency == sub.frequency:
        raise InvalidInput(
            f"Your deliveries already come {ctx.shop.frequency_label(frequency)}.",
            field="frequency",
            code="no_change",
        )
    _cutoff(ctx, next_day, "changing the frequency")
    after = ctx.shop.next_cycle(next_day, frequency, keep_day=_kept_day(sub, next_day))
    old, new = ctx.shop.frequency_label(sub.frequency), ctx.shop.frequency_label(frequency)

    def apply() -> RecordRef:
        _resume_if_due(ctx, sub)
        previous = sub.frequency
        sub.frequency = frequency
        _event(ctx, sub, "frequency", before=previous, after=frequency)
        return RecordRef("subscription", str(sub.id))

    return Plan(
        f"Change deliveries from {old} to {new}. The next delivery stays on "
        f"{day(next_day)}; the one after will be on {day(after)}. Price per delivery "
        f"stays {usd(sub.price)}.",
        apply,
        [Change(field="frequency", before=old, after=new)],
    )


def change_next_date(ctx: ActionContext, req: ChangeNextDate) -> Plan:
    window = ctx.shop.change_date_window
    if window is None:
        raise ActionNotAllowed(
            "Delivery dates can't be moved here; the next delivery can be skipped instead.",
            reason="date_change_not_offered",
        )
    sub, next_day = _load(ctx, req.subscription_id, allow_paused=True)
    # a paused subscription resumes on the new day ("Resume now"); no delivery is locked
    paused = effective_status(sub, ctx.today) is SubscriptionStatus.PAUSED
    first = ctx.today + timedelta(days=window.min_days)
    last = ctx.today + timedelta(days=window.max_days)
    if not first <= req.delivery_date <= last:
        raise InvalidInput(
            f"The next delivery can move to any day from {day(first)} to {day(last)} "
            f"({window.min_days} to {window.max_days} days from today).",
            field="delivery_date",
            code="date_out_of_range",
        )
    if req.delivery_date == next_day:
        raise InvalidInput(
            f"Your next delivery is already on {day(next_day)}.",
            field="delivery_date",
            code="no_change",
        )
    if not paused:
        _cutoff(ctx, next_day, "moving the date")
    after = ctx.shop.next_cycle(req.delivery_date, sub.frequency)

    def apply() -> RecordRef:
        _resume_if_due(ctx, sub)
        if paused:
            sub.status, sub.paused_until = SubscriptionStatus.ACTIVE, None
            _event(ctx, sub, "resume", on=req.delivery_date.isoformat())
        sub.next_delivery_date = req.delivery_date
        _event(ctx, sub, "date", before=next_day.isoformat(), after=req.delivery_date.isoformat())
        return RecordRef("subscription", str(sub.id))

    lead = "End the pause (the plan resumes) and move" if paused else "Move"
    return Plan(
        f"{lead} your next delivery and charge ({usd(sub.price)}) from {day(next_day)} to "
        f"{day(req.delivery_date)}. The deliveries after it follow your frequency from the new "
        f"day: the next one will be on {day(after)}.",
        apply,
        [
            Change(
                field="next_delivery_date",
                before=next_day.isoformat(),
                after=req.delivery_date.isoformat(),
            )
        ],
    )


def swap_product(ctx: ActionContext, req: SwapProduct) -> Plan:
    item = validation.known_product(ctx.shop, req.sku)
    if not item.subscription_eligible:
        raise ActionNotAllowed(
            f"{item.name} isn't available by subscription.", reason="not_subscription_eligible"
        )
    sub, next_day = _load(ctx, req.subscription_id, allow_paused=True)
    grind = (req.grind or sub.grind).strip().lower()
    choices = [v for values in ctx.shop.options(item.sku).values() for v in values]
    if choices and grind not in choices:
        raise InvalidInput(
            f"Choose one of: {', '.join(choices)}.", field="grind", code="invalid_grind"
        )
    if item.sku == sub.sku and grind == sub.grind:
        raise InvalidInput(
            "That is already what your subscription brings.", field="sku", code="no_change"
        )
    _cutoff(ctx, next_day, "swapping")
    old_name = validation.known_product(ctx.shop, sub.sku).name

    def apply() -> RecordRef:
        _resume_if_due(ctx, sub)
        before = f"{sub.sku} ({sub.grind})"
        sub.sku, sub.grind = item.sku, grind
        _event(ctx, sub, "swap", before=before, after=f"{item.sku} ({grind})")
        return RecordRef("subscription", str(sub.id))

    return Plan(
        f"Switch from {old_name} ({sub.grind}) to {item.name} ({grind}) starting with "
        f"the delivery on {day(next_day)}. Price stays {usd(sub.price)} per delivery.",
        apply,
        [
            Change(
                field="product", before=f"{old_name} ({sub.grind})", after=f"{item.name} ({grind})"
            )
        ],
    )


def cancel_subscription(ctx: ActionContext, req: CancelSubscription) -> Plan:
    sub = load_subscription(ctx.session, ctx.customer, req.subscription_id)
    if sub.status is SubscriptionStatus.CANCELLED:
        raise ActionNotAllowed(
            "This subscription is already cancelled.", reason="already_cancelled"
        )
    reason = validation.free_text(req.reason, "reason", 500)
    name = validation.known_product(ctx.shop, sub.sku).name
    next_day = sub.next_delivery_date
    note = ""
    if next_day is not None and next_day <= ctx.today:
        note = " Today's delivery was already charged and will still ship."
    elif next_day is not None:
        note = (
            f" The delivery planned for {day(next_day)} will not be sent, and you will not be "
            "charged for it."
        )

    def apply() -> RecordRef:
        sub.status, sub.cancelled_at = SubscriptionStatus.CANCELLED, ctx.now
        sub.next_delivery_date, sub.paused_until = None, None
        _event(ctx, sub, "cancel", reason=reason or "")
        return RecordRef("subscription", str(sub.id))

    return Plan(
        f"Cancel your {_program(ctx)}subscription ({name}, {sub.quantity} × "
        f"{ctx.shop.frequency_label(sub.frequency)}, {usd(sub.price)}). No fees and no further "
        f"charges.{note}",
        apply,
        [Change(field="status", before=sub.status.value, after="cancelled")],
    )
