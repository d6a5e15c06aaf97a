"""What the customer tells after a fix was shown often is the condition of one line of that
same fix: "now the remote doesn't light up at all" is "No LED at all: replace the battery";
"we got a new router with a new wifi password" is "If you changed the Wi-Fi name or password,
reset the plug and set it up again". That line is the answer, although its section was shown.

Light descriptions are matched by what they say (no light; a colour; flashing or steady; fast
or slow), not by embedding similarity, which does not read "no" ("no LED" scores like "LED").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import TypeVar

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.common import passages, source_label
from assistant.planner.doc_handover import SENDS_TO_SUPPORT, docs_send_to_support
from assistant.planner.kit import Step, call, say
from assistant.planner.question_words import content_words
from assistant.planner.sections import RESET, STILL

# a line's condition: "If you changed the Wi-Fi name or password, …", "No LED at all: …"
_IF = re.compile(r"^(?:\d+\.\s*|[-•*]\s*)?(?:if|when)\s+([^,:;]{3,120})[,:;]", re.I)
_LABEL = re.compile(r"^(?:\d+\.\s*|[-•*]\s*)?([^:.]{3,60}):\s+\S")
# what the assistant asks after a fix that mentions a light; the answer is about that product
LIGHT_QUESTION = "What is the light on it doing right now (colour, flashing or steady)?"
_MEANS = re.compile(r"^(?:\d+\.\s*|[-•*]\s*)?(.{3,60}?)\s+means\b", re.I)
_COLOURS = {
    "amber": "amber",
    "orange": "amber",
    "yellow": "amber",
    "red": "red",
    "green": "green",
    "blue": "blue",
    "white": "white",
    "purple": "purple",
}
_NO_LIGHT = re.compile(
    r"\b(no (led|light|lamp)s?|(does ?n[o']?t|doesnt|won'?t|wont|will not|not|never) "
    r"(light|turn on|come on|glow|show any)|nothing lights|not lit|"
    r"(led|light|lamp)s? (is |are |stays? |goes |went )?(off|out))\b",
    re.I,
)


def mentions_a_light(text: str) -> bool:
    """The text names an LED or a light as a word ("slightly thicker socks", "installed" do
    not)."""
    return bool(_LIGHT_WORD.search(text))


_FLASH = re.compile(r"\b(blink\w*|flash\w*|puls\w*)\b", re.I)
_STEADY = re.compile(r"\b(solid|steady|stays on|constant\w*|continuous\w*)\b", re.I)
_FAST = re.compile(r"\b(fast|rapid\w*|quick\w*)\b", re.I)
_SLOW = re.compile(r"\bslow\w*\b", re.I)
# how many flashes: "flashes orange once", "one amber flash"; "blinks red 3 times", "twice"
_ONCE = re.compile(
    r"\b((flash|blink)\w*\s+(\w+\s+){0,2}(once|one time)|(one|single|a single) (\w+ )?"
    r"(flash|blink))\b",
    re.I,
)
_COUNTS = frozenset({"once", "times"})
# "blinking orange slow, like every 2 sec": how often, as the lamp table says it ("once every
# 2 seconds"); a line's period not told asks nothing
_PERIOD = re.compile(r"\bevery (\d+) ?(s|secs?|seconds?)\b", re.I)
_TIMES = re.compile(  # not a rate: "twice per second"
    r"\b(twice|(two|three|four|five|\d+) times)\b(?! (per|a|an|every|each)\b)", re.I
)
_LIGHT_WORD = re.compile(r"\b(led|light|lamp|indicator)s?\b", re.I)
# words that say nothing about which line is meant: the light, and how the last fix went
_PLAIN = frozenset(
    {"led", "light", "lamp", "plug", "camera", "app", "now", "not", "no", "still", "again"}
    | {"work", "help", "try", "tri", "fix", "did", "doe", "happen"}
    | {"select", "selected", "enabled", "enable", "turned", "turn", "set", "on", "off"}
    | {"choose", "chose", "chosen", "pick", "picked"}
)
# "If it repeats, stop using the camera and contact support": a line for a fault that came back
_IF_IT_RECURS = re.compile(
    r"\bif (it|this|that|the (problem|error|message|fault|noise|leak)) (still |again )?"
    r"(repeats|persists|continues|comes back|returns|recurs|happens again|keeps)\b",
    re.I,
)
# "already did the battery-out thing three times, it comes back": the fix shown did not hold
_CAME_BACK = re.compile(
    r"\b((comes|came|coming|come) back|keeps (happening|coming|showing|doing)|"
    r"already (did|tried|done)|"
    r"(did|tried) (that|it|this)\b.{0,20}\btimes|happens again|still (there|happening|shows))\b",
    re.I,
)
# a light that stays as it is: "has been for like 40 min", "the whole time"
_LASTS = re.compile(
    r"\b(has been|(has |have )?stayed|for (like |about |over )?(\d+ ?|an? |half an )"
    r"(min|mins|minutes|hours?|hrs?)\b|the whole (time|night|day)|all (the time|night|day)|"
    r"stays?|staying|never goes (off|out))",
    re.I,
)
# the light itself asked about: "is that normal?", "what does it mean", "broken already??"
LIGHT_ASKED = re.compile(
    r"\b(normal|mean|means|meaning|wrong|broken|dud|faulty|defective|supposed to|is (it|that) ok)",
    re.I,
)
_SECTION = re.compile(r"\bsection (\d+(?:\.\d+)*)\b", re.I)
_MIN_SHARED = 2
_MIN_FIT = 0.5


def light_state(text: str) -> frozenset[str]:
    """What a text says a light does: {"none"}, or its colours, flashing/steady, fast/slow."""
    if _NO_LIGHT.search(text):
        return frozenset({"none"})
    state = {colour for word, colour in _COLOURS.items() if re.search(rf"\b{word}\b", text, re.I)}
    for name, pattern in (("flash", _FLASH), ("steady", _STEADY)):
        if pattern.search(text):
            state.add(name)
    for name, pattern in (("fast", _FAST), ("slow", _SLOW), ("once", _ONCE), ("times", _TIMES)):
        if state and pattern.search(text):
            state.add(name)
    if state and (period := _PERIOD.search(text)):
        state.add(f"every {period.group(1)} s")
    return frozenset(state)


def fix_did_not_hold(text: str) -> bool:
    """ "still offline", "already did that three times, it comes back"."""
    return bool(STILL.search(text) or _CAME_BACK.search(text))


def tells_its_light(said_before: str, text: str) -> bool:
    """The message answers the light question the assistant just asked ("now there's no light
    at all"): it is about the product in focus, whatever else it names ("the camera is on")."""
    return LIGHT_QUESTION in said_before and bool(light_state(text))


def condition(line: str) -> str | None:
    """The condition of a line: "If …,", "… :" or "… means" at the start of one of its
    sentences ("1. Check the LED. Slow amber blinking means it lost Wi-Fi: …")."""
    for sentence in re.split(r"(?<=[A-Za-z)])\.\s+", line.strip()):
        m = _IF.match(sentence) or _MEANS.match(sentence) or _LABEL.match(sentence)
        if m:
            return m.group(1)
    return None


def _light_fit(cond: str, told: frozenset[str]) -> tuple[float, int]:
    """How much of the light a line's condition describes the customer told, and in how many
    features; (0, 0) when they contradict (another colour, flashing vs steady, fast vs slow)."""
    said = light_state(cond)
    if not said or not told:
        return 0.0, 0
    if "none" in said | told:
        return (1.0, 1) if said == told else (0.0, 0)
    periods = {s for s in said | told if s.startswith("every ")}
    for group in ({"flash", "steady"}, {"fast", "slow"}, _COUNTS, periods, set(_COLOURS.values())):
        if said & group and told & group and not said & told & group:
            return 0.0, 0
    if not told & _COUNTS:  # how many flashes, not told: the line's count asks nothing
        said = said - _COUNTS
    if not told & periods:  # nor how often
        said = said - periods
    shared = len(said & told)
    return shared / len(said), shared


def _words(text: str) -> set[str]:
    """The content words that can say which line is meant ("wi-fi" and "wifi" alike)."""
    return {t.replace("-", "") for t in content_words(text)} - _PLAIN


# "there's no separate 5G one": the words after a negation say what is not so
_NOT = re.compile(
    r"\b(?:no|not|never|without|isn'?t|aren'?t|doesn'?t|don'?t)\s+((?:\w+\s+)?\w+)", re.I
)


def _negated(text: str) -> set[str]:
    return _words(" ".join(m.group(1) for m in _NOT.finditer(text)))


# a setting and what the app calls it: "XYZ (Best Quality Mode)"
_ALIAS = re.compile(r"([\w-]+)\s*\(([^()]{3,40})\)")


def _word_fit(cond: str, text: str) -> tuple[float, int]:
    wanted, told = _words(cond), _words(text)
    for alias in _ALIAS.finditer(cond):  # either name of it told is it told
        name, other = _words(alias.group(1)), _words(alias.group(2))
        wanted -= name if other & told else other if name & told else set()
    shared = wanted & told
    if len(shared) < _MIN_SHARED or (_negated(text) & wanted) - _negated(cond):
        return 0.0, 0  # "no separate 5G one" is not "If your router has separate names"
    return len(shared) / len(wanted), len(shared)


def _numbered(section: str, number: str) -> bool:
    """ "6. The remote > 6.4 Replacing the battery" is section 6.4."""
    return section.rsplit(" > ", 1)[-1].startswith(f"{number} ")


def _told_light(text: str) -> frozenset[str]:
    """What the message says a light does, when it is about a light ("the led blinks amber",
    "no light at all"); a colour alone ("still all white") is no light."""
    state = light_state(text)
    if state & set(_COLOURS.values()) and not state & {"flash", "steady"} and _LASTS.search(text):
        state |= {"steady"}  # "…is orange and has been for like 40 min": it stays so
    if _LIGHT_WORD.search(text) or state & {"none", "flash", "steady"}:
        return state
    return frozenset()


def light_query(text: str, model: str) -> str | None:
    """ "the little light by the power button is orange and has been for like 40 min": what
    the guide says that light means, searched by its colour (as told and as guides name it)
    and pattern; None when no colour and pattern is told."""
    told = _told_light(text)
    colours = told & set(_COLOURS.values())
    if not colours or not told & {"flash", "steady"}:
        return None
    said = {w.lower() for w in _COLOURS if re.search(rf"\b{w}\b", text, re.I)}
    pattern = "flashing" if "flash" in told else "solid steady"
    return f"{model}: LED light {pattern} {' '.join(sorted(said | colours))} means"


def light_line(found: Iterable[PassageOut], shown: str, sku: str, text: str) -> PassageOut | None:
    """ "the little light by the usb port is blinking orange fast": the one line of a passage
    (not a line of the text ``shown``, which may end before its section's lamp list) whose
    condition is that light, colour and
    pattern ("Blinking orange (about twice per second): charging error. …"), as a passage of
    that line; None when no line, or two different ones, fit as well."""
    told = _told_light(text)
    if not told & set(_COLOURS.values()) or not told & {"flash", "steady"}:
        return None
    fits: list[tuple[int, bool, int, PassageOut, str]] = []
    for p, line, cond in conditioned_lines(found, shown, sku):
        fit, features = _light_fit(cond, told)
        bare = condition(line) is None and "|" not in line  # a row that lost its divider: last
        if fit == 1.0 and features >= 2:  # the shortest condition says only it
            fits.append((-features, bare, len(cond.split()), p, line))
    fits.sort(key=lambda f: f[:3])
    if not fits or (len(fits) > 1 and fits[1][:3] == fits[0][:3] and fits[1][4] != fits[0][4]):
        return None
    return fits[0][3].model_copy(update={"text": fits[0][4]})


def conditioned_lines(
    found: Iterable[PassageOut], shown: str, sku: str
) -> Iterator[tuple[PassageOut, str, str]]:
    """(passage, line, its condition) for the lines of ``sku``'s passages that state a case,
    each case of a legend on its own; not the lines of the text ``shown`` already."""
    for p in found:
        if sku not in p.skus:
            continue
        for raw in p.text.splitlines():
            if raw.strip() and raw.strip() in shown:
                continue
            yield from ((p, line, cond) for line, cond in _legend(raw.strip()) if cond)


# a lamp table's row whose cells lost their divider (a PDF's text): the light, then its meaning
_LAMP_ROW = re.compile(
    r"^((?:(?:solid|steady|flash\w*|blink\w*|puls\w*|short|long|quick|slow|fast|alternately|"
    r"and|or|only|once|twice|then|off|for|every|per|\d+|seconds?|times|white|red|green|blue|"
    r"amber|orange|yellow|purple|[(),/])\s*)+)\s*[A-Z][a-z]",
    re.I,
)


def _legend(line: str) -> list[tuple[str, str | None]]:
    """A line and its condition (a table row's first cell), and each case of a legend listed
    after a label ("Status LED: blinks blue while pairing; …; one amber flash when the command
    was not received") as that case, under its label."""
    row = _LAMP_ROW.match(line)  # "Solid green Fully charged (cable still connected)"
    cell = line.split("|")[0] if "|" in line else row.group(1) if row else None
    found = [(line, condition(line) or cell)]
    label, _, cases = line.partition(": ")
    if ";" in cases and len(label.split()) <= 4:
        found += [(f"{label}: {c.strip()}", c) for c in cases.split(";") if c.strip()]
    return found


def told_line(shown: Iterable[PassageOut], text: str) -> tuple[PassageOut, str] | None:
    """The line of a section already shown whose condition is what ``text`` tells, and its
    passage; None when no line fits, or when two fit equally well."""
    lines = [(p, raw.strip()) for p in shown for raw in p.text.splitlines()]
    return fitting(lines, text)


def fitting(lines: Iterable[tuple[_T, str]], text: str) -> tuple[_T, str] | None:
    told = _told_light(text)
    fits: list[tuple[tuple[float, int], _T, str]] = []
    for where, line in lines:
        cond = condition(line)
        if cond is None:
            continue
        lit = _LIGHT_WORD.search(line) is not None  # "the night image is white": no light
        fit = max(_light_fit(cond, told) if lit else (0.0, 0), _word_fit(cond, text))
        if fit[0] >= _MIN_FIT:
            fits.append((fit, where, line))
    fits.sort(key=lambda f: f[0], reverse=True)
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0] and fits[1][2] != fits[0][2]):
        return None
    return fits[0][1], fits[0][2]


def told_reply(
    step: Step,
    sku: str,
    model: str,
    seen: Collection[str],
    found: list[PassageOut],
    resets: list[PassageOut],
) -> ModelTurn | None:
    """The line of a fix shown already (``seen``) that the customer's message fits, with the
    section it points to ("replace the battery (section 6.4)") when that was found, or the
    reset's steps when it says to reset; the hand-over its line calls for when the fault came
    back. The sections shown are searched again by the message before this one."""
    before = step.ctx.state.asked[-2:-1]
    query = f"{model}: {before[0]}" if before else ""
    if query and not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "product_sku": sku, "k": 5}))
    again = passages(step, query) if query else []
    said = (step.ctx.state.replies or [""])[-1]  # a line quoted by a product answer counts too
    shown_here = {p.chunk_id for p in [*found, *again] if p.chunk_id in seen or _quoted(p, said)}
    sections = {(p.source, p.section) for p in [*found, *again] if p.chunk_id in shown_here}
    rest_q = [f"{model}: {section}" for _, section in sorted(sections) if section][:2]
    missing = [q for q in rest_q if not step.done.has("search_documents", query=q)]
    if missing:  # the rest of a section shown is its too
        return call(
            *(("search_documents", {"query": q, "product_sku": sku, "k": 4}) for q in missing)
        )
    rest = [p for q in rest_q for p in passages(step, q)]
    pool = {p.chunk_id: p for p in [*found, *again, *rest]}
    shown = [  # the chunks shown first, then the rest of their sections
        *(pool[i] for i in pool if i in shown_here),
        *(p for i, p in pool.items() if i not in shown_here and (p.source, p.section) in sections),
    ]
    recurs = _recurs_to_support(step, shown)
    if recurs is not None:
        return recurs
    told = told_line(shown, step.ctx.text)
    if told is None:
        return None
    passage, line = told
    parts = [f"That matches this line of the guide ({source_label(passage)}):\n{line}"]
    cited = [passage.chunk_id]
    pointer = _SECTION.search(line)
    if pointer is not None and passage.skus:  # the section it points to, searched by its line
        query = f"{passage.title}: {line}"
        if not step.done.has("search_documents", query=query):
            return call(("search_documents", {"query": query, "product_sku": sku, "k": 4}))
        found = [*found, *passages(step, query)]
    pointed = next((p for p in found if pointer and _numbered(p.section, pointer.group(1))), None)
    reset = next((p for p in resets if p.chunk_id != passage.chunk_id), None)
    if pointed is not None and pointed.chunk_id != passage.chunk_id:
        parts.append(f"How to do that ({source_label(pointed)}):\n{pointed.text.strip()}")
        cited.append(pointed.chunk_id)
    elif reset is not None and RESET.search(line):
        parts.append(f"Here's how to reset it ({source_label(reset)}):\n{reset.text.strip()}")
        cited.append(reset.chunk_id)
    parts.append("Did that work? If not, tell me what happens and I'll suggest the next step.")
    return say("\n\n".join(parts), cited)


def _quoted(passage: PassageOut, reply: str) -> bool:
    """Whether the reply quoted a line of the passage that has a condition ("5. … If white
    spots remain, wipe them…")."""
    lines = (u.strip() for u in passage.text.splitlines())
    return any(u in reply and condition(u) is not None for u in lines if len(u) > 20)


_T = TypeVar("_T")


def _recurs_to_support(step: Step, shown: list[PassageOut]) -> ModelTurn | None:
    """The fix shown did not hold ("it comes back after a couple of shots") and the line of that
    fix for the problem told before says to contact support if it recurs: that hand-over."""
    if not _CAME_BACK.search(step.ctx.text):
        return None
    before = step.ctx.state.asked[-3:-1]
    problem = _words(" ".join(before))
    for p in shown:
        for raw in p.text.splitlines():
            line = raw.strip()
            recurs = _IF_IT_RECURS.search(line)
            if recurs is None or not SENDS_TO_SUPPORT.search(line[recurs.start() :]):
                continue
            said = _words(line[: recurs.start()])
            if len(said & problem) >= _MIN_SHARED:  # the line for the problem told before
                sentence = line[recurs.start() :]
                answer = f"The guide says ({source_label(p)}):\n{line}"
                return docs_send_to_support(step, answer, [p.chunk_id], sentence)
    return None
