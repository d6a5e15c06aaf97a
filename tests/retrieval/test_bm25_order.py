"""BM25's scores are the same in every process: a query's terms are summed in the order the
query says them, not in a set's order, which changes with Python's hash seed (string hashing
is randomised per process) and moves the last bits of the sums, so ties broke differently
from one run to the next."""

from __future__ import annotations

import os
import subprocess
import sys

_SCRIPT = """
from assistant.retrieval.bm25 import BM25Index
docs = [
    "the plug is rated 15 A and 1800 W; space heaters above 1800 W trip it",
    "check that the device's own switch is on and the plug's LED is solid blue",
    "for indoor use only, in dry places, not in garages exposed to rain",
    "a shop light with a normal on off switch on the cord works with the plug",
]
index = BM25Index(docs)
query = "what about the big shop light in the dry garage, it has its own on off switch on the cord"
print(repr(sorted(index.scores(query).items())), repr(index.ceiling(query)))
"""


def _scores(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_scores_do_not_depend_on_the_hash_seed() -> None:
    runs = {_scores(seed) for seed in ("1", "2", "3", "4", "5", "6", "7", "8")}
    assert len(runs) == 1
