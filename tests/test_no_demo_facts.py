"""Product code knows no store: the demo store's product names, model names, SKUs, store name,
programme names and support addresses, read from its data pack (``corpus/_store``) at test
time, appear nowhere in ``assistant/`` or ``ingest/``: not in code, not in the demo generator
(whose input is the pack's ``demo.yaml``), not in the storefront page (the pack's
``storefront.html``), not in the router's or the instruction classifier's training examples
(which name products by what they are).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "corpus" / "_store"
SCANNED = ("assistant", "ingest")
SUFFIXES = {".py", ".js", ".css", ".html", ".yaml", ".yml", ".json", ".md", ".txt", ".toml"}


def demo_facts() -> set[str]:
    """What identifies the demo store, from its exports and policy file."""
    products = json.loads((PACK / "products.json").read_text(encoding="utf-8"))["products"]
    policy = yaml.safe_load((PACK / "store.yaml").read_text(encoding="utf-8"))
    facts: set[str] = {policy["name"], policy["support"]["email"]}
    facts.add(policy["support"]["email"].split("@", 1)[1])  # the store's domain
    for section, key in (("subscriptions", "program_name"), ("warranty", "extended_name")):
        value = (policy.get(section) or {}).get(key)
        if value:
            facts.add(value)
    for product in products:
        facts.add(product["title"])
        facts.update(v["sku"] for v in product["variants"] if v.get("sku"))
        facts.update(m["value"] for m in product.get("metafields", []) if m.get("key") == "model")
    return {f for f in facts if len(f) >= 4}


def _pattern(facts: list[str]) -> re.Pattern[str]:
    """Any of ``facts`` as a whole token: names and addresses in any case, SKU-like codes
    (no lower-case letters) exactly."""
    words = sorted(facts, key=len, reverse=True)
    alternatives = [
        f"(?i:{re.escape(f)})" if re.search(r"[a-z]", f) else re.escape(f) for f in words
    ]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")


def product_files() -> list[Path]:
    files = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES:
                files.append(path)
    return files


def test_the_facts_are_read_from_the_pack() -> None:
    facts = demo_facts()
    assert len(facts) > 40  # titles, SKUs, models, name, email, domain, programmes
    assert any("@" in f for f in facts)


def test_product_code_holds_no_demo_store_facts() -> None:
    pattern = _pattern(sorted(demo_facts()))
    found: dict[str, list[str]] = {}
    files = product_files()
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        hits = sorted({m.group(0) for m in pattern.finditer(text)})
        if hits:
            found[path.relative_to(ROOT).as_posix()] = hits
    assert not found, f"demo store facts in product code: {found}"


def test_the_scan_finds_a_planted_fact() -> None:
    """The matcher sees a SKU and a support address where code would put them."""
    facts = sorted(demo_facts())
    pattern = _pattern(facts)
    sku = next(f for f in facts if re.fullmatch(r"[A-Z0-9-]+", f))
    email = next(f for f in facts if "@" in f)
    code = f'DEFAULT = "{sku}"\nCONTACT = "write to {email.upper()}"\n'
    assert {m.group(0) for m in pattern.finditer(code)} == {sku, email.upper()}
    assert not pattern.search(f"{sku}X {sku.lower()}")  # a longer token, or another case
