"""Secrets a customer types into the chat, removed before the text is kept anywhere.

A card number ("my card 4111 1111 1111 1111 was charged twice") or a password ("my password is
Rover2020, can u just log in for me") is needed by nobody who reads a transcript: not the
conversation's stored messages, not the model that reads the history, not the agent who gets a
hand-over packet, not the gaps report. :func:`redact` is applied to each customer message as it
enters the conversation (``agent/loop.py``) and to the customer's words the stored state keeps
(``conversations/codec.py``), so none of those ever holds the secret; the planner still reads
the message as typed in that turn to warn the customer.
"""

from __future__ import annotations

import re

CARD_MASK = "[card number removed]"
PASSWORD_MASK = "[password removed]"

# 13–19 digits, spaces or dashes between them; masked only when the Luhn check passes, so an
# order number or a phone number stays
_CARD_LIKE = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")
# "my password is Sunflower22!", "pw: hunter2", "it was like Rover2020": a word after "is", "was",
# "=" or ":" that has a digit or a sign in it ("my password is not working" has neither)
PASSWORD_TOLD = re.compile(
    r"\b(?:pass?s? ?wo?r?d|pw|passcode)\b[^.?!]{0,20}?(?:\b(?:is|was|it'?s)\b|=|:)\s*"
    r"(?:(?:like|probably|prob|maybe|either)\s+)?"
    r"(?P<secret>(?=\S*[\d!@#$%^&*])\S{4,})",
    re.I,
)

# a second guess right after a masked one: "its probably Tulip99 or tulip100"
_ANOTHER = re.compile(
    rf"({re.escape(PASSWORD_MASK)})(\s*(?:,|/|\bor\b)\s*)(?=[^\s,]*[\d!@#$%^&*])[^\s,]{{4,}}"
)


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask_card_numbers(text: str) -> str:
    """``text`` with card-like numbers (13–19 digits, Luhn-valid, spaces or dashes allowed)
    replaced by :data:`CARD_MASK`."""

    def replace(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return CARD_MASK if _luhn(digits) else match.group(0)

    return _CARD_LIKE.sub(replace, text)


def mask_passwords(text: str) -> str:
    """``text`` with a typed password replaced by :data:`PASSWORD_MASK` (the words before it,
    "my password is", stay, so a reader knows what was removed)."""

    def replace(match: re.Match[str]) -> str:
        start = match.start("secret")
        offset = match.start()
        whole = match.group(0)
        trail = re.search(r"[.,;)]+$", whole[start - offset :])  # "Rover2020." keeps its full stop
        kept = trail.group(0) if trail else ""
        return whole[: start - offset] + PASSWORD_MASK + kept

    masked = PASSWORD_TOLD.sub(replace, text)
    return _ANOTHER.sub(rf"\1\2{PASSWORD_MASK}", masked)  # "…Tulip99 or tulip100": both


def redact(text: str) -> str:
    """``text`` without card numbers and passwords."""
    return mask_passwords(mask_card_numbers(text))
