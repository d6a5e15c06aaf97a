"""The retrieval suite runs on a corpus and dataset that are not ours."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FOREIGN_DOCS = {
    "blenders/vortex-blender-manual.md": (
        "# Vortex 900 Blender Manual\n\n## Assembly\n1. Place the jar on the motor base.\n"
        "2. Turn the jar clockwise until it clicks.\n\n## Cleaning\nAdd warm water and a drop of "
        "soap, run the PULSE program for 30 seconds, then rinse the jar.\n"
    ),
    "blenders/vortex-warranty.md": (
        "# Vortex Limited Warranty\n\nThe VTX-BL900 motor base is covered for 7 years against "
        "defects. The jar and blade are covered for 1 year. Cracks from dropping are not "
        "covered.\n"
    ),
    "lamps/lumen-desk-lamp.html": (
        "<html><head><title>Lumen Desk Lamp Guide</title><meta name='skus' content='LMN-DL2'>"
        "</head><body><h1>Lumen Desk Lamp</h1><h2>Dimming</h2><p>Touch and hold the top of the "
        "lamp to dim. Double tap to switch between warm and cool light.</p></body></html>"
    ),
    "shop/returns.md": "# Returns\n\nItems can be returned within 60 days with the receipt.\n",
}
QUESTIONS = [
    {
        "id": "f1",
        "question": "how to clean the blender jar with soap",
        "relevant_sources": ["blenders/vortex-blender-manual.md"],
    },
    {
        "id": "f2",
        "question": "how many years is the motor warranty",
        "relevant_sources": ["blenders/vortex-warranty.md"],
    },
    {
        "id": "f3",
        "question": "make the lamp light warm instead of cool",
        "relevant_sources": ["lamps/lumen-desk-lamp.html"],
        "products": ["LMN-DL2"],
    },
    {
        "id": "f4",
        "question": "can I return items within 60 days",
        "relevant_sources": ["shop/returns.md"],
    },
]


@pytest.fixture
def foreign(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "foreign-corpus"
    for rel, text in FOREIGN_DOCS.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text)
    dataset = tmp_path / "questions.jsonl"
    dataset.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n")
    return corpus, dataset


def _evals(*args: str, embedder: str = "hashing") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AFTERCARE_EMBEDDER": embedder}
    return subprocess.run(
        [sys.executable, "-m", "evals", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_retrieval_suite_on_a_foreign_corpus(foreign: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, dataset = foreign
    out_file = tmp_path / "out.json"
    out = _evals(
        "retrieval",
        "--corpus",
        str(corpus),
        "--dataset",
        str(dataset),
        "--json",
        str(out_file),
        "--scratch",
        str(tmp_path / "scratch"),
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out_file.read_text())
    assert result["suite"] == "retrieval"
    assert set(result["systems"]) == {"ours", "bm25", "llamaindex"}
    for system in result["systems"].values():
        items = system["items"]
        assert [i["id"] for i in items] == ["f1", "f2", "f3", "f4"]
        assert all(
            set(r) == {"source", "section", "page", "score"} for i in items for r in i["retrieved"]
        )
        assert 0.0 <= system["metrics"]["recall@5"] <= 1.0
    ours = result["systems"]["ours"]["metrics"]
    assert ours["recall@5"] == 1.0  # four documents: any sane retriever finds them
    assert "ours" in out.stdout and "llamaindex" in out.stdout
    # the product filter applied: f3's passages are about the lamp or store-wide
    f3 = next(i for i in result["systems"]["ours"]["items"] if i["id"] == "f3")
    assert {r["source"] for r in f3["retrieved"]} <= {
        "lamps/lumen-desk-lamp.html",
        "shop/returns.md",
        "blenders/vortex-blender-manual.md",
    }
    # a second run reuses the scratch index (same corpus hashes)
    again = _evals(
        "retrieval",
        "--corpus",
        str(corpus),
        "--dataset",
        str(dataset),
        "--scratch",
        str(tmp_path / "scratch"),
    )
    assert again.returncode == 0 and len(list((tmp_path / "scratch").iterdir())) == 1


def test_a_malformed_dataset_is_reported(foreign: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, dataset = foreign
    dataset.write_text('{"id": "x", "question": "q"}\n')
    out = _evals(
        "retrieval",
        "--corpus",
        str(corpus),
        "--dataset",
        str(dataset),
        "--scratch",
        str(tmp_path / "s"),
    )
    assert out.returncode == 2 and "relevant_sources" in out.stderr
