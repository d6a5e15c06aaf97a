"""A correction of what the customer asked for while its preview waits: "oops its 724 not
742", "I meant 9.5, not 9", "Maple St not Maple Ave". The pending action is never confirmed by
it (a later "yes" must not execute the wrong address); the request is read again with the
word replaced, so the customer gets a new preview of what they meant.

Only a word the customer wrote in the request behind the preview can be replaced: the
correction edits the customer's own words, never a document's or a model's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.agent.messages import Message

_TOKEN = r"[\w#.'-]+"
_NEW_NOT_OLD = re.compile(
    rf"(?:\b(?:it'?s|its|it is|i meant|i mean|meant|should be|make it)\b[\s,:]*|^)"
    rf"(?P<new>{_TOKEN}(?:\s{_TOKEN})?)\s*,?\s+not\s+(?P<old>{_TOKEN}(?:\s{_TOKEN})?)\s*[.!]*$",
    re.I,
)
_OLD_SHOULD_BE_NEW = re.compile(
    rf"(?:^|\s)(?P<old>{_TOKEN})\s+(?:should be|should have been|is meant to be|→|->)\s+"
    rf"(?P<new>{_TOKEN})\s*[.!]*$",
    re.I,
)
# Words that "X not Y" uses without correcting anything ("yes, not now", "that, not this").
_NOT_A_VALUE = frozenset(
    "now today yet really sure that this it them me you yes no ok okay please thanks".split()
)
_LEAD = re.compile(r"^(oops|sorry|wait|ah|oh|hmm|actually|no)\b[\s,!.:-]*", re.I)


@dataclass(frozen=True, slots=True)
class Correction:
    old: str
    new: str
    request: str  # the customer's earlier message with ``old`` replaced by ``new``


def _clean(text: str) -> str:
    text = " ".join(text.split())
    while True:
        cut = _LEAD.sub("", text)
        if cut == text:
            return text
        text = cut


def _in(word: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I)


class _History(Protocol):
    @property
    def messages(self) -> Sequence[Message]: ...


def find_correction(text: str, state: _History) -> Correction | None:
    """The correction ``text`` makes to the newest of the customer's earlier messages (in the
    conversation ``state``) that holds the word it replaces; None when it is not one."""
    earlier = [m.text for m in state.messages if m.role == "user"]
    clean = _clean(text)
    if len(clean.split()) > 10:
        return None
    match = _NEW_NOT_OLD.search(clean) or _OLD_SHOULD_BE_NEW.search(clean)
    if match is None:
        return None
    old, new = match.group("old").strip(" .,"), match.group("new").strip(" .,")
    if not old or not new or old.lower() == new.lower():
        return None
    if {old.lower(), new.lower()} & _NOT_A_VALUE:
        return None
    for message in reversed(earlier):
        found = _in(old, message)
        if found is not None:
            request = message[: found.start()] + new + message[found.end() :]
            return Correction(old=old, new=new, request=request)
    return None
