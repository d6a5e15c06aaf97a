"""Ingestion never leaves the corpus: links (to files or folders, inside or out) and paths that
resolve outside the root are skipped and reported, never indexed; a run that is not on a
terminal prints progress lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion, scan_corpus
from ingest.progress import LineProgress
from ingest.scan import scan
from ingest.versions import IndexStore

GUIDE = "---\ntitle: Kettle Guide\ndoc_type: setup_guide\n---\n# Kettle\n\nBoil twice first.\n"
SECRET = "AWS_SECRET=hunter2-very-secret-value"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "guides").mkdir(parents=True)
    (root / "guides" / "kettle.md").write_text(GUIDE, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secrets.md").write_text(f"# Secrets\n\n{SECRET}\n", encoding="utf-8")
    (root / "hostname.txt").symlink_to("/etc/hostname")
    (root / "guides" / "creds.md").symlink_to(outside / "secrets.md")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "guides" / "again.md").symlink_to(root / "guides" / "kettle.md")  # inside, still a link
    return root


def test_links_are_skipped_and_reported(corpus: Path) -> None:
    found, skipped = scan(corpus)
    assert [source for source, _ in found] == ["guides/kettle.md"]
    assert [(s.source, s.reason) for s in skipped] == [
        ("guides/again.md", "symlink"),
        ("guides/creds.md", "symlink"),
        ("hostname.txt", "symlink"),
        ("linked-folder", "symlink"),
    ]
    assert scan_corpus(corpus) == found


def test_nothing_outside_becomes_a_passage(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "index"
    summary = run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    reasons = {f.source: f.reason for f in summary.failures}
    assert reasons == {
        "guides/again.md": "symlink",
        "guides/creds.md": "symlink",
        "hostname.txt": "symlink",
        "linked-folder": "symlink",
    }
    manifest = IndexStore(store).current_manifest()
    assert manifest is not None and list(manifest.documents) == ["guides/kettle.md"]


def test_a_document_that_became_a_link_is_removed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.md").write_text(GUIDE, encoding="utf-8")
    (root / "b.md").write_text(GUIDE.replace("Kettle", "Grinder"), encoding="utf-8")
    store = tmp_path / "index"
    run_ingestion(Options(corpus=root, store=store), HashingEmbedder)
    (root / "b.md").unlink()
    (root / "b.md").symlink_to("/etc/hostname")
    summary = run_ingestion(Options(corpus=root, store=store), HashingEmbedder)
    assert summary.removed == 1
    manifest = IndexStore(store).current_manifest()
    assert manifest is not None and list(manifest.documents) == ["a.md"]


def test_the_cli_reports_skipped_links(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("ingest.cli.make_embedder", HashingEmbedder)
    code = main(["--corpus", str(corpus), "--store", str(tmp_path / "index"), "--json"])
    assert code == 0
    out, err = capsys.readouterr()
    assert "skipped hostname.txt: symlink" in err
    assert json.loads(out)["documents"]["seen"] == 1
    assert "ingest: loading 0/1 documents" in err  # not a terminal: progress lines


def test_progress_lines_every_few_seconds() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = LineProgress("embedding", 100, interval=5.0, out=out, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 1.0
        bar.update(10)
    bar.close()
    assert out.getvalue().splitlines() == [
        "ingest: embedding 0/100 chunks (0%)",
        "ingest: embedding 50/100 chunks (50%)",
        "ingest: embedding 100/100 chunks (100%)",
        "ingest: embedding 100/100 chunks (100%) done",
    ]
