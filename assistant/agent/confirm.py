"""How the customer's message answers a pending action preview: confirm, decline, a different
action, doubt, or something unrelated. Used by the loop for every model (planner or LLM); only
``CONFIRM`` ever executes, and only from the customer's own message.

The reading is strict where it matters: a message that names an action *other* than the pending
one never confirms it ("ok pause" while a cancellation waits), doubt or sarcasm asks again
("yes?", "yeah right"), and a yes followed by more business ("yes but to my work address") is a
new request, not a confirmation. Yes/no words of Spanish, German and French are understood.
"""

from __future__ import annotations

import re
from enum import StrEnum

from assistant.agent.action_naming import BELIEF, named_actions, normalise, other_actions
from assistant.agent.action_words import ACTION_WORDS
from assistant.agent.confirm_words import DOUBT_RE, FILLER, NO_RE, ONLY_THIS, YES_RE
from assistant.commerce.schemas import Preview


class PendingReply(StrEnum):
    CONFIRM = "confirm"
    DECLINE = "decline"
    OTHER_ACTION = "other_action"
    DOUBTFUL = "doubtful"
    WAIT = "wait"  # "hold on, not yet, let me check the zip first": it keeps waiting
    UNRELATED = "unrelated"


# "forget it", not "did they forget it?" (something left out of the box)
_FORGET_IT = r"(?<!they )(?<!you )(?<!u )(?<!he )(?<!she )(?<!we )(?<!did i )forget it"
_LEAVE_IT = re.compile(
    r"\b(leave it( as it is| as is| like it is| alone| be| for now| for the moment|$)|"
    r"keep it (as it is|as is|like it is)|"
    rf"never ?mind|{_FORGET_IT}|no thanks|don'?t bother|"
    r"don'?t (change|do|touch) (anything|a thing))\b"
)
NOTHING_PENDING = (
    "There's nothing waiting for your go-ahead right now, so I haven't changed anything. "
    "What would you like me to do?"
)
LEFT_AS_IS = "Okay, I'll leave everything as it is. Is there anything else I can help with?"


def leaves_it(text: str) -> bool:
    """ "leave it as is for now", "never mind", "no thanks": the customer drops the matter."""
    return bool(_LEAVE_IT.search(normalise(text)))


_NEGATION = frozenset(
    "no not don't dont never wait stop nein nicht non pas não nao niet leave keep".split()
)
# "wait, I meant the breakfast blend", "actually make it 2", "oh wait sorry its HMP-5E0B7D18"
# (a serial the normaliser splits): a corrected request, not a no
_CORRECTION = re.compile(
    r"\b(i meant|i mean|meant|instead|rather|make (it|that|this|them)|change (it|that) to|"
    r"not that one|the other one)\b|"
    r"\b(it'?s|it is|should be|serial is|number is) (actually )?(the )?#?([a-z]{2,5} )?"
    r"[a-z-]*\d[\w-]*|"
    r"\b(typo|mixed up|wrong (number|digits?))\b"
)
_PAUSING = frozenset({"wait", "hold on", "hang on", "actually"})
_PAUSED = re.compile(r"(wait|hold on|hang on|actually)\b")
# "not yet, let me double check the zip with my landlord": the customer will come back to it
_COMING_BACK = re.compile(
    r"\b(let me|lemme|i need to|i have to|i'?ll|i will|i gotta|i must|need to) (just )?"
    r"(double check|check|ask|confirm|think|look|talk|verify|see)\b|"
    r"\b(give me|gimme|one|just a) (a )?(sec|second|minute|min|moment)\b|"
    r"\bbefore (you|u) (change|do) (anything|it|that)\b"
)
_GIVING_UP = re.compile(rf"\b(never ?mind|{_FORGET_IT}|leave it|don'?t|no thanks|nope)\b")
# A go-ahead that needs no more words; what follows it in a sentence of its own is a reason
# ("yes go ahead, landlord confirmed"), not another request
_GO_AHEAD = re.compile(
    r"^(?:yes|yeah|yep|yup|ok|okay|sure)?\s*(?:please )?(?:go ahead|go for it|do it|"
    r"please do|proceed|confirm(?:ed)?)\b"
)
_OTHER_WANT = re.compile(
    r"\b(but|except|only|instead|rather|to|with|address|size|colou?r|also|and|what'?s?|how|"
    r"when|where|why|which|can|could|is|are|do|does|will)\b"
)
ASKING = re.compile(
    r"(so |but |and |then )?(when|what|how|why|will|would|does|do|is|are|can|could|which|"
    r"where)\b"
)
_INTERJECTION = re.compile(r"^(hmm+|umm*|uh+|er+m*|oh|well|so)\s+")
# "that schedule is right", "that works", "that's the one": agreement, not new business
_AGREEMENT = re.compile(
    r"\b(that|this|it)(?:'?s| is)?(?: \w+)?(?: is| looks| sounds)? "
    r"(right|fine|correct|good|great|ok|okay|perfect)\b|\b(that|this) works\b|"
    r"\bthat'?s the (one|serial|address|right one)\b|\blooks (right|fine|correct|good)\b|"
    r"^no (problem|problemo|prob|probs|worries)\b"  # "no problem, go ahead": agreed, no no
)
_LUKEWARM = re.compile(r"^(ok|okay|cool|great|nice|fine|k) (thanks|thank you|thx|ty)$")
_WORD = re.compile(r"[a-zà-ÿ']+|\d+")
# small counts as shoppers spell them ("two deliveries"), to their digits
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
MAX_WORDS = 14
GO_AHEAD_WORDS = 4  # "yes please go ahead"
_YES = re.compile(r"^(yes|yeah|yep|yup|sure)\b")
NOT_THAT_ONE = re.compile(r"\b(not (that|this) one|(the )?wrong one)\b")


def _rest(words: list[str], pending: str) -> list[str]:
    """Words that are neither filler nor words naming the pending action."""
    own = {w for phrase in ACTION_WORDS.get(pending, ()) for w in phrase.split()}
    out = []
    for w in words:
        if w in FILLER or w in own or any(w.startswith(o) for o in own if len(o) > 3):
            continue
        out.append(w)
    return out


def _yes_first(text: str, norm: str) -> str:
    """ "Two deliveries, confirmed.", "Morning Light, drip, yes. Make the swap.": a yes said as
    a phrase of its own after the words of the preview is read as if it came first."""
    if YES_RE.match(norm) or NO_RE.match(norm):
        return norm
    parts = [p for p in (normalise(c) for c in re.split(r"[.,!;]+", text)) if p]
    said = next((p for p in parts[1:] if YES_RE.fullmatch(p)), None)
    return " ".join([said, *(p for p in parts if p is not said)]) if said else norm


# "cancel that", "scratch the pause", "forget the skip": the pending request itself dropped
# (declining is always safe, whichever request the noun names)
_DROP_IT = re.compile(
    r"\b(cancel|scratch|scrap) (that|this)\b|\b(cancel|scratch|scrap|forget|drop|ditch|nix|undo) "
    r"(the|my) (pause|pausing|skip|change|swap|switch|cancellation|request)\b"
)
_PLEASE_NO = re.compile(
    r"^(?:please|pls|plz) (?=(?:don'?t|do not|no|nope|never|leave|keep|stop)\b)"
)
_SENTENCE_END = re.compile(r"[?.!]+\s+(?=\S)")  # asked or told first, then answered


def read_reply(text: str, pending: str, preview: Preview | None = None) -> PendingReply:
    """How ``text`` answers the preview of the ``pending`` action (its ``action`` name).
    After a yes, words of the server's ``preview`` repeat what waits ("yes, every 2 months").
    A message that asks or tells first and declines last ("so I'd get none until March? nah
    forget it, keep it every 2 weeks") declines: saying no is always safe."""
    if _IF_FREE.fullmatch(normalise(text)):  # "yep as long as its free": the preview says
        free = preview is not None and (preview.amount_change or 0) <= 0
        return PendingReply.CONFIRM if free else PendingReply.DOUBTFUL
    if preview is not None and _narrowed_to_it(text, pending, preview):
        return PendingReply.DOUBTFUL  # asked again, with the one thing it covers
    whole = read_whole(text, pending, preview)
    if whole is PendingReply.UNRELATED or whole is PendingReply.DOUBTFUL:
        ends = list(_SENTENCE_END.finditer(text))
        if ends:
            last = text[ends[-1].end() :]
            asked = "?" in ends[-1].group(0)
            if (asked or about_this(last, pending)) and read_whole(
                last, pending
            ) is PendingReply.DECLINE:
                return PendingReply.DECLINE
            if "?" in ends[0].group(0) and _declined_after_asking(text, ends, pending):
                return PendingReply.DECLINE
            if (  # "ah right makes sense. yep go ahead": understood, then the go-ahead alone
                len(ends) == 1
                and _UNDERSTOOD.fullmatch(normalise(text[: ends[0].start()]))
                and (_GO_AHEAD.match(rest := normalise(text[ends[0].end() :])) or _YES.match(rest))
                # a go-ahead ("yes skip it"), not the request again ("please move it to the 14th")
                and (len(rest.split()) <= GO_AHEAD_WORDS or not re.search(r"\d", rest))
                and read_whole(text[ends[0].end() :], pending, preview) is PendingReply.CONFIRM
            ):
                return PendingReply.CONFIRM
            first, rest = text[: ends[0].start()], normalise(text[ends[0].end() :])
            if NOT_THAT_ONE.search(normalise(first)) and read_whole(first, pending) in (
                PendingReply.OTHER_ACTION,
                PendingReply.DECLINE,
            ):  # "wait no, not that one. … its the february one": another one, read anew
                return PendingReply.OTHER_ACTION
            if (  # "hmm no leave it for now. my husband might…"; not "hang on. it's a B"
                read_whole(first, pending) is PendingReply.DECLINE
                # "hang on. it's a B": a pause, no decline; "wait, dont do the swap yet": one
                and (
                    not _PAUSED.match(_INTERJECTION.sub("", normalise(first)))
                    or about_this(first, pending)
                )
                and not other_actions(text, pending)
                and not (_CORRECTION.search(rest) or any(ch.isdigit() for ch in rest))
            ):
                return PendingReply.DECLINE
    if (
        whole is PendingReply.UNRELATED
        and "?" in text
        and (
            _BELIEVED_PLAN.search(text)
            or (_ABOUT_ITS_DATES.search(text) and not named_actions(normalise(text)))
        )
    ):  # "hmm i thought it was every 2 weeks? …", "how come the one after is so far away?":
        return PendingReply.DOUBTFUL  # a doubt about what waits, asked again
    return whole


def _narrowed_to_it(text: str, pending: str, preview: Preview) -> bool:
    """ "no wait only the first one… just the shoes" while the shoes' exchange waits: the first
    thing asked, or one the preview names, is all the customer wants; nothing is dropped."""
    norm = normalise(text)
    if other_actions(norm, pending) or (YES_RE.match(norm) and not NO_RE.match(norm)):
        return False  # "yes skip just that one": a yes
    shown = _shown_words(preview)
    return any(m.group(4) is None or _in(m.group(4), shown) for m in ONLY_THIS.finditer(norm))


def _shown_words(preview: Preview | None) -> set[str]:
    """The words a preview shows, with its numbers as words ("two deliveries") and day endings
    ("the 24th"): what a reply may repeat of it without asking for anything else."""
    shown = set(_WORD.findall(normalise(preview_text(preview)))) if preview else set()
    shown |= {w for w, digit in NUMBER_WORDS.items() if digit in shown}
    if any(w.isdigit() for w in shown):
        shown |= {"st", "nd", "rd", "th"}
    return shown


def _in(word: str, shown: set[str]) -> bool:
    """``word`` is shown, or is the plural of a word shown ("the shoes" for "Shoe")."""
    return word in shown or (word.endswith("s") and word[:-1] in shown)


# a yes on the condition that it costs nothing, which the server's preview settles
_IF_FREE = re.compile(
    r"(yes|yep|yeah|yup|ok|okay|sure)( please)? (as long as|so long as|if|provided) "
    r"(it'?s|it is|that'?s|that is|its) (free|no charge|at no cost)( then)?"
)
_UNDERSTOOD = re.compile(
    r"((ah|oh|ok|okay|right|i see|got it|makes sense|that makes sense|fair enough|alright)\s*)+"
)
# "how come the one after is so far away?": a question about the dates the preview gives
_ABOUT_ITS_DATES = re.compile(
    r"\b(how come|why)\b[^.!?]{0,40}\b(the one after|the next one|that date|so (far|late|long))\b",
    re.I,
)
# what the customer thought the plan was, said at the preview: a doubt about it
_BELIEVED_PLAN = re.compile(
    BELIEF + r" (it|they|that|this|the \w+) (was|were|is|are|came|comes?|ships?|shipped)\b", re.I
)


def about_this(sentence: str, pending: str) -> bool:
    """ "…she drinks most of it anyway. no don't pause it, keep it as is": a last sentence that
    names the pending action's verb (negated or not) or leaves things as they are."""
    norm = normalise(sentence)
    verbs = (re.escape(w.strip()) for w in ACTION_WORDS.get(pending, ()))
    return bool(_LEAVE_IT.search(norm)) or any(re.search(rf"(?<![\w']){v}", norm) for v in verbs)


def _declined_after_asking(text: str, ends: list[re.Match[str]], pending: str) -> bool:
    """ "oh wait so nothing comes until march? no then, forget it. i'll run out way before
    that": asked first, then the sentence after the question declines (and no other action,
    correction or number follows)."""
    stop = ends[1].start() if len(ends) > 1 else len(text)
    said, rest = text[ends[0].end() : stop], normalise(text[stop:])
    return (
        read_whole(said, pending) is PendingReply.DECLINE
        and not _PAUSED.match(_INTERJECTION.sub("", normalise(said)))
        and not other_actions(text, pending)
        and not (_CORRECTION.search(rest) or any(ch.isdigit() for ch in rest))
    )


def read_whole(text: str, pending: str, preview: Preview | None = None) -> PendingReply:
    """How ``text`` as one piece answers the preview (:func:`read_reply` also reads its first
    and last sentences on their own)."""
    # "hmm not sure, leave it. we'll get through it": a sentence that ends with "leave it"
    norm = normalise(re.sub(r"\bleave it(?=\s*[.!;,](\s|$))", "leave it as is", text, flags=re.I))
    norm = _DROP_IT.sub("never mind", norm)  # "scratch the pause": the pending one dropped
    norm = _yes_first(text, norm)
    norm = _PLEASE_NO.sub("", norm)  # "please don't skip": a polite no, not a yes
    # "keep sending": carry on as it is, not the resend of a confirmation
    norm = re.sub(r"\bkeep (sending|shipping|delivering|them coming|it coming)\b", "keep it", norm)
    norm = re.sub(r"\b(lock|book) (it|that) in\b", "do it", norm)  # "yep lock it in"
    norm = re.sub(r"\b(\d+)s\b", r"\1", norm)  # "go ahead with the 7s": the size shown
    if not norm:
        return PendingReply.UNRELATED
    hesitant = bool(_INTERJECTION.match(norm))
    norm = _INTERJECTION.sub("", norm)
    norm = " ".join(_AGREEMENT.sub(" fine ", norm).split())
    words = _WORD.findall(norm)
    others = other_actions(norm, pending)
    no_match, yes_match = NO_RE.match(norm), YES_RE.match(norm)
    question = "?" in text
    if (
        no_match is not None
        and no_match.group(0) in _PAUSING
        and ASKING.match(norm[no_match.end() :].strip())
        and not others
    ):  # "wait so when would the one after come": a question about it; the preview again
        return PendingReply.DOUBTFUL
    if (
        _COMING_BACK.search(norm)
        and not question
        and not others
        and not yes_match
        and not _GIVING_UP.search(norm)
        and not _CORRECTION.search(norm)
    ):
        return PendingReply.WAIT
    is_no, is_yes = no_match is not None, yes_match is not None and no_match is None
    if yes_match is not None and no_match is None:  # the yes word itself is not business
        shown = _shown_words(preview)  # "yes please swap the shoes": the preview's "Shoe"
        words = [w for w in _WORD.findall(norm[yes_match.end() :]) if not _in(w, shown)]
    doubt = bool(DOUBT_RE.search(norm))
    if not others and "?" not in text and _LEAVE_IT.search(norm):
        return (
            PendingReply.DECLINE
        )  # "ok wait no leave it as is": the words say no, whatever came first
    if len(words) > MAX_WORDS:
        return PendingReply.OTHER_ACTION if others else PendingReply.UNRELATED
    if (is_no or hesitant) and _CORRECTION.search(norm):
        return PendingReply.OTHER_ACTION
    if is_no:
        if others:
            return PendingReply.OTHER_ACTION  # "no, pause it instead"
        if question and _rest(words, pending):
            return PendingReply.UNRELATED  # "no wait, what does pausing do?"
        return PendingReply.DECLINE
    if doubt or (hesitant and is_yes):
        return PendingReply.DOUBTFUL
    if is_yes:
        if _NEGATION.intersection(words) or _LUKEWARM.match(norm):
            return PendingReply.DOUBTFUL  # "yes, not now", "ok thanks": ask again
        if others:
            return PendingReply.OTHER_ACTION  # "sure, skip" while a cancellation waits
        rest = _rest(words, pending)
        if question:
            return PendingReply.UNRELATED if rest else PendingReply.DOUBTFUL  # "yes?"
        if not rest:
            return PendingReply.CONFIRM
        if rest[0] in ("but", "except", "only", "instead", "aber", "pero", "mais"):
            return PendingReply.OTHER_ACTION  # "yes but to my work address"
        if _reason_after_go_ahead(text, rest):
            return PendingReply.CONFIRM
        return PendingReply.UNRELATED
    if others:
        return PendingReply.OTHER_ACTION
    if (
        pending in named_actions(norm)
        and not question
        and not _rest(words, pending)
        and not _NEGATION.intersection(words)
    ):
        return PendingReply.CONFIRM  # "skip it please" while the skip waits
    if not question and re.fullmatch(r"(thanks|thank you|thx|ty|cool|nice|great)( .*)?", norm):
        return PendingReply.DOUBTFUL  # "ok thanks" / "cool" is not a clear go-ahead
    return PendingReply.UNRELATED


def ask_again_text(reading: PendingReply, label: str, preview: Preview) -> str:
    """The server's words when a reply neither confirms nor declines: ``WAIT`` or doubt."""
    if reading is PendingReply.WAIT:
        return (
            "Sure, take your time: nothing has been changed yet. When you're ready, reply "
            f"**yes** to {label} ({preview.summary}), or **no** to leave everything as it is."
        )
    return (
        f"Just to be sure: shall I go ahead and {label} ({preview.summary})? Reply **yes** to go "
        "ahead, or **no** to leave everything as it is."
    )


def _reason_after_go_ahead(text: str, rest: list[str]) -> bool:
    """ "yes go ahead, landlord confirmed", "ok she says fine, go for it": a whole go-ahead as a
    phrase of its own, and beside it a short reason without numbers or words that ask for
    something else."""
    clauses = [normalise(c) for c in re.split(r"[.,!;\n]+", text) if normalise(c)]
    go = next((c for c in clauses if _GO_AHEAD.match(c) and len(c.split()) <= GO_AHEAD_WORDS), None)
    if go is None or len(clauses) < 2:
        return False
    reason = " ".join(c for c in clauses if c is not go)
    return (
        len(rest) <= 5
        and not any(ch.isdigit() for ch in reason)
        and not NUMBER_WORDS.keys() & set(_WORD.findall(reason))  # "three deliveries, confirmed"
        and not _OTHER_WANT.search(reason)
        and not _NEGATION.intersection(_WORD.findall(reason))
    )


def preview_text(preview: Preview) -> str:
    """The words of the server's preview: its summary and every change."""
    changes = " ".join(f"{c.field} {c.before or ''} {c.after}" for c in preview.changes)
    return f"{preview.summary} {changes}"
