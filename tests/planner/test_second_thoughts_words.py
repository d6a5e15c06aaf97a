"""Words of second choices and second thoughts, read without a model or an index: what the
customer thought the plan was, a plain request to skip, a fault in everyday words, a size
picked after another was out of stock, a short reaction before a follow-up, and a "can I
listen … with them?" that asks what they work with."""

from __future__ import annotations

import pytest

from assistant.agent.action_naming import named_actions
from assistant.agent.confirm import PendingReply, read_reply
from assistant.agent.context import TurnContext
from assistant.agent.messages import Message
from assistant.intents import Intent
from assistant.planner import follow_ups, reading, return_words
from assistant.planner.account_words import asks_plan_address
from assistant.planner.answers import _COMPAT
from assistant.planner.return_words import describes_fault
from assistant.planner.slots import extract_slots
from tests.support import pack_view, turn_context


def _ctx(text: str, intent: Intent, confidence: float) -> TurnContext:
    return turn_context(text, intent, confidence)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("wait why may? i thought it came every month. so march is not charged?", set()),
        ("we assumed it ships every 2 weeks, anyway is march free?", set()),
        ("i thought about it, make it every month", {"change_frequency"}),
        ("i thought it over, pause it", {"pause_subscription"}),
        ("no, make it every month", {"change_frequency"}),
    ],
)
def test_what_the_customer_thought_names_no_action(text: str, named: set[str]) -> None:
    assert named_actions(text) == named


@pytest.mark.parametrize(
    ("text", "intent", "raised"),
    [
        ("we'll be away all of march so can you skip the decaf that's due then", "skip", True),
        ("could you please pause it for now, we're moving", "pause", True),
        ("i skip breakfast most days, is the decaf ok at night?", "skip", False),
        ("can you skip the decaf that's due in march", "pause", False),  # not what it asks
    ],
)
def test_a_skip_asked_in_so_many_words_is_sure_enough(text: str, intent: str, raised: bool) -> None:
    guess = {"skip": Intent.SUBSCRIPTION_SKIP, "pause": Intent.SUBSCRIPTION_PAUSE}[intent]
    ctx = _ctx(text, guess, 0.2)
    reading.read_signals(ctx)
    assert (ctx.confidence >= ctx.settings.router_threshold) is raised


@pytest.mark.parametrize(
    "text",
    [
        "the grinder just quit on me this morning",
        "I press START and NOTHING, not even a hum",
        "it died on us after two weeks",
        "i plug it in and nothing happens",
    ],
)
def test_faults_in_everyday_words(text: str) -> None:
    assert describes_fault(text)


def test_quitting_a_habit_is_no_fault() -> None:
    assert not describes_fault("i quit sugar so i want to change my plan")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("ok then the 11.5, same coral. swap them please", "11.5"),
        ("fine, then the 9. swap them please", "9"),
        ("then the 2 bags please", None),
        ("what about 2?", None),
        ("the 8.5 navy are a tad small. could we get the 10.5 navy instead?", "10.5"),
        ("oh no. black is fine then, same 10.5", "10.5"),
        ("can i get 2 bags instead", None),
        ("the socks are too small", None),  # how they fit, not the size "small"
        ("medium white please", "medium"),
    ],
)
def test_a_size_picked_after_another(text: str, size: str | None) -> None:
    assert extract_slots(text, pack_view()).size == size


@pytest.mark.parametrize(
    ("text", "exchange"),
    [
        ("could we get the 10.5 navy instead?", True),
        ("can i get them in a 9?", True),
        ("can i get it in 2 days?", False),
        ("can i get 2 bags instead?", False),
        ("could we get 3 boxes instead", False),
    ],
)
def test_another_size_asked_as_getting_it_instead(text: str, exchange: bool) -> None:
    assert return_words.asks_exchange(text) is exchange


def test_a_short_reaction_before_a_follow_up_keeps_it_a_follow_up() -> None:
    ctx = _ctx("hm thats not a lot. what if i put it on 1080p", Intent.PRODUCT_QUESTION, 0.3)
    ctx.state.active_intent = Intent.PRODUCT_QUESTION
    asked = "128gb card on continuous, how many days does it keep before it deletes stuff?"
    ctx.state.messages = [
        Message("user", asked),
        Message("assistant", "At 2K with Continuous recording, a 128 GB card holds about 9 days"),
        Message("user", ctx.text),
    ]
    assert follow_ups.question_follow_up(ctx)
    assert ctx.text.startswith(asked)
    assert "focus:what if i put it on 1080p" in ctx.notes


def test_a_long_story_before_a_follow_up_word_is_no_reaction() -> None:
    ctx = _ctx(
        "we moved the camera to the hallway last night and it recorded fine. what if the "
        "power goes out while we are away for the whole weekend",
        Intent.PRODUCT_QUESTION,
        0.3,
    )
    ctx.state.active_intent = Intent.PRODUCT_QUESTION
    ctx.state.messages = [Message("user", "how do i mount it?"), Message("user", ctx.text)]
    assert not follow_ups.question_follow_up(ctx)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("can I listen the movies on the airplane screen with them?", True),
        ("can i watch netflix with it on the train", True),
        ("how do i clean the ear cushions?", False),
    ],
)
def test_listening_to_something_with_them_asks_what_they_work_with(text: str, asks: bool) -> None:
    assert bool(_COMPAT.search(text)) is asks


def test_a_question_without_a_question_mark_is_no_feedback() -> None:
    ctx = _ctx(
        "he liked it!! but the bottom of his cup was gritty and a little bitter. grind coarser "
        "or what",
        Intent.FEEDBACK,
        0.45,
    )
    reading.read_signals(ctx)
    assert ctx.intent is Intent.PRODUCT_QUESTION
    praise = _ctx("he liked it a lot, thanks for the tips", Intent.FEEDBACK, 0.45)
    reading.read_signals(praise)
    assert praise.intent is Intent.FEEDBACK


@pytest.mark.parametrize(
    ("text", "plans"),
    [
        ("please change the address on my coffee club to 12 oak st, austin tx 78701", True),
        (
            "forgot to change the address on my coffee club, the january bags already shipped to "
            "my old place. can you send them to 1417 fatherland st, nashville 37206 instead?",
            False,
        ),
        (
            "my coffee club box is on its way to chicago, can you send it to 1820 ridge ave, "
            "evanston il 60201?",
            False,
        ),
    ],
)
def test_a_delivery_already_sent_is_no_change_to_the_plans_address(text: str, plans: bool) -> None:
    assert asks_plan_address(text, pack_view()) is plans


def test_never_having_opened_the_box_says_unused_in_the_demo_policy() -> None:
    unused = next(c for c in pack_view().policy.returns.conditions if c.key == "unused")
    said = return_words.lowered(
        "bought the 2 pack of plugs before christmas, never even opened the box and now the tree "
        "is gone. can i send them back for a refund?"
    )
    assert return_words.says_any(unused.yes_words, said)
    assert not return_words.says_any(unused.no_words, said)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        (
            "hmm i thought it was every 2 weeks? anyway, i won't be charged for that one right?",
            PendingReply.DOUBTFUL,
        ),
        (
            "wait why may? i thought it came every month. so march isn't charged?",
            PendingReply.DOUBTFUL,
        ),
        ("where is my other order?", PendingReply.UNRELATED),
        ("ok yes skip it", PendingReply.CONFIRM),
    ],
)
def test_what_the_customer_thought_the_plan_was_at_the_preview_is_a_doubt(
    text: str, reading: PendingReply
) -> None:
    assert read_reply(text, "skip_next_delivery") is reading
