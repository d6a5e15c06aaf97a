"""``assistant serve`` (what ``make run`` starts): uvicorn in factory mode on the configured
host and port; it prints the demo storefront's URL once the app is ready."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import ROOT, ApiTemplate

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_prints_the_demo_url_when_ready(api_template: ApiTemplate, tmp_path: Path) -> None:
    """Also: ``--database-url`` picks the store over the setting, and the printed URL is where
    the server listens when no public URL is configured."""
    db = tmp_path / "store.db"
    shutil.copyfile(api_template.database_file, db)
    port = _free_port()
    public = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "AFTERCARE_PORT": str(port),
        "AFTERCARE_EMBEDDER": "hashing",
        "AFTERCARE_INDEX_DIR": str(api_template.index_dir),
        "AFTERCARE_DATABASE_URL": f"sqlite:///{tmp_path / 'not-this.db'}",
        "AFTERCARE_STORE_NOW": "2026-01-20T10:00:00-05:00",
        "AFTERCARE_DEMO_MODE": "1",  # as `make run`
    }
    env.pop("AFTERCARE_PUBLIC_URL", None)
    command = [sys.executable, "-m", "assistant", "serve", "--database-url", f"sqlite:///{db}"]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as server:
        try:
            assert server.stdout is not None
            deadline = time.monotonic() + 60
            line, lines = "", []
            while time.monotonic() < deadline and not line.startswith("Demo storefront:"):
                line = server.stdout.readline()
                lines.append(line)
                assert line or server.poll() is None, "the server exited"
            assert line.startswith(f"Demo storefront: {public}/demo"), line
            assert any("DEMO MODE" in earlier for earlier in lines), lines
            assert httpx.get(f"{public}/readyz").status_code == 200
            assert httpx.get(f"{public}/demo").status_code == 200
            assert not (tmp_path / "not-this.db").exists()
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_invalid_settings_refuse_to_start() -> None:
    env = {  # production refuses demo mode (unset secrets would be generated, not refused)
        **os.environ,
        "AFTERCARE_ENVIRONMENT": "production",
        "AFTERCARE_DEMO_MODE": "1",
        "AFTERCARE_PORT": "1",
    }
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "serve"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 2
    assert "invalid settings" in out.stderr and "Traceback" not in out.stderr
    assert "demo_mode cannot be on in production" in out.stderr
