"""What kind of thing a question asks, and the kind of line that answers it: "can I…?" is
answered by a line that allows or forbids, "how long…" by a duration, "how hot…" by a
temperature, "where is…" by a place, "what are your hours" by times of day, "which kinds…" by a
list. :func:`assistant.planner.answers.best_answer` scores lines with them."""

from __future__ import annotations

import re

from assistant.intents import Intent
from assistant.planner.limits import told_amounts

# "can I put tea in the kettle?": a line that allows or forbids it answers the question
MAY_I = re.compile(
    r"^\W*((and|also|so|but|ok|okay)\W+)?((\w+ ){0,3}\w+, )?"  # "and for next time, can i…"
    r"(can|could|may|is it (ok|okay|safe|fine)|should) "
    r"(i|we|you|it|they|he|she)\b",
    re.I,
)
# "how long does it take…": a line that gives a duration answers it; "how hot…" a temperature
PRICE = re.compile(r"\b(how much|price[sd]?|cost(s|ing)?)\b", re.I)  # "how much is <the plan>?"
_ASKS = re.compile(r"\?|^\W*(is|does|do|can|will|what|how|are)\b|\b(is|does) (it|there)\b", re.I)
_CHARGED = re.compile(r"\b(charged|refund|never (bought|ordered|signed))\b", re.I)


_PLAN_ASKED = frozenset({Intent.PRODUCT_QUESTION, Intent.WARRANTY_INFO, Intent.ACCESSORIES})
_PLAN_USED = frozenset({Intent.WARRANTY_CLAIM, Intent.HUMAN_AGENT})  # a claim under it
PLAN_SURE = 0.7  # a router surer than this of another topic keeps it


def names_the_plan(text: str, plan: str | None) -> bool:
    """The store's extended plan named in ``text``: by its full name, or by its last word used
    as a noun ("how much is that <word> thing", "the <word> plan"), not as a verb ("will the
    case <word> it from rain?")."""
    if not plan:
        return False
    if plan.lower() in text.lower():
        return True
    word = re.escape(plan.split()[-1])
    return bool(
        re.search(
            rf"\b(the|that|this|your|a)\s+{word}\b(?!\s+(it|them|my|the|your|from|against))",
            text,
            re.I,
        )
        or re.search(
            rf"\b{word}\s+(thing|plan|warranty|coverage|cover|extension|add-?on)\b", text, re.I
        )
    )


def asks_about_plan(
    text: str, plan: str | None, intent: Intent | None = None, confidence: float = 0.0
) -> bool:
    """ "Is there a deductible on <the store's plan>, and is it monthly?": a question about
    the plan's own terms (not "I was charged for <plan>": a dispute; not a claim under it),
    with its price asked or the router unsure what else it could be."""
    if not names_the_plan(text, plan) or intent in _PLAN_USED:
        return False
    if PRICE.search(text):
        return True
    unsure = intent is None or intent in _PLAN_ASKED or confidence < PLAN_SURE
    return unsure and bool(_ASKS.search(text)) and not _CHARGED.search(text)


# "are they wool?", "is the lid plastic?": a line that says what it is made of answers it
MATERIAL = re.compile(
    r"\b(wool|merino|cotton|leather|plastic|metal|steel|alumin(i)?um|polyester|nylon|silk|"
    r"bamboo|rubber|latex|glass|made (of|from|out of)|what material|bpa)\b",
    re.I,
)
MATERIAL_LINE = re.compile(
    r"\d+\s?% [a-z]|\b(made (of|from)|fib(er|re) content|materials?)\b", re.I
)
HOW_LONG = re.compile(r"\b(how (long|many (minutes|hours|days))|how much time)\b", re.I)
DURATION = re.compile(
    r"\b\d+([.,–-]\d+)?\s*((business|working|calendar) )?"
    r"(seconds?|minutes?|min|hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.I,
)
# "how much would i actually get back?": a line with an amount of money answers it
MONEY_BACK = re.compile(
    r"\bhow much (would|will|do|did|can|could) (i|we) (actually |really )?"
    r"(get|be refunded|be paid)\b|\bhow much (is|would be|will be) (the|my) refund\b",
    re.I,
)
MONEY = re.compile(r"[$€£]\s?\d")
HOW_OFTEN = re.compile(r"\bhow (often|frequently|many times)\b", re.I)
RATE = re.compile(
    r"\b((once|twice|\d+ times) (a|per|each) (day|week|month|year)|every (day|week|month|year|"
    r"\d+ (days|weeks|months))|daily|weekly|monthly|yearly)\b",
    re.I,
)
SHIPPED = re.compile(r"\b(package|parcel|order|shipment|delivery)\b", re.I)
HOW_HOT = re.compile(
    r"\b(temp\w*|how (hot|warm|cold)|freezing|below zero)\b|(?<![\w.])-\d+\s?°?\s?[cf]?\b|"
    r"(?<![\w.])\d+\s?(°\s?[cf]?|degrees?)(?!\w)|(?<![\w.])\d+[cf]\b|"
    r"\b(wash\w*|rinse)\b (\w+ ){0,2}(hot|warm|cold|boiling)\b",
    re.I,
)  # "like -20c at night", "40 degrees in the car", "can i wash them hot"
TEMPERATURE = re.compile(r"\d\s*°\s*[CF]\b")
# "where is the roast date?": a line that says where something is printed or found
WHERE = re.compile(r"\bwhere\b(?! (can|do) i (buy|get|order))", re.I)
PLACE = re.compile(
    r"\b(printed|located|found|stamped|under|underneath|inside|behind|next to|above|below|"
    r"beside|on the (back|front|bottom|top|side|underside|inside|left|right|base|label))\b",
    re.I,
)
# "where are the beans grown?": a line that names a place of origin ("from Cauca", "made in")
FROM_WHERE = re.compile(
    r"\bwhere\b.{0,60}\b(grown|from|made|produced|sourced|manufactured|farmed)\b", re.I
)
ORIGIN = re.compile(r"\b(from|in) (the )?[A-Z][a-z]+|\b(grown|made|farmed) (in|on|at)\b")
# "what are your hours?": a line with times of day; "so it doesn't turn on" is a purpose
WHEN = re.compile(r"\b(hours|opening|open|what time|when (are|is|do) (you|your|the))\b", re.I)
CLOCK = re.compile(r"\b\d{1,2}(:\d\d)?\s*(am|pm)\b|\b\d{1,2}:\d\d\b", re.I)
PURPOSE = re.compile(
    r"\bso (that )?(it|they|the \w+) (does ?n'?t|wo ?n'?t|do ?n'?t|never|can'?t|cannot)\b.*",
    re.I,
)
# "if I add socks to my order, how is that paid?": how something works, asked first
# a claim not made yet: whether it would be covered, if the fault comes back
IF_IT_RECURS = re.compile(
    r"\b(if|in case|should)\b[^?.!]{0,50}\b(is|are|would|will)\s+(it|that|this|they|i)\s+"
    r"(still\s+)?(be\s+)?(under|covered|in)\b",
    re.I,
)
# "is something wrong with them?": a fault asked about (questions only: "wrong items" is none)
SOMETHING_WRONG = re.compile(
    r"\b((something|anything|what'?s|whats|what is) (\w+ )?wrong|"
    r"(do|did|doin'?g?|it|me|i) wrong)\b",
    re.I,
)
# "…3 times at the game last night. is this covered?": whether the fault is the warranty's
# as typed, by non-native writers too ("warrenty", "garanty")
_WARRANTY = r"(war+[ae]nt(y|ee|ie)|guarantee|garant(y|ie|ee)|guaranty)"
# the words of a warranty question ("is it covered", "a garanty thing")
WARRANTY_WORD = re.compile(rf"\b({_WARRANTY}|warranties|covered)\b", re.I)
ASKS_COVERED = re.compile(
    rf"\b((is|would|will|are) (this|that|it|they|these|mine|the \w+) (still )?(be )?"
    rf"(covered|under (the |a )?{_WARRANTY}|a {_WARRANTY} (thing|issue|claim))|"
    rf"(does|would|will) (the |my )?{_WARRANTY} (cover|include)|"
    # "Warranty can fix it?", "will the warranty repair it?"
    rf"((can|will|would|does) )?(the |my )?{_WARRANTY} (can |will )?(fix|repair|replace)e?s? "
    rf"(it|this|that|them)\b|"
    rf"(it|this|that|they) (is|are) (still )?covered\b[^.!]*\?|"
    # "can i get them replaced under warranty?"
    rf"(can|could) (i|we) get (it|them|this|these|those) (replaced|repaired|fixed) "
    rf"(under|on|with|through) (the |my )?{_WARRANTY}|"
    rf"covered (by|under) (the |my )?{_WARRANTY})\b",
    re.I,
)
# "how do i let my mom see the cam from her own phone?": someone else given access, which
# manuals call sharing or inviting
SHARED = re.compile(
    r"\b(let|allow|give|add) (her|him|them|my \w+|someone|somebody|others?|family)\b.{0,40}"
    r"\b(see|watch|view|access|use|control|get)\b|"
    r"\b(on|from) (her|his|their|my \w+'s|\w+'s) (own )?(phone|app|account|end|side)\b|"
    r"\b((can|could|would|will) (she|he|they|my (wife|husband|partner|mom|mum|dad|sister|"
    r"brother|kids?|son|daughter|roommate|family))|(she|he) (won'?t|will not|wouldn'?t|can'?t|"
    r"cannot))( also| even)? (be able to )?(see|watch|view|delete|change|mess|control|access)\b",
    re.I,
)
IF_I = re.compile(r"^\W*((and|so|but|ok)\W+)?if (i|we) (?!\w+ed\b)", re.I)
# "so if id added one more thing…, would shipping have been free?": how the rule would have gone
HAD_I = re.compile(r"\bif (i|we)('?d| had) \w+ed\b[^.!]*\bwould\b[^.!]*\?", re.I)
ASKING = re.compile(r"\b(how|what|when|which|do|does|is|are|can|will|would)\b", re.I)
# "what happens when the card is full, does it just stop?": a what-if about normal use, not a
# fault to fix (a fault is reported as it is: "it stopped recording")
# "what does the HOLD button actually do?", "what's eco mode for": what the thing is for, which
# a section's opening sentence says ("Hold keeps the water at … for 60 minutes")
WHAT_FOR = re.compile(
    r"\bwhat(?:'?s| (?:does|do|is|are))\b[^?.!]{1,60}\b(do|for|does)\b"
    r"( (exactly|actually|really|again|tho|though))?\s*(?:[?.!]|$)",
    re.I,
)
WHAT_IF = re.compile(r"\bwhat happens (if|when|once|after)\b[^?.!]*", re.I)
VERDICT = re.compile(
    r"\b(never|do not|don't|must not|only|not suitable|safe to|can be|is fine)\b", re.I
)
LIST_CUE = re.compile(
    r"\b(which|what (kinds?|types?|options?|methods?|ways?|colou?rs?|sizes?)|list|options|"
    r"methods|ways|colou?rs|sizes|accept)\b",
    re.I,
)
# "how heavy is it?", "how wide is the view?", "quanto pesa?": a line that gives that measurement
# answers it, a specification row whose label names it ("Weight", "Field of view", "Range") or a
# line with an amount in its units ("attached 30 in (76 cm) power cord")
_LENGTH = r"\d\s*(mm|cm|m|km|in|inch(es)?|ft|feet|foot|metres?|meters?)\b"
_TIME = r"\d\s*(days?|weeks?|months?|years?)\b"
_KEEPS = re.compile(
    r"\b(shelf[- ]life|expir(y|ation) date|best[- ]before|use[- ]by date|"
    r"how long\b(?=[^.?!]{0,60}\bopen(ed|ing)?\b)[^.?!]{0,50}\b(good|ok|fresh|last|keep|stay)s?\b)",
    re.I,
)
DIMENSIONS: tuple[tuple[re.Pattern[str], frozenset[str], re.Pattern[str]], ...] = (
    (
        re.compile(
            r"\b(how heavy|weigh\w*|weight|pesa|pesan|wiegt|wiegen|p[eè]se\w*|poids)\b", re.I
        ),
        frozenset({"weight"}),
        re.compile(r"\d\s*(g|kg|lbs?|oz|grams?|pounds?|ounces?)\b", re.I),
    ),
    (
        # not "how long is it good for once opened?", a time (below)
        re.compile(
            r"\bhow (long|short) (is|are)\b(?![^.?!]{0,50}\b(good|ok|fine|safe|fresh)\b)|"
            r"\blength\b",
            re.I,
        ),
        frozenset({"length"}),
        re.compile(_LENGTH, re.I),
    ),
    (
        re.compile(r"\bhow wide\b|\bwidth\b|\bview(ing)? angle\b|\bfield of view\b", re.I),
        frozenset({"width", "view", "angle"}),
        re.compile(r"\d\s*°(?!\s*[CF]\b)|\d\s*degrees?\b", re.I),
    ),
    (
        re.compile(r"\b(per second|fps|burst|frames? a second|how fast can it shoot)\b", re.I),
        frozenset({"burst", "continuous", "fps"}),
        re.compile(r"\d\s*fps\b|\bframes per second\b", re.I),
    ),
    (
        re.compile(r"\bhow far\b|\brange\b|\bdistance\b", re.I),
        frozenset({"range", "distance"}),
        re.compile(_LENGTH, re.I),
    ),
    (  # "how much coffee can I put in the container on top?": what it holds
        re.compile(
            r"\bcapacity\b|\bhow (much|many)\b[^.?!]{0,40}\b(can|could|will|would)\b[^.?!]{0,25}"
            r"\b(hold|fit|take|put|dump|load|store|carry|fill)s?\b|\bhold (at once|in it)\b|"
            r"\bhow many (cups|mugs|litres|liters|ounces|oz|fl oz|bags|servings)\b",
            re.I,
        ),
        frozenset({"capacity", "volume"}),
        re.compile(
            r"\b(holds|up to|capacity|maximum|max)\b[^.|]{0,20}\d[\d.,]*\s*(ml|l|litres?|liters?|"
            r"fl oz|oz|g|kg|lbs?|cups?)\b",
            re.I,
        ),
    ),
    (  # "what's the latency in ms?": a delay
        re.compile(r"\b(latency|milliseconds?|ms)\b", re.I),
        frozenset({"latency", "delay"}),
        re.compile(r"\d\s*(ms|milliseconds?)\b", re.I),
    ),
    (  # "how many decibels is it?", "how loud is the grinder": a noise level
        re.compile(r"\b(how (loud|noisy|quiet)|decibels?|db|dba|noise level)\b", re.I),
        frozenset({"noise", "loudness", "sound"}),
        re.compile(r"\d\s*(db|dba|decibels?)\b", re.I),
    ),
    (
        re.compile(r"\bhow (big|large|tall|high|thick)\b|\bdimensions?\b|\bmeasurements?\b", re.I),
        frozenset({"dimension", "size", "height", "measurement"}),
        re.compile(_LENGTH, re.I),
    ),
    (  # "does that stuff go bad? how long is it good once opened": a line that gives the time
        # it keeps once opened ("best within about 2 weeks of opening")
        _KEEPS,
        frozenset({"fresh", "opened", "shelf"}),
        re.compile(
            rf"\b(use|used|best|fresh\w*|keeps?|good|stays?|lasts?)\b[^.|]{{0,30}}\bwithin "
            rf"(about |roughly )?{_TIME}|\b(shelf life|expir\w*|use[- ]by|best[- ]before)\b"
            rf"[^.|]{{0,40}}{_TIME}|{_TIME}[^.|]{{0,30}}\b(after|of|once) (opening|opened|open)\b",
            re.I,
        ),
    ),
    (  # "how many calories is one cup?": what a food or drink holds
        re.compile(r"\b(calories?|kcal|nutrition(al)? (facts|info\w*|values?))\b", re.I),
        frozenset({"calories", "nutrition"}),
        re.compile(r"\d\s*(kcal|calories?|cal)\b", re.I),
    ),
)
_AMOUNT = re.compile(r"\d")
# the figure asked in a unit named ("how many decibels", "latency in ms") or by its loudness: a
# document that has no amount in that unit does not give it
UNIT_ASKED = re.compile(
    r"\b(how many|in|what'?s the|number of) (decibels?|db|dba|milliseconds?|ms)\b|"
    r"\bhow (loud|noisy)\b|\b(decibel|db|latency|delay|lag) (figure|number|rating|level|spec)|"
    r"\b(calories|kcal)\b|"
    r"\b(shelf[- ]life|expir(y|ation) date|best[- ]before|use[- ]by date)\b|"
    r"\bhow long\b(?=[^.?!]{0,60}\bopen(ed|ing)?\b)[^.?!]{0,50}"
    r"\b(good|ok|fresh|last|keep|stay)s?\b",
    re.I,
)
Dimension = tuple[frozenset[str], re.Pattern[str]]


def dimensions(question: str) -> tuple[Dimension, ...]:
    """The measurements a question asks for ("how heavy" -> weight, in g, kg, lb or oz)."""
    return tuple((label, unit) for asks, label, unit in DIMENSIONS if asks.search(question))


def asking_words(question: str) -> str:
    """The words that ask for a measurement ("how heavy", "weigh")."""
    return " ".join(m.group(0) for asks, _, _ in DIMENSIONS for m in asks.finditer(question))


def gives_dimension(unit: str, asked: tuple[Dimension, ...]) -> bool:
    """A line that gives one of the ``asked`` measurements: its label (a table row's first
    cell, else its first words) names it and it has an amount, or it has an amount in its
    units ("Cord length | 30 in (76 cm)", "Power base with attached 30 in (76 cm) cord")."""
    label = unit.split("|", 1)[0] if "|" in unit else " ".join(unit.split()[:3])
    words = {w.strip("():,").lower().rstrip("s") for w in label.split()}
    return any(
        (words & names and _AMOUNT.search(unit)) or amount.search(unit) for names, amount in asked
    )


def gives_exactly(unit: str, asked: tuple[Dimension, ...]) -> bool:
    """A line with an amount in the very unit asked ("use ground coffee within about 2 weeks"
    for how long an opened bag keeps); not any length, which most specification rows have
    ("Range Up to 10 m" for "how big are the drivers")."""
    return any(amount.pattern != _LENGTH and amount.search(unit) for _, amount in asked)


# "the battery is at 40%, can I still update?", "it's an 1875 W heater": the customer's own
# amount in a unit; a line with an amount in that unit states the limit it is measured against
def stated_units(question: str) -> frozenset[str]:
    """The units of the amounts the customer states ("at 40%" -> "%", "1875 W" -> "w"); not
    "is it 100% caffeine-free?", a whole asked about, not an amount measured."""
    return frozenset(unit for _, unit in told_amounts(question))


def states_limit(unit: str, stated: frozenset[str]) -> bool:
    """A line with an amount in one of the ``stated`` units ("at least 50%", "1800 W max")."""
    return bool(stated) and any(u in stated for _, u in told_amounts(unit, whole=True))
