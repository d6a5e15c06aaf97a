"""Source files hold printable text: a control character typed by accident (a regex's ``\\b``
written into a plain string becomes a backspace) makes a pattern that never matches, silently."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("assistant", "ingest", "evals", "tests", "bench")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_source_file_holds_a_control_character() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, hit.start()) + 1}"
        for folder in SCANNED
        if (ROOT / folder).is_dir()
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in {".py", ".yaml", ".yml", ".md", ".json"} and ".venv" not in path.parts
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        if (hit := _CONTROL.search(text))
    ]
    assert found == []
