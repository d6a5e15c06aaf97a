"""``assistant chat``: talk to the assistant in a terminal, or replay a YAML script.

Script format (``--script FILE``)::

    now: 2026-01-20T10:00:00-05:00        # optional: pins the store's clock
    identity:                              # optional: verify before turn 1
      order_number: "47234"                # with email; or just customer_email (as a
      email: jordan.rivera@example.com     #   signed storefront token would do)
    turns:
      - I just placed an order but didn't get a confirmation email. Did it go through?
      - yes please resend it

With ``--json`` each customer turn prints one JSON object: text, intent, confidence, citations,
tool_calls, pending_action, executed_actions, escalation (and model, fallback). A script runs
against a fresh copy of the demo store unless ``--database-url`` is given, so replays are
repeatable.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.settings import Settings, get_settings


class ScriptIdentity(BaseModel):
    order_number: str | None = None
    email: str | None = None
    customer_email: str | None = None


class Script(BaseModel):
    now: datetime | None = None
    identity: ScriptIdentity | None = None
    turns: list[str] = Field(min_length=1)

    @field_validator("turns", mode="before")
    @classmethod
    def _yaml_booleans_are_words(cls, value: Any) -> Any:
        """YAML reads a bare ``yes``/``no`` turn as a boolean: keep the customer's word."""
        if isinstance(value, list):
            return [("yes" if v else "no") if isinstance(v, bool) else v for v in value]
        return value


class ScriptError(ValueError):
    pass


def load_script(path: Path) -> Script:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Script.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ScriptError(f"{path}: {exc}") from exc


def add_parser(sub: Any) -> None:
    chat = sub.add_parser(
        "chat",
        help="chat in the terminal, or replay a script",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chat.add_argument("--script", type=Path, help="YAML script of customer turns")
    chat.add_argument("--json", action="store_true", help="one JSON object per turn")
    chat.add_argument(
        "--database-url",
        help="store database (default: a fresh demo store "
        "for scripts, the configured one otherwise)",
    )
    chat.add_argument("--token", help="a signed storefront token to start verified")


def run_chat(args: argparse.Namespace) -> int:
    from assistant.runtime import Assistant

    settings = get_settings()
    script = None
    if args.script:
        try:
            script = load_script(args.script)
        except ScriptError as exc:
            print(f"assistant: {exc}", file=sys.stderr)
            return 2
    overrides: dict[str, Any] = {}
    tmp = None
    if script is not None and script.now is not None:
        overrides["store_now"] = script.now
    if args.database_url:
        overrides["database_url"] = args.database_url
    elif script is not None:
        tmp = tempfile.TemporaryDirectory(prefix="aftercare-chat-")
        overrides["database_url"] = f"sqlite:///{tmp.name}/store.db"
    settings = Settings(**{**settings.model_dump(), **overrides}) if overrides else settings
    assistant = Assistant.from_settings(settings)
    try:
        return _converse(assistant, args, script)
    finally:
        assistant.close()
        if tmp is not None:
            tmp.cleanup()


def _converse(assistant: Any, args: argparse.Namespace, script: Script | None) -> int:
    from assistant.commerce.errors import CommerceError

    state = assistant.start(storefront_token=args.token)
    if script is not None and script.identity is not None:
        ident = script.identity
        try:
            if ident.customer_email:
                token = assistant.backend.identity.issue_storefront_token(ident.customer_email)
                state.customer = assistant.backend.verify_by_token(state.conversation_id, token)
            elif ident.order_number and ident.email:
                assistant.verify(state, ident.order_number, ident.email)
        except CommerceError as exc:
            print(f"assistant: could not verify the script's identity: {exc}", file=sys.stderr)
            return 2
    turns = script.turns if script is not None else None
    if turns is None:
        print(f"{assistant.backend.policy().name} assistant (Ctrl-D to quit)")
    for text in turns if turns is not None else _stdin_lines():
        reply = assistant.reply(state, text)
        if args.json:
            print(json.dumps(reply.model_dump(mode="json")), flush=True)
            continue
        if turns is not None:
            print(f"\ncustomer> {text}")
        print(f"\nassistant> {reply.text}")
        for c in reply.citations:
            page = f", p. {c.page}" if c.page else ""
            print(f"   [{c.title}{' — ' + c.section if c.section else ''}{page}] {c.source}")
        if reply.pending_action:
            print(f"   (waiting for your confirmation: {reply.pending_action.action})")
        if reply.escalation:
            print(
                f"   (handed to a person: {reply.escalation.reason}, ticket "
                f"{reply.escalation.ticket_number})"
            )
    return 0


def _stdin_lines() -> Any:
    while True:
        try:
            line = input("\nyou> ")
        except EOFError:
            return
        if line.strip():
            yield line
