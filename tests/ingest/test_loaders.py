from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfWriter

from ingest.errors import (
    CorruptDocument,
    EncryptedDocument,
    FileTooLarge,
    NoText,
    Unreadable,
    UnsupportedFormat,
)
from ingest.loaders import load_file
from ingest.models import BlockKind, DocType
from tests.conftest import COMPAT_CSV, HEADPHONES_HTML, KETTLE_MD

MB = 1_000_000


def _load(path: Path, source: str | None = None) -> object:
    return load_file(path, source or path.name, max_bytes=50 * MB)


def test_markdown_keeps_front_matter_sections_and_whole_procedures(tmp_path: Path) -> None:
    path = tmp_path / "kettle.md"
    path.write_text(KETTLE_MD)
    doc = load_file(path, "kitchen/kettle.md", max_bytes=MB)
    assert doc.meta.title == "Kettle Quick Start"
    assert doc.meta.doc_type is DocType.SETUP_GUIDE
    assert doc.meta.skus == ("CUI-KTL-17",)
    assert doc.meta.model == "Precision Kettle"
    steps = [b for b in doc.blocks if b.kind is BlockKind.STEPS]
    assert len(steps) == 1
    assert steps[0].section == ("Descaling",)
    assert steps[0].text.splitlines()[0].startswith("1. Mix one part")
    assert steps[0].text.splitlines()[-1].startswith("4. Rinse")


def test_markdown_without_front_matter_infers_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ACME-warranty.md"
    path.write_text("# Acme Blender Warranty\n\nThe ABC-BL200 blender has a 2 year warranty.\n")
    doc = load_file(path, "blenders/acme-warranty.md", max_bytes=MB)
    assert doc.meta.title == "Acme Blender Warranty"
    assert doc.meta.doc_type is DocType.WARRANTY
    assert doc.meta.skus == ("ABC-BL200",)


def test_html_drops_scripts_styles_chrome_and_hidden_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HEADPHONES_HTML)
    doc = load_file(path, "audio/page.html", max_bytes=MB)
    text = " ".join(b.text for b in doc.blocks)
    for hidden in (
        "SECRET SCRIPT",
        "HIDDENCODE",
        "HIDDENATTR",
        "NAVTEXT",
        "FOOTERTEXT",
        "color:red",
    ):
        assert hidden not in text
    assert doc.meta.title == "SoundWave Pro Quick Start"
    assert doc.meta.doc_type is DocType.SETUP_GUIDE
    assert doc.meta.skus == ("AUR-SWP-100",)
    steps = next(b for b in doc.blocks if b.kind is BlockKind.STEPS)
    assert steps.section == ("Pairing",)
    assert steps.text.startswith("1. Hold Power for 5 seconds")
    assert "2. Select SoundWave Pro" in steps.text
    table = next(b for b in doc.blocks if b.kind is BlockKind.TABLE)
    assert "Battery | 40 hours" in table.text


def test_csv_rows_become_records_and_readable_passages(tmp_path: Path) -> None:
    path = tmp_path / "z8-compatibility.csv"
    path.write_text(COMPAT_CSV)
    doc = load_file(path, "cameras/z8-compatibility.csv", max_bytes=MB)
    assert doc.meta.doc_type is DocType.COMPATIBILITY
    records = [b for b in doc.blocks if b.kind is BlockKind.RECORD]
    assert len(records) == 2
    assert records[0].record is not None and records[0].record["accessory_sku"] == "LUM-BP-F2"
    assert records[0].text.startswith(
        "Lumora BP-F2 Battery (LUM-BP-F2) is compatible with Lumora Z8 (LUM-Z8-BODY). "
        "Price: $69.99."
    )
    assert records[1].text.startswith("Lumora BP-F1 Battery is partly compatible")
    assert set(records[0].skus) == {"LUM-Z8-BODY", "LUM-BP-F2"}


def test_yaml_sheet(tmp_path: Path) -> None:
    path = tmp_path / "blends.yaml"
    path.write_text(
        "- product_sku: RCC-PDR-12\n  product_name: Premium Dark Roast\n  accessory_sku: ''\n"
        "  accessory_name: French press\n  compatible: yes\n  price: ''\n  notes: Coarse grind\n"
    )
    doc = load_file(path, "coffee/blends.yaml", max_bytes=MB)
    assert len(doc.blocks) == 1
    assert "French press is compatible with Premium Dark Roast (RCC-PDR-12)" in doc.blocks[0].text


def test_yaml_that_is_not_records_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("just a string\n")
    with pytest.raises(CorruptDocument):
        _load(path)


def test_pdf_pages_headings_and_metadata(tmp_path: Path, make_pdf: object) -> None:
    from tests.conftest import MANUAL_PDF_MD

    pdf = make_pdf(tmp_path, MANUAL_PDF_MD)  # type: ignore[operator]
    doc = load_file(pdf, "cameras/z8-guide.pdf", max_bytes=MB)
    assert doc.pages >= 2
    assert doc.meta.title == "Lumora Z8 User Guide"
    assert doc.meta.skus == ("LUM-Z8-BODY",)
    reset = next(b for b in doc.blocks if b.section == ("Resetting the camera",))
    assert reset.kind is BlockKind.STEPS and reset.page == 1
    assert reset.text.splitlines() == [
        "1. Open Menu > Setup > Reset.",
        "2. Choose Reset All Settings.",
        "3. Confirm with OK.",
    ]
    assert max(b.page or 0 for b in doc.blocks) == doc.pages
    # running header (title) and footer (Page N of M) are removed
    assert not any("Page 1 of" in b.text for b in doc.blocks)


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedDocument):
        _load(path)


def test_image_only_pdf_has_no_text(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(NoText, match="image-only"):
        _load(path)


@pytest.mark.parametrize("content", [b"%PDF-1.4\n1 0 obj garbage without end", b"hello world"])
def test_corrupt_pdf(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(content)
    with pytest.raises(CorruptDocument):
        _load(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(NoText):
        _load(path)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "blob.xyz"
    path.write_bytes(os.urandom(64))
    with pytest.raises(UnsupportedFormat, match=r"\.xyz"):
        _load(path)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:  # a sparse 200 MB file
        fh.truncate(200 * MB)
    with pytest.raises(FileTooLarge, match=r"200\.0 MB"):
        _load(path)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    path.symlink_to(tmp_path / "missing-target.md")
    with pytest.raises(Unreadable):
        _load(path)


def test_binary_text_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"\xff\xfe\x00\x01binary")
    with pytest.raises(Unreadable):
        _load(path)
