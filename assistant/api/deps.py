"""Dependencies of the routes, as ``Annotated`` aliases (use them as parameter types).

The ones that only read ``app.state`` are ``async``: FastAPI runs a plain ``def`` dependency
in the thread pool, a hand-off (and a wake-up of the event loop) per dependency per request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from assistant.api.errors import ApiError, RateLimited
from assistant.api.limits import SlidingWindowLimiter
from assistant.api.services import Services
from assistant.conversations.service import ConversationRef, ConversationService
from assistant.settings import Settings
from assistant.store.ratelimits import StoreWindowLimiter


async def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    if not isinstance(settings, Settings):
        raise TypeError("the app has no settings")  # create_app always sets them
    return settings


async def get_services(request: Request) -> Services:
    services = getattr(request.app.state, "services", None)
    if not isinstance(services, Services):
        raise ApiError(503, "not_ready", "The assistant is starting. Try again in a moment.")
    return services


AppSettings = Annotated[Settings, Depends(get_settings)]
AppServices = Annotated[Services, Depends(get_services)]


async def get_conversation_service(services: AppServices) -> ConversationService:
    return services.conversations


Conversations = Annotated[ConversationService, Depends(get_conversation_service)]


def authenticated_conversation(
    request: Request,
    service: Conversations,
    conversation_id: str,
    token: Annotated[
        str | None,
        Header(
            alias="X-Conversation-Token",
            description="The conversation_token returned when the conversation was started.",
        ),
    ] = None,
) -> ConversationRef:
    """The conversation of the path, if the header holds its token (else 404), counted
    against the per-conversation rate limit (429)."""
    conversation = service.authenticate(conversation_id, token)
    limiter = request.app.state.conversation_limiter
    if isinstance(limiter, SlidingWindowLimiter | StoreWindowLimiter):  # shared or in memory
        retry_after = limiter.hit(conversation.id)
        if retry_after is not None:
            raise RateLimited(retry_after)
    return conversation


Conversation = Annotated[ConversationRef, Depends(authenticated_conversation)]
