"""Incremental, atomic and bad-input behaviour of a whole ingestion run (real Chroma on disk,
the deterministic hashing embedder)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.embedding import HashingEmbedder
from ingest.errors import IngestLocked, ValidationFailed
from ingest.pipeline import Options, Summary, run_ingestion
from ingest.versions import IndexStore


def _run(
    corpus: Path, store: Path, embedder: HashingEmbedder | None = None, **kw: object
) -> Summary:
    emb = embedder or HashingEmbedder()
    return run_ingestion(Options(corpus=corpus, store=store, **kw), lambda: emb)  # type: ignore[arg-type]


def test_full_then_noop_then_one_edit(small_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    emb = HashingEmbedder()
    first = _run(small_corpus, store, emb)
    assert (first.seen, first.added, first.failed) == (5, 5, 0)
    assert first.switched and first.version == "v000001"
    assert first.chunks > 5 and first.chunks_embedded == first.chunks
    assert first.pages >= 7  # four single-page docs + a multi-page PDF

    embedded_before = emb.texts_embedded
    second = _run(small_corpus, store, emb)
    assert (second.unchanged, second.added, second.updated, second.removed) == (5, 0, 0, 0)
    assert not second.switched and second.version == "v000001"
    assert emb.texts_embedded == embedded_before  # nothing re-embedded

    kettle = small_corpus / "kitchen" / "kettle-quick-start.md"
    kettle.write_text(kettle.read_text() + "\n## Storage\nEmpty the kettle before storing it.\n")
    third = _run(small_corpus, store, emb)
    assert (third.updated, third.unchanged, third.added) == (1, 4, 0)
    assert third.switched and third.version == "v000002"
    # only the edited document's new or changed chunks were embedded
    assert 1 <= third.chunks_embedded <= 3
    manifest = IndexStore(store).current_manifest()
    assert manifest is not None and manifest.chunk_count == third.chunks


def test_deleted_document_is_removed(small_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    _run(small_corpus, store)
    (small_corpus / "policies" / "returns.md").unlink()
    summary = _run(small_corpus, store)
    assert summary.removed == 1 and summary.switched
    manifest = IndexStore(store).current_manifest()
    assert manifest is not None and "policies/returns.md" not in manifest.documents


def test_bad_files_are_reported_and_skipped(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (small_corpus / "empty.pdf").write_bytes(b"")
    (small_corpus / "blob.xyz").write_bytes(b"\x00\x01")
    with (small_corpus / "huge.pdf").open("wb") as fh:
        fh.truncate(200_000_000)
    (small_corpus / "_build").mkdir()
    (small_corpus / "_build" / "ignored.py").write_text("print('not a document')")
    summary = _run(small_corpus, tmp_path / "store")
    reasons = {f.source: f.reason for f in summary.failures}
    assert reasons == {
        "corrupt.pdf": "corrupt",
        "empty.pdf": "no_text",
        "blob.xyz": "unsupported_format",
        "huge.pdf": "too_large",
    }
    assert summary.added == 5 and summary.failed == 4 and summary.switched


def test_a_document_that_breaks_keeps_its_last_good_version(
    small_corpus: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    _run(small_corpus, store)
    pdf = small_corpus / "cameras" / "z8-guide.pdf"
    pdf.write_bytes(b"%PDF-1.4 truncated")
    summary = _run(small_corpus, store)
    assert (
        summary.failed == 1 and "previously ingested version is kept" in summary.failures[0].message
    )
    manifest = IndexStore(store).current_manifest()
    assert manifest is not None and "cameras/z8-guide.pdf" in manifest.documents


def test_rebuild_reprocesses_everything_from_the_cache(small_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    emb = HashingEmbedder()
    first = _run(small_corpus, store, emb)
    again = _run(small_corpus, store, emb, rebuild=True)
    assert again.added == 5 and again.switched and again.version == "v000002"
    assert again.chunks_embedded == 0 and again.chunks_from_cache == first.chunks


def test_dry_run_writes_nothing(small_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    summary = _run(small_corpus, store, dry_run=True)
    assert summary.added == 5 and summary.chunks > 0 and not summary.switched
    assert not (store / "CURRENT").exists()


def test_second_concurrent_ingestion_is_refused(small_corpus: Path, tmp_path: Path) -> None:
    store = IndexStore(tmp_path / "store")
    with store.lock(), pytest.raises(IngestLocked, match="another ingestion"):
        _run(small_corpus, store.root)


def test_failed_validation_keeps_the_live_version(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    _run(small_corpus, store)
    (small_corpus / "policies" / "new.md").write_text("# New policy\n\nSomething new.\n")

    def broken(*_: object) -> None:
        raise ValidationFailed("simulated")

    monkeypatch.setattr("ingest.pipeline._validate", broken)
    with pytest.raises(ValidationFailed):
        _run(small_corpus, store)
    assert IndexStore(store).current_name() == "v000001"
    assert not (store / "versions" / "v000002").exists()


def test_leftovers_of_a_killed_run_are_cleaned(small_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    _run(small_corpus, store)
    partial = store / "versions" / "v000002"
    shutil.copytree(store / "versions" / "v000001" / "chroma", partial / "chroma")  # no COMPLETE
    (small_corpus / "policies" / "new.md").write_text("# New policy\n\nSomething new.\n")
    summary = _run(small_corpus, store)
    assert summary.version == "v000003"  # never reuses a half-built folder's name
    assert not partial.exists()
