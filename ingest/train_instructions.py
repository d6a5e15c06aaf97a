"""Train the instruction-likeness classifier and write its parameters as JSON:

    python -m ingest.train_instructions [--corpus corpus] [--out ingest/instruction_model.json]

Logistic regression by full-batch gradient descent with L2 (numpy, fixed seed-free maths: the
same data gives the same weights). Positives: the ``instruction`` examples; negatives: the
``benign`` examples and every paragraph of the corpus (loaded by the ingestion loaders). The
threshold is the lowest probability that keeps every corpus paragraph below it, raised to at
least 0.5, so the classifier never quarantines the store's own documents.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import yaml

from ingest.instructions import DIMENSION, MIN_CLASSIFIED_WORDS, MODEL_PATH, features

EXAMPLES = Path(__file__).with_name("instruction_examples.yaml")


def corpus_paragraphs(corpus: Path) -> list[str]:
    from ingest.errors import DocumentError
    from ingest.loaders import load_file
    from ingest.pipeline import scan_corpus

    out = []
    for source, path in scan_corpus(corpus):
        try:
            document = load_file(path, source, max_bytes=50_000_000)
        except DocumentError:
            continue
        for block in document.blocks:  # whole blocks, and their lines (lists, tables)
            lines = block.text.split("\n")
            for text in [block.text, *lines] if len(lines) > 1 else [block.text]:
                if len(text.split()) >= MIN_CLASSIFIED_WORDS:
                    out.append(text)
    return out


def train(
    positives: list[str], negatives: list[str], epochs: int = 400, l2: float = 1e-4
) -> tuple[np.ndarray, float]:
    texts = positives + negatives
    y = np.array([1.0] * len(positives) + [0.0] * len(negatives))
    # a sparse matrix by hand: one (row, column, value) per feature
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        for key, value in features(text).items():
            rows.append(i)
            cols.append(key)
            vals.append(value)
    r, c, v = np.array(rows), np.array(cols), np.array(vals)
    # balance the classes: positives are few
    weight = np.where(y == 1.0, len(negatives) / max(1, len(positives)), 1.0)
    w = np.zeros(DIMENSION, dtype=np.float64)
    b = 0.0
    rate = 2.0
    for _ in range(epochs):
        z = np.bincount(r, weights=v * w[c], minlength=len(texts)) + b
        p = 1.0 / (1.0 + np.exp(-z))
        g = (p - y) * weight
        grad = np.bincount(c, weights=v * g[r], minlength=DIMENSION)
        w -= rate * (grad / len(texts) + l2 * w)
        b -= rate * float(g.mean())
    return w, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    data = yaml.safe_load(EXAMPLES.read_text())
    positives, benign = list(data["instruction"]), list(data["benign"])
    corpus = corpus_paragraphs(args.corpus)
    w, b = train(positives, benign + corpus)

    def prob(text: str) -> float:
        z = b + sum(w[k] * v for k, v in features(text).items())
        return float(1.0 / (1.0 + np.exp(-z)))

    highest_corpus = max((prob(t) for t in corpus), default=0.0)
    threshold = max(0.5, round(highest_corpus + 0.02, 3))
    caught = sum(prob(t) >= threshold for t in positives)
    weights = {str(i): round(float(v), 4) for i, v in enumerate(w) if abs(v) >= 5e-3}
    args.out.write_text(
        json.dumps(
            {"bias": round(b, 5), "threshold": threshold, "weights": weights}, sort_keys=True
        )
        + "\n"
    )
    print(
        f"{len(positives)} instructions, {len(benign)} benign, {len(corpus)} corpus paragraphs; "
        f"threshold {threshold}; training instructions caught {caught}/{len(positives)}; "
        f"{len(weights)} weights -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
