"""Moving a subscription's next delivery to another day: is the message asking for it, and
which day it names.

"can u just push my next one back a week", "could the next bag come sooner, like friday?",
"move it to the 20th", "deliver it on March 8 instead", "reschedule it to next Tuesday".
The day is read against today and the current next delivery: "back a week" is a week after
the next delivery, "on Friday" the first Friday after today, "the 20th" the first 20th after
today. Language, not store data: the window a store allows is its policy (``change_date``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.agent.context import TurnContext
from assistant.agent.state import ConversationState
from assistant.intents import Intent
from assistant.planner.account_words import about_subscription, names_what_it_delivers, plan_kinds
from assistant.planner.order_dates import month_of

_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(\d{1,2}|a|an|one|two|three|four|five|six)"
_UNIT = r"(days?|weeks?)"
# moving the next delivery, not changing how often it comes ("more often" is a frequency)
_WHAT = r"( (it|that|this|them)| (my|the|our) (next )?(\w+ ){0,2}\w+)?"
MOVE = re.compile(
    rf"\b(push(ed|ing)?{_WHAT} (back|out|forward)|(move|shift|bring|push){_WHAT} (back|forward|up|"
    r"earlier|sooner|later|to|till|until)\b|reschedul\w*|postpone\w*|delay (it|my|the)|"
    rf"(come|arrive|ship|send|get|have){_WHAT} (a bit |a little |a few days |a week )?"
    r"(sooner|earlier|later)\b|"
    r"(sooner|earlier) than\b|change (the|my|its|our) (next )?(delivery |shipping |ship )?date|"
    r"(different|another|other|new) (delivery )?(day|date)|"
    r"(need|want|like|have) to (move|shift|reschedule) (my|the|our) next\b)",
    re.I,
)
_LATER = re.compile(
    rf"\b{_COUNT} {_UNIT} (later|back|out|postponed?)\b|"
    rf"\b(back|out|later) (by )?{_COUNT} {_UNIT}\b|"
    rf"\b(postpone\w*|delay\w*)\b[^.?!]{{0,50}}?\b(by |of )?{_COUNT} {_UNIT}\b",
    re.I,
)  # "push it back a week", "a week later", "postpone my next delivery (by) a week"
_EARLIER = re.compile(
    rf"\b{_COUNT} {_UNIT} (earlier|sooner|forward|early)\b|\b(forward|earlier|sooner|up) (by )?"
    rf"{_COUNT} {_UNIT}\b|\bbring (it )?forward\b[^.?!]{{0,50}}?\b(by |of )?{_COUNT} {_UNIT}\b",
    re.I,
)
_LATER_WORD = re.compile(r"\b(push\w*|postpone\w*|delay\w*|later|back)\b", re.I)
_IN = re.compile(rf"\bin {_COUNT} {_UNIT}\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|tues|wednesday|weds|thursday|thurs|friday|saturday|sunday)s?\b", re.I
)
_TOMORROW = re.compile(r"\btomorrow\b", re.I)
_NTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b|\bthe (\d{1,2})\b(?![.,]?\d| ?%| \w+s\b)", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zäéû]{3,10})\b", re.I)
_MONTH_DAY = re.compile(r"\b([a-zäéû]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[:\d])", re.I)
# "like mid february": the middle of the month, its 15th
_MID_MONTH = re.compile(r"\b(?:mid|the middle of|middle of)[- ]?([a-zäéû]{3,10})\b", re.I)
MID_MONTH_DAY = 15
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


# "can you ship my next bag tomorrow?", "deliver it on March 8 instead": a day for the delivery
_SEND_ON = re.compile(
    rf"\b(can|could|would|will) (you|u) (please |pls |just )?(ship|send|deliver){_WHAT}\s+"
    r"(out\s+)?(tomorrow|today|on|by|this|next)\b",
    re.I,
)
_OTHER_CHANGE = re.compile(r"\b(skip\w*|pause\w*|cancel\w*|stop\w*)\b", re.I)
_NEXT_ONE = re.compile(r"\bnext (one|delivery|shipment|box|bag|parcel|package|drop)\b", re.I)
MOVABLE = frozenset(
    {Intent.SUBSCRIPTION_SKIP, Intent.SUBSCRIPTION_PAUSE, Intent.SUBSCRIPTION_FREQUENCY}
)
_SUBSCRIPTION = MOVABLE | {Intent.SUBSCRIPTION_SWAP, Intent.SUBSCRIPTION_CANCEL}


# "we move to Denver next month, update the club's address": the customer moves, not the date
_HOME = re.compile(
    r"\b(address|moving|relocat\w*|new (house|home|place|flat|apartment|city)|house move)\b", re.I
)


# "…paused till march 23 but we ran out, can it start again this week?": ending a pause early is
# moving its next delivery to a sooner day
RESUME = re.compile(
    r"\b((re)?start(ed|ing)? (it |them |things |deliveries |up )?(again|back|earlier|sooner|"
    r"early|now)|resum\w*|un-?paus\w*|end (the|my|our) pause|come back (early|sooner))\b",
    re.I,
)
ASK_DAY = "Which day would you like it instead?"
CONFIRM_MOVE = "Shall I move it?"
UNSURE_SWAP = 0.5  # a swap read less surely than this may be a move


def day_was_asked(state: ConversationState) -> bool:
    """The last reply asked which day, or previewed a move: a day named now answers it ("no,
    make it the saturday after"); any later turn is a new request."""
    said = state.replies
    return bool(said) and (ASK_DAY in said[-1] or CONFIRM_MOVE in said[-1])


def asks_to_move(text: str) -> bool:
    """Whether the message asks to move the next delivery to another day."""
    if _HOME.search(text):
        return False
    if MOVE.search(text) or _LATER.search(text) or _EARLIER.search(text):
        return True
    return (  # "can you ship my next bag tomorrow?", never "skip the one on the 30th"
        bool(_SEND_ON.search(text))
        and not _OTHER_CHANGE.search(text)
        and named_day(text, date(2000, 1, 1), None) is not None
    )


def moves_subscription(ctx: TurnContext) -> bool:
    """ "can u just push my next one back a week", "could my next club bag come sooner?": a
    subscription's next delivery to move, whatever the router guessed (a return, a product)
    and however unsure it was; a swap or a cancellation asked in the same words stays one."""
    if ctx.shop.policy.subscriptions is None:
        return False
    if ctx.intent in _SUBSCRIPTION - MOVABLE and not _to_a_day(ctx):
        return False
    if not asks_to_move(ctx.text):
        return False
    return (
        about_subscription(ctx.text, ctx.shop)
        or bool(_NEXT_ONE.search(ctx.text))
        or names_what_it_delivers(ctx.text, ctx.shop)  # "move my coffee delivery to the 3rd"
        or ctx.intent in MOVABLE
        or ctx.state.active_intent in _SUBSCRIPTION
    )


def _to_a_day(ctx: TurnContext) -> bool:
    """ "can u move my coffee to mid march instead?" read as a swap: an unsure swap that names
    a day to move to and no product of the catalogue is the delivery moved."""
    unsure = ctx.confidence < UNSURE_SWAP and ctx.intent is Intent.SUBSCRIPTION_SWAP
    named = named_day(ctx.text, ctx.today, None) is not None
    plain = ctx.text  # "my coffee" is the plan's kind, no product to swap to
    for kind in plan_kinds(ctx.shop):
        plain = re.sub(rf"\b{re.escape(kind)}s?\b", " ", plain, flags=re.I)
    return unsure and named and not ctx.shop.mentions(plain)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


def _days(count: str, unit: str) -> int:
    return _count(count) * (7 if unit.lower().startswith("week") else 1)


def _shift(match: re.Match[str]) -> int:
    groups = [g for g in match.groups() if g]
    count = next(g for g in groups if g.isdigit() or g.lower() in _WORD_NUMBERS)
    unit = next(g for g in groups if g.lower().startswith(("day", "week")))
    return _days(count, unit)


def _month_date(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate > today:
            return candidate
    return None


def _nth(today: date, day: int) -> date | None:
    """The first ``day``-th of a month after ``today``."""
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate > today:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday(today: date, match: re.Match[str]) -> date:
    """The first such weekday after ``today`` ("friday", "this friday", "next friday" alike: the
    preview names the date, and the customer confirms it)."""
    stem = match.group(1).lower()[:3]
    target = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(stem))
    return today + timedelta(days=(target - today.weekday()) % 7 or 7)


def last_proposed(state: ConversationState) -> date | None:
    """The day the last move preview of this conversation proposed, if any."""
    try:
        return date.fromisoformat(state.proposed_date) if state.proposed_date else None
    except ValueError:
        return None


def named_day(
    text: str, today: date, next_delivery: date | None, previous: date | None = None
) -> date | None:
    """The day the message moves the next delivery to, or None when it names none.
    ``previous`` is the day proposed just before, when this message corrects it ("no, make it
    the 24th" after the 17th of February: the 24th of February, not of January)."""
    if next_delivery is not None:
        if m := _LATER.search(text):
            return next_delivery + timedelta(days=_shift(m))
        if m := _EARLIER.search(text):
            return next_delivery - timedelta(days=_shift(m))
    if m := _ISO.search(text):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if m := _IN.search(text):
        return today + timedelta(days=_days(m.group(1), m.group(2)))
    if _TOMORROW.search(text):
        return today + timedelta(days=1)
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = month_of(m.group(month_group))
            if month is not None:
                return _month_date(today, month, int(m.group(day_group)))
    for m in _MID_MONTH.finditer(text):
        if (month := month_of(m.group(1))) is not None:
            return _month_date(today, month, MID_MONTH_DAY)
    # "push it to the 28th" with the delivery due on the 15th: the 28th after it, not before
    after = next_delivery if next_delivery and _LATER_WORD.search(text) else today
    if previous is not None and previous.replace(day=1) > after:
        after = previous.replace(day=1) - timedelta(days=1)
    weekday, nth = _WEEKDAY.search(text), _NTH.search(text)
    if weekday and nth:  # "saturday the 14th": the first 14th that is a Saturday
        wanted = _weekday(after, weekday).weekday()
        start = after
        for _ in range(12):
            found = _nth(start, int(nth.group(1) or nth.group(2)))
            if found is None or found.weekday() == wanted:
                return found
            start = found
    if weekday:
        return _weekday(after, weekday)
    if nth:
        return _nth(after, int(nth.group(1) or nth.group(2)))
    return None
