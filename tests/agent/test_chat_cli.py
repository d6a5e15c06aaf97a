"""``assistant chat --script FILE --json``: one JSON object per customer turn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "text",
    "intent",
    "confidence",
    "citations",
    "tool_calls",
    "pending_action",
    "executed_actions",
    "escalation",
}


def test_script_replay_prints_one_json_object_per_turn(tmp_path: Path) -> None:
    script = tmp_path / "skip.yaml"
    script.write_text(
        "now: 2026-01-20T10:00:00-05:00\n"
        "identity:\n  customer_email: alex.kim@example.com\n"
        "turns:\n  - skip my next coffee delivery\n  - yes\n"
    )
    env = {
        **os.environ,
        "AFTERCARE_EMBEDDER": "hashing",
        "AFTERCARE_INDEX_DIR": str(tmp_path / "index"),
        "AFTERCARE_CORPUS_DIR": str(ROOT / "corpus"),
    }
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--script", str(script), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    turns = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert len(turns) == 2
    assert all(set(t) >= KEYS for t in turns)
    assert turns[0]["pending_action"]["action"] == "skip_next_delivery"
    assert turns[0]["executed_actions"] == []
    assert [a["action"] for a in turns[1]["executed_actions"]] == ["skip_next_delivery"]
    assert turns[1]["pending_action"] is None


def test_a_malformed_script_is_a_clear_error(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("turns: []\n")
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--script", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 2 and "turns" in out.stderr
