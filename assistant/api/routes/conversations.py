"""``/v1/conversations``: start a conversation, send messages (JSON or a server-sent event
stream), verify, confirm or decline a pending action, read the transcript, rate it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import Conversation, Conversations
from assistant.api.errors import describe
from assistant.api.schemas import (
    ConversationStarted,
    Delta,
    ErrorBody,
    ErrorDetail,
    FeedbackRecorded,
    GiveFeedback,
    ReplyOut,
    SendMessage,
    StartConversation,
    Transcript,
    TranscriptMessage,
    Verified,
    VerifyIdentity,
)

log = logging.getLogger("assistant.api")
router = APIRouter(prefix="/v1/conversations", tags=["conversations"])
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody} for status in (400, 404, 409, 413, 429)
}


@router.post("", status_code=201, responses=_ERRORS)
def start_conversation(body: StartConversation, service: Conversations) -> ConversationStarted:
    """Start a conversation; a valid storefront token verifies the customer at once."""
    started = service.start(
        storefront_token=body.storefront_token, proactive_message_id=body.proactive_message_id
    )
    return ConversationStarted(
        conversation_id=started.conversation_id,
        conversation_token=started.conversation_token,
        verified=started.customer_name is not None,
        customer_name=started.customer_name,
        greeting=started.greeting,
    )


@router.post("/{conversation_id}/messages", responses=_ERRORS)
def send_message(body: SendMessage, conversation: Conversation, service: Conversations) -> ReplyOut:
    """The assistant's reply to the customer's message."""
    return ReplyOut.of(service.reply(conversation, body.text))


@router.post(
    "/{conversation_id}/messages/stream", response_class=EventSourceResponse, responses=_ERRORS
)
async def stream_message(
    body: SendMessage, conversation: Conversation, service: Conversations
) -> AsyncIterator[ServerSentEvent]:
    """The reply as server-sent events: ``delta`` events with pieces of its text as they are
    written, then one ``reply`` event with the whole reply (or one ``error`` event)."""
    loop = asyncio.get_running_loop()
    pieces: asyncio.Queue[str | None] = asyncio.Queue()

    def on_text(piece: str) -> None:
        loop.call_soon_threadsafe(pieces.put_nowait, piece)

    async def answer() -> ReplyOut:
        try:
            reply = await run_in_threadpool(service.reply, conversation, body.text, on_text)
            return ReplyOut.of(reply)
        finally:
            pieces.put_nowait(None)  # after every piece the worker thread queued

    task = asyncio.create_task(answer())
    task.add_done_callback(lambda t: t.cancelled() or t.exception())  # read if we stop early
    while (piece := await pieces.get()) is not None:
        if piece:
            yield ServerSentEvent(event="delta", data=Delta(text=piece))
    try:
        reply = await task
    except Exception as exc:  # reported as the stream's error event
        info = describe(exc)
        if info is None:
            log.error("unhandled error while streaming a reply", exc_info=exc)
            code, message = "internal_error", "Something went wrong on our side. Please try again."
        else:
            code, message = info.code, info.message
        yield ServerSentEvent(event="error", data=ErrorDetail(code=code, message=message))
        return
    yield ServerSentEvent(event="reply", data=reply)


@router.post("/{conversation_id}/verify", responses={401: {"model": ErrorBody}, **_ERRORS})
def verify(body: VerifyIdentity, conversation: Conversation, service: Conversations) -> Verified:
    """Verify the customer with an order number and the email used for that order."""
    name = service.verify(conversation, body.order_number, body.email)
    return Verified(customer_name=name)


@router.post("/{conversation_id}/confirm", responses=_ERRORS)
def confirm(conversation: Conversation, service: Conversations) -> ReplyOut:
    """Execute the action waiting for confirmation (409 nothing_pending if there is none)."""
    return ReplyOut.of(service.confirm(conversation))


@router.post("/{conversation_id}/decline", responses=_ERRORS)
def decline(conversation: Conversation, service: Conversations) -> ReplyOut:
    """Drop the action waiting for confirmation (409 nothing_pending if there is none)."""
    return ReplyOut.of(service.decline(conversation))


@router.get("/{conversation_id}/transcript", responses=_ERRORS)
def transcript(conversation: Conversation, service: Conversations) -> Transcript:
    """The conversation so far, oldest message first."""
    messages = [TranscriptMessage.of(m) for m in service.transcript(conversation)]
    return Transcript(conversation_id=conversation.id, messages=messages)


@router.post("/{conversation_id}/feedback", status_code=201, responses=_ERRORS)
def feedback(
    body: GiveFeedback, conversation: Conversation, service: Conversations
) -> FeedbackRecorded:
    """Rate the conversation: CSAT 1–5, optionally NPS 0–10 and a comment."""
    service.feedback(conversation, csat=body.csat, nps=body.nps, comment=body.comment)
    return FeedbackRecorded()
