from __future__ import annotations

from ingest.chunking import MAX_WORDS, chunk_document
from ingest.models import Block, BlockKind, DocType, DocumentMeta, LoadedDocument


def _doc(blocks: list[Block]) -> LoadedDocument:
    return LoadedDocument(
        "a/manual.md", DocumentMeta("Manual", DocType.MANUAL, ("ABC-XY1",)), blocks
    )


def test_a_procedure_that_fits_is_never_cut() -> None:
    intro = Block(" ".join(["word"] * 120), ("Setup",))
    steps = Block(
        "\n".join(f"{i}. " + " ".join(["step"] * 8) for i in range(1, 7)),
        ("Setup",),
        kind=BlockKind.STEPS,
    )
    chunks = chunk_document(_doc([intro, steps]))
    holding = [c for c in chunks if "1. step" in c.text]
    assert len(holding) == 1 and "6. step" in holding[0].text
    assert all(len(c.text.split()) <= MAX_WORDS for c in chunks)


def test_a_long_procedure_is_cut_between_steps() -> None:
    steps = Block(
        "\n".join(f"{i}. " + " ".join(["do"] * 30) for i in range(1, 11)),
        ("Reset",),
        kind=BlockKind.STEPS,
    )
    chunks = chunk_document(_doc([steps]))
    assert len(chunks) >= 2
    for chunk in chunks:
        assert len(chunk.text.split()) <= MAX_WORDS
        assert all(line[0].isdigit() for line in chunk.text.splitlines())  # whole steps only


def test_long_prose_is_cut_at_sentences() -> None:
    prose = Block(" ".join(f"Sentence number {i} is here." for i in range(100)), ("Intro",))
    chunks = chunk_document(_doc([prose]))
    assert len(chunks) >= 3
    assert all(c.text.rstrip().endswith(".") for c in chunks)


def test_sections_and_pages_are_not_mixed() -> None:
    blocks = [
        Block("Alpha text " * 30, ("A",), page=1),
        Block("Beta text " * 30, ("B",), page=1),
        Block("Gamma text " * 30, ("B",), page=2),
    ]
    chunks = chunk_document(_doc(blocks))
    assert [(c.section, c.page) for c in chunks] == [(("A",), 1), (("B",), 1), (("B",), 2)]


def test_records_stay_one_per_chunk_with_their_skus() -> None:
    rows = [
        Block(
            f"Row {i} text.",
            (f"Item {i}",),
            kind=BlockKind.RECORD,
            record={"i": str(i)},
            skus=("ABC-XY1", f"ACC-R{i}X"),
        )
        for i in range(3)
    ]
    chunks = chunk_document(_doc(rows))
    assert len(chunks) == 3
    assert chunks[1].record == {"i": "1"} and chunks[1].skus == ("ABC-XY1", "ACC-R1X")


def test_ids_and_hashes_are_stable() -> None:
    blocks = [Block("Some text about charging the battery.", ("Charging",))]
    first, second = chunk_document(_doc(blocks)), chunk_document(_doc(blocks))
    assert [(c.id, c.content_hash) for c in first] == [(c.id, c.content_hash) for c in second]
    changed = chunk_document(_doc([Block("Other text.", ("Charging",))]))
    assert changed[0].id == first[0].id and changed[0].content_hash != first[0].content_hash
