"""CSV and YAML sheets: each row becomes a structured record and a readable passage.

Compatibility sheets (columns ``product_sku, product_name, accessory_sku, accessory_name,
compatible, price, notes``) read as sentences a customer would understand; any other sheet reads
as "column: value" pairs under the sheet's title.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

import yaml

from ingest.docmeta import build_meta, find_skus, title_from_source
from ingest.errors import CorruptDocument, NoText
from ingest.loaders.text import decode_text
from ingest.models import Block, BlockKind, DocType, LoadedDocument

_SKU_COLUMNS = ("product_sku", "accessory_sku", "sku")
_COMPAT = {
    "yes": "is compatible with",
    "no": "is not compatible with",
    "partial": "is partly compatible with",
}


def _passage(row: Mapping[str, str], title: str) -> str:
    if {"product_name", "accessory_name", "compatible"} <= row.keys():
        accessory = row["accessory_name"] + (
            f" ({row['accessory_sku']})" if row.get("accessory_sku") else ""
        )
        product = row["product_name"] + (
            f" ({row['product_sku']})" if row.get("product_sku") else ""
        )
        verdict = _COMPAT.get(
            row["compatible"].strip().lower(), f"compatibility '{row['compatible']}' with"
        )
        parts = [f"{accessory} {verdict} {product}."]
        price = (row.get("price") or "").strip()
        if price:
            parts.append(f"Price: ${price.lstrip('$')}.")
        notes = (row.get("notes") or "").strip()
        if notes:
            parts.append(notes if notes.endswith(".") else notes + ".")
        return " ".join(parts)
    pairs = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in row.items() if str(v).strip())
    return f"{title}: {pairs}."


def _row_label(row: Mapping[str, str], number: int) -> str:
    """A readable section name for a row: the accessory or first non-empty value."""
    for column in ("accessory_name", "name", "title"):
        if row.get(column):
            return row[column]
    first = next((v for v in row.values() if v), "")
    return f"Row {number}: {first}" if first else f"Row {number}"


def _row_skus(row: Mapping[str, str]) -> tuple[str, ...]:
    explicit = [row[c].strip() for c in _SKU_COLUMNS if (row.get(c) or "").strip()]
    return tuple(dict.fromkeys(explicit)) or find_skus(row.values())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # YAML reads yes/no as booleans
        return "yes" if value else "no"
    return str(value).strip()


def _records_to_document(rows: Iterable[Mapping[str, object]], source: str) -> LoadedDocument:
    clean = [{str(k).strip(): _cell(v) for k, v in r.items() if k} for r in rows]
    clean = [r for r in clean if any(r.values())]
    if not clean:
        raise NoText("the sheet has no rows")
    title = title_from_source(source)
    blocks = [
        Block(
            text=_passage(row, title),
            section=(_row_label(row, i),),
            kind=BlockKind.RECORD,
            record=row,
            skus=_row_skus(row),
        )
        for i, row in enumerate(clean, start=1)
    ]
    anchor = [r["product_sku"] for r in clean if r.get("product_sku")]
    all_skus = tuple(dict.fromkeys([*anchor, *(s for b in blocks for s in b.skus)]))
    meta = build_meta(source, {"skus": list(all_skus)}, fallback_title=title, texts=())
    if {"product_name", "accessory_name", "compatible"} <= clean[0].keys():
        meta.doc_type = DocType.COMPATIBILITY
    return LoadedDocument(source=source, meta=meta, blocks=blocks, pages=1)


def load_csv(data: bytes, source: str) -> LoadedDocument:
    text = decode_text(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except csv.Error as exc:
        raise CorruptDocument(f"not a readable CSV file: {exc}") from exc
    return _records_to_document(rows, source)


def load_yaml(data: bytes, source: str) -> LoadedDocument:
    try:
        loaded = yaml.safe_load(decode_text(data))
    except yaml.YAMLError as exc:
        raise CorruptDocument(f"not valid YAML: {exc}") from exc
    if isinstance(loaded, dict):  # a mapping holding one list of records, e.g. {items: [...]}
        lists = [v for v in loaded.values() if isinstance(v, list)]
        loaded = lists[0] if len(lists) == 1 else None
    if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
        raise CorruptDocument("a YAML sheet must be a list of records (mappings)")
    return _records_to_document(loaded, source)
