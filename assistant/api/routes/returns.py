"""Return labels (PDF), only for the customer whose return it is:

- ``GET /v1/returns/{rma}/label.pdf?expires=…&sig=…``: the signed link issued when the return is
  confirmed (shown in chat and emailed); a changed RMA or expiry, a forged signature or an
  expired link is 404, exactly like an unknown RMA;
- ``GET /v1/conversations/{id}/returns/{rma}/label.pdf`` with the conversation's token: the
  label of a return of the customer that conversation is verified as (anyone else's: 404)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from assistant.api.deps import AppServices, Conversation
from assistant.api.errors import ApiError
from assistant.api.schemas import ErrorBody

router = APIRouter(tags=["returns"])
_RMA = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,39}")  # anything else is no label, never a lookup


@router.get("/v1/returns/{rma}/label.pdf", responses={404: {"model": ErrorBody}})
def return_label(
    rma: str,
    services: AppServices,
    expires: Annotated[int, Query(ge=0, description="Unix time the link expires")],
    sig: Annotated[str, Query(min_length=1, max_length=100)],
) -> FileResponse:
    """The label PDF the signed link points at."""
    if not _RMA.fullmatch(rma):
        return _pdf(None)
    return _pdf(services.assistant.backend.label_for_link(rma, expires, sig))


def _pdf(path: Path | None) -> FileResponse:
    if path is None:
        raise ApiError(404, "label_not_found", "No such return label, or the link has expired.")
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Disposition": f'inline; filename="{path.name}"',
    }
    return FileResponse(path, media_type="application/pdf", headers=headers)


@router.get(
    "/v1/conversations/{conversation_id}/returns/{rma}/label.pdf",
    responses={404: {"model": ErrorBody}},
)
def own_return_label(rma: str, conversation: Conversation, services: AppServices) -> FileResponse:
    """The label of one of the verified customer's returns."""
    if not _RMA.fullmatch(rma):
        return _pdf(None)
    customer = services.conversations.customer(conversation)
    backend = services.assistant.backend
    return _pdf(backend.label_for_customer(customer, rma) if customer else None)
