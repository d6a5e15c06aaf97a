"""Request and response bodies of the HTTP API (``/work/brief/api_contract.md``).

Requests forbid unknown fields and check types strictly where a coercion would hide a client
bug (a score sent as text). Replies are the agent's ``Reply`` plus what only the API adds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.agent.reply import CitationOut
from assistant.conversations.repository import ConversationReply, MessageRecord
from assistant.retrieval.types import Citation
from assistant.runtime import MAX_MESSAGE_CHARS


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


MessageText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_CHARS)
]
Score = Annotated[int, Field(strict=True)]


class StartConversation(RequestBody):
    storefront_token: str | None = Field(default=None, max_length=2048)
    proactive_message_id: str | None = Field(default=None, max_length=64)


class SendMessage(RequestBody):
    text: MessageText


class VerifyIdentity(RequestBody):
    order_number: str = Field(min_length=1, max_length=32)
    email: str = Field(min_length=1, max_length=254)


class GiveFeedback(RequestBody):
    csat: Annotated[Score, Field(ge=1, le=5)]
    nps: Annotated[Score, Field(ge=0, le=10)] | None = None
    comment: str | None = Field(default=None, max_length=2000)


class ConversationStarted(BaseModel):
    conversation_id: str
    conversation_token: str = Field(description="Send it as X-Conversation-Token; shown once.")
    verified: bool
    customer_name: str | None
    greeting: str


class Verified(BaseModel):
    verified: Literal[True] = True
    customer_name: str


class CitationLink(BaseModel):
    label: str
    url: str


def citation_link(citation: CitationOut) -> CitationLink:
    """``/documents/{source}``, with ``#page=N`` for a page of a PDF."""
    url = "/documents/" + quote(citation.source)
    if citation.page is not None and citation.source.lower().endswith(".pdf"):
        url += f"#page={citation.page}"
    label = Citation(citation.source, citation.title, citation.section, citation.page).label()
    return CitationLink(label=label, url=url)


class ReplyOut(ConversationReply):
    citation_links: list[CitationLink] = Field(default_factory=list)

    @classmethod
    def of(cls, reply: ConversationReply) -> ReplyOut:
        links = [citation_link(c) for c in reply.citations]
        return cls(**dict(reply), citation_links=links)


class TranscriptMessage(BaseModel):
    role: Literal["customer", "assistant"]
    text: str
    at: datetime
    reply: ReplyOut | None

    @classmethod
    def of(cls, message: MessageRecord) -> TranscriptMessage:
        reply = ReplyOut.of(message.reply) if message.reply is not None else None
        return cls(role=message.role, text=message.text, at=message.at, reply=reply)


class Transcript(BaseModel):
    conversation_id: str
    messages: list[TranscriptMessage]


class FeedbackRecorded(BaseModel):
    recorded: Literal[True] = True


class Delta(BaseModel):
    """One ``delta`` event of a streamed reply: the next piece of its text."""

    text: str


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool]
    index: dict[str, str | float | None] = {}  # served, current, lag_seconds
