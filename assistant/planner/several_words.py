"""The words :mod:`several` reads a message's clauses with: the customer's own list ("3 quick
things: 1) … 2) …"), a clause that only sets the scene (when it was bought, how it tastes,
where the customer is), one that calls the rest off, danger told, and a change asked."""

from __future__ import annotations

import re

# "what address is it going to": a question about the order being discussed, not the documents
ABOUT_AN_ORDER = re.compile(
    r"\b(address|going to(?=\W*$|\W+(my|the|our|this|that|an?|\d)\b)|ship(ped|ping)? to|"
    r"deliver(ed|ing)? to|order(ed)?|package|parcel)\b",
    re.I,
)
# "once it's here, where does the Kestrel card go": where a product fits, not where a parcel is
GOES_WHERE = re.compile(r"\bwhere (does|do|should) (the|my|this|that) [\w\s-]{1,30}? go\b", re.I)
# "the grinder from my christmas order": which thing, not a question about the order; "i want
# to order some socks": a purchase to come, no order yet
FROM_AN_ORDER = re.compile(
    r"\b((from|in|on) (my|that|the|this|our) (\w+ )?order|"
    r"(want|wanna|going|planning|plan|like|need|about|thinking of|hoping) to order)\b",
    re.I,
)
CALLED_OFF = re.compile(
    r"^\W*((wait|no|nope|oh|ok|okay|hmm+|m+|actually|sorry|on second thought|\w+ndolo)\W+)*"
    r"(don'?t|do not|never ?mind|nvm|"
    r"scratch that|forget (it|that))\b(\W+\w+){0,2}\W*$",
    re.I,
)
# a product that may be dangerous now: what to do at once is the answer, not each sentence
TOLD_DANGER = re.compile(
    r"\b(smok(e|es|ed|ing)|burn(ing|t) (smell|plastic)|melt(ed|ing|s)|sparks?|sparking|swollen|"
    r"swell(ing|ed|s)?|puffy|puffed up|bulg(e|es|ed|ing))\b",
    re.I,
)
IF_NEEDED = re.compile(
    r"\b(do|should|would|will) (i|we) (need|have|want) to (call|contact|ring|phone|email|talk to|"
    r"speak (to|with)) (someone|somebody|anyone|you|support)\b",
    re.I,
)
NUMBERED = re.compile(r"(^|\s)\(?1[.)]\s.*\s\(?2[.)]\s", re.S)  # the customer's own list
# "3 quick things:", "two qs", "couple of questions": a list announced as requests (not the
# steps the customer already tried: "1) reset it 2) unplugged it")
ANNOUNCED = re.compile(
    r"\b(\d|two|three|four|five|few|couple( of)?|some|several|quick)\s+(quick\s+|small\s+)?"
    r"(things|questions|qs|q's|issues|requests|ones)\b|\bquestions?\s*:",
    re.I,
)
ACCOUNT_TROUBLE = re.compile(
    r"\b(can'?t|cannot|won'?t|unable|locked|forgot|reset|password|sign(ed|ing)? ?in|"
    r"log(ged|ging)? ?in|change|update|delete|close|remove|merge|help|e-?mail|lose|lost|switch)\b",
    re.I,
)
BOUGHT_WHEN = re.compile(
    r"^\W*(i|we) (got|bought|ordered|purchased|received) "
    r"(it|them|this|these|mine|(the |my |a |an )?[\w-]+( [\w-]+){0,4}?)( back)? "
    r"(in|on|last|around|before|after|at)\b",
    re.I,
)
TASTES = re.compile(r"\b(bitter|sour|acidic|weak|watery|stale|flat|burnt|tastes?)\b", re.I)
CHANGES = re.compile(
    r"\b(chang\w*|add\w*|remov\w*|swap\w*|switch\w*|updat\w*|upgrad\w*|cancel\w*|edit\w*|"
    r"modif\w*|address|instead|redirect\w*|hold|reroute|deliver\w* to|send (it|them) to|"
    r"ship (it|them) to|(one|\d) (more|less|fewer)|too many|wrong (size|colou?r|one))\b",
    re.I,
)
# "i see a new coffee order from this morning, can you stop that one?": the order called off
STOP_THE_ORDER = re.compile(
    r"\b(can|could|would|will|pls|please) (you|u|we|i)?\W*(please |pls )?(stop|cancel|halt|"
    r"call off|kill) (that|this|the|my|it)\b",
    re.I,
)
