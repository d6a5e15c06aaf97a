"""Follow-ups on the current topic: "and the other one?", "what about the battery?", "actually
make it 2", the detail the assistant just asked for (a serial number, how many deliveries), and a
short follow-up on a documents answer ("and only one litre?"), which is read together with the
question it follows."""

from __future__ import annotations

import re

from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner.account_words import NETWORK, NOT_COME, WORRIED
from assistant.planner.question_words import ACKNOWLEDGED
from assistant.planner.reading import FOLLOW_UP_MAX_CONFIDENCE
from assistant.planner.request_kinds import ABOUT_A_PRODUCT, SUBSCRIPTION_INTENTS
from assistant.planner.sections import STILL, THE_RESET
from assistant.planner.slots import WORD_NUMBERS, Slots, extract_slots
from assistant.retrieval.bm25 import tokenize

WHICH_PRODUCT = "Which product"  # how the planner asks (products.which_product)
PAUSE_LONGER = "To pause for longer, reply"  # subscriptions offers this after the shortest
REREAD = "reread"  # ctx.text now holds earlier messages too
_ABOUT_A_PRODUCT = frozenset(
    {Intent.TROUBLESHOOTING, Intent.SETUP_HELP, Intent.PRODUCT_QUESTION, Intent.COMPLAINT}
)
# "so how long does it take to show on my card?" after a refund's answer: the same topic
_ANSWERED_FROM_DOCUMENTS = frozenset(
    {Intent.PRODUCT_QUESTION, Intent.RETURNS_REFUNDS, Intent.SHIPPING_INFO, Intent.PAYMENT_METHODS}
)
# the store's own topics: a question on one of them is never a product's follow-up
_STORE_TOPICS = frozenset(
    {Intent.SHIPPING_INFO, Intent.PAYMENT_METHODS, Intent.ACCOUNT_HELP, Intent.NEWSLETTER}
)
STORE_TOPIC_CONFIDENCE = 0.6
MAX_VARIANT_ANSWER_WORDS = 6  # "black", "the large black ones please"
# A message that continues the current topic: "and the other one?", "what about the battery?"
_FOLLOW_UP = re.compile(
    r"^\s*(and|also|plus|what about|how about|same (for|with)|the other|and the|and my|and what|"
    r"even if|even though|but (what )?if)\b"
    r"|\b(too|as well|the other one)\s*[?.!]*\s*$",
    re.I,
)
_WHAT_ABOUT = re.compile(r"^\W*((what|how) about|same (for|with))\b", re.I)
# "wait, I meant 47226", "actually make it 2": the same request, corrected
_CORRECTION = re.compile(
    r"^\W*((oh|ah|ugh|ok|okay)\W+)?(wait|sorry|actually|oops|no|nope|hmm)\b.{0,30}"
    r"\b(i meant|i mean|make (it|that)|meant)\b|^\W*(i meant|i mean|make (it|that))\b|"
    r"^\W*(wait|sorry|actually|oops|no|nope)\b.{0,40}\b(it'?s|it is) #?\d",  # "…it's 45357"
    re.I,
)
_ANOTHER_ORDERS_NEWS = re.compile(
    r"\b(what'?s|whats|how'?s|hows) (going on|happening|up) with (that|this|the other|my other)\b|"
    r"\b(ordered|bought|order)\b.{0,40}\b(any news|status|update|where is it|where are they|"
    r"(what'?s|whats) (going on|happening|up))\b",
    re.I,
)
_ORDER_FOLLOW_UP = re.compile(r"\b(total|how much (is it|now)|status)\b.*\b(now|then)\b", re.I)
_QUESTION_FOLLOW_UP = re.compile(
    r"^\W*(?:(?:ok|okay|right|cool|great|thanks|thank you|got it|perfect|i see|lovely|nice|"
    r"good|awesome|brilliant|interesting|wow)\b\W*)?"  # "ok. and…", "Lovely. And the other…"
    r"(and|also|plus|what about|how about|what if|and if|and for|for the|same for|so)\b",
    re.I,
)
# "I still have two BP-F1 batteries. Same with those?", "…white flakes after 5 days. still the
# same?": the question before, asked again of what the message tells
_SAME_AGAIN = re.compile(
    r"\b(same (for|with) (those|these|them|it|that|this|mine)|(is it|is that|still) the same|"
    r"(does|would) (that|it) (change|be different))\W*$",
    re.I,
)
MAX_SAME_WORDS = 30
# "what do you need from me to claim it?" after the warranty's answer: a claim of that product
_CLAIM_IT = re.compile(
    r"\bclaim (it|this|that|them|on (it|this|that|them))\b|"
    r"\b(make|start|file|open|submit|put in) (a|the|my|that|this) (warranty )?claim\b|"
    r"\bwhat (will|would|do|does) (they|you|the \w+) need\b",  # "what will they need from me?"
    re.I,
)
_WARRANTY = frozenset({Intent.WARRANTY_INFO, Intent.WARRANTY_CLAIM, Intent.WARRANTY_REGISTRATION})
# "it's the little infrared one, rs-1 i think", "they're the original ones": what the question
# before was about, told after its answer; the question is asked again of it
_CLARIFIES = re.compile(
    r"^\W*((oh|ah|sorry|wait|well|um+|hmm+|no)\W+)*(it'?s|its|it is|mine (is|are)|they'?re|"
    r"they are|i have|i'?ve got) (the|a|an|my|actually|just)\b",
    re.I,
)
MAX_CLARIFY_WORDS = 14
# "wait what would that do? would I still be charged?" about the subscription change in hand
_ABOUT_THE_CHANGE = re.compile(
    r"\bwhat (would|will|does) (that|it|this) (do|mean)\b|\b(would|will) (i|we) still\b|"
    r"\bwhat happens (to|with|after|then)\b|"
    r"\b(does|would|will) (that|it|this) (mean|stop|change)\b",
    re.I,
)
_BARE_COUNT = re.compile(r"^\W*(?:\w+\W+){0,3}?(one|two|three|[123])\b(?!\s*[%$.,:/\d])", re.I)
MAX_COUNT_WORDS = 6  # "2 please", "lets do two of them"
MAX_STILL_WORDS = 12
_MOST = re.compile(
    r"\b(the )?(max|maximum|most|longest)( (you can|possible|allowed))?\b|"
    r"\bas (long|many) as (you can|possible|allowed)\b",
    re.I,
)

# "hm thats not a lot. what if…": a short reaction to the answer, then the follow-up
_REACTION = re.compile(r"^\W*((?:[^\s.?!]+\s+){0,5}[^\s.?!]+)[.!]+\s+(?=\S)(.*)$", re.S)

# "ok. and the last cups out of it are always full of sludge at the bottom": what it adds
MAX_FOLLOW_UP_WORDS = 14
MAX_PRODUCT_ANSWER_WORDS = 25  # the product asked for, and what the customer adds to it


_THE_ACCOUNT = re.compile(r"\b(account|sign(ed|ing)? ?in|log(ged|ging)? ?in|login)\b", re.I)


def topic_follow_up(ctx: TurnContext, slots: Slots) -> bool:
    """A message that continues the current topic inherits its intent: "and the other
    one?", "what about the battery?", or just the detail asked for (a serial number, how
    many deliveries, how often)."""
    state = ctx.state
    active = state.active_intent
    if (
        active is Intent.SUBSCRIPTION_PAUSE
        and slots.cycles is None
        and _CORRECTION.search(ctx.text)
    ):
        number = re.search(r"\b([1-3])\b", ctx.text)  # "actually make it 2"
        slots.cycles = int(number.group(1)) if number else None
    if active is Intent.SUBSCRIPTION_PAUSE and slots.cycles is None and _MOST.search(ctx.text):
        slots.cycles = ctx.shop.longest_pause  # "just do the max then"
    if _answers_a_variant_question(ctx, slots):
        return True
    if active is Intent.SUBSCRIPTION_PAUSE and slots.cycles is None and _asked_how_many(ctx):
        number = _BARE_COUNT.search(ctx.text)  # "2 please", "just one"
        slots.cycles = WORD_NUMBERS.get(number.group(1).lower()) if number else None
        if slots.cycles is not None:
            return True
    if slots.serial is not None and active is Intent.WARRANTY_REGISTRATION and "?" not in ctx.text:
        return True  # "wait no, I swapped the last two digits, it's Z87731064": a serial decides
    if (  # "new router with a new wifi password": the device's network, not the store account
        active in (Intent.TROUBLESHOOTING, Intent.SETUP_HELP)
        and ctx.intent is Intent.ACCOUNT_HELP
        and NETWORK.search(ctx.text)
        and ("?" not in ctx.text or not _THE_ACCOUNT.search(ctx.text))  # "…and if that fails?"
    ):
        return True
    if (
        active in (Intent.TRACKING, Intent.ORDER_STATUS)
        and WORRIED.search(ctx.text)
        and not _names_another(ctx)
    ):  # "and if it still is not here by friday, should i write to you again?": the parcel
        state.active_intent = Intent.TRACKING
        return True
    if (  # "still offline after all that": the fix shown did not work
        active in (Intent.TROUBLESHOOTING, Intent.SETUP_HELP)
        and (STILL.search(ctx.text) or THE_RESET.search(ctx.text))
        and len(ctx.text.split()) <= MAX_STILL_WORDS
        and not _names_another(ctx)
    ):
        return True
    if (
        active is not None
        and bool(slots.skus)
        and _asked_which_product(ctx)
        and "?" not in ctx.text
    ):
        # "the trailpoint sling bag"; "sorry, it's the homely indoor cam watching the staff
        # entrance. motion detection is switched on": the answer, with a detail or two, read
        # with the question it answers ("how do i factory reset it?")
        if len(ctx.text.split()) > MAX_PRODUCT_ANSWER_WORDS:
            return False
        _read_with_the_question(ctx, slots.skus[0])
        return True
    if (
        active is Intent.ACCESSORIES
        and ctx.intent is Intent.PRODUCT_QUESTION
        and (_ITS_OWN_QUESTION.search(ctx.text))
    ):  # "and the remote, how long does its battery go": asked of it, not what fits it
        return False
    if _names_the_product(ctx, slots):
        return True
    if (  # "how often do i have to do this whole thing" after the kettle's descaling steps
        active in ABOUT_A_PRODUCT
        and ctx.intent in SUBSCRIPTION_INTENTS
        and state.focus_sku is not None
        and not ctx.shop.subscribable(state.focus_sku)
        and not slots.skus
        and _THIS_THING.search(ctx.text)
    ):
        _read_with_the_last_question(ctx)
        return True
    if active is None or active is ctx.intent or ctx.confidence >= FOLLOW_UP_MAX_CONFIDENCE:
        return False
    if active in (Intent.GREETING, Intent.OUT_OF_SCOPE, Intent.FEEDBACK):
        return False
    if state.focus_order and _ORDER_FOLLOW_UP.search(ctx.text) and len(ctx.text.split()) <= 8:
        ctx.intent = Intent.ORDER_STATUS  # "what's the total now?" about the order in focus
        ctx.confidence = max(ctx.confidence, 0.8)
        return False
    if active in _WARRANTY and _CLAIM_IT.search(ctx.text) and not _names_another(ctx):
        ctx.intent = Intent.WARRANTY_CLAIM  # "ok so what do you need from me to claim it"
        ctx.confidence = max(ctx.confidence, 0.8)
        return False
    if _CORRECTION.search(ctx.text):
        return True
    if active in (Intent.TRACKING, Intent.ORDER_STATUS) and _ANOTHER_ORDERS_NEWS.search(ctx.text):
        return True  # "the camera i ordered the next day though, whats going on with that one"
    if opens_a_follow_up(ctx.text):
        return True
    if (
        active in SUBSCRIPTION_INTENTS
        and "?" in ctx.text
        and _ABOUT_THE_CHANGE.search(ctx.text)
        and not ctx.shop.mentions(ctx.text)
    ):
        return True  # a question about the change in hand, answered from the policy
    answers_question = (
        slots.cycles is not None or slots.frequency is not None or slots.grind is not None
    ) and active in SUBSCRIPTION_INTENTS
    return answers_question and len(ctx.text.split()) <= 8 and "?" not in ctx.text


# the thing just explained, named by a pronoun ("do this whole thing", "clean it")
_THIS_THING = re.compile(r"\b(this|that|it|them)\b", re.I)
_ITS_OWN_QUESTION = re.compile(r"[,?]\s*(how|what|does|do|can|is|will|why)\b", re.I)
_ITS_THE = re.compile(
    r"^\W*((oh|sorry|ah|ok|okay|and|btw)\W+)*(it'?s|its|it is|this is|that'?s)\b", re.I
)


MAX_OPENING_WORDS = 6  # "ok good. and the other one?" before what it is
MAX_TOPIC_FOLLOW_UP_WORDS = 12  # "and the other one?", "same for the decaf too"


def opens_a_follow_up(text: str) -> bool:
    """ "and the other one?" (short), or that question first and then only what it is about
    ("ok good. and the other one? i got the soundwave headphones too, a day later")."""
    if _FOLLOW_UP.search(text) and len(text.split()) <= MAX_TOPIC_FOLLOW_UP_WORDS:
        return True
    # "nice. what about the cleaning kit?", "ok thanks. same for the kettle i got from you?"
    told = ACKNOWLEDGED.sub("", text, count=1)
    if _WHAT_ABOUT.match(told) and len(told.split()) <= MAX_TOPIC_FOLLOW_UP_WORDS:
        return True  # not "great, and when will that order get here?": a question of its own
    first, mark, rest = told.partition("?")
    return (
        bool(mark and rest.strip())
        and "?" not in rest
        and len(first.split()) <= MAX_OPENING_WORDS
        and bool(_FOLLOW_UP.search(f"{first}?"))
    )


def _names_the_product(ctx: TurnContext, slots: Slots) -> bool:
    """ "oh its the homely indoor cam, watching my drying racks" after "the picture is all
    milky", which named no product (or only this one, vaguely: "my camera"): the product of
    that problem, read together with it."""
    if (
        ctx.state.active_intent not in _ABOUT_A_PRODUCT
        or not slots.skus
        or "?" in ctx.text
        or not _ITS_THE.search(ctx.text)
        or len(ctx.text.split()) > MAX_PRODUCT_ANSWER_WORDS
    ):
        return False
    return _read_with_the_question(ctx, slots.skus[0])


def _read_with_the_question(ctx: TurnContext, sku: str) -> bool:
    """The customer's message before this one, read together with it, when it names no product
    other than ``sku`` ("how do i factory reset it?" + "the wireless headphones")."""
    earlier = ctx.state.asked[:-1]
    if not earlier or set(ctx.shop.mentions(earlier[-1])) - {sku}:  # another product's
        return False
    ctx.text = f"{earlier[-1]} {ctx.text}"
    ctx.notes.append(REREAD)
    return True


def _names_another(ctx: TurnContext) -> bool:
    """The message names a product other than the one in focus by its name ("the kettle still
    beeps"), not only by an option value ("still all white" is no sock colour)."""
    words = set(tokenize(ctx.text))
    return any(
        ctx.shop.name_words(sku) & words
        for sku in ctx.shop.mentions(ctx.text)
        if sku != ctx.state.focus_sku
    )


def _asked_how_many(ctx: TurnContext) -> bool:
    """One of the assistant's last two messages offered a longer pause (the last may have
    answered a question about pausing in between), and this message is short."""
    said = [m.text for m in ctx.state.messages if m.role == "assistant"][-2:]
    return len(ctx.text.split()) <= MAX_COUNT_WORDS and any(PAUSE_LONGER in t for t in said)


def _asked_which_product(ctx: TurnContext) -> bool:
    """The assistant's last message asked which product the request is about."""
    said = [m.text for m in ctx.state.messages if m.role == "assistant"]
    return bool(said) and said[-1].startswith(WHICH_PRODUCT)


def _after_a_reaction(text: str) -> str | None:
    """The follow-up after a short reaction to the answer ("hm thats not a lot. what if i put
    it on 1080p"), or None."""
    reaction = _REACTION.match(ACKNOWLEDGED.sub("", text, count=1))
    if reaction and _QUESTION_FOLLOW_UP.match(reaction.group(2)):
        return reaction.group(2)
    return None


_PARCEL = (Intent.TRACKING, Intent.ORDER_STATUS)


def _short_follow_up(ctx: TurnContext) -> bool:
    """ "and only one litre?": a short question that starts as a follow-up does, unless the
    router is sure it is about something else."""
    if ctx.intent is not ctx.state.active_intent and (
        ctx.confidence >= FOLLOW_UP_MAX_CONFIDENCE
        or (ctx.intent in _STORE_TOPICS and ctx.confidence >= STORE_TOPIC_CONFIDENCE)
    ):  # "ok and how much is it to ship that to my mum?": the store's shipping, asked
        return False
    if ctx.state.verified and ctx.intent in _PARCEL and NOT_COME.search(ctx.text):
        return False  # "ok thx. so when is the coffee actually gonna show up": the parcel's
    # "oh nice. and what about the apple tv?"
    text = _after_a_reaction(ctx.text) or ACKNOWLEDGED.sub("", ctx.text, count=1)
    if not _QUESTION_FOLLOW_UP.search(text):
        return False
    return len(_QUESTION_FOLLOW_UP.sub("", text, count=1).split()) <= MAX_FOLLOW_UP_WORDS


_BARE_SIZE = re.compile(
    r"^\W*((i'?m|im|she'?s|shes|he'?s|hes|a|an|size|us|eu|uk|womens|women'?s|mens|men'?s)\s+)*"
    r"\d{1,2}([.,]5)?\W*$",
    re.I,
)
_SIZE_ASKED = re.compile(r"\b(what|which) size\b|\bsize (do|should|would)\b", re.I)


def question_follow_up(ctx: TurnContext) -> bool:
    """A short follow-up on a question answered from the documents ("and only one
    litre?", "what about the ethiopia one", "and if I only have 10 minutes?") is read with
    the question it follows; its own words pick the answer (``focus``)."""
    state = ctx.state
    if state.active_intent not in _ANSWERED_FROM_DOCUMENTS or ctx.full_text:
        return False
    same = bool(_SAME_AGAIN.search(ctx.text)) and len(ctx.text.split()) <= MAX_SAME_WORDS
    clarifies = (
        bool(_CLARIFIES.search(ctx.text))
        and "?" not in ctx.text
        and len(ctx.text.split()) <= MAX_CLARIFY_WORDS
    )
    before = state.asked[-2:-1]
    # "what size socks go with these shoes" + "9.5": the size it is asked for
    sized = bool(_BARE_SIZE.match(ctx.text) and before and _SIZE_ASKED.search(before[0]))
    if not same and not clarifies and not sized and not _short_follow_up(ctx):
        return False
    # "and how long does that take?" is read with the question it follows; what it asks is
    # searched on its own as well (questions.product_question), so "and the battery? how long
    # does it take to charge" still finds the battery's page
    if not _read_with_the_last_question(ctx):
        return False
    ctx.intent, ctx.confidence = state.active_intent, max(ctx.confidence, 0.8)
    return True


def _read_with_the_last_question(ctx: TurnContext) -> bool:
    """The message read after the question it follows, its own words kept as the ``focus``;
    False when there is none or it is read so already."""
    asked = ctx.state.asked[:-1]
    if not asked or any(n.startswith("focus:") for n in ctx.notes):
        return False
    ctx.notes.append(f"focus:{_after_a_reaction(ctx.text) or ctx.text}")
    ctx.text = f"{asked[-1]} {ctx.text}"
    return True


def _answers_a_variant_question(ctx: TurnContext, slots: Slots) -> bool:
    """ "black" after "please choose a colour for the socks: white, black", or "make them
    medium" while that addition waits: the order change asked for, read again with the colour or
    size now given (this message's own size and colour win over the earlier ones)."""
    if (
        ctx.state.active_intent is not Intent.ORDER_CHANGE
        or not (slots.colour or slots.size)
        or slots.skus
        or len(ctx.text.split()) > MAX_VARIANT_ANSWER_WORDS
        or "?" in ctx.text
    ):
        return False
    earlier = ctx.state.asked[:-1]
    named = [i for i, t in enumerate(earlier) if ctx.shop.mentions(t)]
    if not named:
        return False
    # from the request that named the product on: "…socks in large", "black", "make them medium"
    ctx.text = " ".join([*earlier[named[-1] :], ctx.text])
    ctx.notes.append(REREAD)
    fresh = extract_slots(ctx.text, ctx.shop)
    for name in ("skus", "size", "colour", "order_number"):
        setattr(slots, name, getattr(slots, name) or getattr(fresh, name))
    return True
