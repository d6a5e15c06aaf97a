"""A fault that is still there after the customer's own fixes ("I unplug it and leave it the
full 30 minutes every time… It still does it"): a warranty claim, not another troubleshooting
answer."""

from __future__ import annotations

import re

TRIED = re.compile(
    # not "can i clean the port…?" nor "…super annoying. did i get a defective camera??": asked
    r"((?<!can )(?<!could )(?<!should )(?<!do )\b((i|we)('ve| have)? (already )?|, |"
    r"[.!] (?!did (i|we|you|u|it|they|he|she|my|your)\b)|and |"
    r"^\W*((already|tried that|yeah|yes|ok)\W+)?)"
    r"(tried|did|reset|unplug(ged)?|restart(ed)?|rebooted|"
    r"clean(ed)?|check(ed)?|updated|replaced|followed|charged|re-?paired|refitted|descaled|let it|"
    r"done|installed|put in|swapped|dried|wiped|rinsed|refilled|emptied|tightened|"
    r"turned (it |them )?(on|off)|switched (it |them )?(on|off)|enabled|disabled|"
    r"leave it(?! on\b)|left it(?! on\b)|wait(ed)?|"
    r"(took|pulled|taken) (the \w+|it|them) out|removed (the|its) \w+)|"
    r"factory reset|"
    r"set (it|them|the \w+) up again|set ?up again|"
    r"(after|even after) (trying|resetting|the steps))\b",
    re.I,
)
# "did the battery-out thing three times": one fix, tried over and over (not "twice this week
# the battery was dead": how often the fault came)
_OVER_AND_OVER = re.compile(
    r"\b(tried|did|done|reset|restarted|rebooted|unplugged|cleaned|repaired|re-?paired)\b"
    r"[^.!?]{0,40}\b((three|four|five|several|many|multiple|a few|\d+) times|twice|"
    r"over and over)\b",
    re.I,
)
_TRIED_ALL = re.compile(
    r"\b(did|done|tried|followed|went through)\b.{0,12}\b(what|everything|all|each|every)\b.{0,8}"
    r"\b(guide|manual|instructions|steps?|it says|they say)\b|\b(all|every) (the )?steps\b|"
    r"\b(like|as) the (manual|guide|instructions) (says|said|tells)\b",  # "…like the manual says"
    re.I,
)
PERSISTS = re.compile(
    r"\b(still|again|every time|keeps?|is back|came back|comes back|no change|same (thing|problem)|"
    r"nothing (works|worked|helped|happens|happened)|didn'?t (help|work)|no (luck|joy)|"
    r"(completely|totally|still|just) dead|[,.!] nothing(?=[.,!;]|\s*$)|no longer|any ?more|"
    r"(several|\w+) times a (day|week)|done troubleshooting|(made )?no difference|"
    r"(didn'?t|did not) make (a|any) difference)\b",
    re.I,
)
_REMEDY = re.compile(
    r"\b(replace\w*|new one|exchange|repair\w*|refund|return (it|them)|send (it|them) back|"
    r"warranty|guarantee|"
    r"garant\w*|guaranty|broken|"
    r"defective|faulty|(somebody|someone) (fix|look at|sort)\w*)\b",
    re.I,
)


# a fault told in so many words ("completely dead", "still nothing"), not "can i still send
# them back"
FAULT_TOLD = re.compile(
    r"\b(dead|broken|not working|stopped working|won'?t (turn on|charge|work|pair)|"
    r"doesn'?t (work|turn on|charge)|no (light|power|sound)|nothing happens|still nothing)\b",
    re.I,
)


# "i dont want a refund i want headphones that work": the remedy is a working product
_WORKING_ONE = re.compile(
    r"\b((don'?t|do not|not) want (a |my )?(refund|money back)|not (looking for )?a refund|"
    r"want (\w+ ){0,2}that (works?|actually works?)|want (a )?(replacement|working))\b",
    re.I,
)


def wants_it_working(text: str) -> bool:
    """The customer asks for a product that works, not their money back."""
    return bool(_WORKING_ONE.search(text))


# what the product shows, quoted ("keeps saying 'Shutter error. Restart camera'"): not a fix
_QUOTED = re.compile(r"\s*((?<!\w)'[^'\n]{2,80}'(?!\w)|\"[^\"\n]{2,80}\")")


_ASKED_IF_BROKEN = re.compile(
    r"\b(is|are) (it|this|that|they|these|(the|my)( [\w-]+){1,3}?) (broken|faulty|defective)\b",
    re.I,
)


def fault_persists(text: str) -> bool:
    """A fault that is still there after the customer's own fixes, with a remedy asked for or
    two fixes (or all of them) tried: a warranty claim."""
    text = _ASKED_IF_BROKEN.sub("", text)  # "is the cable broken?": asked, no remedy claimed
    tried = len(TRIED.findall(_QUOTED.sub("", text)))  # not "'Shutter error. Restart camera'"
    if tried and _OVER_AND_OVER.search(text):
        tried += 1
    return bool(
        PERSISTS.search(text)
        and tried
        and (_REMEDY.search(text) or tried >= 2 or _TRIED_ALL.search(text))
    )


COVERED = re.compile(r"\b(covered|under (the )?warranty)\b", re.I)  # "is this covered?"
# "I'd like to file a warranty claim", "can you replace it": the customer claims a remedy
CLAIMS = re.compile(
    r"\b(warrant\w*|guarantee|claim\w*|replace\w*|new one|exchange|refund\w*|money back|"
    r"repair\w*|send (it|them) back)\b",
    re.I,
)


def needs_diagnosis(text: str) -> bool:
    """A fault still there after the customer's own fixes, with no remedy claimed ("did
    everything on your page… can someone actually look at them"): a defect for a person to
    diagnose, not yet a warranty claim."""
    return fault_persists(text) and not CLAIMS.search(_WORKING_ONE.sub(" ", text))
