"""Which actions a customer's message names, by the verbs and phrases of
:data:`assistant.agent.action_words.ACTION_WORDS`: the ones it asks for, not the ones it says
were done ("I swapped the last two digits") or refused ("actually don't cancel"), and, of two
actions that share a verb, the one meant ("cancel it" while an order's cancellation waits)."""

from __future__ import annotations

import re

from assistant.agent.action_words import ACTION_WORDS
from assistant.agent.pending_topics import ACTION_TOPICS, SUBSCRIPTION_TOPIC


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, punctuation as spaces, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[!.,;:¡¿…\-–—()\"*]+", " ", text)
    return " ".join(text.split())


def named_actions(text: str) -> set[str]:
    """The actions the message names by their verbs (several may share a verb: "cancel")."""
    return set(_naming_words(text))


def _naming_words(text: str, pending: str = "") -> dict[str, set[str]]:
    """Each action the message names, with the words of it that it uses; a word inside words
    of the ``pending`` action ("send" in "send the label" while a return waits) names none."""
    low = f" {normalise(text)} "
    found: dict[str, set[str]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for action, words in ACTION_WORDS.items():
        for word in words:
            stem = re.escape(word.strip())
            pattern = rf"(?<![\w']){stem}(s|es|ed|ing|ping|ped|led|ling)?(?![\w'])"
            for m in re.finditer(pattern, low):
                if not (
                    (m.group(1) in ("ed", "ped", "led") and _DONE_BY.search(low[: m.start()]))
                    or (word == "send" and _BACK.match(low[m.end() :]))  # "send it back"
                    or _NOT_TO.search(low[: m.start()])
                    or _BELIEVED.search(low[: m.start()])
                    or (word.endswith(" to") and _TO_ME.match(low[m.end() :]))
                    or (word == "hold off" and not _HOLD_OFF_ON.match(low[m.end() :]))
                ):
                    found.setdefault(action, set()).add(word)
                    spans.setdefault(action, []).append(m.span())
    own = spans.get(pending, [])
    return {
        a: used
        for a, used in found.items()
        if a == pending or not all(any(o[0] <= s and e <= o[1] for o in own) for s, e in spans[a])
    }


def other_actions(text: str, pending: str) -> set[str]:
    """The actions other than ``pending`` that the message names. One named only by verbs the
    pending action shares is the pending one: "yes please swap them" while an exchange waits
    asks for that exchange, not a coffee swap; "cancel it" while an order's cancellation waits
    is not the subscription's."""
    own = set(ACTION_WORDS.get(pending, ()))
    named = _naming_words(text, pending).items()
    return {a for a, used in named if a != pending and not used <= own}


_AN_ORDER = re.compile(r"\b(the|this|that) order\b|\border (number |no\.? )?#?\d{4,}|#\d{4,}", re.I)
_ONLY_THE_NEXT = re.compile(r"\b(only|just) (the )?(next|first|upcoming) (one|delivery|shipment)\b")
# "I swapped the last two digits": what the customer did, not an action asked for
# ("my trip got cancelled": what happened to something, not an action asked for either)
_DONE_BY = re.compile(
    r"\b(i|we|you|i'?ve|we'?ve|i have|we have|i just|we just|got|get|gets|was|were|been|"
    r"is|are)\s+$"
)
_BACK = re.compile(r"(\s+\w+){0,3}\s+back\b")  # "send the kettle back": a return, no resend
# "yep send it to me": the customer's own inbox, not another address
_TO_ME = re.compile(r"\s+(me|us|my e-?mail|my inbox)\b")
# "hold off on my coffee for a month": a pause; "hmm hold off actually": not now, whatever waits
_HOLD_OFF_ON = re.compile(r"\s+(on|with)\s+(my|the|our)\s+\w+")
# "i thought it came every month": what the customer believed, not an action asked for
BELIEF = r"\b(i|we) (thought|assumed|believed)\b"  # what the customer believed, said
_BELIEVED = re.compile(BELIEF + r"\s+(?!(about|over|it over)\b)(\S+\s+){0,4}$")
# "actually don't cancel, send it every 2 months": an action refused, not asked for
# "i dont want it switching to some other plan": one not wanted either
_NOT_TO = re.compile(
    r"\b(don'?t|do not|not|never|no need to|rather not)( want( it| them| you)?( to)?)?\s+$"
)


def instead_of(text: str, dropped: str) -> list[str]:
    """The other actions ``text`` names in place of the ``dropped`` one. "just cancel it
    instead" while a frequency change waits is the subscription's cancellation, not an
    order's: of two actions that share a verb, the one of the dropped action's kind."""
    used = {a: words for a, words in _naming_words(text).items() if a != dropped}

    def subscription(action: str) -> bool:
        return ACTION_TOPICS.get(action, SUBSCRIPTION_TOPIC) is SUBSCRIPTION_TOPIC

    # "can you cancel order 48838?" while a skip waits: an order named is the order's action
    of_a_plan = subscription(dropped) and not _AN_ORDER.search(text)

    def mine(action: str) -> bool:
        return subscription(action) is of_a_plan

    named = {  # of two named by the same verb ("cancel", "switch"), the one of dropped's kind
        a
        for a, words in used.items()
        if mine(a) or not any(b != a and mine(b) and words <= w for b, w in used.items())
    }
    if dropped == "pause_subscription" and _ONLY_THE_NEXT.search(normalise(text)):
        named.add("skip_next_delivery")  # "yes but only the next one": one delivery skipped
    return sorted(named)
