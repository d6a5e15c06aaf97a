"""Shared helpers for text-based loaders."""

from __future__ import annotations

import re

import yaml

from ingest.errors import CorruptDocument, Unreadable

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", re.S)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); anything else is reported, not guessed."""
    if b"\x00" in data[:4096]:
        raise Unreadable("binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (invalid byte at offset {exc.start})") from exc


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise CorruptDocument(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, match.group(2)


def normalise_space(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()
