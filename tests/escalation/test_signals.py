from __future__ import annotations

import pytest

from assistant.escalation.signals import (
    REPEAT_THRESHOLD,
    SENTIMENT_THRESHOLD,
    asks_for_human,
    frustration,
    negative_sentiment,
    profanity,
    same_problem,
)

# --- profanity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "this is fucking useless",
        "FUCK",
        "f*ck this camera",
        "what the f**k",
        "f***",
        "fuk off",
        "fck",
        "wtf is going on with my order",
        "WTF!!",
        "this is bullshit",
        "sh1t",
        "$hit",
        "s**t",
        "piece of crap",
        "damn it",
        "what an asshole",
        "I'm pissed",
        "ffs",
    ],
)
def test_profanity_positives(text: str) -> None:
    assert profanity(text)


@pytest.mark.parametrize(
    "text",
    [
        "I live near Scunthorpe",
        "Is this a first-class shipping option?",
        "the f-stop on my camera won't go below f/2.8",
        "which F-keys open the menu?",
        "the assistant said to pass the cable through",
        "shiitake mushrooms",
        "Essex, cocktail, grass, assess, class",
        "damnation is a word in a book title",
        "shell, hello, Dickens",
        "",
    ],
)
def test_profanity_negatives(text: str) -> None:
    assert not profanity(text)


# --- negative sentiment ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This is ridiculous, still not working",
        "UNACCEPTABLE!!!",
        "worst service ever, useless",
        "MY ORDER IS STILL NOT HERE",
        "This is the third time I'm asking, absolutely terrible",
        "I'm furious. This is a scam.",
        "I am not happy and fed up with waiting!!!",
    ],
)
def test_sentiment_reaches_the_threshold(text: str) -> None:
    assert negative_sentiment(text) >= SENTIMENT_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "not bad at all",
        "isn't too bad",
        "isnt too bad really",
        "it's not terrible, just slow",
        "never disappointed with this store",
        "How do I pair my headphones?",
        "the f-stop on my camera",
        "I have a USB PD adapter from UPS and an NYC address",
        "Thanks!",
        "",
    ],
)
def test_neutral_or_negated_text_scores_low(text: str) -> None:
    assert negative_sentiment(text) < 0.25


def test_one_strong_word_is_a_complaint_not_yet_frustration() -> None:
    score = negative_sentiment("The battery life is terrible")
    assert 0.4 <= score < SENTIMENT_THRESHOLD


def test_each_cue_adds_and_the_score_stays_in_range() -> None:
    one = negative_sentiment("this is useless")
    two = negative_sentiment("this is useless and ridiculous")
    many = negative_sentiment(
        "USELESS RIDICULOUS TERRIBLE SCAM, worst, still not working, third time!!!!"
    )
    assert 0 < one < two < many <= 1.0


def test_persistence_phrases_count() -> None:
    assert negative_sentiment("it still doesn't work") > 0.4
    assert negative_sentiment("third time I ask") > 0.4
    assert negative_sentiment("how many times do I have to say it") > 0.4


def test_shouting_needs_several_words() -> None:
    assert negative_sentiment("Is LUM-Z8-BODY in stock?") == 0
    assert negative_sentiment("WHERE IS MY PACKAGE") > 0.3


# --- asking for a person ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "let me talk to a human",
        "Can I speak with a real person?",
        "agent please",
        "Agent",
        "representative!",
        "transfer me to customer service",
        "put me through to a supervisor",
        "I want to chat with someone from support",
        "I don't want a bot",
        "I don't want a bot, I want a human",
        "Please escalate this",
        "can someone call me back",
        "is there a live agent?",
        "I want someone to actually DO something, not another 'please wait 48 hours'.",
        "we need somebody to look into this",
    ],
)
def test_asks_for_human_positives(text: str) -> None:
    assert asks_for_human(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't need a human, just the tracking number",
        "no need to talk to an agent",
        "the agent at UPS said it was delivered",
        "how do I connect the remote to my camera?",
        "it was human error on my part",
        "I do NOT want to talk to a person, just cancel it",
        "what are your support hours?",
        "I talked to an agent yesterday and they said it shipped",
        "the price keeps escalating",
        "i dont want someone to do something silly with my card",
        "",
    ],
)
def test_asks_for_human_negatives(text: str) -> None:
    assert not asks_for_human(text)


# --- frustration -----------------------------------------------------------------------------


def test_calm_message_gives_no_signal() -> None:
    assert frustration([], "How do I register my camera?") is None
    assert frustration(["Where is my order?"], "Thanks, that helps") is None


def test_profanity_is_frustration() -> None:
    signal = frustration([], "wtf, my order never came")
    assert signal is not None and signal.triggers == ("profanity",) and signal.profanity


def test_profanity_with_thanks_and_no_anger_is_relief() -> None:
    assert frustration([], "damn, that fixed it, thanks!") is None
    # sarcasm is not thanks
    signal = frustration([], "thanks for nothing, this is shit")
    assert signal is not None and "profanity" in signal.triggers


def test_a_swear_word_in_a_joke_is_not_anger() -> None:
    text = "can i plug them into the seat screen? or am i stuck with the crappy earbuds lol"
    assert frustration([], text) is None
    signal = frustration([], "this is fucking ridiculous lol, third time asking")
    assert signal is not None and "profanity" in signal.triggers  # anger, laughing or not


def test_a_swear_at_ones_own_slip_is_not_anger() -> None:
    assert frustration([], "oh crap i literally just ordered coffee separately. skip it?") is None
    assert frustration([], "damn, i forgot to add the serial") is None
    text = "ugh damn it i dropped the brush down the garbage disposal. how often do i clean it?"
    assert frustration([], text) is None  # the appliance, not a verdict on us
    signal = frustration([], "oh crap, your app lost my order AGAIN")  # not the first person
    assert signal is not None and "profanity" in signal.triggers
    signal = frustration([], "shit i've waited 3 weeks, this is ridiculous and unacceptable")
    assert signal is not None  # angry however it opens


def test_sentiment_over_threshold_is_frustration() -> None:
    signal = frustration([], "This is ridiculous, still not working!!!")
    assert signal is not None and signal.triggers == ("negative_sentiment",)
    assert signal.sentiment >= SENTIMENT_THRESHOLD
    assert "negative sentiment" in signal.describe()


def test_the_same_problem_three_times_is_frustration() -> None:
    history = ["My headphones won't pair with my phone", "What are your hours?"]
    assert frustration(history, "The headphones still won't pair") is None  # twice so far
    history.append("headphones still not pairing")
    signal = frustration(history, "they still won't pair with my headphones")
    assert signal is not None and "repetition" in signal.triggers
    assert signal.repeats == REPEAT_THRESHOLD
    assert "raised 3 times" in signal.describe()


@pytest.mark.parametrize(
    "text",
    [
        "this is the THIRD time im writing about this. the cam goes offline every night",
        "I've already emailed you twice about the kettle leaking",
        "second time I'm contacting you about this refund",
    ],
)
def test_saying_it_was_raised_before_is_repetition(text: str) -> None:
    signal = frustration([], text)
    assert signal is not None and "repetition" in signal.triggers


def test_a_first_time_or_a_time_of_day_is_not_repetition() -> None:
    assert frustration([], "first time I'm writing, how do I pair the headphones?") is None
    assert frustration([], "what time do you open on saturday?") is None


def test_different_problems_do_not_count_as_repetition() -> None:
    history = ["Where is my order 47234?", "Can I change the address?", "Cancel my coffee"]
    assert frustration(history, "How do I pair the headphones?") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("my kettle won't heat", "the kettle still doesn't heat up", True),
        ("charged twice for order 47102", "I was charged twice on 47102", True),
        ("my kettle won't heat", "my kettle arrived", False),
        ("hi", "hello", False),
    ],
)
def test_same_problem(a: str, b: str, same: bool) -> None:
    assert same_problem(a, b) is same
