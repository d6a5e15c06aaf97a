"""HTML: visible text only. Scripts, styles, templates, page chrome (nav, footer) and hidden
elements (``hidden``, ``aria-hidden``, ``display:none``, ``visibility:hidden``) are dropped;
headings become the section path, ordered lists stay whole procedures, tables become rows."""

from __future__ import annotations

from html.parser import HTMLParser

from ingest.clean import hidden_style, normalise_unicode
from ingest.docmeta import build_meta
from ingest.loaders.text import decode_text, normalise_space
from ingest.models import Block, BlockKind, LoadedDocument

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "svg",
    "iframe",
    "form",
    "button",
    "select",
    "object",
    "canvas",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "header",
    "aside",
    "address",
    "body",
}


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    """Hidden by attribute or by inline CSS (``ingest.clean.hidden_style``: display, visibility,
    opacity, a font of 2 px or less, text coloured like its background, off-screen)."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    return hidden_style(attrs.get("style") or "")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, drops its content)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.in_title = False
        self.headings: list[tuple[int, str]] = []
        self.heading_level = 0
        self.heading_text: list[str] = []
        self.text: list[str] = []
        self.lists: list[tuple[str, list[str]]] = []  # (ol|ul, items)
        self.item: list[str] | None = None
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.blocks: list[Block] = []
        self.first_h1: str | None = None

    @property
    def dropping(self) -> bool:
        return any(drop for _, drop in self.stack)

    def section(self) -> tuple[str, ...]:
        return tuple(t for _, t in self.headings)

    def flush_text(self) -> None:
        text = normalise_space(" ".join(self.text))
        self.text = []
        if text:
            self.blocks.append(Block(text=text, section=self.section(), kind=BlockKind.TEXT))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "meta" and attr.get("name") and attr.get("content") is not None:
            self.meta[str(attr["name"]).lower()] = str(attr["content"])
        if tag in _VOID:
            if tag == "br":
                self._add(" ")
            return
        hidden = tag in _DROP or _is_hidden(attr)
        self.stack.append((tag, hidden))
        if self.dropping:
            return
        if tag == "title":
            self.in_title = True
        elif tag in _HEADINGS:
            self.flush_text()
            self.heading_level, self.heading_text = _HEADINGS[tag], []
        elif tag in ("ol", "ul"):
            self.flush_text()
            self.lists.append((tag, []))
        elif tag == "li":
            self.item = []
        elif tag == "table":
            self.flush_text()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in _BLOCKS and not self.lists and self.table is None:
            self.flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        was_dropping = self.dropping
        while self.stack:
            open_tag, _ = self.stack.pop()
            if not was_dropping:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HEADINGS and self.heading_level:
            text = normalise_space(" ".join(self.heading_text))
            level = self.heading_level
            self.heading_level = 0
            if text:
                if level == 1 and self.first_h1 is None:
                    self.first_h1 = text
                self.headings = [(lv, t) for lv, t in self.headings if lv < level] + [(level, text)]
        elif tag == "li" and self.item is not None and self.lists:
            text = normalise_space(" ".join(self.item))
            if text:
                self.lists[-1][1].append(text)
            self.item = None
        elif tag in ("ol", "ul") and self.lists:
            kind, items = self.lists.pop()
            if items:
                if kind == "ol":
                    lines = [f"{i}. {t}" for i, t in enumerate(items, 1)]
                    block_kind = BlockKind.STEPS
                else:
                    lines = [f"- {t}" for t in items]
                    block_kind = BlockKind.LIST
                if self.lists and self.item is not None:  # nested list: part of the parent item
                    self.item.append(" ".join(lines))
                else:
                    self.blocks.append(Block("\n".join(lines), self.section(), kind=block_kind))
        elif tag in ("td", "th") and self.cell is not None and self.table:
            self.table[-1].append(normalise_space(" ".join(self.cell)))
            self.cell = None
        elif tag == "table" and self.table is not None:
            rows = [" | ".join(r) for r in self.table if any(r)]
            if rows:
                self.blocks.append(Block("\n".join(rows), self.section(), kind=BlockKind.TABLE))
            self.table = None
        elif tag in _BLOCKS and not self.lists and self.table is None:
            self.flush_text()

    def handle_data(self, data: str) -> None:
        if self.in_title and not self.dropping:
            self.title += data
            return
        if self.dropping or not self.stack:
            return
        if any(t == "head" for t, _ in self.stack):
            return
        self._add(data)

    def _add(self, data: str) -> None:
        if self.dropping:
            return
        if self.heading_level:
            self.heading_text.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        elif self.item is not None:
            self.item.append(data)
        else:
            self.text.append(data)


def load_html(data: bytes, source: str) -> LoadedDocument:
    parser = _Visible()
    parser.feed(normalise_unicode(decode_text(data)))
    parser.close()
    parser.flush_text()
    explicit: dict[str, object] = {}
    if parser.title.strip():
        explicit["title"] = normalise_space(parser.title)
    if "doc-type" in parser.meta:
        explicit["doc_type"] = parser.meta["doc-type"]
    if "skus" in parser.meta:
        explicit["skus"] = parser.meta["skus"]
    if "model" in parser.meta:
        explicit["model"] = parser.meta["model"]
    blocks = parser.blocks
    if parser.first_h1:
        blocks = [
            Block(
                b.text,
                b.section[1:] if b.section[:1] == (parser.first_h1,) else b.section,
                b.page,
                b.kind,
            )
            for b in blocks
        ]
    meta = build_meta(
        source, explicit, fallback_title=parser.first_h1, texts=(b.text for b in blocks)
    )
    return LoadedDocument(source=source, meta=meta, blocks=blocks, pages=1)
