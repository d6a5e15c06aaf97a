"""``ingest``: build or update the document index from a corpus folder.

Exit codes: 0 done (problem files are reported and skipped), 1 problems found with --strict,
2 bad arguments, 3 another ingestion holds the lock, 4 the new index failed validation (the
previous version keeps serving).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ingest.embedding import Embedder, HashingEmbedder, MiniLMEmbedder
from ingest.errors import IngestLocked, ValidationFailed
from ingest.pipeline import Options, Summary, run_ingestion
from ingest.progress import LineProgress


def build_parser() -> argparse.ArgumentParser:
    from assistant.settings import get_settings

    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="ingest",
        description="Ingest product documents (PDF, Markdown, HTML, CSV/YAML sheets) into the "
        "assistant's index. Unchanged documents are skipped; the live index is "
        "switched only after the new version is built and validated.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=settings.corpus_dir,
        help=f"folder of documents (default: {settings.corpus_dir})",
    )
    parser.add_argument(
        "--store",
        type=Path,
        default=settings.index_dir,
        help=f"index folder (default: {settings.index_dir})",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="re-process every document into a fresh index version",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    parser.add_argument(
        "--json", action="store_true", help="print a machine-readable summary on stdout"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if any file could not be ingested"
    )
    parser.add_argument(
        "--chroma-url",
        default=settings.chroma_url,
        help="a Chroma server to keep the index versions' vectors in, e.g. "
        "http://127.0.0.1:8001 (default: AFTERCARE_CHROMA_URL; unset: on disk in the index)",
    )
    parser.add_argument(
        "--max-file-mb",
        type=int,
        default=settings.max_file_mb,
        help=f"skip files larger than this (default: {settings.max_file_mb})",
    )
    return parser


def make_embedder() -> Embedder:
    from assistant.settings import get_settings

    if get_settings().embedder == "hashing":
        return HashingEmbedder()
    return MiniLMEmbedder(threads=None)  # bulk work: every core


def _progress_factory(enabled: bool) -> Any:
    """tqdm bars on a terminal; otherwise a progress line every few seconds."""

    def factory(stage: str, total: int) -> Any:
        from ingest.pipeline import _null_progress

        if total == 0:
            return _null_progress(stage, total)
        if not enabled:
            return LineProgress(stage, total)
        from tqdm import tqdm

        return tqdm(
            total=total,
            desc=stage,
            unit="doc" if stage == "loading" else "chunk",
            file=sys.stderr,
            leave=False,
        )

    return factory


def _print_human(summary: Summary) -> None:
    d = summary.as_dict()
    docs = d["documents"]
    print(
        f"documents: {docs['seen']} seen, {docs['added']} added, {docs['updated']} updated, "
        f"{docs['unchanged']} unchanged, {docs['removed']} removed, {docs['failed']} failed"
    )
    print(
        f"index: {summary.chunks} chunks from {summary.pages} pages; "
        f"{summary.chunks_embedded} embedded, {summary.chunks_from_cache} from cache"
    )
    if summary.dry_run:
        print("dry run: nothing was written")
    elif summary.switched:
        print(f"live version: {summary.version} (was {summary.previous_version or 'none'})")
    else:
        print(f"live version: {summary.version or 'none'} (nothing changed)")
    for f in summary.failures:
        print(f"skipped {f.source}: {f.reason}: {f.message}")
    for q in summary.quarantined:
        print(f"quarantined (instruction-like, not indexed) {q.source}: {q.text[:80]!r}")
    print(f"{summary.seconds:.2f} s")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    if not args.corpus.is_dir():
        print(f"ingest: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    options = Options(
        corpus=args.corpus,
        store=args.store,
        rebuild=args.rebuild,
        dry_run=args.dry_run,
        max_bytes=args.max_file_mb * 1_000_000,
        chroma_url=args.chroma_url,
    )
    show_bar = sys.stderr.isatty() and not os.environ.get("CI")
    try:
        summary = run_ingestion(options, make_embedder, _progress_factory(show_bar))
    except IngestLocked as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 3
    except ValidationFailed as exc:
        print(
            f"ingest: the new index failed validation and was discarded; the previous "
            f"version keeps serving: {exc}",
            file=sys.stderr,
        )
        return 4
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        _print_human(summary)
    for f in summary.failures:
        print(f"ingest: skipped {f.source}: {f.reason}: {f.message}", file=sys.stderr)
    return 1 if (args.strict and summary.failures) else 0
