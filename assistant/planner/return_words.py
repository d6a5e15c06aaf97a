"""The words of returns conversations: a return started, a question about the policy, an
exchange, yes/no answers to the policy's condition questions (patterns only, no store facts)."""

from __future__ import annotations

import re
from collections.abc import Sequence

REFUND_STATUS = re.compile(
    r"\b(refund|money|reimburse\w*)\b.{0,40}\b(status|go(ne)? through|processed|yet|arriv\w*|"
    r"hit|show (up)?|received|get it|come|came|back yet|reach (me|us)|go(es)? to|end up)\b|"
    r"\b(where|when|status|did|how long)\b.{0,30}\b(refund|(my|the|our) money)\b|"
    r"\bwhen will i get my money\b|"
    r"\b(did|have|whether|if) (you|u|they)( guys| all| people)? (ever |actually |already )?"
    r"refund(ed)?\b|"
    r"\b(was|has|is) (it|that|the order|my order|order \S+) (been |ever |actually )*refunded\b",
    re.I,
)
# "what's the status of my camera return?": a return already under way, not a new one
RETURN_STATUS = re.compile(
    r"\b(status|progress) of (my|the) (\w+ )?return\b|\bwhere('?s| is) my (\w+ )?return\b|"
    r"\b(did|have) you (get|got|receive\w*) (my|the) (return|package|parcel|\w+ back)\b",
    re.I,
)
# "the cushions I sent back", "already returned them": the return is done, the refund is asked
SENT_BACK = re.compile(
    r"\b(i|we) (already )?(sent|shipped|mailed|posted|dropped|returned|brought|took)\b"
    r"(?! it back to (the|my) (store|app))|\balready (returned|sent)\b|"
    r"\b(she|he|they|my \w+) (already )?((sent|shipped|mailed|posted|brought|took) "
    r"((it|them|the|those|these|that|\w+) ){0,4}back|returned (it|them|the))\b",  # "my wife sent…"
    re.I,
)
# "i just want my money back", "id rather get a refund": a refund asked for, not a question about
# what comes back
_WANTED_REFUND = (
    r"\b(want|need|would like|'?d like|wanna|prefer|(would|'?d|id) rather (get|have)|"
    r"(like|want|prefer) to (get|have)) (all (of )?)?(my |our |a |the )?(full |entire )?"
    r"(money back|refund)\b|"
    r"(?<!my )(?<!the )(?<!your )(?<!a )\b(refund|money back),? (pls|plz|please)\b|"
    r"\b(pls|plz|please|just|honestly|can you|could you|can u),? refund (me|it|them|us)\b|"
    r"\b(give|get) me (a |my )?(refund|money back)\b"  # "…shows E1. refund pls"
)
WANTS_REFUND = re.compile(_WANTED_REFUND, re.I)
START = re.compile(
    r"\b(return(ing)?|send(ing)? (it|them|this|these|that|those|(\w+ ){1,4})? ?back|"
    rf"refund (for|on)|money back for|back for a refund)\b|{_WANTED_REFUND}",
    re.I,
)
# the return window disputed: "your returns page says i'm too late??"
TOO_LATE = re.compile(
    r"\b(too late|past the (return )?window|(return )?window (closed|is closed|has closed|ended)|"
    r"late return)\b",
    re.I,
)
POLICY_ONLY = re.compile(
    r"\b(policy|how (many|long)|how do (i|returns)|what is|what's|do you (accept|take)|"
    r"is there a|how does)\b",
    re.I,
)
EXCHANGE = re.compile(
    r"\b(exchange|swap (it|them|\w+) for|(swap|switch|trade) (it|them|em) (for|to|into)|"
    r"swap (those|these|them|em)(?! (out|over|around|in)\b)|"
    r"(different|diff|diffrent|other|another) (size|colou?r)|in a (size|smaller|bigger))\b|"
    # "can we swap for a 7": the size swapped to (not "switch to 2 bags")
    r"\b(swap|switch|trade) (for|to|into) (an? |the )?(size \w+|\d+(\.5)?|half size|"
    r"smaller|bigger|larger)(?![\w.])(?!\s+(bags?|deliver\w*|weeks?|months?|days?|packs?)\b)|"
    # "can i swap both packs for medium (white again)?": another size of the things named
    r"\b(swap|switch|trade) (\w+ ){1,2}for (an? |the )?(size \w+|small|medium|large|x-?large|"
    r"xs|xl|\d{1,2}(\.5)?)(?![\w.])(?!\s+(bags?|deliver\w*|weeks?|months?|days?)\b)|"
    # "can we swap for red same size?": another colour, the size kept
    r"\b(swap|switch|trade) (it |them )?(for|to|into) [^.?!]{0,25}\bsame size\b|"
    # "can i swap for the black ones?": another colour of the same thing
    r"\b(swap|switch|trade) (for|to|into) (an? |the )?(\w+ )?(ones|pair|pairs|version)\b|"
    r"\b(swap|switch|trade) (for|to|into) (an? |the )?(black|white|grey|gray|blue|navy|red|green|"
    r"pink|purple|coral|beige|brown|silver|gold) one\b|"
    # "the coral is too bright, she want the black one, same size": another colour wanted
    r"\b(want|wants|prefer|prefers|would like|rather have) (the |a )?(black|white|grey|gray|blue|"
    r"navy|red|green|pink|purple|coral|beige|brown|silver|gold) (one|ones|pair)\b|"
    # "could we get the 10.5 navy instead?", "can i get them in a 9?": another size of them
    r"\b(get|have) (the |an? )?(size )?\d{1,2}(\.5)?( (?!bags?|packs?|boxe?s?|oz|lbs?|cups?)\w+)?"
    r" instead\b|"
    r"\b(get|have) (them|it|those|these) in (an? |the )?(size )?\d{1,2}(\.5)?(?![\w.])"
    r"(?!\s*(bags?|packs?|days?|weeks?|months?)\b)|"
    # "i need half a size bigger, so 7.5, same colour": another size of the same pair
    r"\b(bigger|larger|smaller|up|down)\b[^.?!]{0,20}\b\d{1,2}(\.5)?\b[^.?!]{0,15}\bsame colou?r\b",
    re.I,
)
NOT_WANTED = re.compile(
    r"\b(don'?t|do not|not|no|never|without|rather than|instead of)\s+((want|need|looking|"
    r"for|an?|another|to|get|getting|like|prefer)\s+){0,3}$",
    re.I,
)


# "can we get small instead": another size or colour, when the message names one
ANOTHER_VARIANT = re.compile(r"\b(get|have|send( me| us)?|want)\b[^.?!]{0,25}\binstead\b", re.I)


def asks_exchange(text: str) -> bool:
    """An exchange asked for, not one turned down ("i don't want a different size, just my
    money back")."""
    return any(not NOT_WANTED.search(text[: m.start()]) for m in EXCHANGE.finditer(text))


# "…and if it doesnt help can i still swap them?": whether it could be done later, not a request
IF_IT_FAILS = re.compile(
    r"\bif (it|that|this|they|those|these|the( \w+){1,2}) (does ?n[o']?t|do ?n[o']?t|wo ?n[o']?t|"
    r"ca ?n[o']?t|still do ?n[o']?t) (help|work|fix|fit)|\bif (it|that|they) (fails?|still)\b|"
    r"\bif (i|we|she|he|they) (change (my|our|her|his|their) minds?|"
    r"(do ?n[o']?t|does ?n[o']?t) (like|love|want) (it|them|those|these))\b|"
    r"\bif (it|they|those|these|the \w+) (ends? up|turns? out) (being |to be )?(wrong|bad|"
    r"too \w+|uncomfortable|the wrong)\b",  # "if they end up being wrong after i run in them"
    re.I,
)
ALL = re.compile(
    r"\b(everything|all of (it|them)|the whole (order|thing)|all (the )?items)\b", re.I
)
# "can I send them back?", "a refund", "swap for a bigger size": a return is asked about
RETURN_WORD = re.compile(
    r"\b(return\w*|refund\w*|send (it|them) back|exchang\w*|money back|replace\w*)\b", re.I
)
# "can i stick it back on?": the item put back in place, not sent back
PUT_BACK = re.compile(  # "how do i get them back in the app": online again, not sent back
    r"\b(stick|put|press|lay|apply|fit|snap)s? (it|them) back (on|in|down)\b|"
    r"\b(get|bring)s? (it|them|\w+) back (in|on|into|onto) (the )?(app|wi-?fi|network|line)\b|"
    r"\bback online\b",
    re.I,
)
# "not because it's broken", "not broken broken, just lopsided": what the fault is not
NOT_DAMAGED = re.compile(
    r"\b(not|isn'?t|aren'?t|wasn'?t|nothing)\b( (because|that|as))?"
    r"( (it|they|its|it'?s|they'?re|is|are|was|were))*( (really|actually|totally|even))? "
    r"(broken|damaged|cracked|defective|faulty|missing)\b",
    re.I,
)
ONE = re.compile(r"\b(just one|only one|one of (the|them)|a single)\b", re.I)
PRONOUN = re.compile(r"\b(it|them|this|these|that|those|they)\b", re.I)
LEAD = re.compile(r"^\W*(yes|yeah|yep|yup|no|nope|nah)\s*[,.!;:-]")
_OPENER = r"^\W*((ok(ay)?|so|and|hi|hey|hmm+|um+|well)\W+)?"  # "ok what's the…"
HOW = re.compile(
    _OPENER + r"(how (do|can|would|should) (i|we)|how to|what'?s the (process|way))\b", re.I
)
# "how long do I have to return…", "can I return…": the policy and the customer's own window
ASKS = re.compile(
    _OPENER + r"(how (long|many days|much time)|until when|when is|what('?s| is) the|"
    r"is (it|there)|are \w+ returnable|do (i|you) have)\b",
    re.I,
)
# "…on new year's day. what's the last day I can send it back?": the window, anywhere
ASKS_WINDOW = re.compile(
    r"\b(what('?s| is) the (last|final) day|what('?s| is) the (return )?deadline|until when|"
    r"by when|how long do (i|we) (still )?have)\b",
    re.I,
)
ABOUT_POLICY = re.compile(
    r"\?\s*$|\b(polic(y|ies)|how long|how many days|when do i|what if|if i)\b", re.I
)
GO = re.compile(
    r"^\W*(yes|yeah|yep|yup|sure|ok(ay)?|please( do)?|go ahead|do it|start it|let'?s do it)\b", re.I
)
PART_OF_SET = re.compile(
    r"\bpart of (a|the|my) (set|pack|multi-?pack|bundle|kit)\b|"
    r"\bmissing (parts?|pieces?|accessor\w*|cables?|charger)\b|"
    # "I only need one plug of the 2-pack… a refund of half?": one unit of a pack
    r"\bone of the (two|2|pair|pack|set)\b|\b(refund|price) of half\b|"
    r"\bhalf (of )?(the|a|my) (pack|set|bundle|refund|price)\b|"
    r"\b(only|just) need one\b.{0,80}\b(pack|set|pair|second|other)\b",
    re.I,
)
STORE_CREDIT = re.compile(r"\bstore credit\b", re.I)
YES = re.compile(  # "ok yes switch them": an answer after an "ok" too
    _OPENER + r"(yes|yeah|yep|yup|sure|correct|it is|they are|i did|i have)\b", re.I
)
NO = re.compile(
    _OPENER + r"(no|nope|nah|not|never|it isn'?t|they aren'?t|i didn'?t|i haven'?t)\b", re.I
)
# an item that came damaged: physical damage (never a fault to troubleshoot first) …
DAMAGED = re.compile(
    r"\b(cracked|cracks?|broken(?! in\b)|smashed|shattered|dented|dents?|crushed|snapped|"
    r"ripped|torn|in pieces|chunk missing|scratched|peeling|peeled|separat(ing|ed)|soaked|caved in|"
    r"(coming|came|falling|fell) (apart|off|away|loose|open|undone))\b",
    re.I,
)
# … that says it is new: just delivered, straight out of the box, barely used
JUST_ARRIVED = re.compile(
    r"\b(arrived|came|delivered|showed up|turned up|received|got (it|them|my|the)|"
    r"out of the box|opened (the|this|that|my) (box|package|parcel)|unboxed|unpacked|brand new|"
    r"(only|just) (worn|used|walked|had|tried|wore)|first (use|time|wear)|"
    r"(only|just|barely) (a |one |two |three |a few |\d+ )?(days?|weeks?) old)\b",
    re.I,
)
# "where is the replacement?": news of an order asked, not only damage told
WHERE_OR_WHEN = re.compile(r"\b(where|when|track\w*|status|eta|how long)\b", re.I)
FIX_IT_MYSELF = re.compile(r"\b(how (do|can|should) i|how to) (fix|repair|glue|replace)\b", re.I)


def arrived_damaged(text: str) -> bool:
    """Physical damage to an item that has just come ("showed up with a dent", "the sole is
    peeling after two walks"), not a question about repairing it oneself."""
    said = {m.group(0).lower() for m in DAMAGED.finditer(text)}
    if said == {"broken"} and _ON_SCREEN.search(text):
        return False  # "it just says Card locked… did you send me a broken one?": a fault shown
    return bool(
        said
        and JUST_ARRIVED.search(text)
        and not FIX_IT_MYSELF.search(text)
        and not _IS_IT_BROKEN.search(text)
    )


# "is the camera broken?? got it in december": whether a fault means damage, asked (a question
# about what happens to it), not damage told
# "it keeps showing E2", "won't turn on": a fault described in the customer's own words, read
# where the store's return reasons name none (their words say which reason is for faults)
DESCRIBES_FAULT = re.compile(
    r"\b(faulty|defective|error( code)?|[A-Z]\d{1,2}(?= (error|again|code|on the|every))|"
    r"keeps (showing|turning off|shutting (off|down)|switching off|dying|cutting out|"
    r"beeping|flashing|blinking|restarting|disconnecting)|"
    r"(stopped|not|isn'?t|aren'?t) (working|charging|heating|turning on)|dead on arrival|"
    r"(is|are|went|gone|still|now) (completely |totally )?(dead|silent)|"
    r"(won'?t|wont|doesn'?t|does not|will not|can'?t|cannot) (work|turn on|charge|heat|"
    r"power on|start|boil|pair|connect)|"
    r"(quit|died) on (me|us)|(it|they|just|suddenly) (quit|died)|nothing happens|"
    r"leak(s|ing)?|drip(s|ping)? (water )?(out|from|onto|on|everywhere|all over)|"
    r"(don'?t|dont|doesn'?t|doesnt|won'?t|wont|no longer) "
    r"(come|comes|light|lights|turn|switch) (on|up)|"
    r"(black|dark|blank) (picture|screen|image|video|display)|"  # "…a totally black picture"
    r"not even a (hum|sound|click|beep))\b",  # "…just quit on me. … NOTHING, not even a hum"
    re.I,
)
_SHOWS_CODE = re.compile(
    r"\b(showing|shows|says|displays?|flashing|gives?( me)?) (an? )?[A-Z]\d{1,2}\b"
)

# "…says Card locked", "the little light … is blinking orange fast. broken already??": a fault
_ON_SCREEN = re.compile(
    r"\b(says|said|shows?|showing|displays?|reads|message|error|blink\w*|flash\w*)\b", re.I
)
_IS_IT_BROKEN = re.compile(
    r"\b(is|are) (it|they|this|that|these|something|anything|(the|my|this) [\w-]+) (\w+ )?"
    r"broken\b(?! (on|in|when)\b)|\bbroken( already| now| again)?\s*\?",  # "broken already??"
    re.I,
)


def records_answer(text: str) -> bool:
    """Where a refund or a return is, or until when a return can be started: the store's
    records answer it, whatever the order's value (a question is not handed over)."""
    return bool(
        REFUND_STATUS.search(text) or RETURN_STATUS.search(text) or ASKS_WINDOW.search(text)
    )


def describes_fault(text: str) -> bool:
    """Whether the message tells of a fault: "keeps showing E2", "won't charge", "faulty"."""
    return bool(DESCRIBES_FAULT.search(text) or _SHOWS_CODE.search(text))


_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


def asking_sentences(text: str) -> str:
    """The sentences of ``text`` that ask for the return ("…the other bag is still sealed.
    can i send that one opened bag back?" -> the last): what they say is about the item."""
    return " ".join(s for s in _SENTENCES.split(text) if START.search(s))


# "never ran in them", "havent worn them outside": the policy's word said, but denied (the
# denial at most two words before it, with no "and"/"but" between)
_DENIED = re.compile(
    r"\b(never|not|didn'?t|did not|haven'?t|have not|hasn'?t|has not)\s+"
    r"((?!and\b|but\b|so\b|then\b)\w+\s+){0,2}$"
)


def lowered(text: str) -> str:
    """``text`` as the policy's condition words are matched against: lower case, one space,
    a typographic apostrophe made plain."""
    return " ".join(text.lower().replace("’", "'").split())


def says_any(phrases: Sequence[str], low: str) -> bool:
    """A phrase of ``phrases`` said in ``low`` and not denied just before it."""
    return any(
        not _DENIED.search(low[: m.start()])
        for w in phrases
        for m in re.finditer(rf"\b{re.escape(w)}\b", low)
    )


# after "…in size 10.5, navy blue is out of stock right now."
ANOTHER_OPTION = (
    "Tell me another size or colour, or I can start a return for a refund instead: "
    'just say "return it".'
)


WANTS_TO = re.compile(r"\b(i|we) (want|need|would like|'d like) to\b", re.I)  # "i want to send…"
# "where does the money go? back to the paypal?": where and when a refund is paid
MONEY_GOES = re.compile(
    r"\bwhere (does|would|will|do|did) (the|my|our) (money|refund|cash)\b|"
    r"\b(money|refund) (go|goes|end up|land)\b|\bback (on|to|onto) (the|my) (paypal|card)\b|"
    r"\bhow (does|do|would|will) (i get )?(the|my|our) (money|refund|cash) "
    r"(come|get|be paid) back\b|"
    r"\bhow (do|would|will) (i|we) get (the|my|our) (money|refund|cash) back\b",
    re.I,
)


# "if she hates them…", "if it doesn't fit": a change of mind, which the window answers
_MIND_CHANGED = re.compile(
    r"\b(hates?|(doesn'?t|don'?t|does not|do not|won'?t) (like|want|fit|suit)|"
    r"changes? (her|his|my|their|your) mind)\b",
    re.I,
)


def asked_topic(text: str) -> str:
    """What of the returns policy a question is about: where and when the refund is paid, a
    change of mind (the window), or the return itself."""
    if MONEY_GOES.search(text):
        return "refund original payment method timing"
    return "return window days" if _MIND_CHANGED.search(text) else "return"


# "if i swap them…", "if i sent the kettle back…": a return supposed, not one made
SUPPOSED = re.compile(
    r"\bif (i|we|she|he|they|(my|our|the) \w+) ((ends? up|decides?( to)?|wants? to|needs? to) )?"
    r"(swap|exchange|switch|trade|return|send|sent)",
    re.I,
)

# "and if she hates them can she send them back": someone else's return, a question of the policy
SOMEONE_ELSES = re.compile(
    r"\b(can|could|may|will) (she|he|my \w+|the recipient) (still )?(return|send|exchange|swap)",
    re.I,
)


def asks_refund_status(text: str) -> bool:
    """Whether the refund of a return made is asked about; not "if i sent the kettle back where
    would the refund land", where a refund goes, which the policy says."""
    supposed = SUPPOSED.search(text) and MONEY_GOES.search(text)
    return bool(REFUND_STATUS.search(text)) and not supposed
