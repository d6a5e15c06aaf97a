"""Documents find their products in the store's catalogue export, in any SKU format."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from ingest.embedding import HashingEmbedder
from ingest.loaders import load_file
from ingest.pipeline import Options, run_ingestion
from ingest.products import ProductMatcher, match_products
from ingest.scan import scan

ROOT = Path(__file__).resolve().parents[2]
PACKS = [ROOT / "corpus", ROOT / "corpus" / "_packs" / "ridgeline"]


def product(
    pid: int, title: str, vendor: str, skus: list[str], model: str = ""
) -> dict[str, object]:
    record: dict[str, object] = {
        "id": pid,
        "title": title,
        "vendor": vendor,
        "product_type": "Gear",
        "variants": [{"id": pid * 10 + i, "sku": s, "price": "10.00"} for i, s in enumerate(skus)],
    }
    if model:
        record["metafields"] = [{"namespace": "aftercare", "key": "model", "value": model}]
    return record


EXPORT = {
    "products": [
        product(1, "Tarnwick Halo 3 Camp Lantern", "Tarnwick", ["#LAN-0003/R", "#LAN-0003/B"]),
        product(2, "Tarnwick BrightCell Power Bank", "Tarnwick", ["PB10K"]),
        product(3, "Osprell Wind Shell - Women's", "Osprell", ["W-SHELL-S", "W-SHELL-M"]),
        product(4, "Quillby Kettle", "Quillby", ["QK1"], model="Q-Boil One"),
        {"title": "", "variants": []},  # skipped, not fatal
    ]
}


@pytest.fixture
def matcher() -> ProductMatcher:
    return ProductMatcher.from_export(EXPORT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Charge the Halo 3 before a trip.", ["#LAN-0003/R", "#LAN-0003/B"]),
        ("Pairs with the BrightCell over USB-C.", ["PB10K"]),  # a coined name alone
        ("Order PB10K separately.", ["PB10K"]),  # the store's own SKU format
        ("The Osprell Wind Shell packs into its pocket.", ["W-SHELL-S", "W-SHELL-M"]),
        ("Descale the Q-Boil One monthly.", ["QK1"]),  # the store's model name
        ("A halo of light and a wind shell from anywhere.", []),  # plain words are no product
        ("PB10KX is another code.", []),
    ],
)
def test_titles_models_and_skus_are_matched(
    matcher: ProductMatcher, text: str, expected: list[str]
) -> None:
    assert list(matcher.match([text])) == expected


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_metadata_wins_and_policies_count_only_skus(
    tmp_path: Path, matcher: ProductMatcher
) -> None:
    guide = _write(
        tmp_path,
        "guide.md",
        """\
        ---
        title: Lantern guide
        skus: [PB10K]
        ---
        # Halo 3 lantern
        Charge the Halo 3.
        """,
    )
    document = load_file(guide, "guide.md", max_bytes=1_000_000)
    assert match_products(document, matcher) == {"skus": ["PB10K"], "by": "metadata"}

    policy = _write(
        tmp_path,
        "policies/returns.md",
        "# Returns\nThe Halo 3 can be returned within 30 days; PB10K batteries cannot.\n",
    )
    document = load_file(policy, "policies/returns.md", max_bytes=1_000_000)
    assert match_products(document, matcher) == {"skus": ["PB10K"], "by": "catalogue"}

    bare = _write(tmp_path, "notes.md", "# Notes\nNothing about products here.\n")
    document = load_file(bare, "notes.md", max_bytes=1_000_000)
    assert match_products(document, matcher) == {"skus": [], "by": "none"}
    assert match_products(load_file(bare, "notes.md", max_bytes=1_000_000), None)["by"] == "none"


@pytest.mark.parametrize("corpus", PACKS, ids=["demo", "ridgeline"])
def test_each_pack_finds_the_products_its_metadata_names_without_it(corpus: Path) -> None:
    """With the metadata ignored, matching finds every product that each document's front
    matter names (more are allowed: guides mention accessories)."""
    matcher = ProductMatcher.for_corpus(corpus)
    assert matcher is not None
    product_of = {sku: i for i, p in enumerate(matcher.products) for sku in p.skus}
    files, _ = scan(corpus)
    named = found = 0
    for source, path in files:
        document = load_file(path, source, max_bytes=50_000_000)
        if not document.meta.skus_explicit or not document.meta.skus:
            continue
        want = {product_of[s] for s in document.meta.skus if s in product_of}
        got = {product_of[s] for s in matcher.match(b.text for b in document.blocks)}
        named += len(want)
        found += len(want & got)
        assert want <= got, (source, [matcher.products[i].title for i in want - got])
    assert named >= 80 and found == named


def test_ingest_reports_which_documents_matched_which_products(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "_store").mkdir(parents=True)
    (corpus / "_store" / "products.json").write_text(json.dumps(EXPORT), encoding="utf-8")
    _write(corpus, "lighting/halo.md", "# Halo 3 manual\n\n## Charging\nCharge the Halo 3 fully.\n")
    _write(corpus, "about.md", "# About us\n\n## Story\nWe sell outdoor gear.\n")
    summary = run_ingestion(Options(corpus=corpus, store=tmp_path / "index"), HashingEmbedder)
    report = summary.as_dict()["products"]
    assert report["lighting/halo.md"] == {
        "skus": ["#LAN-0003/R", "#LAN-0003/B"],
        "by": "catalogue",
    }
    assert report["about.md"] == {"skus": [], "by": "none"}
    assert not any(re.match(r"_store/", source) for source in report)
