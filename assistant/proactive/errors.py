"""Errors of the proactive package. Messages are safe to return to the event's sender.

    ProactiveError
    ├── InvalidSignature      missing or wrong ``X-Aftercare-Signature`` (HTTP 401)
    └── MalformedEvent        not JSON, or not a valid event of its type (HTTP 400)

An event that is valid but cannot lead to a message (no consent, unknown order, nothing to say)
is not an error: it is accepted and reported as ``suppressed``.
"""

from __future__ import annotations


class ProactiveError(Exception):
    code = "proactive_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidSignature(ProactiveError):
    code = "invalid_signature"


class MalformedEvent(ProactiveError):
    code = "invalid_event"
