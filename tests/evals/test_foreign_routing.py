"""The routing suite runs on a dataset that is not ours (a QA team's own JSONL file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FOREIGN = [
    ("q1", "hey is my parcel still coming this week", "tracking"),
    ("q2", "need to ditch the order i placed an hour ago", "order_cancel"),
    ("q3", "how long is the guarantee on the grinder", "warranty_info"),
    ("q4", "pls stop the coffee bags for a couple of months", "subscription_pause"),
    ("q5", "can somebody from your staff phone me", "human_agent"),
    ("q6", "what's the capital of peru", "out_of_scope"),
]


def test_routing_suite_on_a_foreign_dataset(tmp_path: Path) -> None:
    dataset = tmp_path / "their-utterances.jsonl"
    dataset.write_text(
        "\n".join(json.dumps({"id": i, "text": t, "intent": n}) for i, t, n in FOREIGN) + "\n"
    )
    out = tmp_path / "routing.json"
    env = {**os.environ, "AFTERCARE_EMBEDDER": "hashing"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evals",
            "routing",
            "--dataset",
            str(dataset),
            "--json",
            str(out),
            "--router-cache",
            str(tmp_path / "router"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    for system in ("ours", "tfidf_lr"):
        items = result["systems"][system]["items"]
        assert [i["id"] for i in items] == [i for i, _, _ in FOREIGN]
        assert {"expected", "predicted", "confidence"} <= set(items[0])
        assert 0.0 <= result["systems"][system]["metrics"]["accuracy"] <= 1.0
