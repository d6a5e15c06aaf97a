"""Code 39 barcodes as bar widths: each character is five bars and four gaps, three of the nine
wide. Start and stop are ``*``; characters are digits, capital letters, space, ``-`` and ``.``."""

from __future__ import annotations

# n = narrow, w = wide; bar, gap, bar, gap ... (nine elements per character)
_PATTERNS: dict[str, str] = {
    "0": "nnnwwnwnn", "1": "wnnwnnnnw", "2": "nnwwnnnnw", "3": "wnwwnnnnn",
    "4": "nnnwwnnnw", "5": "wnnwwnnnn", "6": "nnwwwnnnn", "7": "nnnwnnwnw",
    "8": "wnnwnnwnn", "9": "nnwwnnwnn", "A": "wnnnnwnnw", "B": "nnwnnwnnw",
    "C": "wnwnnwnnn", "D": "nnnnwwnnw", "E": "wnnnwwnnn", "F": "nnwnwwnnn",
    "G": "nnnnnwwnw", "H": "wnnnnwwnn", "I": "nnwnnwwnn", "J": "nnnnwwwnn",
    "K": "wnnnnnnww", "L": "nnwnnnnww", "M": "wnwnnnnwn", "N": "nnnnwnnww",
    "O": "wnnnwnnwn", "P": "nnwnwnnwn", "Q": "nnnnnnwww", "R": "wnnnnnwwn",
    "S": "nnwnnnwwn", "T": "nnnnwnwwn", "U": "wwnnnnnnw", "V": "nwwnnnnnw",
    "W": "wwwnnnnnn", "X": "nwnnwnnnw", "Y": "wwnnwnnnn", "Z": "nwwnwnnnn",
    "-": "nwnnnnwnw", ".": "wwnnnnwnn", " ": "nwwnnnwnn", "*": "nwnnwnwnn",
}  # fmt: skip
WIDE = 3  # a wide element is three narrow ones


def code39_bars(text: str) -> list[tuple[int, int]]:
    """The bars of ``*text*`` as (offset, width) in narrow units, left to right."""
    value = text.upper()
    unknown = sorted({c for c in value if c not in _PATTERNS or c == "*"})
    if unknown:
        raise ValueError(f"Code 39 cannot encode {''.join(unknown)!r}")
    bars: list[tuple[int, int]] = []
    x = 0
    for char in f"*{value}*":
        for index, element in enumerate(_PATTERNS[char]):
            width = WIDE if element == "w" else 1
            if index % 2 == 0:
                bars.append((x, width))
            x += width
        x += 1  # the narrow gap between characters
    return bars


def code39_width(text: str) -> int:
    """The barcode's width in narrow units (without quiet zones)."""
    return (len(text) + 2) * (3 * WIDE + 6 + 1) - 1
