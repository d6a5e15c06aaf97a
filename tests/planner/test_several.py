"""Splitting a message into its requests, and reading a size chart row (no model, no index)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.agent.clauses import (
    RoutedClause,
    asked_part,
    is_asked,
    route_clauses,
    split_clauses,
)
from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner import parts, several
from assistant.planner.measures import describe, is_table_row, lookup, measurement
from assistant.planner.question_words import identifiers
from assistant.planner.request_kinds import family
from tests.support import turn_context


@dataclass
class _Routed:
    intent: Intent
    confidence: float


def _ctx(text: str, intent: Intent, confidence: float, clauses: list[RoutedClause]) -> TurnContext:
    return turn_context(text, intent, confidence, clauses)


def test_clauses_split_at_questions_and_joining_words() -> None:
    assert split_clauses("whats the status of my order and can u add socks") == [
        "whats the status of my order",
        "can u add socks",
    ]
    assert split_clauses("is my camera coming today?? and once it's here how long to charge") == [
        "is my camera coming today?",
        "and once it's here how long to charge",
    ]


def test_also_after_its_subject_joins_no_clauses() -> None:
    # "i also got a spare battery, do i need…": one clause; "also" opening a clause splits
    assert split_clauses(
        "is it coming today? i also got a spare battery, do i need a charger?"
    ) == [
        "is it coming today",
        "i also got a spare battery, do i need a charger?",
    ]
    assert split_clauses("where is my order also can i add socks") == [
        "where is my order",
        "can i add socks",
    ]


def test_a_day_of_the_month_is_no_numbered_list() -> None:
    assert split_clauses("the next one is feb 9. if i change it, when do they come?") == [
        "the next one is feb 9",
        "if i change it, when do they come?",
    ]
    assert split_clauses("couple things: 1) where is my order 2) can i add socks") == [
        "couple things",
        "where is my order",
        "can i add socks",
    ]


def test_the_other_side_of_a_question_stays_with_it() -> None:
    text = "at night its a white foggy mess. how do i fix that? or should i just put it outside"
    assert split_clauses(text) == [
        "at night its a white foggy mess",
        "how do i fix that? or should i just put it outside",
    ]
    # a question, then ", and" one that ends asking in the message, though its "?" was split off
    text = (
        "two things: where is my order with the plugs, and once it shows up how do i get them "
        "working with google home? never set up smart stuff before"
    )
    assert split_clauses(text) == [
        "two things: where is my order with the plugs",
        "once it shows up how do i get them working with google home",
        "never set up smart stuff before",
    ]


def test_a_bare_shoe_size_in_a_sizing_question_is_a_us_size() -> None:
    found = measurement("did i get the wrong size? im a 9.5")
    assert found is not None and (found.value, found.unit, found.system) == (9.5, "us", True)
    found = measurement("she wears a 7, what size socks")
    assert found is not None and found.value == 7.0
    assert measurement("im at 350 miles, what size next time") is None
    assert measurement("size 8 in a 2 week window?") is None


def test_a_clause_asks_by_its_question_mark_or_after_a_lead_in() -> None:
    text = "two q's. my cart is $96, so is express free since it's over $75? and whats up"
    assert is_asked(text, "my cart is $96, so is express free since it's over $75")
    assert is_asked("Two things: how high do I fill it", "Two things: how high do I fill it")
    assert not is_asked("I got a moka pot. Thanks", "I got a moka pot")
    assert asked_part("ref here. 2 q's about the socks: are they wool") == "are they wool"
    assert asked_part("are they wool") == "are they wool"


def test_a_greeting_takes_no_requests_place_and_the_question_after_a_lead_in_is_routed() -> None:
    seen: list[str] = []

    def route(text: str) -> _Routed:
        seen.append(text)
        return _Routed(Intent.PRODUCT_QUESTION, 0.5)

    text = (
        "Hi! Two things. Could you pause my decaf? I've still got a bag open. "
        "Later I might switch to whole bean: is grinding decaf any different?"
    )
    clauses = route_clauses(route, text)
    assert clauses[0].text == "Could you pause my decaf"
    assert "is grinding decaf any different?" in seen
    assert not any(c.text in ("Hi", "Two things") for c in clauses)


def test_different_kinds_of_request_are_queued_in_message_order() -> None:
    text = "has my camera order shipped yet? also which slot does the card go in"
    ctx = _ctx(
        text,
        Intent.TRACKING,
        0.35,
        [
            RoutedClause("has my camera order shipped yet?", Intent.ORDER_STATUS, 0.82),
            RoutedClause("which slot does the card go in", Intent.ACCESSORIES, 0.38),
        ],
    )
    assert several.split(ctx)
    assert (ctx.intent, ctx.text, ctx.full_text) == (
        Intent.ORDER_STATUS,
        "has my camera order shipped yet?",
        text,
    )
    assert [(c.intent, c.text) for c in ctx.queue] == [
        (Intent.PRODUCT_QUESTION, "which slot does the card go in")  # unsure: the documents
    ]


def test_how_often_a_fault_comes_back_is_not_a_subscription_request() -> None:
    report = [
        RoutedClause(
            "my kettle keeps showing E2 and the red ring flashing", Intent.TROUBLESHOOTING, 0.6
        ),
        RoutedClause("every single time for 3 days", Intent.SUBSCRIPTION_FREQUENCY, 0.69),
    ]
    assert not several.split(_ctx("…", Intent.TROUBLESHOOTING, 0.69, report))
    plan = [
        RoutedClause("where is my grinder", Intent.TRACKING, 0.9),
        RoutedClause("and skip the next one", Intent.SUBSCRIPTION_SKIP, 0.8),
    ]
    assert several.split(_ctx("…", Intent.TRACKING, 0.9, plan))
    assert [c.intent for c in _ctx_queue(plan)] == [Intent.SUBSCRIPTION_SKIP]


def _ctx_queue(clauses: list[RoutedClause]) -> list[RoutedClause]:
    ctx = _ctx("…", clauses[0].intent, clauses[0].confidence, clauses)
    several.split(ctx)
    return ctx.queue


def test_one_kind_of_request_or_no_confident_clause_is_not_split() -> None:
    same = [
        RoutedClause("My headphones won't pair", Intent.TROUBLESHOOTING, 0.8),
        RoutedClause("I tried resetting them", Intent.TROUBLESHOOTING, 0.91),
    ]
    assert not several.split(_ctx("…", Intent.TROUBLESHOOTING, 0.9, same))
    unsure = [
        RoutedClause("hmm the thing with the stuff", Intent.PRODUCT_QUESTION, 0.3),
        RoutedClause("what about the other matter", Intent.ORDER_STATUS, 0.3),
    ]
    assert not several.split(_ctx("…", Intent.OUT_OF_SCOPE, 0.2, unsure))


def test_a_second_action_is_listed_back_and_proposals_come_last() -> None:
    ctx = _ctx("…", Intent.ORDER_CHANGE, 0.9, [])
    ctx.full_text = "…"
    ctx.queue = [RoutedClause("resend my confirmation", Intent.RECEIPT, 0.9)]
    assert not parts.advance(ctx, ModelTurn(text="Add 1 × socks? Reply yes."), proposed=True)
    turn = parts.combined(ctx)
    assert turn.text is not None
    assert turn.text.index("One change at a time") < turn.text.index("Reply yes")


def _row(number: int, size: str, cm: str, uk: str = "x") -> PassageOut:
    return PassageOut(
        chunk_id=f"r{number}",
        text=f"Size Chart: us womens: {size}; uk: {uk}; foot length cm: {cm}; sock size: m.",
        source="chart.csv",
        title="Size Chart",
        section=f"Row {number}: {size}",
        page=None,
        doc_type="compatibility",
        skus=[],
    )


def test_a_measurement_reads_the_next_row_up_only_when_its_neighbour_is_in_sight() -> None:
    m = measurement("my foot is 25.1 cm, which size should I get")
    assert m is not None and (m.value, m.unit, m.decimals) == (25.1, "cm", 1)
    rows = [_row(8, "8.5", "24.8"), _row(9, "9", "25.2"), _row(10, "9.5", "25.6")]
    found = lookup(m, rows)
    assert found is not None and found.passage.chunk_id == "r9"
    assert "size 9 (us womens)" in describe(m, found)
    assert lookup(m, rows[1:]) is None  # row 8 unseen: it might be the one
    exact = measurement("foot length 25.6 cm what size")
    assert exact is not None and lookup(exact, rows[2:]) is not None
    assert measurement("I walked 25 km today") is None


def test_a_size_in_a_sizing_system_reads_that_column() -> None:
    uk = measurement("I am from England and wear UK size 6 in trainers. Which size do I choose?")
    assert uk is not None and (uk.value, uk.unit, uk.system) == (6.0, "uk", True)
    assert uk.row_query == "uk 6"
    row = _row(9, "8.5", "24.4", uk="6")
    assert is_table_row(row, uk)
    found = lookup(uk, [row])
    assert found is not None
    assert describe(uk, found).startswith("In the size chart, UK 6 is size 8.5 (us womens)")
    womens = measurement("which sock size goes with a womens 10?")
    assert womens is not None and (womens.value, womens.unit) == (10.0, "us")
    eu = measurement("size 39 EU, what do I order")
    assert eu is not None and (eu.value, eu.unit) == (39.0, "eu")
    european = measurement("I am european, i wear size 40 in shoes. which size should i order?")
    assert european is not None and (european.value, european.unit) == (40.0, "eu")
    assert measurement("which size, I'm a 7.5 in Nikes") is None  # "in": the preposition
    inches = measurement("my foot is 9.6 in long, which size")
    assert inches is not None and inches.unit == "in" and not inches.system


def test_identifiers_are_codes_not_words_or_numbers() -> None:
    assert identifiers("It shows E1, then F03 after the v2 update at 10:30") == {"e1", "f03", "v2"}
    # an ordinal, a count or a time is not a code: "my 2nd cup" searched no "2ND error"
    assert identifiers("my 2nd cup, the 3rd time, 2x a day, after 10min") == set()


def test_a_statement_and_an_unsure_question_about_it_are_one_request() -> None:
    text = "got my return label yesterday but I'm travelling. how long do I have to drop it off?"
    ctx = _ctx(
        text,
        Intent.TRACKING,
        0.4,
        [
            RoutedClause(
                "got my return label yesterday but I'm travelling", Intent.RETURNS_REFUNDS, 0.8
            ),
            RoutedClause("how long do I have to drop it off?", Intent.TRACKING, 0.2),
        ],
    )
    assert not several.split(ctx)
    assert ctx.intent is Intent.RETURNS_REFUNDS and ctx.text == text


def test_two_parts_that_say_the_same_thing_are_said_once() -> None:
    ctx = _ctx("x", Intent.TRACKING, 0.9, [])
    ask = "Please send your order number and email."
    ctx.parts = [(ModelTurn(text=ask), False), (ModelTurn(text=ask), False)]
    assert parts.combined(ctx).text == ask


def _chart_row(number: int, fit: str, size: str, chest: str) -> PassageOut:
    return PassageOut(
        chunk_id=f"c{number}",
        text=f"Size Chart: product: Shell Jacket - {fit}; fit: {fit}; size: {size}; "
        f"chest cm: {chest}; sku: SJ-{number}.",
        source="chart.csv",
        title="Size Chart",
        section=f"Row {number}: Shell Jacket",
        page=None,
        doc_type="compatibility",
        skus=[],
    )


def test_a_measurement_inside_a_range_in_the_fit_the_customer_named() -> None:
    rows = [
        _chart_row(1, "Men's", "S", "88-96"),
        _chart_row(2, "Men's", "M", "96-104"),
        _chart_row(3, "Women's", "L", "97-104"),
    ]
    mens = measurement("my chest is 100 cm, what size men's shell jacket?")
    assert mens is not None
    found = lookup(mens, rows)
    assert found is not None and found.passage.chunk_id == "c2"
    assert "size M" in describe(mens, found) and "Shell Jacket - Men's" in describe(mens, found)
    womens = measurement("womens shell jacket, chest 100 cm, which size")
    assert womens is not None
    found = lookup(womens, rows)
    assert found is not None and found.passage.chunk_id == "c3"
    # two measurements in one unit: sized for the larger one
    feet = measurement("left foot 24.2 cm right 24.5 cm what size")
    assert feet is not None and feet.value == 24.5
    assert "Shell Jacket" in mens.query_for(["Shell Jacket - Men's"])
    assert "mens" in mens.query_for([])


def test_a_whole_number_measurement_searches_the_charts_tenths() -> None:
    m = measurement("my foot is 25 cm long, what size should i buy")
    assert m is not None and m.query == "size chart cm 25.0 24.9 25.1 24.8 25.2 24.7 25.3"


def test_the_next_subscription_delivery_is_not_the_same_request_as_a_parcel() -> None:
    text = "where are my running shoes and when's my next coffee delivery?"
    ctx = _ctx(
        text,
        Intent.TRACKING,
        0.89,
        [
            RoutedClause("where are my running shoes", Intent.TRACKING, 0.9),
            RoutedClause("when's my next coffee delivery?", Intent.ORDER_STATUS, 0.7),
        ],
    )
    assert several.split(ctx)
    assert ctx.text == "where are my running shoes"
    assert [c.text for c in ctx.queue] == ["when's my next coffee delivery?"]


def test_an_unsure_question_about_my_next_delivery_is_the_accounts() -> None:
    text = "when's my next coffee delivery, and what water temperature should I use?"
    ctx = _ctx(
        text,
        Intent.PRODUCT_QUESTION,
        0.5,
        [
            RoutedClause("when's my next coffee delivery", Intent.PRODUCT_QUESTION, 0.4),
            RoutedClause("what water temperature should I use", Intent.PRODUCT_QUESTION, 0.8),
        ],
    )
    assert several.split(ctx)
    assert (ctx.intent, ctx.text) == (Intent.ORDER_STATUS, "when's my next coffee delivery")


def test_a_grumble_beside_a_return_request_is_its_reason_not_a_complaint() -> None:
    text = "I opened a bag and honestly don't like it. Can I send it back for a refund?"
    ctx = _ctx(
        text,
        Intent.COMPLAINT,
        0.99,
        [
            RoutedClause("I opened a bag and honestly don't like it", Intent.COMPLAINT, 0.99),
            RoutedClause("Can I send it back for a refund?", Intent.RETURNS_REFUNDS, 0.9),
        ],
    )
    # one request (the return; reading.read_signals makes it one), nothing queued to hand over
    assert not several.split(ctx)
    assert not ctx.queue and not ctx.full_text


def test_numbered_requests_are_clauses_of_their_own() -> None:
    assert split_clauses(
        "two things. 1) change my club to every 6 weeks please. 2) where is the serial number?"
    ) == ["two things", "change my club to every 6 weeks please", "where is the serial number?"]
    assert split_clauses("the 3.5 mm cable and 2 bags") == ["the 3.5 mm cable and 2 bags"]


def test_asking_whether_to_call_someone_is_not_a_request_for_a_person() -> None:
    text = "The ring on my kettle turned green and it's still on. Do I need to call someone?"
    ctx = _ctx(
        text,
        Intent.PRODUCT_QUESTION,
        0.3,
        [
            RoutedClause("The ring on my kettle turned green", Intent.PRODUCT_QUESTION, 0.3),
            RoutedClause("and it's still on", Intent.TROUBLESHOOTING, 0.3),
            RoutedClause("Do I need to call someone?", Intent.HUMAN_AGENT, 0.96),
        ],
    )
    assert not several.split(ctx) or ctx.intent is not Intent.HUMAN_AGENT
    assert all(c.intent is not Intent.HUMAN_AGENT for c in ctx.queue)


def test_a_question_routed_to_the_plan_without_naming_it_is_a_documents_question() -> None:
    text = "hey where's my kettle right now? also once it comes how often should I descale it"
    ctx = _ctx(
        text,
        Intent.PRODUCT_QUESTION,
        0.43,
        [
            RoutedClause("hey where's my kettle right now?", Intent.TRACKING, 0.81),
            RoutedClause(
                "also once it comes how often should I descale it",
                Intent.SUBSCRIPTION_FREQUENCY,
                0.51,
            ),
        ],
    )
    assert several.split(ctx)
    assert ctx.intent is Intent.TRACKING
    assert [c.intent for c in ctx.queue] == [Intent.PRODUCT_QUESTION]


def test_where_my_things_are_is_a_request_however_unsure_the_router() -> None:
    text = "can you tell me where my new shoes are? and will these squeak like my old pair did"
    ctx = _ctx(
        text,
        Intent.PRODUCT_QUESTION,
        0.37,
        [
            RoutedClause("can you tell me where my new shoes are?", Intent.TRACKING, 0.57),
            RoutedClause(
                "and will these squeak like my old pair did", Intent.RETURNS_REFUNDS, 0.19
            ),
        ],
    )
    assert several.split(ctx)
    assert ctx.intent is Intent.TRACKING and len(ctx.queue) == 1


def test_an_action_called_off_is_not_a_request_of_its_own() -> None:
    text = "wait, actually don't cancel. can you just send it every 2 months instead?"
    ctx = _ctx(
        text,
        Intent.SUBSCRIPTION_FREQUENCY,
        0.9,
        [
            RoutedClause("wait, actually don't cancel", Intent.SUBSCRIPTION_CANCEL, 0.93),
            RoutedClause(
                "can you just send it every 2 months instead?", Intent.SUBSCRIPTION_FREQUENCY, 0.9
            ),
        ],
    )
    assert not several.split(ctx)


def test_a_person_asked_for_takes_the_whole_message() -> None:
    text = "Oh fantastic, a chatbot. Look, I'd like to speak to an actual human being, thanks."
    ctx = _ctx(
        text,
        Intent.PRODUCT_QUESTION,
        0.2,
        [
            RoutedClause("Oh fantastic, a chatbot", Intent.COMPLAINT, 0.7),
            RoutedClause("I'd like to speak to an actual human being", Intent.HUMAN_AGENT, 0.9),
        ],
    )
    assert not several.split(ctx)


def test_a_question_routed_to_an_order_that_names_none_is_about_the_product() -> None:
    clauses = [
        RoutedClause("the small display on top stays lit after OFF", Intent.TROUBLESHOOTING, 0.82),
        RoutedClause("Is that going to drain the battery?", Intent.ORDER_STATUS, 0.75),
    ]
    assert not several.split(_ctx("…", Intent.TROUBLESHOOTING, 0.77, clauses))
    parcel = [
        RoutedClause("the small display on top stays lit after OFF", Intent.TROUBLESHOOTING, 0.82),
        RoutedClause("and has my other order shipped yet?", Intent.ORDER_STATUS, 0.75),
    ]
    assert several.split(_ctx("…", Intent.TROUBLESHOOTING, 0.77, parcel))


def test_a_statement_then_a_question_naming_nothing_is_one_question_beside_a_request() -> None:
    text = (
        "skip my next Coffee Club delivery. And my cold brew tastes watery though I mix it "
        "1 to 1 with water. What should I change?"
    )
    ctx = _ctx(
        text,
        Intent.SUBSCRIPTION_SWAP,
        0.32,
        [
            RoutedClause(
                "please skip my next Coffee Club delivery", Intent.SUBSCRIPTION_SKIP, 0.91
            ),
            RoutedClause(
                "And my cold brew tastes watery though I mix it 1 to 1 with water",
                Intent.PRODUCT_QUESTION,
                0.26,
            ),
            RoutedClause("What should I change?", Intent.ORDER_CHANGE, 0.14),
        ],
    )
    assert several.split(ctx)
    assert ctx.intent is Intent.SUBSCRIPTION_SKIP
    assert [c.intent for c in ctx.queue] == [Intent.PRODUCT_QUESTION]
    assert ctx.queue[0].text.endswith("with water. What should I change?")


def test_a_request_phrased_as_a_question_leaves_the_scene_and_its_question_joined() -> None:
    ctx = _ctx(
        "…",
        Intent.SUBSCRIPTION_SKIP,
        0.38,
        [
            RoutedClause(
                "hiya can you skip my next coffee club box", Intent.SUBSCRIPTION_SKIP, 0.95
            ),
            RoutedClause(
                "my french press coffee tastes super bitter lately", Intent.SUBSCRIPTION_SWAP, 0.36
            ),
            RoutedClause("what do i do", Intent.HUMAN_AGENT, 0.25),
        ],
    )
    assert several.split(ctx)
    assert ctx.intent is Intent.SUBSCRIPTION_SKIP
    assert [c.text for c in ctx.queue] == [
        "my french press coffee tastes super bitter lately. what do i do?"
    ]


def test_a_greeting_and_a_remark_do_not_crowd_out_a_third_question() -> None:
    from types import SimpleNamespace

    from assistant.agent.clauses import route_clauses

    text = (
        "hi, couple things. 1) is my cuisina kettle still under warranty? got it last march. "
        "2) how do i descale it with vinegar? 3) unrelated but can i see my homely cam on our "
        "echo show?"
    )
    routed = route_clauses(lambda _: SimpleNamespace(intent=Intent.GREETING, confidence=0.5), text)
    assert routed[-1].text.startswith("unrelated but can i see my homely cam")


def test_a_question_about_the_request_before_it_stays_with_that_request() -> None:
    story = "i've run in my velo 3s 4 times outside and i just don't get on with them"
    want = "i don't want a different size, i just want my money back"
    asked = "is that possible even though i wore them?"
    ctx = _ctx(
        f"{story}. {want}. {asked}",
        Intent.PRODUCT_QUESTION,
        0.43,
        [
            RoutedClause(story, Intent.PRODUCT_QUESTION, 0.41),
            RoutedClause(want, Intent.RETURNS_REFUNDS, 0.94),
            RoutedClause(asked, Intent.PRODUCT_QUESTION, 0.65),
        ],
    )
    assert not several.split(ctx)  # one request, the story and the question its scene
    assert (ctx.intent, ctx.confidence) == (Intent.RETURNS_REFUNDS, 0.94)
    assert ctx.queue == []
    # a question with its own subject is its own request
    other = _ctx(
        "…",
        Intent.RETURNS_REFUNDS,
        0.9,
        [
            RoutedClause(want, Intent.RETURNS_REFUNDS, 0.94),
            RoutedClause("how do i wash the socks?", Intent.PRODUCT_QUESTION, 0.65),
        ],
    )
    assert several.split(other)
    assert [c.text for c in other.queue] == ["how do i wash the socks?"]


def test_one_kind_of_request_the_router_is_sure_of_is_what_an_unsure_message_asks() -> None:
    ctx = _ctx(
        "…",
        Intent.WARRANTY_INFO,
        0.31,
        [
            RoutedClause(
                "my soundwave pros barely make it 20 hours now", Intent.TROUBLESHOOTING, 0.27
            ),
            RoutedClause("got them last may", Intent.ORDER_STATUS, 0.38),
            RoutedClause("are they still under warranty", Intent.WARRANTY_INFO, 0.93),
            RoutedClause("is a weak battery even covered?", Intent.WARRANTY_INFO, 0.45),
        ],
    )
    assert not several.split(ctx)
    assert (ctx.intent, ctx.confidence) == (Intent.WARRANTY_INFO, 0.93)


def test_an_order_change_that_names_no_change_is_no_request() -> None:
    ctx = _ctx(
        "…",
        Intent.TRACKING,
        0.5,
        [
            RoutedClause("hello, yesterday I ordered the camera", Intent.ORDER_STATUS, 0.25),
            RoutedClause("already the shipped", Intent.ORDER_CHANGE, 0.76),
            RoutedClause("me can give the tracking number", Intent.TRACKING, 0.96),
        ],
    )
    several.split(ctx)
    assert ctx.intent is Intent.TRACKING
    assert all(c.intent is not Intent.ORDER_CHANGE for c in ctx.queue)
    change = _ctx(
        "…",
        Intent.TRACKING,
        0.5,
        [
            RoutedClause("where is my camera", Intent.TRACKING, 0.9),
            RoutedClause("and can you send it to my office instead", Intent.ORDER_CHANGE, 0.8),
        ],
    )
    assert several.split(change)
    assert [c.intent for c in change.queue] == [Intent.ORDER_CHANGE]


def test_a_second_change_in_one_message_is_listed_back_not_previewed() -> None:
    from assistant.agent.messages import ToolCall

    ctx = _ctx("can i send it back for a refund", Intent.RETURNS_REFUNDS, 1.0, [])
    ctx.full_text = "swap my club to decaf… can i send it back for a refund"
    ctx.parts.append((ModelTurn(text="Shall I swap it?"), True))
    preview = ModelTurn(tool_calls=[ToolCall(id="c1", name="propose_return", arguments={})])
    held = parts.held_back(ctx, preview, proposed=1)
    assert not held.tool_calls and held.text is not None
    assert '"can i send it back for a refund"' in held.text
    lookup = ModelTurn(tool_calls=[ToolCall(id="c2", name="list_orders", arguments={})])
    assert parts.held_back(ctx, lookup, proposed=1) is lookup  # looking is fine
    first = _ctx("can i send it back for a refund", Intent.RETURNS_REFUNDS, 1.0, [])
    assert parts.held_back(first, preview, proposed=0) is preview  # the first change


def test_a_worry_after_a_remark_stays_with_the_request_and_its_words_with_it() -> None:
    order = "my order 48829 was supposed to come monday"
    told = "the tracking has shown memphis since last night"
    remark = "we live in ohio"
    worry = "should i be worried, do i need to reorder?"
    ctx = _ctx(
        f"{order}. {told}. {remark}. {worry}",
        Intent.TRACKING,
        0.9,
        [
            RoutedClause(order, Intent.TRACKING, 0.6),
            RoutedClause(told, Intent.TRACKING, 0.97),
            RoutedClause(remark, Intent.OUT_OF_SCOPE, 0.16),
            RoutedClause(worry, Intent.PRODUCT_QUESTION, 0.64),
            RoutedClause("and can you send it to my office instead", Intent.ORDER_CHANGE, 0.8),
        ],
    )
    assert several.split(ctx)
    assert ctx.intent is Intent.TRACKING
    # the parcel's news and the worry are the tracking request's, not questions of their own
    assert told in ctx.text and "should i be worried" in ctx.text
    assert [c.intent for c in ctx.queue] == [Intent.ORDER_CHANGE]


def test_a_numbered_question_about_a_parcel_asks() -> None:
    assert several.asks("the indoor cam i ordered yesterday, has it shipped")
    assert several.asks("the socks, did they go out yet")
    assert not several.asks("the cam i ordered yesterday is for my mum")
    assert not several.asks("i have it on the windowsill pointing out at the driveway")


def test_a_customers_numbered_list_is_answered_item_by_item_but_steps_tried_are_not() -> None:
    """Items of an announced list are requests, however unsure the router is of each; a list
    of the steps the customer already tried is the story of one fault."""
    text = (
        "3 things about the camera i ordered: 1) has it shipped? 2) what charger do i need to "
        "buy 3) does the remote come with a battery"
    )
    clauses = [
        RoutedClause("3 things about the camera i ordered", Intent.TRACKING, 0.2),
        RoutedClause("has it shipped", Intent.ORDER_STATUS, 0.56),
        RoutedClause("what charger do i need to buy", Intent.PRODUCT_QUESTION, 0.4),
        RoutedClause("does the remote come with a battery", Intent.ACCESSORIES, 0.5),
    ]
    ctx = _ctx(text, Intent.ACCESSORIES, 0.3, clauses)
    assert several.split(ctx)
    assert ctx.intent is Intent.ORDER_STATUS and ctx.text == "has it shipped"
    assert len(ctx.queue) == 2
    tried = "i tried: 1) reset the camera 2) unplugged it for a minute 3) reinstalled the app"
    steps = [
        RoutedClause("reset the camera", Intent.TROUBLESHOOTING, 0.4),
        RoutedClause("unplugged it for a minute", Intent.TROUBLESHOOTING, 0.3),
        RoutedClause("reinstalled the app", Intent.SETUP_HELP, 0.3),
    ]
    assert not several.split(_ctx(tried, Intent.TROUBLESHOOTING, 0.5, steps))


def test_an_exchange_the_router_took_for_an_order_edit_is_the_messages_first_request() -> None:
    swap = (
        "my daughter got the velo 3 in a 9 black (only worn in the house) and they're too "
        "tight, can we swap for a 9.5 same color?"
    )
    socks = "she says the socks feel small, what size should they be for a 9?"
    clauses = [
        RoutedClause(swap, Intent.ORDER_CHANGE, 0.37),
        RoutedClause(socks, Intent.PRODUCT_QUESTION, 0.7),
    ]
    ctx = _ctx(f"{swap} also {socks}", Intent.PRODUCT_QUESTION, 0.35, clauses)
    assert several.split(ctx)
    assert (ctx.intent, ctx.text) == (Intent.RETURNS_REFUNDS, swap)
    assert [(c.intent, c.text) for c in ctx.queue] == [(Intent.PRODUCT_QUESTION, socks)]


def test_an_unsure_question_that_names_its_topic_decides_the_message() -> None:
    clauses = [
        RoutedClause(
            "my wife's velo 3s from september, the rubber on the bottom is peeling away",
            Intent.RETURNS_REFUNDS,
            0.39,
        ),
        RoutedClause(
            "she only runs on roads, maybe 120 miles on them", Intent.PRODUCT_QUESTION, 0.76
        ),
        RoutedClause("is that covered or is that just wear?", Intent.WARRANTY_INFO, 0.51),
    ]
    ctx = _ctx("…", Intent.PRODUCT_QUESTION, 0.34, clauses)
    assert not several.split(ctx)  # one request: the whole message, about the warranty
    assert ctx.intent is Intent.WARRANTY_INFO


def test_a_change_to_the_plan_beside_a_question_about_its_box_is_not_dropped() -> None:
    where = "3 things re my coffee club: where's the box that shipped saturday?"
    sour = "the espresso tastes super sour, what am i doing wrong (18g in, 36g out)"
    skip = "and pls skip the one after this, we'll be up in tahoe"
    clauses = [
        RoutedClause(where, Intent.TRACKING, 0.89),
        RoutedClause(sour, Intent.SUBSCRIPTION_SWAP, 0.28),
        RoutedClause(skip, Intent.SUBSCRIPTION_SKIP, 0.89),
    ]
    ctx = _ctx(f"{where} {sour}. {skip}", Intent.TRACKING, 0.51, clauses)
    assert several.split(ctx)
    assert ctx.intent is Intent.TRACKING
    assert [c.intent for c in ctx.queue] == [Intent.PRODUCT_QUESTION, Intent.SUBSCRIPTION_SKIP]


def test_each_numbered_question_of_one_kind_is_answered_even_without_a_question_mark() -> None:
    """ "1. can I … with them? 2. if I use the cable, the noise cancel still works? 3. …": the
    second item reads as a statement once split, but it is an item of the customer's list."""
    text = (
        "About my headphones: 1. can I listen the movies on the airplane screen with them? "
        "2. if I use the cable, the noise cancel still works? 3. battery is enough for whole "
        "flight?"
    )
    clauses = [
        RoutedClause("About my headphones", Intent.SETUP_HELP, 0.21),
        RoutedClause(
            "can I listen the movies on the airplane screen with them",
            Intent.PRODUCT_QUESTION,
            0.79,
        ),
        RoutedClause(
            "if I use the cable, the noise cancel still works", Intent.PRODUCT_QUESTION, 0.52
        ),
        RoutedClause("battery is enough for whole flight?", Intent.PRODUCT_QUESTION, 0.9),
    ]
    ctx = _ctx(text, Intent.PRODUCT_QUESTION, 0.6, clauses)
    assert several.split(ctx)
    assert ctx.text.startswith("can I listen the movies")
    assert [c.text for c in ctx.queue] == [
        "if I use the cable, the noise cancel still works",
        "battery is enough for whole flight?",
    ]


def test_what_the_customer_thought_the_plan_was_is_no_change_to_it() -> None:
    clauses = [
        RoutedClause("wait why may", Intent.OUT_OF_SCOPE, 0.16),
        RoutedClause("i thought it came every month", Intent.SUBSCRIPTION_FREQUENCY, 0.73),
        RoutedClause("so nothing gets charged in march at all right?", Intent.TRACKING, 0.47),
    ]
    text = "wait why may? i thought it came every month. so nothing gets charged in march?"
    ctx = _ctx(text, Intent.TRACKING, 0.4, clauses)
    several.split(ctx)
    assert Intent.SUBSCRIPTION_FREQUENCY not in {ctx.intent, *(c.intent for c in ctx.queue)}


def test_the_one_sure_question_is_the_message_when_its_own_guess_kept_no_clause() -> None:
    """The router's guess for the whole message (a coffee swap) rests on a sentence that only
    tells what the customer has; the question after it is what the message asks."""
    have = "i have the premium dark roast beans, the cuisina grinder and kettle and a french press"
    clauses = [
        RoutedClause(
            "father in law is staying with us and only drinks strong dark coffee",
            Intent.PRODUCT_QUESTION,
            0.41,
        ),
        RoutedClause(have, Intent.SUBSCRIPTION_SWAP, 0.38),
        RoutedClause("what settings do i use", Intent.SETUP_HELP, 0.86),
    ]
    text = f"{clauses[0].text}. {have}. what settings do i use"
    ctx = _ctx(text, Intent.SUBSCRIPTION_SWAP, 0.56, clauses)
    assert not several.split(ctx)
    assert family(ctx.intent) == "product"


@pytest.mark.parametrize(
    "text",
    [
        "she wears a 39 in european size",
        "it does of the 39 in shoe size européenne",  # a French message, translated word by word
        "I am european, i wear size 39",
    ],
)
def test_a_european_size_said_before_its_word_is_read(text: str) -> None:
    found = measurement(text)
    assert found is not None and (found.unit, found.value) == ("eu", 39.0)
