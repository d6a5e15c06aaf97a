"""How a product's phrase is found in a shopper's words: as whole words, a model number typed
joined or hyphenated, a model code spelled as shoppers type it."""

from __future__ import annotations

import re

_BEFORE_NUMBER = re.compile(r"(?<=[a-z]) (?=\d)")  # a name's space before its model number


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as a whole word; a model number may be typed joined or hyphenated to the name
    before it, and counted ("trek 5" as "trek5s" or "trek-5")."""
    escaped = r"[\s-]?".join(re.escape(part) for part in _BEFORE_NUMBER.split(phrase))
    counted = "(?:'?s)?" if phrase[-1:].isdigit() else ""
    return re.compile(rf"(?<![\w-]){escaped}{counted}(?![\w-])")


def squashed(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def code_spellings(code: str) -> set[str]:
    """How shoppers type a model code: "KX-2" as "kx2", "Z8" as "z-8"."""
    if "-" in code:
        return {code.replace("-", "")}
    m = re.fullmatch(r"([a-z]+)(\d+)", code)
    return {f"{m.group(1)}-{m.group(2)}"} if m else set()


def sentence_around(low: str, at: int) -> str:
    """The sentence of ``low`` around position ``at``."""
    start = max(low.rfind(c, 0, at) for c in ".!?") + 1
    ends = [e for e in (low.find(c, at) for c in ".!?") if e != -1]
    return low[start : min(ends) if ends else len(low)]
