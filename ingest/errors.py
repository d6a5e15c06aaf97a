"""Errors of the ingestion stage.

IngestError
├── DocumentError          one file cannot be ingested; it is reported and skipped
│   ├── UnsupportedFormat  unknown extension
│   ├── FileTooLarge       over the configured size limit
│   ├── Unreadable         permissions, I/O errors, undecodable text
│   ├── EncryptedDocument  password-protected PDF
│   ├── CorruptDocument    the parser cannot read the structure
│   └── NoText             empty file, or a PDF whose pages carry no extractable text
├── IngestLocked           another ingestion holds the store's lock
└── ValidationFailed       the freshly built index version failed its checks; not switched
"""

from __future__ import annotations


class IngestError(Exception):
    """Base of all ingestion errors."""


class DocumentError(IngestError):
    """A single document could not be ingested. ``reason`` is a short machine-readable code."""

    reason = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedFormat(DocumentError):
    reason = "unsupported_format"


class FileTooLarge(DocumentError):
    reason = "too_large"


class Unreadable(DocumentError):
    reason = "unreadable"


class EncryptedDocument(DocumentError):
    reason = "encrypted"


class CorruptDocument(DocumentError):
    reason = "corrupt"


class NoText(DocumentError):
    reason = "no_text"


class IngestLocked(IngestError):
    """Another ingestion is running against the same store."""


class ValidationFailed(IngestError):
    """The new index version did not pass validation; the live version keeps serving."""
