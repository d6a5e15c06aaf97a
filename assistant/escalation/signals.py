"""Deterministic signals in what the customer writes (word lists and patterns, no ML).

Thresholds (module constants, tested):

- ``negative_sentiment`` combines the cues it finds with a noisy-OR, ``1 − Π(1 − w)``, so the
  score stays in 0..1 and grows with each extra cue. Cue weights: strong words (terrible,
  useless, ridiculous, unacceptable, furious, worst, scam, …) 0.5; persistence phrases ("still
  not working", "third time", "how many times", …) 0.45; shouting (3+ ALL-CAPS words of 2+
  letters, at least half of all such words) 0.35; medium words (angry, frustrated,
  disappointed, fed up, …) 0.3; "!!!" 0.3 ("!!" 0.15); weak words (bad, poor, unhappy) 0.2.
  A word cue preceded within two words by a negation ("not bad at all", "isn't too bad") does
  not count.
- ``frustration`` fires on any of: profanity (unless the message also thanks us or says the
  problem is fixed, and sentiment stays below ``ELEVATED_SENTIMENT``); sentiment of at least
  ``SENTIMENT_THRESHOLD`` (0.6: one strong word alone is a complaint about a product, two cues
  or a strong word with "!!!" are frustration); or the same problem raised
  ``REPEAT_THRESHOLD`` (3) times, counting the current message, or a message that says it was
  raised before ("this is the third time I'm writing").
- Two messages raise "the same problem" when their content words (stop words dropped, simple
  suffix stemming) overlap by at least half of the smaller set and share at least
  ``min(2, smaller set)`` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

SENTIMENT_THRESHOLD: Final = 0.6
ELEVATED_SENTIMENT: Final = 0.4
REPEAT_THRESHOLD: Final = 3
SIMILARITY_THRESHOLD: Final = 0.5

_NOT_WORD = r"(?<![a-z0-9])"  # word boundaries that also work next to masking symbols (f**k)
_END_WORD = r"(?![a-z0-9])"


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").lower()


# --- profanity ---------------------------------------------------------------------------------

_PROFANITY_PATTERNS = (
    r"f+[u*@#v]+c*k+(?:ing|in|in'|ed|er|ers|s|up|off|ery)?",  # fuck, fuk, f*ck, f**k, fucking
    r"f[*#@]{2,3}",  # f**, f***
    r"f[*\-]c?k+(?:ing|in|ed|er|s)?",  # f-ck, f-k
    r"fck+(?:ing|in|ed|er|s)?",
    r"fk+",
    r"phuck\w*",
    r"fuq+",
    r"[s$]h[i1!*]+t+(?:s|ty|tier|tiest|ting|ted|head|show)?",  # shit, sh1t, sh*t
    r"s[*]{2,}t",  # s**t
    r"bull\s?sh[i1!*]t",
    r"crap(?:py|s)?",
    r"damn(?:ed|it)?",
    r"goddamn(?:ed|it)?",
    r"bitch(?:es|ing|y)?",
    r"bastards?",
    r"ass(?:hole|holes|hat|hats)?",
    r"a[*$]{2}(?:hole)?",
    r"arse(?:hole)?",
    r"piss(?:ed|ing)?",
    r"cunts?",
    r"wtf+",
    r"stfu",
    r"ffs",
    r"omfg",
)
_PROFANITY: Final = re.compile(_NOT_WORD + "(?:" + "|".join(_PROFANITY_PATTERNS) + ")" + _END_WORD)


def profanity(text: str) -> bool:
    """Whether ``text`` contains a swear word, including masked or misspelt ones (f*ck, fuk,
    sh1t, wtf). Matches whole words only: "Scunthorpe", "class", "shiitake" and "f-stop" are
    clean."""
    return _PROFANITY.search(_normalise(text)) is not None


# --- negative sentiment ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    weight: float
    negatable: bool  # a "not"/"never"/"n't" just before it cancels it


def _words(weight: float, *words: str, negatable: bool = True) -> _Cue:
    body = "|".join(words)
    return _Cue(re.compile(rf"\b(?:{body})\b"), weight, negatable)


_CUES: Final[tuple[_Cue, ...]] = (
    _words(
        0.5,
        "terrible",
        "horrible",
        "horrendous",
        "awful",
        "atrocious",
        "useless",
        "ridiculous",
        "unacceptable",
        "furious",
        "livid",
        "worst",
        "scam",
        "scammed",
        "scammers?",
        "fraud",
        "rip-?off",
        "ripped off",
        "garbage(?! (?:disposal|can|bag|bin|truck|day))",  # not the kitchen's garbage disposal
        "pathetic",
        "incompetent",
        "disgusting",
        "disgraceful",
        "outrageous",
    ),
    _words(
        0.3,
        "angry",
        "annoyed",
        "annoying",
        "frustrated",
        "frustrating",
        "disappointed",
        "disappointing",
        "upset",
        "fed up",
        "sick of",
        "tired of",
        "sucks?",
        "nightmare",
        "hopeless",
        "waste of (?:my )?(?:time|money)",
        "(?:is a|what a) joke",
        "thanks for nothing",
    ),
    _words(0.2, "bad", "poor", "poorly", "unhappy", "lousy"),
    # phrases that are negative *because* of a negation: never cancelled
    _words(
        0.3,
        r"not (?:happy|satisfied|impressed|ok(?:ay)?|good enough|acceptable)",
        "never again",
        "never (?:buying|ordering|shopping)",
        r"(?:no one|nobody|no-one) (?:is )?(?:help(?:s|ing|ed)?|cares?|answers?|respond(?:s|ed)?)",
        negatable=False,
    ),
    # the problem keeps coming back
    _words(
        0.45,
        r"still (?:not|isn't|is not|doesn't|does not|won't|will not|can't|cannot|hasn't|"
        r"has not|haven't|have not|didn't|did not)\b[\w' ]{0,20}?\b(?:work\w*|arrived?|"
        r"receiv\w*|fix\w*|charg\w*|connect\w*|pair\w*|turn\w* on|show\w* up|here|resolved)",
        r"still (?:broken|waiting|the same|happening|an issue|a problem)",
        r"(?:third|3rd|fourth|4th|fifth|5th|tenth|nth) time",
        r"(?:\d+|many|several|multiple|three|four|five) times (?:now|already|today)",
        "how many times",
        "again and again",
        "over and over",
        "(?:i|i've|i have) already (?:told|explained|said|tried)",
        "keep(?:s)? (?:happening|breaking|failing|telling me)",
        negatable=False,
    ),
)
_NEGATORS: Final = frozenset(
    """not no never hardly without nothing neither nor isnt wasnt arent werent dont doesnt
    didnt aint cant couldnt wont wouldnt hasnt havent""".split()
)
_TOKEN = re.compile(r"[a-z0-9']+")
_SHOUT_WORD = re.compile(r"^[A-Z]{2,}[!?.,:;]*$")
_ALPHA_WORD = re.compile(r"^[A-Za-z]{2,}[!?.,:;']*$")
_BANGS = re.compile(r"!(?:[!?1]*!)+")  # "!!", "!!!", "?!!", "!!1!"

SHOUT_MIN_WORDS: Final = 3
SHOUT_WEIGHT: Final = 0.35
BANG3_WEIGHT: Final = 0.3
BANG2_WEIGHT: Final = 0.15


def _negated(normalised: str, start: int) -> bool:
    before = _TOKEN.findall(normalised[:start])[-2:]
    return any(word in _NEGATORS or word.endswith("n't") for word in before)


def _shouting(text: str) -> bool:
    words = [w for w in text.split() if _ALPHA_WORD.match(w)]
    shouted = [w for w in words if _SHOUT_WORD.match(w)]
    return len(shouted) >= SHOUT_MIN_WORDS and len(shouted) * 2 >= len(words)


def sentiment_cues(text: str) -> list[tuple[str, float]]:
    """The negative cues found in ``text`` (matched text, weight), each distinct cue once."""
    normalised = _normalise(text)
    found: dict[str, float] = {}
    for cue in _CUES:
        for match in cue.pattern.finditer(normalised):
            if cue.negatable and _negated(normalised, match.start()):
                continue
            found.setdefault(match.group(0), cue.weight)
    if _shouting(text):
        found["<shouting>"] = SHOUT_WEIGHT
    bangs = [len(m.group(0)) for m in _BANGS.finditer(text)]
    if bangs:
        found["<!!!>"] = BANG3_WEIGHT if max(bangs) >= 3 else BANG2_WEIGHT
    return list(found.items())


def negative_sentiment(text: str) -> float:
    """How negative ``text`` reads, 0 (neutral or positive) to 1 (angry); see the module doc."""
    calm = 1.0
    for _, weight in sentiment_cues(text):
        calm *= 1.0 - weight
    return round(1.0 - calm, 4)


# --- asking for a person -----------------------------------------------------------------------

_TARGET = (
    r"(?:human(?: being)?|person|people|(?:support |customer service |live |real )?agent|"
    r"representative|rep|someone|somebody|anyone|manager|supervisor|operator|staff|"
    r"customer (?:service|support|care)|support team|real one)"
)
_FILLER = r"(?:(?:a|an|the|some|your|one of your|real|actual|live|human|proper|member of) )*"
_HUMAN_REQUESTS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(rf"\b(?:talk|speak|chat)(?:ing)? (?:to|with) {_FILLER}{_TARGET}\b"),
    re.compile(
        rf"\b(?:connect|transfer|put|pass|hand|get|forward|route|send)\w* (?:me|us|this|"
        rf"my (?:case|issue|problem|request|chat)) (?:to|with|through to|over to|on to) "
        rf"{_FILLER}{_TARGET}\b"
    ),
    re.compile(r"\bescalat(?:e|ed|ion)\b"),
    re.compile(
        r"\b(?:human|live|real|actual) (?:agent|person|being|representative|rep|operator)\b"
        # "only if an actual person is in the apartment": someone the camera sees
        r"(?! (?:is|was|walks?|comes?|enters?|appears?|moves?|shows up)\b)"
    ),
    re.compile(r"\b(?:a|an|some|any) human\b(?! (?:error|mistake|hair|body|ear|eye|skin))"),
    re.compile(r"\b(?:human|agent|representative|operator|person) (?:please|pls|plz|now)\b"),
    re.compile(r"^\W*(?:human|agent|representative|operator|real person|person)\W*$"),
    re.compile(r"\b(?:someone|somebody|anyone|an agent|a person) (?:to )?(?:call|phone|ring) me\b"),
    # "I want someone to actually DO something": a person, not more of the same answers
    re.compile(
        r"\b(?:i|we) (?:want|need|expect) (?:someone|somebody|a person|a human) to (?:actually )?"
        r"(?:do something|do anything|fix (?:this|it)|sort (?:this|it) out|deal with (?:this|it)|"
        r"look into (?:this|it)|read (?:this|it)|take care of (?:this|it))\b"
    ),
)
_NO_BOT: Final = re.compile(
    r"\b(?:don't|do not|dont) want (?:to (?:talk|speak|chat) (?:to|with) )?"
    r"(?:a|an|the|this|your) (?:bot|robot|machine|chatbot|ai)\b|"
    r"\b(?:done|enough|finished) with (?:the|this|your) (?:bot|robot|chatbot|ai)\b|"
    r"\b(?:done|finished|tired of|sick of) (?:talking|chatting|speaking) (?:to|with) "
    r"(?:a|the|this|your) (?:bot|robot|machine|chatbot|ai)\b"
)
_HUMAN_NEGATORS: Final = frozenset({"not", "no", "never", "without", "dont", "doesnt", "didnt"})


# "can i talk to her through it?" about a camera: talking through a device, not to a person
_THROUGH_IT = re.compile(
    r"\b(talk|speak|chat)\w* (to|with) (her|him|them|it|my \w+|the \w+)\b[^.?!]{0,30}"
    r"\b(through|on|over|using|via) (it|this|that|them|the \w+)\b",
    re.I,
)


def talks_through_it(text: str) -> bool:
    """ "can i talk to her through it when she barks?": talking through a device."""
    return bool(_THROUGH_IT.search(text))


def asks_for_human(text: str) -> bool:
    """Whether the customer asks for a person ("let me talk to a human", "agent please",
    "transfer me to customer service", "I don't want a bot"), and not "I don't need an agent"."""
    normalised = _normalise(text)
    if _NO_BOT.search(normalised):
        return True
    for pattern in _HUMAN_REQUESTS:
        for match in pattern.finditer(normalised):
            before = _TOKEN.findall(normalised[: match.start()])[-4:]
            if not any(w in _HUMAN_NEGATORS or w.endswith("n't") for w in before):
                return True
    return False


# --- frustration -------------------------------------------------------------------------------

Trigger = Literal["profanity", "negative_sentiment", "repetition"]

_RELIEF: Final = re.compile(
    r"\b(?:thanks?(?! for nothing)|thank you|thx|ty|cheers|works now|working now|"
    r"fixed(?: it)?|solved|sorted|that did it|perfect|awesome|great|"
    # "…or am i stuck with the crappy airline earbuds lol": a joke, not anger at us
    r"lol|lmao|rofl|haha\w*|hehe\w*)\b"
)
_STOP_WORDS: Final = frozenset(
    """a about again already also am an and any are as at be been but by can can't cannot could
    did didn't do does doesn't don't for from get got had has hasn't have haven't hello help hi
    how i i'm i've if in is isn't it it's its just me my no not now of on or our please same so
    still that the their them then there they this to too tried try trying up us was wasn't we
    what when where which why will with won't would you your yes ok okay thanks thank hey""".split()
)


# "oh crap i literally just ordered coffee separately": a swear at the customer's own slip,
# an exclamation that opens the message and goes on in the first person, not anger at us
_OWN_SLIP: Final = re.compile(
    r"^\W*(?:(?:oh|ah|aw|ugh|argh)\W+)?(?:crap|shit|(?:damn|dang|darn)(?: it)?|dammit|damnit)\W+"
    r"(?:i|i'm|im|i've|ive|i just|we|we've|my)\b"
)


@dataclass(frozen=True, slots=True)
class FrustrationSignal:
    """Why the customer seems frustrated: what fired, the sentiment score of the current message,
    and how many times (current included) the same problem has been raised."""

    triggers: tuple[Trigger, ...]
    sentiment: float
    profanity: bool
    repeats: int

    def describe(self) -> str:
        parts = []
        if self.profanity:
            parts.append("profanity")
        if "negative_sentiment" in self.triggers:
            parts.append(f"negative sentiment {self.sentiment:.2f}")
        if "repetition" in self.triggers:
            parts.append(f"same problem raised {self.repeats} times")
        return ", ".join(parts)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of ``text``, stop words dropped and suffixes stemmed."""
    tokens = _TOKEN.findall(_normalise(text))
    return frozenset(_stem(t) for t in tokens if t not in _STOP_WORDS and len(t) > 1)


def same_problem(a: str, b: str) -> bool:
    """Whether two messages are about the same problem (content-word overlap, see module doc)."""
    left, right = content_words(a), content_words(b)
    smaller = min(len(left), len(right))
    if smaller == 0:
        return False
    shared = len(left & right)
    return shared >= min(2, smaller) and shared / smaller >= SIMILARITY_THRESHOLD


# the customer says this problem was raised before, in another chat or email
_SAYS_REPEATED: Final = re.compile(
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th|another) time "
    r"(i'?m |i am |i'?ve |i have )?(writ|contact|ask|messag|reach|email|call|complain|tell)\w*|"
    r"\b(i'?ve|i have) (already )?(written|contacted|asked|emailed|called|complained|"
    r"messaged) (you |about this |about it )?(before|already|twice|\d+ times|several times|"
    r"many times|multiple times)\b"
)


def frustration(history: Sequence[str], current: str) -> FrustrationSignal | None:
    """A :class:`FrustrationSignal` if the customer's ``current`` message shows frustration,
    else ``None``. ``history`` is the customer's earlier messages in this conversation (oldest
    first) since their last problem was resolved."""
    swore = profanity(current)
    score = negative_sentiment(current)
    repeats = 1 + sum(1 for earlier in history if same_problem(earlier, current))
    triggers: list[Trigger] = []
    said = _normalise(current)
    calm = _RELIEF.search(said) is not None or _OWN_SLIP.search(said) is not None
    relieved = calm and score < ELEVATED_SENTIMENT
    if swore and not relieved:
        triggers.append("profanity")
    if score >= SENTIMENT_THRESHOLD:
        triggers.append("negative_sentiment")
    if repeats >= REPEAT_THRESHOLD or _SAYS_REPEATED.search(_normalise(current)):
        triggers.append("repetition")  # or says so: "this is the THIRD time im writing"
    if not triggers:
        return None
    return FrustrationSignal(tuple(triggers), score, swore, repeats)
