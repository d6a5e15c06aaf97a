"""The intent router: which of the published intents a customer's message is about.

One multinomial logistic regression over two feature blocks of the (normalised) message:

- its sentence embedding (unit-length, from the :class:`~ingest.embedding.Embedder`: MiniLM in
  production), which carries meaning across paraphrases;
- sub-word TF-IDF over character 2-5-grams inside word boundaries (lower-cased, digits folded
  to ``0``), which keeps typos, slang spellings and run-together words close to the training
  phrasing.

It is trained on the team-written examples in ``router_examples.yaml`` (never on eval or
third-party data). Training imports scikit-learn; routing is numpy only: one embedding, a sparse
gather and a 25-way softmax. :mod:`assistant.planner.router_store` saves the learned parameters
(``.npz`` + ``.json``, no pickle) so a start with a warm cache neither retrains nor re-embeds.

Whether a confidence is high enough to act on is the caller's decision
(``settings.router_threshold``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray

from assistant.intents import Intent
from ingest.embedding import Embedder, EmbeddingCache, Vector, embed_with_cache

ROUTER_VERSION = "1"  # bump when features, hyper-parameters or training change
EXAMPLES_PATH = Path(__file__).resolve().parent / "router_examples.yaml"
MAX_CHARS = 512  # longer messages are cut (at a word boundary): bounded, deterministic latency
NGRAM_RANGE = (2, 5)
REGULARISATION_C = 10.0
FALLBACK = Intent.OUT_OF_SCOPE  # what an empty message routes to, with confidence 0.0

Floats = NDArray[np.float32]
_DIGIT = re.compile(r"\d")


class ExamplesError(ValueError):
    """The training examples are unusable; the message says which intent or line."""


@dataclass(frozen=True, slots=True)
class RouteResult:
    intent: Intent
    confidence: float  # probability of ``intent``, in [0, 1]
    ranked: list[tuple[Intent, float]]  # every intent, most probable first


def load_examples(path: Path = EXAMPLES_PATH) -> dict[Intent, list[str]]:
    """Training utterances per intent; every intent must have some, unknown names are refused."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster at start-up
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
    if not isinstance(raw, dict):
        raise ExamplesError(f"{path}: expected a mapping of intent name to utterances")
    examples: dict[Intent, list[str]] = {}
    for name, utterances in raw.items():
        try:
            intent = Intent(name)
        except ValueError:
            raise ExamplesError(f"{path}: unknown intent {name!r}") from None
        if not isinstance(utterances, list) or not all(isinstance(u, str) for u in utterances):
            raise ExamplesError(f"{path}: {name}: expected a list of strings")
        examples[intent] = [u for u in utterances if u.strip()]
    check_examples(examples)
    return {intent: examples[intent] for intent in Intent}


def check_examples(examples: Mapping[Intent, Sequence[str]]) -> None:
    missing = [i.value for i in Intent if not examples.get(i)]
    if missing:
        raise ExamplesError(f"no training examples for: {', '.join(missing)}")
    owners: dict[str, Intent] = {}
    for intent, utterances in examples.items():
        for utterance in utterances:
            key = normalise(utterance).lower()
            if owners.setdefault(key, intent) != intent:
                raise ExamplesError(
                    f"{utterance!r} is an example of both {owners[key]} and {intent}"
                )


def normalise(text: str) -> str:
    """Whitespace collapsed, cut to at most ``MAX_CHARS`` characters without splitting a word."""
    collapsed = " ".join(text.split())
    if len(collapsed) <= MAX_CHARS:
        return collapsed
    cut = collapsed[: MAX_CHARS + 1]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_CHARS]


def char_ngrams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (scikit-learn's ``char_wb``)."""
    grams: Counter[str] = Counter()
    low, high = NGRAM_RANGE
    for word in _DIGIT.sub("0", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if n > len(padded):
                break
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def ngram_features(
    text: str, vocabulary: Mapping[str, int], idf: Floats
) -> tuple[NDArray[np.intp], Floats]:
    """Column indices and unit-length sublinear TF-IDF values of the known n-grams of ``text``."""
    counts = [(vocabulary[g], c) for g, c in char_ngrams(text).items() if g in vocabulary]
    if not counts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
    index = np.fromiter((i for i, _ in counts), dtype=np.intp, count=len(counts))
    tf = np.fromiter((1.0 + math.log(c) for _, c in counts), dtype=np.float32, count=len(counts))
    values = tf * idf[index]
    return index, (values / np.linalg.norm(values)).astype(np.float32)


@dataclass(frozen=True, eq=False)
class RouterParams:
    """Everything routing needs; what :mod:`router_store` persists."""

    intents: tuple[Intent, ...]  # row order of the weights
    embedder_id: str
    vocabulary: dict[str, int]  # n-gram -> column of ``w_ngrams``
    idf: Floats  # (n_ngrams,)
    w_embedding: Floats  # (n_intents, dimension)
    w_ngrams: Floats  # (n_ngrams, n_intents): rows gathered per message
    bias: Floats  # (n_intents,)


class IntentRouter:
    def __init__(self, params: RouterParams, embedder: Embedder) -> None:
        if params.embedder_id != embedder.model_id:
            raise ValueError(
                f"router was trained with {params.embedder_id}, not {embedder.model_id}"
            )
        if params.w_embedding.shape[1] != embedder.dimension:
            raise ValueError(f"router expects {params.w_embedding.shape[1]}-d embeddings")
        self.params = params
        self.embedder = embedder

    @classmethod
    def train(
        cls,
        examples: Mapping[Intent, Sequence[str]],
        embedder: Embedder,
        *,
        cache: EmbeddingCache | None = None,
    ) -> IntentRouter:
        """Fit on ``examples``; their embeddings go through ``cache`` when one is given."""
        check_examples(examples)
        texts = [normalise(t) for i in Intent for t in examples.get(i, ())]
        labels = [i for i in Intent for _ in examples.get(i, ())]
        if cache is None:
            vectors = embedder.embed(texts)
        else:
            vectors, _ = embed_with_cache(texts, embedder, cache)
        return cls(fit_params(texts, labels, vectors, embedder.model_id), embedder)

    def route(self, text: str) -> RouteResult:
        """The most probable intent for ``text``. Whitespace-only text embeds nothing and routes
        to ``FALLBACK`` with confidence 0.0; text longer than ``MAX_CHARS`` is cut first."""
        clean = normalise(text)
        if not clean:
            return self._empty()
        return self._result(clean, self.embedder.embed([clean])[0])

    def route_vector(self, text: str, vector: Vector) -> RouteResult:
        """Route reusing ``vector``: this embedder's embedding of ``normalise(text)``."""
        clean = normalise(text)
        return self._result(clean, vector) if clean else self._empty()

    def route_many(self, texts: Sequence[str]) -> list[RouteResult]:
        """Like :meth:`route` for each text, embedding them in one batch."""
        clean = [normalise(t) for t in texts]
        todo = [c for c in clean if c]
        vectors = iter(self.embedder.embed(todo)) if todo else iter(())
        return [self._result(c, next(vectors)) if c else self._empty() for c in clean]

    def _result(self, clean: str, vector: Vector) -> RouteResult:
        p = self.params
        logits = p.w_embedding @ np.asarray(vector, dtype=np.float32) + p.bias
        index, values = ngram_features(clean, p.vocabulary, p.idf)
        if index.size:
            logits = logits + values @ p.w_ngrams[index]
        exp = np.exp(logits - logits.max())
        probs = exp / exp.sum()
        order = np.argsort(-probs, kind="stable")
        ranked = [(p.intents[i], float(probs[i])) for i in order]
        return RouteResult(intent=ranked[0][0], confidence=ranked[0][1], ranked=ranked)

    def _empty(self) -> RouteResult:
        others = [(i, 0.0) for i in self.params.intents if i is not FALLBACK]
        return RouteResult(intent=FALLBACK, confidence=0.0, ranked=[(FALLBACK, 0.0), *others])


def fit_params(
    texts: Sequence[str], labels: Sequence[Intent], vectors: Vector, embedder_id: str
) -> RouterParams:
    """Build the n-gram vocabulary and fit the logistic regression (imports scikit-learn)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if set(labels) != set(Intent):
        raise ExamplesError("every intent needs training examples")
    document_frequency: Counter[str] = Counter()
    for text in texts:
        document_frequency.update(char_ngrams(text).keys())
    grams_sorted = sorted(document_frequency)
    vocabulary = {g: i for i, g in enumerate(grams_sorted)}
    n_docs = len(texts)
    idf = np.array(  # scikit-learn's smoothed idf
        [math.log((1 + n_docs) / (1 + document_frequency[g])) + 1.0 for g in grams_sorted],
        dtype=np.float32,
    )
    rows, cols, vals = [], [], []
    for row, text in enumerate(texts):
        index, values = ngram_features(text, vocabulary, idf)
        rows.extend([row] * index.size)
        cols.extend(index.tolist())
        vals.extend(values.tolist())
    grams = sparse.csr_matrix((vals, (rows, cols)), shape=(n_docs, len(vocabulary)))
    features = sparse.hstack([sparse.csr_matrix(vectors), grams]).tocsr()
    intents = tuple(Intent)  # check_examples() guarantees every intent has examples
    position = {intent: row for row, intent in enumerate(intents)}
    y = np.array([position[label] for label in labels])
    model = LogisticRegression(C=REGULARISATION_C, max_iter=2000)
    with threadpool_limits(limits=1):  # multi-threaded BLAS makes L-BFGS's small steps 3x slower
        model.fit(features, y)
    coef = np.asarray(model.coef_, dtype=np.float32)
    dim = vectors.shape[1]
    return RouterParams(
        intents=intents,
        embedder_id=embedder_id,
        vocabulary=vocabulary,
        idf=idf,
        w_embedding=np.ascontiguousarray(coef[:, :dim]),
        w_ngrams=np.ascontiguousarray(coef[:, dim:].T),
        bias=np.asarray(model.intercept_, dtype=np.float32),
    )
