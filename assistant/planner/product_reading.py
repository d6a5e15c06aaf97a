"""What a message says about a product's use or warranty beyond the router's guess: where the
serial number is printed, a claim asked for, a fault asked about as covered, someone else given
access to the product, lost photos to get back. Part of :func:`reading.read_signals`."""

from __future__ import annotations

import re

from assistant.agent.clauses import is_asked, split_clauses
from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner import return_words
from assistant.planner.asked_kinds import ASKS_COVERED, IF_IT_RECURS, SHARED
from assistant.planner.question_words import QUESTION

SERIAL_WHERE = "serial-where"  # note: the customer asks where the serial number is printed
SERIAL_ASKED = re.compile(  # "…need the serial or anything from me? where is it on this thing"
    r"\bwhere\b.{0,40}\b(serial|s/n)\b|"
    r"\b(serial|s/n)\b.{0,60}\bwhere('?s| is| do| can| would| should) (it|that|this|i)\b",
    re.I,
)
_FIND_IT = re.compile(
    r"\bwhere (do|can|would|should) (i|we) (even )?(find|look for|see) (that|it|this)\b|"
    r"\bwhere('?s| is) (it|that) (on|printed|located)\b",  # "where is it on this thing"
    re.I,
)
_AND_THE = re.compile(r"^\W*((and|what about|how about|also)\b|the other)", re.I)
_ABOUT_A_WARRANTY = frozenset(
    {Intent.WARRANTY_REGISTRATION, Intent.WARRANTY_INFO, Intent.WARRANTY_CLAIM}
)
# "ok yes please start a claim then", "can you file a warranty claim": asked for, not asked about
# ("do i need to file a claim?", "is there a deductible when I make a claim?")
_START_CLAIM = re.compile(
    r"(^\W*|\b(please|pls|can you|could you|would you|i'?d like to|i would like to|i want to|"
    r"wanna|let'?s|go ahead and|yes|yeah|ok|okay)\W+)((\w+)\W+){0,2}?(start|file|open|make|"
    r"submit|put in|lodge|raise|begin) (a |the |my |an )?(warranty )?claim\b",
    re.I,
)
_WHAT_IT_TAKES = re.compile(
    r"\bwhat (do|would) (you|u) need\b|\bwhat (do|should) (i|we) (need to )?(do|send|provide)\b|"
    r"\b(next steps?|how (do|can) (i|we) (claim|get (it|them) (fixed|replaced|repaired)))\b",
    re.I,
)
_NOT_NOW = re.compile(r"\b(don'?t|do not|not yet|no need)\b", re.I)
# "…lost all the photos from my ski weekend. any way to get them back?": files, not a return
_DATA_BACK = re.compile(
    r"\b(photos?|pictures?|pics|files?|videos?|clips?|footage|recordings?|data|images?)\b"
    r".{0,120}\b((get|bring) (them|it|those|these|my \w+) back|"
    r"(recover|restore|retrieve|undelete) (them|it|those|these))\b|"
    r"\b(recover|restore|retrieve|undelete|get back) (my |the |all |those |these )?"
    r"(deleted |lost |formatted )?(photos?|pictures?|pics|files?|videos?|clips?|footage|data)\b",
    re.I | re.S,
)
SURE_ENOUGH = 0.85  # a message routed more surely than this keeps its intent
# "it fell down from the desk… warranty can fix it?": an accident told, whether it is covered asked
_AN_ACCIDENT = re.compile(
    r"\b(dropped|fell|fallen|knocked (it |them )?(off|over)|spill(ed|t)|sat on|stepped on|"
    r"ran over|got wet|in the (pool|sink|washing machine|rain))\b",
    re.I,
)
# "…cracked and flaking after a year of daily use": wear, which a coverage question asks about
_WORN = re.compile(
    r"\b(after (a|one|two|\d+) (years?|months?) of (daily |normal |heavy )?use|"
    r"worn (out|down|thin)|wear and tear)\b",
    re.I,
)
_FIX_FIRST = re.compile(
    r"\b(anything|something|any ?way|a way|tips?|tricks?|what) (\w+ ){0,3}(fix|help|stop|try|do)\b"
    r"[^.?!]{0,40}\bbefore (we|i|she|he|they) (send|return|give up)",
    re.I,
)
# "roughly how many raw photos fit on my card", "how many minutes of 4k will it hold": how much
# the product holds, not what fits it
_HOW_MUCH_HOLDS = re.compile(
    r"\bhow (many|much) (\w+ ){1,4}((will|would|can|could|do|does)( (it|they|that|this|the \w+|"
    r"my \w+))? )?(fit|go|hold|store)s?\b"
    r"(?! (with|for)\b)",
    re.I,
)
UNSURE_CLAIM = 0.5  # a claim routed less surely than this may be a question about coverage


def read_warranty(ctx: TurnContext) -> bool:
    """Set the intent the message's words say (True), or leave it (False)."""
    text = ctx.text
    # "where do i even find that on it?" after "send me the serial number"; "and the other one,
    # the camera?" after where the plug's is. Where it is printed needs no account.
    serial = (
        SERIAL_ASKED.search(text)
        or (_FIND_IT.search(text) and ctx.state.active_intent in _ABOUT_A_WARRANTY)
        or (ctx.state.topic == SERIAL_WHERE and _AND_THE.search(text) and ctx.shop.mentions(text))
    )
    if serial and not _asks_more(text):
        asked = Intent.WARRANTY_REGISTRATION if ctx.state.verified else Intent.WARRANTY_INFO
        ctx.intent, ctx.confidence = asked, max(ctx.confidence, 0.8)
        ctx.notes.append(SERIAL_WHERE)
        return True
    if _START_CLAIM.search(text) and not _NOT_NOW.search(text):
        # "ok yes please start a claim then": the claim, however unsure the router was
        ctx.intent, ctx.confidence = Intent.WARRANTY_CLAIM, max(ctx.confidence, 0.8)
        return True
    if (
        ctx.intent in (Intent.SETUP_HELP, Intent.TROUBLESHOOTING)
        and ctx.confidence < SURE_ENOUGH
        and SHARED.search(text)
    ):  # "how do i let her see the cam on her phone too?": what the product lets others do
        ctx.intent = Intent.PRODUCT_QUESTION
        return True
    if ctx.intent is Intent.RETURNS_REFUNDS and _FIX_FIRST.search(text):
        # "…her heel slides up and out… anything to fix that before we send them back?": the
        # fix asked for; the return is the fallback
        ctx.intent = Intent.TROUBLESHOOTING
        return True
    if (
        ctx.intent is Intent.RETURNS_REFUNDS
        and _DATA_BACK.search(text)
        and not return_words.RETURN_WORD.search(text)
    ):  # "i formatted my card by accident… any way to get them back?": the card's recovery
        ctx.intent = Intent.TROUBLESHOOTING
        return True
    if (
        ctx.intent is Intent.TROUBLESHOOTING
        or (
            ctx.intent is Intent.WARRANTY_CLAIM
            and (ctx.confidence < UNSURE_CLAIM or _AN_ACCIDENT.search(text) or _WORN.search(text))
            and not _WHAT_IT_TAKES.search(text)  # "…what do you need from me": the claim
        )
    ) and ASKS_COVERED.search(text):
        # "…shutter error 3 times last night. is this covered?", "now it dies after 25 hrs… is
        # this a warranty thing?": the item's coverage, not a claim the router half guessed
        ctx.intent, ctx.confidence = Intent.WARRANTY_INFO, max(ctx.confidence, SURE_ENOUGH)
        return True
    if (
        ctx.intent in (Intent.ACCESSORIES, Intent.PRODUCT_QUESTION)
        and ctx.confidence < SURE_ENOUGH
        and _HOW_MUCH_HOLDS.search(text)
        and set(ctx.shop.mentions(text)) - ctx.shop.vocabulary.by_kind_only(text)
    ):  # named, not "that card" (the one in focus's, which the unsure reading resolves)
        ctx.intent, ctx.confidence = Intent.PRODUCT_QUESTION, max(ctx.confidence, SURE_ENOUGH)
        return True
    if ctx.intent is Intent.WARRANTY_CLAIM and IF_IT_RECURS.search(text):
        ctx.intent = Intent.WARRANTY_INFO  # "if it keeps happening is it still under warranty?"
        return True
    return False


def _asks_more(text: str) -> bool:
    """ "…can i still add the extended warranty? and where's the serial on it": another
    question beside where the serial is, which the warranty's answer answers together."""
    return any(
        is_asked(text, c) or QUESTION.search(c)
        for c in split_clauses(text)
        if not (SERIAL_ASKED.search(c) or _FIND_IT.search(c) or _SERIAL.search(c))
    )  # "do they need the serial or anything from me?": the serial's answer says it


_SERIAL = re.compile(r"\b(serial|s/n)\b", re.I)


_YES_NO = re.compile(
    r"(^|[.?!,;:)]\s+|\b(and|but|so)\s+)(can|could|will|would|does|do|is|are|should) "
    r"(i|it|they|this|that|these|my|the|a|an|he|she|we)\b|"
    r"[:;,]\s+(it |they )?works? (also |too |still )?with\b",  # "…my old remote: works with…"
    re.I,
)
_SHOPPING = re.compile(
    r"\b(recommend\w*|suggest\w*|what (else|other|accessor\w*)|which accessor\w*|any accessor\w*|"
    r"do you (sell|have|carry)|should i (buy|get)|worth (buying|getting))\b",
    re.I,
)


_SPARE = re.compile(r"\b(buy|get|order|find|purchase)\b[^.?!]{0,20}\b(spare|replacement)\b", re.I)


def accessories_question(ctx: TurnContext) -> None:
    """ "will my old RS-1 remote work with the Z8?": a question for the documents, not a
    shopping list of accessories."""
    if ctx.intent is Intent.ACCESSORIES and (
        (_YES_NO.search(ctx.text) and not _SHOPPING.search(ctx.text)) or _SPARE.search(ctx.text)
    ):  # "where do i buy a spare in case this one goes down the drain": the part's documents
        ctx.intent = Intent.PRODUCT_QUESTION
