"""Serial numbers as the store describes them: where one is printed and what it looks like
("CK17- followed by 6 digits"), from the store's serial formats (its policy file)."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.kit import Step, say
from assistant.planner.product_reading import SERIAL_WHERE
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots


def serial_ready(shop: ShopView, sku: str, slots: Slots) -> str:
    """ "Please have its serial number ready: it is printed …", the line a warranty claim's
    hand-over adds (the specialist asks for it first); "" when the store has no serial format
    for ``sku`` or the customer sent a serial already (``slots`` of their message)."""
    serial = shop.serial_format(sku)
    if serial is None or slots.serial or slots.serial_attempt:
        return ""
    return f"Please have its serial number ready: it is printed {serial.where}."


def serial_where(step: Step, sku: str) -> ModelTurn | None:
    """Where the serial number of ``sku`` is printed and what it looks like, from the store's
    serial formats; None when the store has none for it."""
    where = step.ctx.shop.serial_format(sku)
    if where is None:
        return None
    step.ctx.state.focus_sku, step.ctx.state.topic = sku, SERIAL_WHERE
    shape = describe_pattern(where.pattern)
    handed = step.ctx.state.escalation  # after a claim's hand-over it goes to the team's request
    return say(
        f"The {step.ctx.shop.model(sku) or sku} serial number is printed {where.where}"
        + (f": it is {shape}." if shape else ".")
        + (
            f" Send it here: the team sees this chat with your request ({handed.ticket_number})."
            if handed is not None
            else " Send it to me here and I'll register it for you."
        )
    )


_PIECE = re.compile(r"\\d\{(\d+)\}|\[0-9A-F\]\{(\d+)\}|([A-Za-z0-9-])")


def describe_pattern(pattern: str) -> str | None:
    """A serial format in words ("SW followed by 10 digits") from the policy's pattern, or
    None when the pattern is more than literal characters and fixed-length runs."""
    literal, at = "", 0
    runs: list[str] = []
    for m in _PIECE.finditer(pattern):
        if m.start() != at:
            return None
        at = m.end()
        if m.group(3) is not None:
            if runs:
                return None
            literal += m.group(3)
        elif m.group(1):
            runs.append(f"{m.group(1)} digits")
        else:
            runs.append(f"{m.group(2)} characters (0-9 and A-F)")
    if at != len(pattern) or len(runs) != 1:
        return None
    return f"{literal} followed by {runs[0]}" if literal else runs[0]
