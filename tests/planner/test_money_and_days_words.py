"""Words about money, days and what was handed over, read without a model or an index: a charge
asked about ("is this $36.95 on my visa from you guys?"), a total set against a price ("…when
the plugs are $29.99"), a rule asked of the past ("if i'd added one more thing…, would shipping
have been free?"), a parcel feared stolen, "when does the next one hit my card", a go-ahead
after a hand-over, a question about a product the message named before it, and the cutoff's
follow-up about another day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from assistant.agent.clauses import RoutedClause
from assistant.agent.messages import Message
from assistant.intents import Intent
from assistant.planner import reading
from assistant.planner.account_words import WHEN_NEXT, WORRIED
from assistant.planner.asked_kinds import ASKS_COVERED, HAD_I
from assistant.planner.charge_totals import asks_what_charge, charge_compared
from assistant.planner.common import _GO_AHEAD
from assistant.planner.order_dates import day_said
from assistant.planner.plan_reading import about_a_product_told
from tests.support import turn_context


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "hey is this $36.95 on my visa from jan 14 from you guys? cant think what it would be",
            True,
        ),
        ("there's a 53.61 charge on my card, no idea what it's for", True),
        ("my card shows $18.99, what could that be for?", True),
        ("is the $36.95 price with tax?", False),  # no charge told
        ("which cards do you take? is amex ok?", False),  # no amount
    ],
)
def test_a_charge_asked_about(text: str, asked: bool) -> None:
    assert asks_what_charge(text) is asked


def test_a_total_set_against_the_price_when_it_is_named() -> None:
    assert charge_compared("why was it $37.85 on my mastercard when the plugs are $29.99")
    assert not charge_compared("the plugs are $29.99 on my card, right?")  # one amount


@pytest.mark.parametrize(
    ("text", "had"),
    [
        (
            "ugh so if id added one more thing to get to $75 the shipping would have been free?",
            True,
        ),
        ("if we had ordered on friday would it have come sooner?", True),
        ("if i order today can it come by friday?", False),
        ("i added socks, would that make shipping free?", False),
    ],
)
def test_a_rule_asked_of_the_past(text: str, had: bool) -> None:
    assert bool(HAD_I.search(text)) is had


def test_a_rule_asked_of_the_past_is_the_policys_not_an_order_change() -> None:
    ctx = turn_context(
        "so if id added one more thing to get to $75 the shipping would have been free?",
        Intent.ORDER_CHANGE,
        0.45,
    )
    reading.read_signals(ctx)
    assert ctx.intent is Intent.PRODUCT_QUESTION and reading.STORE_POLICY in ctx.notes


@pytest.mark.parametrize(
    ("text", "worried"),
    [
        (
            "and if they leave a $2000 camera on my porch and its gone when i get back??",
            True,
        ),
        ("what if it gets stolen from the lobby", True),
        ("the old one is gone, i threw it out", False),
        ("when will it come?", False),
    ],
)
def test_a_parcel_feared_taken_is_a_worry_about_it(text: str, worried: bool) -> None:
    assert bool(WORRIED.search(text)) is worried


@pytest.mark.parametrize(
    "text",
    ["when does the next one hit my card", "when will the next bag be billed?", "when's my next"],
)
def test_when_the_next_charge_comes(text: str) -> None:
    assert WHEN_NEXT.search(text)


@pytest.mark.parametrize(
    ("text", "go"),
    [
        ("ok the $6.95 is fine, go ahead and pass it on to whoever approves it", True),
        ("yes please start the claim", True),
        ("pls send it over to them", True),
        ("pass the salt lol", False),
        ("can you send it to my work address", False),
    ],
)
def test_a_go_ahead_after_a_hand_over(text: str, go: bool) -> None:
    assert bool(_GO_AHEAD.search(text)) is go


_KETTLE = (
    "hi, i run a tiny coffee counter and got the cuisina precision kettle for pour overs. "
    "can i just leave it on HOLD the whole day like 7 to 3? also it did one long beep"
)


@pytest.mark.parametrize(
    ("whole", "clause", "told"),
    [
        (_KETTLE, "can i just leave it on HOLD the whole day like 7 to 3", True),
        (  # the clause names a product itself: its own reading stands
            _KETTLE + " and can i pause the dark roast",
            "can i pause the dark roast",
            False,
        ),
        (  # asked of the store: "can you…" is a request, not how the product behaves
            _KETTLE + " and can you pause it for a month?",
            "can you pause it for a month?",
            False,
        ),
        (  # the only product named is one the subscription delivers
            "we love the dark roast. can i leave it on hold till march?",
            "can i leave it on hold till march?",
            False,
        ),
    ],
)
def test_a_question_about_the_product_named_before_it(whole: str, clause: str, told: bool) -> None:
    ctx = turn_context(clause, Intent.SUBSCRIPTION_PAUSE, 0.41)
    ctx.full_text = whole
    assert about_a_product_told(ctx, clause) is told


def test_such_a_question_is_a_product_question() -> None:
    clause = "can i just leave it on HOLD the whole day like 7 to 3 so its always at 195?"
    ctx = turn_context(
        clause,
        Intent.SUBSCRIPTION_PAUSE,
        0.41,
        [RoutedClause(clause, Intent.SUBSCRIPTION_PAUSE, 0.41)],
    )
    ctx.full_text = _KETTLE
    reading.read_signals(ctx)
    assert ctx.intent is Intent.PRODUCT_QUESTION


def test_a_return_asked_stays_a_return_beside_a_package_word() -> None:
    text = (
        "the kestrel sd card from that order is still sealed in its package, never opened. "
        "can i send just the card back for a refund?"
    )
    ctx = turn_context(text, Intent.RETURNS_REFUNDS, 0.8)
    ctx = replace(ctx, ranked=[(Intent.RETURNS_REFUNDS, 0.8), (Intent.TRACKING, 0.1)])
    reading.read_signals(ctx)
    assert ctx.intent is Intent.RETURNS_REFUNDS


def test_the_cutoff_follow_up_reads_the_day_the_answer_gave() -> None:
    from assistant.planner import cutoff
    from assistant.planner.kit import Done, Step

    ctx = turn_context("and what if i only get to it on the 10th?", Intent.PRODUCT_QUESTION, 0.15)
    ctx.state.active_intent = Intent.SUBSCRIPTION_SWAP
    ctx.state.messages = [
        Message(role="user", text="by when can i change the grind? it's due wed the 11th of feb"),
        Message(
            role="assistant",
            text="For a delivery on Wednesday, February 11, the last day to skip, pause or "
            "change it is Monday, February 9 (2 days before).",
        ),
        Message(role="user", text="and what if i only get to it on the 10th?"),
    ]
    step = Step(ctx, Done([]), frozenset())
    assert cutoff.asks_cutoff(step)
    assert cutoff.cutoff_topic(step) is Intent.SUBSCRIPTION_SWAP
    ctx.state.messages[1] = Message(role="assistant", text="Here is the grind guide.")
    assert not cutoff.asks_cutoff(step)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("What will they need from me? I threw the box out months ago.", True),
        ("ok so what do you need from me to claim it", True),
        ("what will i need for the french press?", False),
    ],
)
def test_what_the_claim_needs_is_asked_of_the_claim(text: str, claim: bool) -> None:
    from assistant.planner.follow_ups import _CLAIM_IT

    assert bool(_CLAIM_IT.search(text)) is claim


def test_a_charge_to_come_asked_in_translated_words() -> None:
    assert WHEN_NEXT.search("when you will charge the next delivery")
    assert WHEN_NEXT.search("when are they going to charge for the next bag")
    assert not WHEN_NEXT.search("when you charge my card, is tax included?")
    assert WHEN_NEXT.search("when does my coffe come next? and can i change it to whole bean")
    assert WHEN_NEXT.search("e a próxima entrega... and the next delivery, when is it?")


def test_a_person_asked_for_after_every_fix_is_a_warranty_claim() -> None:
    text = (
        "My SoundWave Pro headphones won't charge anymore. I've tried three different cables and "
        "two chargers, did the reset while plugged in. I'm done troubleshooting. I want someone "
        "to deal with getting them fixed or replaced."
    )
    ctx = turn_context(text, Intent.HUMAN_AGENT, 0.8)
    reading.read_signals(ctx)
    assert ctx.intent is Intent.WARRANTY_CLAIM
    ctx = turn_context(
        "I've tried everything on your site, just get me a person", Intent.HUMAN_AGENT, 0.8
    )
    reading.read_signals(ctx)
    assert ctx.intent is Intent.HUMAN_AGENT


def test_a_numbered_list_about_the_plan_asks_its_size_and_its_cutoff() -> None:
    from assistant.planner import several

    text = (
        "couple questions about my coffee club (3 bags, every month): 1. my brother moved in, "
        "can i get 4 bags in a box? 2. what number do i grind at for the french press? 3. by "
        "when do i have to decide so it counts for the box on the 30th"
    )
    clauses = [
        RoutedClause(
            "couple questions about my coffee club (3 bags, every month)",
            Intent.SUBSCRIPTION_SWAP,
            0.22,
        ),
        RoutedClause("my brother moved in, can i get 4 bags in a box?", Intent.ORDER_CHANGE, 0.54),
        RoutedClause(
            "what number do i grind at for the french press?", Intent.PRODUCT_QUESTION, 0.53
        ),
        RoutedClause(
            "by when do i have to decide so it counts for the box on the 30th",
            Intent.TRACKING,
            0.18,
        ),
    ]
    ctx = turn_context(text, Intent.SUBSCRIPTION_SWAP, 0.17, clauses)
    assert several.split(ctx)
    asked = [(ctx.text, ctx.intent), *((c.text, c.intent) for c in ctx.queue)]
    assert (clauses[1].text, Intent.PRODUCT_QUESTION) in asked  # the plan's size, no order
    assert (clauses[3].text, Intent.SUBSCRIPTION_SWAP) in asked  # the cutoff, no parcel


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("took them out for 2 runs, comfy. can i swap them for a 6, same color?", "6"),
        ("switch to 10 thanks", "10"),
        ("exchange for 9 pls", "9"),
        ("ran in them for 3 weeks, can i exchange them for a 7.5?", "7.5"),
    ],
)
def test_a_count_of_things_is_no_size_wanted(text: str, size: str) -> None:
    from assistant.planner.slots import extract_slots
    from tests.support import pack_view

    assert extract_slots(text, pack_view()).size == size


def test_a_charge_with_no_clue_what_it_was_for() -> None:
    assert asks_what_charge(
        "my bank app shows 38.10 from you guys in december?? no clue what that was"
    )


def test_a_cutoff_about_the_plans_bag_is_the_plans_however_the_router_read_it() -> None:
    from assistant.planner import cutoff
    from assistant.planner.kit import Done, Step

    text = "whats the deadline to swap the grind if my club bag ships tuesday the 10th of feb"
    ctx = turn_context(text, Intent.PRODUCT_QUESTION, 0.4)
    ctx.ranked = [(Intent.PRODUCT_QUESTION, 0.4), (Intent.TRACKING, 0.2)]
    assert cutoff.cutoff_topic(Step(ctx, Done([]), frozenset())) is Intent.SUBSCRIPTION_SWAP
    order = "whats the deadline to cancel my order if it ships tuesday the 10th of feb"
    ctx = turn_context(order, Intent.ORDER_CANCEL, 0.4)
    ctx.ranked = [(Intent.ORDER_CANCEL, 0.4)]
    assert cutoff.cutoff_topic(Step(ctx, Done([]), frozenset())) is None


def test_the_cutoff_follow_up_read_with_the_question_before_it_asks_its_own_day() -> None:
    from assistant.planner import cutoff
    from assistant.planner.kit import Done, Step

    before = "two q's: whats the last day to change my club order if it comes friday feb 13?"
    ctx = turn_context(
        f"{before} and if i only get around to it on the 12th?", Intent.PRODUCT_QUESTION, 0.8
    )
    ctx.state.active_intent = Intent.PRODUCT_QUESTION  # the last part answered was a question
    ctx.state.messages = [
        Message(role="user", text=before),
        Message(
            role="assistant",
            text="For a delivery on Friday, February 13, the last day to skip, pause or change it "
            "is Wednesday, February 11 (2 days before).\\n\\n- Pour-over: setting 18…",
        ),
        Message(role="user", text="and if i only get around to it on the 12th?"),
    ]
    step = Step(ctx, Done([]), frozenset())
    assert cutoff.asks_cutoff(step)
    assert cutoff.cutoff_topic(step) is Intent.SUBSCRIPTION_SWAP


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("why is there a $38.10 charge dated January 7??", date(2026, 1, 7)),
        ("a charge on the 28th of october", date(2025, 10, 28)),
        ("from dec 30 on my visa", date(2025, 12, 30)),  # no later than today: last year's
        ("a $38.10 charge on my card, no idea what for", None),
    ],
)
def test_the_day_a_charge_is_dated(text: str, day: date | None) -> None:
    assert day_said(text, date(2026, 1, 20)) == day


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("it fell from the desk and the hinge cracked. Warranty can fix it?", True),
        ("will the warranty repair it?", True),
        ("the warranty card says to register it", False),
    ],
)
def test_whether_the_warranty_fixes_it_is_asked(text: str, covered: bool) -> None:
    assert bool(ASKS_COVERED.search(text)) is covered


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how long until someone actually looks at this?", True),
        ("when will a specialist get back to me", True),
        ("fine, please get the claim going", True),
        ("how long does the refund take?", False),
    ],
)
def test_what_happens_after_a_hand_over_is_asked(text: str, asked: bool) -> None:
    from assistant.planner.common import _WHEN_THEY_REPLY

    assert bool(_WHEN_THEY_REPLY.search(text) or _GO_AHEAD.search(text)) is asked


@pytest.mark.parametrize(
    ("text", "through"),
    [
        ("can i talk to her through it when she barks?", True),
        ("can i speak with my dog using the camera", True),
        ("can i talk to someone about my camera", False),
    ],
)
def test_talking_through_a_device_is_no_person_asked_for(text: str, through: bool) -> None:
    from assistant.escalation.signals import talks_through_it

    assert talks_through_it(text) is through


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("tracking has said 'Label created' since last night, should i be worried?", True),
        ("should we be concerned that it hasn't moved?", True),
        ("where is my order", False),
    ],
)
def test_whether_to_worry_is_asked_as_a_case(text: str, case: bool) -> None:
    from assistant.planner.how_it_works import _WHAT_IF

    assert bool(_WHAT_IF.search(text)) is case
