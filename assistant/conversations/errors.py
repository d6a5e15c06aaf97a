"""Conversation errors. Messages are safe to show to the customer.

ConversationError
├── ConversationNotFound   unknown id or wrong token (never says which)
├── NothingPending         confirm/decline while no action waits for confirmation
├── AlreadyVerified        the conversation already has a verified customer
└── ConversationBusy       another turn of this conversation is still running, or another
                           worker saved a turn first (the client may retry)
"""

from __future__ import annotations


class ConversationError(Exception):
    code = "conversation_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConversationNotFound(ConversationError):
    code = "conversation_not_found"

    def __init__(self) -> None:
        super().__init__("No such conversation.")


class NothingPending(ConversationError):
    code = "nothing_pending"

    def __init__(self) -> None:
        super().__init__("There is no action waiting for your confirmation.")


class AlreadyVerified(ConversationError):
    code = "already_verified"

    def __init__(self) -> None:
        super().__init__("This conversation is already verified.")


class ConversationBusy(ConversationError):
    code = "conversation_busy"

    def __init__(self) -> None:
        super().__init__("The previous message is still being answered. Please try again.")
