"""A product the code has never seen is answered about after `assistant store import` and
`ingest`, with no code change: the commands a merchant runs, as subprocesses, on a copy of the
second pack (its exports, policy file and a few of its documents).

Everything is real: the embedding model, the Chroma index, the SQLite store, the router
(trained at the first start, as on a merchant's first run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "corpus" / "_packs" / "ridgeline"
NOW = "2026-11-24T14:00:00-07:00"
QUESTION = "how do i sharpen the Emberline Trail Axe? the edge got dull"
DOC = """# Emberline Trail Axe: Use and Care

The Emberline Trail Axe has a 600 g carbon-steel head on a 36 cm hickory handle, with a
leather edge sheath.

## Sharpening the edge

Sharpen the Trail Axe with a round puck stone, never on a powered grinder: the heat ruins the
temper of the steel. Work in small circles from the heel to the toe of the bit, 20 passes per
side, keeping the factory bevel of 25 degrees. Finish with a leather strop and a drop of
camellia oil on the head.

## Storage

Keep the sheath on whenever the axe is packed, and store it dry.
"""


def _axe_product(template: dict[str, Any]) -> dict[str, Any]:
    product = json.loads(json.dumps(template))  # same shape as the pack's own products
    product.update(
        id=9900000000001,
        title="Emberline Trail Axe",
        handle="emberline-trail-axe",
        vendor="Emberline",
        product_type="Tools",
        tags="tools, axe",
        body_html="<p>A 600 g carbon-steel trail axe on a hickory handle.</p>",
    )
    product["options"] = [
        {
            "id": 99000000000011,
            "product_id": product["id"],
            "name": "Title",
            "position": 1,
            "values": ["Default Title"],
        }
    ]
    variant = dict(product["variants"][0])
    variant.update(
        id=99000000000012,
        product_id=product["id"],
        title="Default Title",
        sku="EMB-AXE-600",
        price="64.00",
        option1="Default Title",
        option2=None,
        option3=None,
    )
    product["variants"] = [variant]
    product.pop("metafields", None)
    return product


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-4000:])
    return done.stdout


def _ask(tmp: Path, env: dict[str, str], db: str) -> dict[str, Any]:
    script = tmp / "script.yaml"
    script.write_text(f"now: {NOW}\nturns:\n  - {json.dumps(QUESTION)}\n", encoding="utf-8")
    out = _run(["assistant", "chat", "--script", str(script), "--json", "--database-url", db], env)
    return json.loads(out.strip().splitlines()[-1])


def test_a_new_product_is_answered_after_import_and_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(PACK / "_store", corpus / "_store")
    for folder in ("policies", "stoves-and-cookware"):
        shutil.copytree(PACK / folder, corpus / folder)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    env = {
        **os.environ,
        "AFTERCARE_ENVIRONMENT": "test",
        "AFTERCARE_CORPUS_DIR": str(corpus),
        "AFTERCARE_INDEX_DIR": str(tmp_path / "index"),
        "AFTERCARE_DATA_DIR": str(tmp_path / "data"),
        "AFTERCARE_STORE_POLICY_PATH": str(corpus / "_store" / "store.yaml"),
        "AFTERCARE_SEED_DEMO_DATA": "false",
        "AFTERCARE_LLM_BASE_URL": "",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    _run(["assistant", "store", "import", str(corpus / "_store"), "--database-url", db], env)
    _run(["ingest", "--corpus", str(corpus)], env)
    before = _ask(tmp_path, env, db)
    assert "puck" not in before["text"].lower()

    # The merchant adds the product to the catalogue export and its guide to the corpus.
    products_file = corpus / "_store" / "products.json"
    products = json.loads(products_file.read_text(encoding="utf-8"))
    products["products"].append(_axe_product(products["products"][0]))
    products_file.write_text(json.dumps(products, indent=1), encoding="utf-8")
    (corpus / "tools").mkdir()
    (corpus / "tools" / "emberline-trail-axe-care.md").write_text(DOC, encoding="utf-8")

    report = _run(
        ["assistant", "store", "import", str(corpus / "_store"), "--database-url", db], env
    )
    assert "products" in report
    ingested = _run(["ingest", "--corpus", str(corpus)], env)
    assert "1 added" in ingested

    after = _ask(tmp_path, env, db)
    text = after["text"].lower()
    assert "puck stone" in text and "25 degrees" in text, after["text"]
    assert "storage" not in text  # the sharpening lines, not the whole guide
    cited = json.dumps(after["citations"])
    assert "emberline-trail-axe-care.md" in cited, after["citations"]
