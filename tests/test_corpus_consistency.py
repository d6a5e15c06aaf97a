"""The corpus agrees with the demo store's data (``corpus/_store/demo.yaml``
and policy ``corpus/_store/store.yaml``): SKUs, prices, warranty and
Northfield Protect terms, metadata, up-to-date PDFs, size. PDF text is checked through its source
in ``corpus/_build/sources``; ``test_pdfs_are_rendered_from_current_sources`` ties the two."""

from __future__ import annotations

import csv
import html
import importlib.util
import re
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml
from pypdf import PdfReader

from assistant.store.demo_spec import demo_products
from assistant.store.policy import load_policy

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SOURCES = CORPUS / "_build" / "sources"
DOC_TYPES = {"manual", "setup_guide", "troubleshooting", "warranty", "compatibility", "policy"}
SHEET_KEYS = "product_sku product_name accessory_sku accessory_name compatible price notes".split()
SKU_RE = re.compile(r"\b[A-Z]{3}-(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,6}(?:-[A-Z0-9]{1,4})?\b")
OUR_PREFIXES = ("AUR", "LUM", "KST", "TRP", "CLV", "RCC", "STR", "HMY", "CUI")
POLICY = load_policy(CORPUS / "_store" / "store.yaml")
BY_SKU = {p.sku: p for p in demo_products()}
NAMES = sorted(((p.name, p.sku) for p in demo_products()), key=lambda item: -len(item[0]))
EW = {o.sku: (o.extra_months, o.price) for o in POLICY.warranty.extended_offers if o.sku}
STORE_PRICES = {m.price for m in POLICY.shipping.methods} | {f.amount for f in POLICY.returns.fees}
STORE_PRICES |= {POLICY.shipping.free_shipping_threshold or Decimal("0")}
PLANS = POLICY.subscriptions.plans if POLICY.subscriptions else []
REPLACEMENT_RULE = r"rest of the original[^.]*\b90 days\b[^.]*whichever is longer"


class Doc(NamedTuple):
    path: Path
    meta: dict[str, str]  # title, doc_type and, for PDF sources, pdf
    skus: list[str]
    lines: list[str]


def _ingestible() -> list[Path]:
    paths = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    return [p for p in paths if not re.search(r"(^|/)[_.]", p.relative_to(CORPUS).as_posix())]


def _visible_html(raw: str) -> str:
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return re.sub(r"(?is)<(\w+)\b[^>]*(?:\shidden\b|display:\s*none)[^>]*>.*?</\1>", " ", raw)


def _load_doc(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        match = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, re.S)
        meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        skus = meta.pop("skus", None)
        skus = [str(s) for s in skus] if isinstance(skus, list) else ["<not a list>"]
        body = (match.group(2) if match else raw).splitlines()
        return Doc(path, {k: str(v) for k, v in meta.items() if v is not None}, skus, body)
    meta = dict(re.findall(r'<meta name="([\w-]+)" content="([^"]*)"', raw))
    meta["doc_type"] = meta.pop("doc-type", "")
    skus = [s.strip() for s in meta.pop("skus", "<missing>").split(",") if s.strip()]
    title = re.search(r"(?is)<title>(.*?)</title>", raw)
    meta["title"] = title.group(1).strip() if title else ""
    # Visible text, one block per line; table rows become Markdown-style "| a | b |" lines.
    text = " ".join(_visible_html(raw).split())
    text = re.sub(r"(?i)</t[hd]>", " |", re.sub(r"(?i)<tr\b[^>]*>", "\n|", text))
    blocks = r"p|li|h[1-6]|div|tr|table|ul|ol|nav|header|footer|main|aside|title"
    text = re.sub(rf"(?i)</?(?:{blocks})\b[^>]*>|<br\s*/?>", "\n", text)
    lines = html.unescape(re.sub(r"<[^>]+>", " ", text)).splitlines()
    return Doc(path, meta, skus, [ln for ln in lines if ln.strip()])


@cache
def _docs() -> tuple[Doc, ...]:
    """Markdown and HTML documents, plus the PDF sources (the PDFs' text)."""
    paths = [*_ingestible(), *sorted(SOURCES.glob("*.md"))]
    return tuple(_load_doc(p) for p in paths if p.suffix in {".md", ".html"})


@cache
def _sheets() -> tuple[tuple[Path, list[dict[str, str]]], ...]:
    """Compatibility sheets: the CSV and YAML sheets with a ``product_sku`` column."""
    out = []
    for path in (p for p in _ingestible() if p.suffix in {".csv", ".yaml", ".yml"}):
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh)) if path.suffix == ".csv" else yaml.safe_load(fh)
        if rows and "product_sku" in rows[0]:
            out.append((path, [{k: str(v or "") for k, v in r.items()} for r in rows]))
    return tuple(out)


def _units(doc: Doc) -> list[tuple[str, list[str] | None]]:
    """Sentences and table rows (with their header): where a product and its facts go together."""
    units: list[tuple[str, list[str] | None]] = []
    header = None
    for line in map(str.strip, doc.lines):
        if not line.startswith("|"):
            header = None
            units += [(s, None) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])", line) if s]
        elif not re.fullmatch(r"[|\s:-]*", line):
            cells = [c.strip() for c in line.strip("|").split("|")]
            units += [(line, header)] if header else []
            header = header or cells
    return units


def _products(unit: str, doc: Doc | None = None) -> set[str]:
    """Products a unit names (SKU or exact name), else those of a single-product ``doc``."""
    found = set(SKU_RE.findall(unit)) & BY_SKU.keys()
    for name, sku in NAMES:
        found |= {sku} if name in unit else set()
        unit = unit.replace(name, " ")
    return found or (set(doc.skus) & BY_SKU.keys() if doc and len(doc.skus) == 1 else set())


def _allowed_prices(sku: str) -> set[Decimal]:
    p, cent = BY_SKU[sku], Decimal("0.01")
    tax = (p.price * POLICY.tax.rate("NY")).quantize(cent)  # the documented NY tax example
    prices = {p.price, 2 * p.price, 3 * p.price, tax, p.price + tax}
    prices |= {EW[sku][1]} if sku in EW else set()
    if p.subscription_eligible:
        prices |= {c.price for c in PLANS}
        prices |= {(c.price / c.quantity).quantize(cent) for c in PLANS}
    return prices


def _column_months(header: str, sku: str) -> int | None:
    """Months a warranty table column must state for ``sku`` (None: not a warranty column)."""
    h, months, extra = header.lower(), BY_SKU[sku].warranty_months, EW.get(sku, (None,))[0]
    if "total" in h:
        return None if extra is None else months + extra
    if "protect" in h or "extra" in h:
        return extra
    return months if "warranty" in h or "guarantee" in h else None


def test_sku_tokens_are_catalogue_skus() -> None:
    texts = [p for p in CORPUS.rglob("*") if p.suffix in {".md", ".html", ".csv", ".yaml", ".yml"}]
    found = {(p.name, t) for p in texts for t in SKU_RE.findall(p.read_text(encoding="utf-8"))}
    assert not {(f, t) for f, t in found if t.startswith(OUR_PREFIXES) and t not in BY_SKU}


def test_prices_next_to_products_are_catalogue_prices() -> None:
    wrong = []
    for doc in _docs():
        for unit, _ in _units(doc):
            prices = {Decimal(p.replace(",", "")) for p in re.findall(r"\$(\d[\d,]*\.\d\d)", unit)}
            if prices and (skus := _products(unit, doc)):
                allowed = STORE_PRICES.union(*map(_allowed_prices, skus))
                wrong += [f"{doc.path.name}: ${p} in {unit[:100]!r}" for p in prices - allowed]
    assert not wrong


def test_compatibility_sheets_match_catalogue() -> None:
    errors: list[str] = []
    verdicts: dict[tuple[str, str], set[str]] = {}
    for path, rows in _sheets():
        for n, row in enumerate(rows, start=2):
            product, acc = BY_SKU.get(row.get("product_sku", "")), row.get("accessory_sku", "")
            accessory = BY_SKU.get(acc)
            pair = (row.get("product_sku", ""), acc)
            verdicts.setdefault(pair, set()).add(row.get("compatible", ""))
            if list(row) != SHEET_KEYS or row["compatible"] not in {"yes", "no", "partial"}:
                errors.append(f"{path.name}:{n} bad keys or compatible value")
            elif product is None or not row["product_name"].startswith(product.name):
                errors.append(f"{path.name}:{n} product {row['product_sku']}")
            elif acc and not (accessory and row["accessory_name"].startswith(accessory.name)):
                errors.append(f"{path.name}:{n} accessory {acc}")
            elif row["price"] != (f"{accessory.price}" if accessory else ""):
                errors.append(f"{path.name}:{n} {acc or row['accessory_name']} at {row['price']}")
    assert not errors
    # A -> B and B -> A must not contradict each other (e.g. "partial" vs "yes").
    assert not [pair for pair, v in verdicts.items() if not v & verdicts.get(pair[::-1], v)]


def test_warranty_documents_state_durations_protect_and_replacement_terms() -> None:
    missing = []
    for doc in (d for d in _docs() if d.meta.get("doc_type") == "warranty"):
        text = " ".join(doc.lines)
        durations = {BY_SKU[s].warranty_months for s in doc.skus} - {0}
        for months in durations:
            years = rf"|\b{months // 12}[- ]years?\b" if months % 12 == 0 else ""
            if not re.search(rf"\b{months}[- ]months?\b{years}", text):
                missing.append(f"{doc.path.name}: {months} months")
        if durations and not re.search(rf"replacement[^.]*{REPLACEMENT_RULE}", text):
            missing.append(f"{doc.path.name}: cover of repaired or replacement products")
        for sku in set(doc.skus) & EW.keys():
            needed = (f"${EW[sku][1]}", f"{EW[sku][0]} months", "one accidental damage claim")
            missing += [f"{doc.path.name}: {sku} {n!r}" for n in needed if n not in text]
    assert not missing
    # Any statement of the replacement rule, in any document, says "or 90 days, whichever longer".
    rules = [u for d in _docs() for u, _ in _units(d) if "rest of the original" in u]
    assert not [u for u in rules if not re.search(REPLACEMENT_RULE, u)]


def test_warranty_and_protect_months_match_catalogue() -> None:
    wrong = []
    for doc in _docs():
        for unit, header in _units(doc):
            if header is not None:  # columns such as Warranty, Protect adds, Extra, Total
                if len(skus := _products(unit)) == 1:
                    cells = [c.strip() for c in unit.strip("|").split("|")]
                    for col, cell in zip(header, cells, strict=False):
                        expected, got = _column_months(col, *skus), re.search(r"\d+", cell)
                        if expected is not None and got and int(got.group()) != expected:
                            wrong.append(f"{doc.path.name}: {col}={cell!r} for {skus}")
            elif len(skus := _products(unit, doc)) == 1:
                (sku,) = skus
                said = re.findall(r"\b(\d+)-month (?:standard )?(?:warranty|workmanship gua)", unit)
                said += [str(12 * int(y)) for y in re.findall(r"\b(\d+)-year limited warr", unit)]
                added = re.findall(r"(?:adds|\+)\s?(\d+) months", unit) if "Protect" in unit else []
                bad = {int(m) for m in said} - {BY_SKU[sku].warranty_months}
                bad |= {int(m) for m in added} - {EW.get(sku, (None,))[0]}
                wrong += [f"{doc.path.name}: {unit[:100]!r}"] if bad else []
    assert not wrong


def test_metadata_and_every_product_documented() -> None:
    metas: list[tuple[str, object, object, list[str]]] = [
        (d.path.name, d.meta.get("title"), d.meta.get("doc_type"), d.skus) for d in _docs()
    ]
    for pdf in (p for p in _ingestible() if p.suffix == ".pdf"):
        info: dict[str, object] = dict(PdfReader(pdf).metadata or {})
        skus = [s for s in str(info.get("/SKUs", "<missing>")).split(",") if s]
        metas.append((pdf.name, info.get("/Title"), info.get("/DocType"), skus))
    assert not [m for m in metas if not m[1] or m[2] not in DOC_TYPES or set(m[3]) - BY_SKU.keys()]
    # Every product has a manual or setup guide, a warranty document and a compatibility row.
    guides = {s for _, _, t, skus in metas if t in {"manual", "setup_guide"} for s in skus}
    warranties = {s for _, _, t, skus in metas if t == "warranty" for s in skus}
    rows = [r for _, sheet in _sheets() for r in sheet]
    in_sheets = {r["product_sku"] for r in rows} | {r["accessory_sku"] for r in rows}
    assert not BY_SKU.keys() - (guides & warranties & in_sheets)


def test_pdfs_are_rendered_from_current_sources(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("render_pdfs", SOURCES.parent / "render_pdfs.py")
    assert spec and spec.loader
    renderer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = renderer  # dataclasses look their module up here
    spec.loader.exec_module(renderer)
    stale, rendered = [], set()
    for source in sorted(SOURCES.glob("*.md")):
        new = Path(renderer.render(source, tmp_path))
        old = CORPUS / new.relative_to(tmp_path)
        rendered.add(old)
        if not old.is_file() or old.read_bytes() != new.read_bytes():
            stale.append(f"{old.name}: run `python corpus/_build/render_pdfs.py`")
    assert not stale
    assert {p for p in _ingestible() if p.suffix == ".pdf"} <= rendered  # no orphan PDFs


def test_corpus_size_contract() -> None:
    pdfs = [PdfReader(p) for p in _ingestible() if p.suffix == ".pdf"]
    assert len([pdf for pdf in pdfs if len(pdf.pages) >= 2]) >= 4
    texts = [page.extract_text() or "" for pdf in pdfs for page in pdf.pages]
    for path in (p for p in _ingestible() if p.suffix != ".pdf"):
        text = path.read_text(encoding="utf-8")
        texts.append(_visible_html(text) if path.suffix == ".html" else text)
    assert sum(len(re.sub(r"<[^>]+>", " ", text).split()) for text in texts) >= 25_000
