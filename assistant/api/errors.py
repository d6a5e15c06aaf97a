"""The one place where exceptions become HTTP responses.

Every error body is ``{"error": {"code": "snake_case", "message": "human text"}}``; nothing
else reaches the client: no stack trace, exception class or module name. What maps where:

    ApiError (raised by routes and middleware)     its own status and code
    RequestValidationError (malformed input)       400 invalid_request
    HTTPException (unknown route, wrong method)    its status, a code named after it
    ConversationError                              404 conversation_not_found, 409 otherwise
    CommerceError                                  400 invalid input, 401 verification_failed,
                                                   404 not found, 429 verification_locked,
                                                   409 refused actions and confirmations
    EmptyMessage                                   400 empty_message
    anything else (a bug)                          500 internal_error, logged with traceback
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.commerce.errors import (
    CommerceError,
    InvalidInput,
    NotFound,
    VerificationFailed,
    VerificationLocked,
)
from assistant.conversations.errors import ConversationError, ConversationNotFound
from assistant.runtime import EmptyMessage

log = logging.getLogger("assistant.api")

INTERNAL_MESSAGE = "Something went wrong on our side. Please try again in a moment."
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "unavailable",
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})


class RateLimited(ApiError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(
            429,
            "rate_limited",
            "Too many requests. Please wait a moment and try again.",
            headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
        )


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    status: int
    code: str
    message: str


def error_response(
    status: int, code: str, message: str, *, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def _commerce_status(exc: CommerceError) -> int:
    if isinstance(exc, InvalidInput):
        return 400
    if isinstance(exc, VerificationFailed):
        return 401
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, VerificationLocked):
        return 429
    return 409  # ActionNotAllowed, ConfirmationError: refused in the current state


def describe(exc: BaseException) -> ErrorInfo | None:
    """Status, code and message for a known error; ``None`` for a bug."""
    if isinstance(exc, ApiError):
        return ErrorInfo(exc.status, exc.code, exc.message)
    if isinstance(exc, ConversationError):
        status = 404 if isinstance(exc, ConversationNotFound) else 409
        return ErrorInfo(status, exc.code, exc.message)
    if isinstance(exc, CommerceError):
        return ErrorInfo(_commerce_status(exc), exc.code, exc.message)
    if isinstance(exc, EmptyMessage):
        return ErrorInfo(400, "empty_message", "The message is empty.")
    return None


def validation_message(errors: Sequence[Any]) -> str:
    """'field: problem' for the first few problems, without echoing the input."""
    parts = []
    for error in errors[:3]:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        where = ".".join(loc) or "request body"
        if error.get("type") == "json_invalid":
            parts.append("the request body is not valid JSON")
        else:
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "; ".join(parts) + more if parts else "The request is not valid."


async def _known(request: Request, exc: Exception) -> JSONResponse:
    info = describe(exc)
    if info is None:
        return await _internal(request, exc)
    headers = exc.headers if isinstance(exc, ApiError) else None
    return error_response(info.status, info.code, info.message, headers=headers)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return error_response(400, "invalid_request", validation_message(errors))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, HTTPException):
        return await _internal(request, exc)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", INTERNAL_MESSAGE)


def install_error_handlers(app: FastAPI) -> None:
    for known in (ApiError, ConversationError, CommerceError, EmptyMessage):
        app.add_exception_handler(known, _known)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _internal)
