"""Document metadata: what explicit metadata says, or what the path and text imply.

Our corpus states title, document type, SKUs and model explicitly (front matter, ``<meta>``
tags, PDF document information). A foreign corpus may not: then the type comes from the file
name and folders, SKUs from SKU-shaped tokens in the text, the title from the first heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from ingest.models import DocType, DocumentMeta

SKU_PATTERN = re.compile(r"\b[A-Z]{3}-(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,6}(?:-[A-Z0-9]{1,4})?\b")

_TYPE_HINTS: tuple[tuple[DocType, tuple[str, ...]], ...] = (
    (DocType.COMPATIBILITY, ("compatib", "accessor", "blends")),
    (DocType.WARRANTY, ("warrant", "guarantee", "promise", "protection")),
    (DocType.TROUBLESHOOTING, ("troubleshoot", "faq", "problem")),
    (
        DocType.SETUP_GUIDE,
        (
            "setup",
            "set-up",
            "quick-start",
            "quickstart",
            "getting-started",
            "install",
            "club-guide",
        ),
    ),
    (
        DocType.POLICY,
        (
            "polic",
            "shipping",
            "returns",
            "refund",
            "terms",
            "billing",
            "payment",
            "subscriptions",
            "support",
        ),
    ),
)

_ALIASES = {
    "setup": DocType.SETUP_GUIDE,
    "setup guide": DocType.SETUP_GUIDE,
    "setup-guide": DocType.SETUP_GUIDE,
    "quick start": DocType.SETUP_GUIDE,
    "guide": DocType.MANUAL,
    "user manual": DocType.MANUAL,
}


def parse_doc_type(value: object) -> DocType | None:
    text = str(value or "").strip().lower()
    if not text:
        return None
    try:
        return DocType(text.replace(" ", "_").replace("-", "_"))
    except ValueError:
        return _ALIASES.get(text)


def infer_doc_type(source: str) -> DocType:
    path = PurePosixPath(source.lower())
    name = path.name
    for doc_type, hints in _TYPE_HINTS:
        if any(h in name for h in hints):
            return doc_type
    if any(part in ("policies", "policy", "legal") for part in path.parts[:-1]):
        return DocType.POLICY
    return DocType.MANUAL


def find_skus(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for text in texts:
        for match in SKU_PATTERN.findall(text):
            seen[match] = None
    return tuple(seen)


def parse_skus(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r"[,\s;]+", str(value))
    return tuple(dict.fromkeys(str(s).strip() for s in items if str(s).strip()))


def title_from_source(source: str) -> str:
    stem = PurePosixPath(source).stem
    return re.sub(r"[-_]+", " ", stem).strip().title() or source


def build_meta(
    source: str,
    explicit: Mapping[str, object],
    *,
    fallback_title: str | None,
    texts: Iterable[str],
) -> DocumentMeta:
    """Explicit metadata wins; anything missing is inferred."""
    title = str(explicit.get("title") or "").strip() or fallback_title or title_from_source(source)
    doc_type = parse_doc_type(explicit.get("doc_type")) or infer_doc_type(source)
    skus = parse_skus(explicit.get("skus")) if "skus" in explicit else find_skus(texts)
    model = str(explicit.get("model") or "").strip()
    return DocumentMeta(
        title=title, doc_type=doc_type, skus=skus, model=model, skus_explicit="skus" in explicit
    )
