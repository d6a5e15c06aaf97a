"""Two things a customer who cannot sign in needs besides the sign-in rules: a warning when
they type their password into the chat ("my password is … can u just log in for me"), and the
way to the order they wanted to see, which needs no account ("…locked!!! i need to see if my
daughters present is coming"): its number and e-mail, here in chat."""

from __future__ import annotations

import re

from assistant.redaction import PASSWORD_MASK, PASSWORD_TOLD

# "can u log in as me": being signed in by the assistant
_LOG_IN_AS = re.compile(r"\blog ?in (as|with) (me|my)\b", re.I)
# the order the customer wanted to check in the account
_ORDER_ASKED = re.compile(
    r"\b(is (it|my \w+|the \w+|her \w+|his \w+) coming|arriv\w*|ship(ped)?|where is|track\w*|"
    r"deliver\w*|my orders?|present|package|parcel)\b",
    re.I,
)
WARNING = (
    "Please don't type your password here: we never ask for it, and I can't sign in for you. "
    "Once you're back in, change it in your account settings."
)
ORDER_LOOKUP = (
    "You don't need to sign in to check an order: send me the order number and the email "
    "address on it, and I'll look it up here."
)


def told_password(text: str) -> bool:
    """The message gives a password (or asks to be signed in with one)."""
    return bool(PASSWORD_TOLD.search(text) or PASSWORD_MASK in text or _LOG_IN_AS.search(text))


def locked_out_notes(text: str, verified: bool) -> list[str]:
    """What to say first, before the sign-in rules: the warning, and the way to the order."""
    notes = [WARNING] if told_password(text) else []
    if not verified and _ORDER_ASKED.search(text):
        notes.append(ORDER_LOOKUP)
    return notes
