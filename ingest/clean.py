"""Text a reader cannot see is not part of a document. Applied by the loaders before parsing:

- Unicode: NFKC, and zero-width, bidi-control and other format characters removed (they hide
  words from filters: ``ig\u200bnore``, right-to-left overrides);
- HTML comments, also inside Markdown (``<!-- ... -->``, an unterminated one to the end);
- hidden inline HTML in Markdown (``hidden``, ``aria-hidden``, ``display:none``, ...) and the
  remaining tags (their text stays);
- Markdown link titles (``[text](url "title")``) and image alt text that reads as an
  instruction.

The rules for what counts as invisible CSS live in :func:`hidden_style`, shared with the HTML
loader: ``display:none``, ``visibility:hidden``, ``opacity:0``, ``font-size`` of 2 px or less,
text colour equal or close to its background (white-on-nothing counts: pages are white), and
content pushed off-screen or clipped away.
"""

from __future__ import annotations

import re
import unicodedata

_FORMAT_KEEP = {"\n", "\t"}
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HIDDEN_ATTR = re.compile(
    r"\bhidden\b(?!\s*[-:])|aria-hidden\s*=\s*[\"']?true|style\s*=\s*(\"[^\"]*\"|'[^']*')", re.I
)
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)\s*>", re.S
)
_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_LINK_TITLE = re.compile(  # [text](url "title"), 'title' or (title); a title may hold ")"
    r"(\]\(\s*<?[^\s)>]*>?)\s+"
    r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))\s*\)"
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")

_NAMED_COLOURS = {
    "white": (255, 255, 255),
    "snow": (255, 250, 250),
    "ivory": (255, 255, 240),
    "whitesmoke": (245, 245, 245),
    "black": (0, 0, 0),
    "transparent": (-1, -1, -1),
}


def normalise_unicode(text: str) -> str:
    """NFKC without zero-width, bidi and other invisible format characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text if ch in _FORMAT_KEEP or unicodedata.category(ch) not in ("Cf", "Co")
    )


def _colour(value: str) -> tuple[int, int, int] | None:
    value = value.strip().lower()
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    hex_match = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", value)
    if hex_match:
        digits = hex_match.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        return r, g, b
    rgb = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", value)
    if rgb:
        if rgb.group(4) is not None and float(rgb.group(4)) < 0.1:
            return -1, -1, -1  # (nearly) fully transparent
        return int(rgb.group(1)), int(rgb.group(2)), int(rgb.group(3))
    return None


def _close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) <= 60


def hidden_style(style: str) -> bool:
    """Whether an inline CSS ``style`` makes its text invisible or nearly so."""
    css = {
        k.strip().lower(): v.strip().lower()
        for k, _, v in (part.partition(":") for part in style.split(";"))
        if k.strip()
    }
    if css.get("display", "").startswith("none") or css.get("visibility") in ("hidden", "collapse"):
        return True
    opacity = re.match(r"[\d.]+", css.get("opacity", "1"))
    if opacity and float(opacity.group(0) or 1) < 0.1:
        return True
    size = re.match(r"([\d.]+)\s*(px|pt|em|rem|%)?", css.get("font-size", ""))
    if size:
        value, unit = float(size.group(1)), size.group(2) or "px"
        px = {"px": value, "pt": value * 4 / 3, "em": value * 16, "rem": value * 16}.get(
            unit, value * 0.16
        )
        if px <= 2:
            return True
    colour = _colour(css.get("color", ""))
    if colour is not None:
        background = _colour(css.get("background-color", css.get("background", "white")))
        if colour == (-1, -1, -1) or (background is not None and _close(colour, background)):
            return True
    for key in ("left", "top", "text-indent", "margin-left"):
        offset = re.match(r"-\s*(\d+)", css.get(key, ""))
        if offset and int(offset.group(1)) >= 500:
            return True
    if css.get("clip-path", "").startswith("inset(50%") or css.get("clip", "").startswith("rect(0"):
        return True
    return css.get("height", "") in ("0", "0px") and css.get("overflow") == "hidden"


def hidden_attributes(attrs: str) -> bool:
    """Whether an HTML tag's attribute text hides the element."""
    for match in _HIDDEN_ATTR.finditer(attrs):
        style = match.group(1)
        if style is None or hidden_style(style[1:-1]):
            return True
    return False


def strip_hidden_html(text: str) -> str:
    """Inline HTML in Markdown: hidden elements go with their content, other tags go alone."""
    text = _COMMENT.sub(" ", text)
    for _ in range(5):  # nested hidden elements, innermost last
        changed = _HIDDEN_ELEMENT.sub(
            lambda m: " " if hidden_attributes(m.group("attrs")) else m.group(0), text
        )
        if changed == text:
            break
        text = changed
    return _TAG.sub(" ", text)


def clean_markdown(text: str) -> str:
    """Markdown without what a reader of the rendered page would not see."""
    from ingest.instructions import looks_like_instruction

    text = strip_hidden_html(normalise_unicode(text))
    text = _LINK_TITLE.sub(r"\1)", text)
    return _IMAGE.sub(
        lambda m: "" if looks_like_instruction(m.group(1)) else f"![{m.group(1)}]({m.group(2)})",
        text,
    )
