"""``GET /documents/{path}``: corpus files, read-only, traversal-safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api.routes.documents import resolve_document
from tests.api.conftest import assert_clean_error


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("audio/soundwave-pro/soundwave-pro-user-manual.pdf", "application/pdf"),
        ("coffee/coffee-club-guide.md", "text/plain; charset=utf-8"),
        ("smart-home/homely-warranty.html", "text/html; charset=utf-8"),
        ("smart-home/homely-compatibility.yaml", "text/plain; charset=utf-8"),
    ],
)
def test_corpus_files_are_served(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(f"/documents/{path}")
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == (Path("corpus") / path).read_bytes()
    if path.endswith(".html"):
        assert response.headers["content-security-policy"].startswith("sandbox")


def test_csv_sheets_are_served(client: TestClient) -> None:
    csv = next(p for p in Path("corpus").rglob("*.csv") if "_build" not in p.parts)
    response = client.get(f"/documents/{csv.relative_to('corpus').as_posix()}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize(
    "path",
    [
        "../pyproject.toml",
        "%2e%2e/pyproject.toml",
        "..%2fpyproject.toml",
        "audio/../../pyproject.toml",
        "%2fetc%2fpasswd",
        "/etc/passwd",
        "_build/render_pdfs.py",
        "_build/sources/cuisina-kettle-manual.md",
        ".hidden.md",
        "audio",
        "audio/missing.pdf",
        "audio\\..\\..\\pyproject.toml",
        "coffee/coffee-club-guide.md%00.pdf",
    ],
)
def test_anything_else_is_404(client: TestClient, path: str) -> None:
    assert_clean_error(client.get(f"/documents/{path}"), 404)


def test_symlinks_cannot_leave_the_corpus(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "secret.md"
    corpus.mkdir()
    outside.write_text("secret")
    (corpus / "link.md").symlink_to(outside)
    (corpus / "ok.md").write_text("fine")
    (corpus / "notes.exe").write_text("no")
    assert resolve_document(corpus, "link.md") is None
    assert resolve_document(corpus, "notes.exe") is None
    assert resolve_document(corpus, "ok.md") == (corpus / "ok.md").resolve()
